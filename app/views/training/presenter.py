"""The trainer's controls in training mode: the guide panels, text size for the projector, a
pointer highlight and “bước tiếp”, which walks the filing wizard through a demo.

:func:`install_teaching_aids` is called by the main window when the mode's policy has
``teaching_aids``; it returns the :class:`TeachingAids`, which the account controller asks to
put a guide panel beside the sign-up wizard too (:meth:`TeachingAids.attach_account`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QCursor, QFont, QKeySequence, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from app.views.training.guide import GuidePanel, fill_sample
from app.views.training.guide_data import Guide, load

#: The text sizes Ctrl + / Ctrl − step through (1.0: the app's own).
SCALES = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
_FONT_SIZE = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)(pt|px)")
_SHEET_PROPERTY = "dvcUnscaledSheet"
#: The procedure the demo files (birth registration).
DEMO_PROCEDURE = "1.001193"


def scale_sheet(sheet: str, factor: float) -> str:
    """Every ``font-size`` of a style sheet times ``factor`` (``16pt`` → ``24pt`` at 1.5)."""
    def scaled(match: re.Match) -> str:
        size = float(match[2]) * factor
        return f"{match[1]}{max(1, round(size))}{match[3]}"

    return _FONT_SIZE.sub(scaled, sheet)


class FontScaler(QObject):
    """Bigger or smaller text for the whole UI: the application's font and every font size of
    the application's and the widgets' own style sheets; kept for the session (windows opened
    later get the same size)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.app = app
        self.index = SCALES.index(1.0)
        self.base_font = QFont(app.font())
        self.base_sheet = app.styleSheet()
        app.installEventFilter(self)

    @property
    def factor(self) -> float:
        return SCALES[self.index]

    def bigger(self) -> float:
        return self.set_index(self.index + 1)

    def smaller(self) -> float:
        return self.set_index(self.index - 1)

    def reset(self) -> float:
        return self.set_index(SCALES.index(1.0))

    def set_index(self, index: int) -> float:
        self.index = max(0, min(len(SCALES) - 1, index))
        font = QFont(self.base_font)
        if self.base_font.pointSizeF() > 0:
            font.setPointSizeF(self.base_font.pointSizeF() * self.factor)
        self.app.setFont(font)
        self.app.setStyleSheet(scale_sheet(self.base_sheet, self.factor))
        for widget in self.app.allWidgets():
            self._scale_own_sheet(widget)
        return self.factor

    def _scale_own_sheet(self, widget: QWidget) -> None:
        original = widget.property(_SHEET_PROPERTY)
        if original is None:
            sheet = widget.styleSheet()
            if "font-size" not in sheet:
                return
            original = sheet
            widget.setProperty(_SHEET_PROPERTY, original)
        widget.setStyleSheet(scale_sheet(original, self.factor))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        # A window opened later (the sign-up dialog) gets the session's size too.
        if (event.type() == QEvent.Type.Show and self.index != SCALES.index(1.0)
                and isinstance(obj, QWidget) and obj.isWindow()):
            for widget in [obj, *obj.findChildren(QWidget)]:
                if widget.property(_SHEET_PROPERTY) is None:
                    self._scale_own_sheet(widget)
        return False

    def close(self) -> None:
        self.app.removeEventFilter(self)
        self.reset()


class PointerHighlight(QWidget):
    """A translucent circle following the mouse over the window, for the people at the back
    of the room; it lets the mouse through."""

    RADIUS = 28

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("pointerHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.window_ = window
        self.spot: QPoint | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(30)
        self.timer.timeout.connect(lambda: self.follow(self.window_.mapFromGlobal(QCursor.pos())))
        window.installEventFilter(self)
        self.hide()

    @property
    def on(self) -> bool:
        return self.timer.isActive()

    def set_on(self, on: bool) -> None:
        if on:
            self.setGeometry(self.window_.rect())
            self.show()
            self.raise_()
            self.timer.start()
        else:
            self.timer.stop()
            self.spot = None
            self.hide()

    def follow(self, point: QPoint) -> None:
        """Centre the circle on ``point`` (window coordinates)."""
        if point != self.spot:
            self.spot = QPoint(point)
            self.raise_()
            self.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.window_.rect())
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt override
        if self.spot is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(232, 89, 12, 200))
        painter.setBrush(QColor(255, 214, 0, 110))
        painter.drawEllipse(self.spot, self.RADIUS, self.RADIUS)


class TeachingAids(QObject):
    """Everything training mode adds to the main window for the trainer.

    Attributes:
        guide: the guide shown (the trainer's file named by ``DVC_TRAINING_GUIDE``, or the
            one shipped when that is missing or wrong — the panel then says why).
        panel: the guide panel beside the filing wizard.
        account_panel: the one beside the sign-up wizard, while it is open.
    """

    def __init__(self, window: Any, guide: Guide | None = None):
        super().__init__(window)
        self.window = window
        self.lang = getattr(window, "lang", "vi")
        if guide is None:
            path = os.environ.get("DVC_TRAINING_GUIDE")
            guide = load(Path(path) if path else None)
        self.guide = guide
        wizard = window.wizard
        self.panel = GuidePanel(guide, "filing", lang=self.lang)
        self.panel.sample_button.show()
        self.panel.sample_requested.connect(self.fill_sample)
        self.panel.attach(wizard.frame)
        self.account_panel: GuidePanel | None = None
        self.fonts = FontScaler(QApplication.instance())
        self.pointer = PointerHighlight(window)
        self._build_menu()
        from app.views.training.faults import FaultMenu

        self.fault_menu = FaultMenu(window)
        from app.views.training.exercises import ExerciseMenu

        self.exercise_menu = ExerciseMenu(window, lang=self.lang)

    def set_services(self, services: Any) -> None:
        """The services are there: the fault switches (on the client's transport) work."""
        faults = getattr(services, "faults", None)
        if faults is not None:
            self.fault_menu.set_faults(faults)
        self.exercise_menu.set_services(services)

    def _label(self, vi: str, en: str) -> str:
        return en if self.lang == "en" else vi

    def _build_menu(self) -> None:
        menu = self.window.menuBar().addMenu(self._label("&Trình chiếu", "&Presenter"))
        self.menu = menu
        self.actions_: dict[str, QAction] = {}
        for key, vi, en, keys, slot in (
            ("bigger", "Chữ to hơn", "Bigger text", ("Ctrl++", "Ctrl+="), self.fonts.bigger),
            ("smaller", "Chữ nhỏ hơn", "Smaller text", ("Ctrl+-",), self.fonts.smaller),
            ("normal", "Cỡ chữ ban đầu", "Normal text size", ("Ctrl+0",), self.fonts.reset),
            ("sample", "Điền dữ liệu mẫu", "Fill in sample data", ("Ctrl+Shift+M",),
             self.fill_sample),
            ("next", "Bước tiếp (trình diễn)", "Next step (demo)", ("F8",), self.demo_step),
        ):
            action = QAction(self._label(vi, en), self.window)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            menu.addAction(action)
            self.actions_[key] = action
        handout = QAction(self._label("Tài liệu phát tay (PDF)…", "Handout (PDF)…"), self.window)
        handout.triggered.connect(lambda _checked=False: self.ask_handout())
        menu.addAction(handout)
        self.actions_["handout"] = handout
        pointer = QAction(self._label("Đánh dấu con trỏ chuột", "Highlight the pointer"),
                          self.window)
        pointer.setCheckable(True)
        pointer.setShortcut(QKeySequence("F9"))
        pointer.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        pointer.toggled.connect(self.pointer.set_on)
        menu.addAction(pointer)
        self.actions_["pointer"] = pointer

    # ----------------------------------------------------------------------------- actions
    def fill_sample(self) -> int:
        """“Điền dữ liệu mẫu” on the filing wizard's page on display."""
        filled = fill_sample(self.window.wizard, self.guide.sample)
        self.panel.say("sample_done" if filled else "sample_none")
        return filled

    def demo_step(self) -> str:
        """“Bước tiếp”: one step of the demo filing — choose the birth registration, fill a
        page with the example, continue. Returns what was done (``chose``, ``filled``,
        ``continued``, ``stayed``)."""
        wizard = self.window.wizard
        page = wizard.current_page()
        if page is wizard.procedure_page and wizard.draft.procedure is None:
            page.search.setText("khai sinh")
            page.select_code(DEMO_PROCEDURE)
            wizard.go_next()
            return "chose"
        rows = getattr(page, "rows", None)
        if isinstance(rows, dict) and hasattr(page, "on_field_changed") and \
                page.page_id != getattr(self, "_filled_page", None):
            self._filled_page = page.page_id
            if fill_sample(wizard, self.guide.sample):
                self.panel.say("sample_done")
                return "filled"
        before = wizard.index
        wizard.go_next()
        return "continued" if wizard.index != before else "stayed"

    def ask_handout(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self.window, self._label("Lưu tài liệu phát tay", "Save the handout"),
            "tai-lieu-tap-huan.pdf", "PDF (*.pdf)")
        if path:
            self.make_handout(Path(path))

    def make_handout(self, out: Path) -> None:
        """Draw the handout in a process of its own (off screen, the app's normal text size,
        this window untouched); the status bar says when it is written."""
        import subprocess
        import sys

        bar = self.window.statusBar()
        bar.showMessage(self._label("Đang làm tài liệu phát tay…", "Making the handout…"))
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

        def run() -> int:
            return subprocess.run([sys.executable, "-m", "app.views.training.handout", "--out",
                                   str(out), "--lang", self.lang], env=env, check=False,
                                  capture_output=True).returncode

        def done(code: int) -> None:
            bar.showMessage(self._label(f"Đã lưu tài liệu phát tay: {out}",
                                        f"Handout saved: {out}") if code == 0 else
                            self._label("Không làm được tài liệu phát tay.",
                                        "The handout could not be made."), 15_000)
            self.handout_done = (out, code)

        self.window.tasks.run(run, done, lambda exc: done(1))

    def attach_account(self, dialog: Any) -> GuidePanel:
        """A guide panel beside the sign-up wizard ``dialog``; the dialog grows to make room."""
        panel = GuidePanel(self.guide, "account", lang=self.lang)
        panel.attach(dialog.frame)
        screen = dialog.screen().availableGeometry()
        dialog.resize(min(dialog.width() + panel.WIDTH, screen.width()), dialog.height())
        self.account_panel = panel
        return panel

    def close(self) -> None:
        self.pointer.set_on(False)
        self.fonts.close()


def install_teaching_aids(window: Any, guide: Guide | None = None) -> TeachingAids:
    return TeachingAids(window, guide)


__all__ = ["SCALES", "FontScaler", "PointerHighlight", "TeachingAids", "install_teaching_aids",
           "scale_sheet"]
