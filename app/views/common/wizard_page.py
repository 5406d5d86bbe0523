"""The page every wizard is made of (filing, sign-up), with its GOV.UK error summary.

A page has a stable ``page_id`` and three steps, in MusicBrainz Picard's manner:
:meth:`WizardPage.initialize` loads it from the model when it is shown, :meth:`validate` checks
it when the person presses Continue, :meth:`commit` writes its answers back once it is valid.
The :class:`~app.views.common.wizard_frame.WizardFrame` calls them; pages never decide where the
wizard goes next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget


def escape(text: str) -> str:
    """Text made safe to put in Qt rich text."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def human_size(size: int) -> str:
    """``1536`` → ``1,5 KB`` (Vietnamese decimal comma)."""
    value = float(size)
    for unit in ("byte", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "byte" else f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    return f"{size} byte"


def fee_text(procedure: Any) -> str:
    """The fee rule as the catalog's data give it (amounts are province data, possibly out of
    date: the catalog says so and the confirmation page repeats it)."""
    from dvc_core.fees import describe

    return describe(procedure.fee)


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
            f'<li style="margin-bottom:4px"><a href="{escape(fid)}" style="color:#b10e1e">'
            f"{escape(message)}</a></li>"
            for fid, message in errors
        )
        self.list.setText(f'<ul style="margin:0; -qt-list-indent:1">{items}</ul>')
        self.setVisible(bool(errors))

    def text(self) -> str:
        return "\n".join(self.messages)


class WizardPage(QWidget):
    """Heading, error summary and a scrolling body; subclasses fill ``self.form``.

    Attributes:
        page_id: stable name of the page (a guide panel or a consent step keys on it).
        step_title: the page's name in the step rail (its heading unless set).
        is_step: counted in the rail and in "Step i of n" (a confirmation page is not).
        allows_back: Back is offered on the page.
        next_label: the Continue button's text on this page (None: "Continue").

    Signals:
        field_activated(str): a link in the error summary was followed (field id).
    """

    field_activated = Signal(str)
    page_id = ""
    is_step = True
    allows_back = True
    next_label: str | None = None

    def __init__(self, title: str, parent: QWidget | None = None, *, page_id: str = "",
                 step_title: str = ""):
        super().__init__(parent)
        self.setObjectName("wizardPage")
        if page_id:
            self.page_id = page_id
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
        self.step_title = step_title or title
        self.heading = QLabel(title, self.body)
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.form.addWidget(self.heading)
        self.summary = ErrorSummary(self.body)
        self.summary.activated.connect(self.field_activated)
        self.summary.activated.connect(self.focus_field)
        self.form.addWidget(self.summary)

    # The page's life in the wizard (Picard's initializePage / validatePage / commit).
    def initialize(self) -> None:
        """Load the page from the model; called each time it is shown."""

    def validate(self) -> bool:
        """Check the page when the person presses Continue; show what is wrong, False then."""
        return True

    def commit(self) -> None:
        """Write the page's answers back to the model; called once it is valid."""

    def keep(self) -> None:
        """Keep what was typed when the person goes Back (not checked)."""

    # Errors and focus.
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


__all__ = ["ErrorSummary", "WizardPage", "escape", "fee_text", "human_size"]
