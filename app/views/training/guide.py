"""The guide panel beside a wizard in training mode, and the outline over the control a step
talks about.

:class:`GuidePanel` follows the wizard's :attr:`~app.views.common.wizard_frame.WizardFrame.page_shown`
(page ids), shows that screen's steps from the guide file (:mod:`app.views.training.guide_data`)
and paints an outline (:class:`TargetOutline`) over the control named by the first step's
``target``. The filing wizard's panel has the “Điền dữ liệu mẫu” button, which fills the page on
display with the chosen procedure's example answers (:func:`fill_sample`).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.views.common.wizard_frame import WizardFrame
from app.views.common.wizard_page import escape
from app.views.training.guide_data import Guide, GuideStep

PANEL_STYLE = """
QFrame#guidePanel { background: #fff8e1; border-left: 3px solid #f0b400; }
QLabel#guideTitle { font-weight: bold; color: #5d4200; }
QLabel#guideHeading { font-weight: bold; color: #0b3d91; margin-top: 8px; }
QLabel#guideQuote { font-style: italic; color: #4a4a4a; }
QLabel#guideText { color: #1b1b1b; }
QLabel#guideProblem { color: #b10e1e; }
QLabel#guideNote { color: #2e6b00; }
"""

OUTLINE_COLOR = QColor("#e8590c")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def resolve_target(frame: WizardFrame, target: str) -> QWidget | None:
    """The widget ``target`` names on the page on display (``page:ATTR``, ``frame:ATTR``,
    ``row:FIELD_ID``); ``None`` when the page has no such widget."""
    if not target or not frame.pages:
        return None
    kind, _, name = target.partition(":")
    page = frame.current_page()
    if kind == "frame":
        found: Any = getattr(frame, name, None)
    elif kind == "row":
        found = getattr(page, "rows", {}).get(name)
    else:
        found = getattr(page, name, None)
        if found is not None and not isinstance(found, QWidget):  # a button group
            buttons = getattr(found, "buttons", None)
            found = buttons()[0].parentWidget() if callable(buttons) and buttons() else None
    return found if isinstance(found, QWidget) else None


class TargetOutline(QWidget):
    """A painted outline over one control of the wizard; it lets the mouse through and follows
    the control when it moves (scrolling, resizing)."""

    def __init__(self, frame: WizardFrame):
        super().__init__(frame)
        self.setObjectName("guideOutline")
        self.frame = frame
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.target: QWidget | None = None
        self._watched: list[QObject] = []
        self.box = QRect()
        frame.installEventFilter(self)
        self.hide()

    def follow(self, widget: QWidget | None) -> None:
        for obj in self._watched:
            obj.removeEventFilter(self)
        self._watched = []
        self.target = widget
        if widget is not None:
            node: QWidget | None = widget
            while node is not None and node is not self.frame:
                node.installEventFilter(self)
                self._watched.append(node)
                node = node.parentWidget()
        self.place()

    def place(self) -> None:
        target = self.target
        if target is None or not target.isVisible() or not self.frame.isVisible():
            self.box = QRect()
            self.hide()
            return
        self.setGeometry(self.frame.rect())
        box = QRect(target.mapTo(self.frame, QPoint(0, 0)), target.size()).adjusted(-4, -4, 4, 4)
        # Only the part of the control the page shows (its scroll area clips the rest).
        viewport = self.frame.stack.geometry().adjusted(-4, -4, 4, 4)
        if self.frame.stack.isAncestorOf(target):
            box = box.intersected(viewport)
        self.box = box
        self.setVisible(not box.isEmpty())
        self.raise_()
        self.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide):
            self.place()
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt override
        if self.box.isEmpty():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(OUTLINE_COLOR, 3))
        painter.setBrush(QColor(232, 89, 12, 28))
        painter.drawRoundedRect(self.box.adjusted(1, 1, -1, -1), 6, 6)


class GuidePanel(QFrame):
    """The guide's steps for the screen on display.

    Args:
        guide: the loaded guide.
        wizard: ``filing`` or ``account`` (the guide file's key).
        lang: ``vi`` or ``en``.

    Signals:
        sample_requested(): the “Điền dữ liệu mẫu” button was pressed.
    """

    sample_requested = Signal()
    WIDTH = 320

    def __init__(self, guide: Guide, wizard: str, *, lang: str = "vi",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guidePanel")
        self.setStyleSheet(PANEL_STYLE)
        self.setFixedWidth(self.WIDTH)
        self.guide, self.wizard, self.lang = guide, wizard, lang
        self.frame: WizardFrame | None = None
        self.outline: TargetOutline | None = None
        self.page_id = ""
        self.steps: tuple[GuideStep, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(4)
        self.title = QLabel(guide.label("title", lang), self)
        self.title.setObjectName("guideTitle")
        layout.addWidget(self.title)
        self.problem = QLabel(self)
        self.problem.setObjectName("guideProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(guide.problem))
        self.problem.setText(guide.problem or "")
        layout.addWidget(self.problem)
        self.body = QLabel(self)
        self.body.setObjectName("guideText")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.note = QLabel(self)
        self.note.setObjectName("guideNote")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)
        self.sample_button = QPushButton(guide.label("sample", lang), self)
        self.sample_button.setObjectName("secondaryButton")
        self.sample_button.clicked.connect(self.sample_requested)
        self.sample_button.hide()
        layout.addWidget(self.sample_button)

    def attach(self, frame: WizardFrame) -> None:
        """Sit at the right of ``frame`` and follow its pages."""
        self.frame = frame
        frame.layout().addWidget(self)
        self.outline = TargetOutline(frame)
        frame.page_shown.connect(self.show_page)
        if frame.pages:
            self.show_page(frame.current_page().page_id)

    def show_page(self, page_id: str) -> None:
        self.page_id = page_id
        self.note.hide()
        self.steps = self.guide.steps(self.wizard, page_id)
        parts = []
        for step in self.steps:
            parts.append(f'<p style="margin:10px 0 2px 0"><b style="color:#0b3d91">'
                         f"{escape(self.guide.heading(step, self.lang))}</b></p>")
            if step.quote:
                parts.append(f'<p style="margin:0 0 4px 0; color:#4a4a4a"><i>“{escape(step.quote)}”'
                             "</i></p>")
            parts.append(f'<p style="margin:0">{escape(step.text(self.lang))}</p>')
        if not parts:
            parts.append(f"<p>{escape(self.guide.label('no_step', self.lang))}</p>")
        self.body.setText("".join(parts))
        if self.outline is not None and self.frame is not None:
            targets = [s.target for s in self.steps if s.target]
            self.outline.follow(resolve_target(self.frame, targets[-1]) if targets else None)

    def text(self) -> str:
        """The panel's words as plain text (tests, the handout)."""
        lines = []
        for step in self.steps:
            lines.append(self.guide.heading(step, self.lang))
            if step.quote:
                lines.append(f"“{step.quote}”")
            lines.append(step.text(self.lang))
        return "\n".join(lines)

    def say(self, key: str) -> None:
        self.note.setText(self.guide.label(key, self.lang))
        self.note.show()


def _sample_value(value: Any) -> Any:
    if isinstance(value, str):
        match = _ISO_DATE.match(value)
        if match:
            return f"{match[3]}/{match[2]}/{match[1]}"
    return value


def sample_answers(procedure: Any) -> dict[str, Any]:
    """The procedure's example (``dvc dossier example CODE``) keyed by the wizard's field ids."""
    example = getattr(procedure, "example", None) or {}
    answers = {f"applicant.{k}": v for k, v in dict(example.get("applicant", {})).items()}
    answers.update(dict(example.get("fields", {})))
    return answers


def fill_sample(wizard: Any, extra: dict[str, Any] | None = None) -> int:
    """Fill the filing wizard's page on display with its procedure's example answers; returns
    how many fields were filled (0: the page has none to fill). ``extra``: answers the
    examples lack (the guide file's ``sample``, e.g. how the result is received)."""
    procedure = wizard.draft.procedure
    page = wizard.current_page()
    rows = getattr(page, "rows", None)
    if procedure is None or not isinstance(rows, dict) or not hasattr(page, "on_field_changed"):
        return 0
    answers = {**(extra or {}), **sample_answers(procedure)}
    filled = 0
    for fid, row in rows.items():
        if fid in answers and answers[fid] is not None:
            row.set_value(_sample_value(answers[fid]))
            row.set_error(None)
            filled += 1
    page.on_field_changed()
    return filled


__all__ = ["GuidePanel", "TargetOutline", "fill_sample", "resolve_target", "sample_answers"]
