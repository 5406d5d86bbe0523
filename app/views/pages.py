"""The wizard's pages, one topic each (GOV.UK), built from the catalog and the draft.

Pages show and collect answers; they never decide whether an answer is right. The wizard
(:mod:`app.views.wizard`) asks :mod:`app.services.rules` and hands the errors back to the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.catalog import Catalog, Procedure


def human_size(size: int) -> str:
    """``1536`` → ``1,5 KB`` (Vietnamese decimal comma)."""
    value = float(size)
    for unit in ("byte", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "byte" else f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    return f"{size} byte"


def format_vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


class ErrorSummary(QFrame):
    """The GOV.UK error summary: a heading and one link per problem, in page order.

    Signals:
        activated(str): the person followed the link of the field with this id.
    """

    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel(self.tr("There is a problem"), self)
        self.title.setObjectName("errorSummaryTitle")
        self.list = QLabel(self)
        self.list.setObjectName("errorSummaryList")
        self.list.setWordWrap(True)
        # Rich text is detected from the markup; link interaction flags are set on first use
        # (touching the Qt namespace costs start-up time, see show_errors).
        self.list.linkActivated.connect(self.activated)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.messages: list[str] = []
        self._links_enabled = False
        self.hide()

    def show_errors(self, errors: Sequence[tuple[str, str]]) -> None:
        """``errors``: (field id, message) pairs; empty hides the summary."""
        if errors and not self._links_enabled:
            from PySide6.QtCore import Qt

            self._links_enabled = True
            self.list.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                              | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.messages = [message for _, message in errors]
        items = "".join(
            f'<li style="margin-bottom:4px"><a href="{_escape(fid)}" style="color:#b10e1e">'
            f"{_escape(message)}</a></li>"
            for fid, message in errors
        )
        self.list.setText(f'<ul style="margin:0; -qt-list-indent:1">{items}</ul>')
        self.setVisible(bool(errors))

    def text(self) -> str:
        return "\n".join(self.messages)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class WizardPage(QWidget):
    """Heading, error summary and a scrolling body; subclasses fill ``self.form``.

    Signals:
        field_activated(str): a link in the error summary was followed (field id).
    """

    field_activated = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("wizardPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        self.body = QWidget()
        self.body.setObjectName("pageBody")
        self.scroll.setWidget(self.body)
        self.form = QVBoxLayout(self.body)
        self.form.setContentsMargins(32, 20, 32, 20)
        self.form.setSpacing(10)
        self.title = title
        self.heading = QLabel(title, self.body)
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.form.addWidget(self.heading)
        self.summary = ErrorSummary(self.body)
        self.summary.activated.connect(self.field_activated)
        self.summary.activated.connect(self.focus_field)
        self.form.addWidget(self.summary)

    def field_ids(self) -> set[str]:
        return set()

    def show_errors(self, errors: Sequence[tuple[str, str]]) -> None:
        """Show the summary and each message beside its field; focus the first field in error."""
        self.summary.show_errors(errors)
        if errors:
            self.scroll.ensureWidgetVisible(self.summary)
            self.focus_field(errors[0][0])

    def clear_errors(self) -> None:
        self.summary.show_errors([])

    def focus_field(self, field_id: str) -> None:
        """Move the keyboard focus to a field (the error summary's links do this)."""

    def first_focus(self) -> QWidget | None:
        return None


class ProcedurePage(WizardPage):
    """Step 1 of the guide's filing: find the procedure with the catalog's search.

    Signals:
        chosen(): the person double-clicked or pressed Enter on a result.
        painted(): the page was painted (the start-up benchmark quits on the first one).
    """

    chosen = Signal()
    painted = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(self.tr("Which procedure do you need?"), parent)
        self.catalog = catalog
        self._codes: list[str] = []
        intro = QLabel(self.tr("Search by name, code or everyday words, with or without "
                               "diacritics (for example: khai sinh)."), self.body)
        intro.setObjectName("pageLead")
        intro.setWordWrap(True)
        self.form.addWidget(intro)
        self.search = QLineEdit(self.body)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search procedures"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search procedures"))
        self.search.textChanged.connect(self.on_search_changed)
        self.search.returnPressed.connect(self.on_search_return)
        self.form.addWidget(self.search)
        self.count = QLabel(self.body)
        self.count.setObjectName("fieldHint")
        self.form.addWidget(self.count)
        self.results = QListWidget(self.body)
        self.results.setObjectName("procedureList")
        self.results.setAccessibleName(self.tr("Procedures found"))
        self.results.setMinimumHeight(150)
        self.results.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.results.itemDoubleClicked.connect(lambda _item: self.chosen.emit())
        self.results.itemActivated.connect(lambda _item: self.chosen.emit())
        self.results.currentItemChanged.connect(self.on_current_changed)
        self.form.addWidget(self.results, 1)
        self.details = QLabel(self.body)
        self.details.setObjectName("procedureDetails")
        self.details.setWordWrap(True)
        self.form.addWidget(self.details)
        self.on_search_changed("")

    def field_ids(self) -> set[str]:
        return {"procedure"}

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().paintEvent(event)
        self.painted.emit()

    def on_search_changed(self, text: str) -> None:
        self.results.clear()
        found = self.catalog.search(text, limit=50)
        self._codes = [p.code for p in found]
        for procedure in found:
            item = QListWidgetItem(f"{procedure.name}\n{self._subtitle(procedure)}")
            self.results.addItem(item)
        self.count.setText(self.tr("{0} procedure(s) found").format(len(found)) if text.strip()
                           else self.tr("All procedures ({0})").format(len(found)))
        if found:
            self.results.setCurrentRow(0)
        else:
            self.details.setText("")

    def on_search_return(self) -> None:
        if self.results.currentItem() is not None:
            self.chosen.emit()

    def _subtitle(self, procedure: Procedure) -> str:
        online = (self.tr("fully online") if procedure.nd42_label == "toan_trinh"
                  else self.tr("partly online"))
        return self.tr("Code {0} · level {1} ({2}) · {3}").format(
            procedure.code, procedure.level, online, procedure.field)

    def on_current_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        procedure = self.selected()
        if procedure is None:
            self.details.setText("")
            return
        rows = [
            (self.tr("Handled by"), procedure.agency),
            (self.tr("Time limit"), str(procedure.time_limit.get("text", ""))),
            (self.tr("Fee"), fee_text(procedure)),
        ]
        self.details.setText("".join(
            f"<p style='margin:2px 0'><b>{_escape(k)}:</b> {_escape(v)}</p>" for k, v in rows if v))

    def selected(self) -> Procedure | None:
        row = self.results.currentRow()
        if not 0 <= row < len(self._codes):
            return None
        return self.catalog.get(self._codes[row])

    def select_code(self, code: str) -> None:
        if code in self._codes:
            self.results.setCurrentRow(self._codes.index(code))

    def focus_field(self, field_id: str) -> None:
        self.search.setFocus()

    def first_focus(self) -> QWidget | None:
        return self.search


def fee_text(procedure: Procedure) -> str:
    """The fee rule as the catalog's data give it (amounts are province data, possibly out of
    date: the catalog says so and the confirmation page repeats it)."""
    from app.services.fees import describe

    return describe(procedure.fee)
