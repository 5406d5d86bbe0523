"""The filing wizard's last pages: check your answers, and the confirmation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.views.common.wizard_page import WizardPage, escape, fee_text
from dvc_core.catalog import Procedure

if TYPE_CHECKING:
    from app.services.filing import FilingSession
    from dvc_core.fees import FeeQuote

# (page index, title, [(label, answer)]): one block of the check page.
Block = tuple[int, str, Sequence[tuple[str, str]]]


class ReviewPage(WizardPage):
    """Check your answers: one block per page with a "Change" link, then the declaration.

    Signals:
        change_requested(int): the "Change" link of the block for this page index.
    """

    change_requested = Signal(int)
    page_id = "review"

    def __init__(self, parent: QWidget | None = None, *,
                 blocks: Callable[[], Sequence[Block]] | None = None,
                 fee: Callable[[], str] | None = None):
        super().__init__(self.tr("Check your answers before sending"), parent,
                         step_title=self.tr("Check your answers"))
        self.next_label = self.tr("Save and send")
        self._blocks_of, self._fee_of = blocks, fee
        self._blocks = QVBoxLayout()
        self._blocks.setSpacing(14)
        self.form.addLayout(self._blocks)
        fee_title = QLabel(self.tr("Fee"), self.body)
        fee_title.setObjectName("sectionTitle")
        self.form.addWidget(fee_title)
        self.fee = QLabel(self.body)
        self.fee.setObjectName("feeText")
        self.fee.setWordWrap(True)
        self.form.addWidget(self.fee)
        declaration_title = QLabel(self.tr("Now save and send the dossier"), self.body)
        declaration_title.setObjectName("sectionTitle")
        self.form.addWidget(declaration_title)
        declaration = QLabel(self.tr(
            "By sending this dossier you confirm that the information is true and you take "
            "responsibility for it. The dossier is saved on this computer first and sent to the "
            "portal as soon as the network allows."), self.body)
        declaration.setWordWrap(True)
        self.form.addWidget(declaration)
        self.form.addStretch(1)
        self.change_buttons: dict[int, QPushButton] = {}

    def initialize(self) -> None:
        """Every answer as it stands now, and the fee they make."""
        if self._blocks_of is not None:
            self.set_blocks(self._blocks_of())
        if self._fee_of is not None:
            self.set_fee(self._fee_of())

    def set_blocks(self, blocks: Sequence[Block]) -> None:
        """``blocks``: (page index, title, [(label, answer)]) for each page."""
        while self._blocks.count():
            widget = self._blocks.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.change_buttons = {}
        for index, title, rows in blocks:
            block = QFrame(self.body)
            block.setObjectName("reviewBlock")
            grid = QGridLayout(block)
            grid.setContentsMargins(16, 12, 16, 12)
            grid.setHorizontalSpacing(18)
            grid.setVerticalSpacing(8)
            heading = QLabel(title, block)
            heading.setObjectName("sectionTitle")
            change = QPushButton(self.tr("Change"), block)
            change.setObjectName("linkButton")
            change.setAccessibleName(self.tr("Change: {0}").format(title))
            change.setCursor(Qt.CursorShape.PointingHandCursor)
            change.clicked.connect(lambda _=False, i=index: self.change_requested.emit(i))
            self.change_buttons[index] = change
            grid.addWidget(heading, 0, 0, 1, 2)
            grid.addWidget(change, 0, 2, Qt.AlignmentFlag.AlignRight)
            for row, (label, value) in enumerate(rows, start=1):
                key = QLabel(label, block)
                key.setObjectName("reviewKey")
                key.setWordWrap(True)
                answer = QLabel(value or self.tr("Not given"), block)
                answer.setObjectName("reviewValue" if value else "reviewEmpty")
                answer.setWordWrap(True)
                answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(answer, row, 1, 1, 2, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(0, 2)
            grid.setColumnStretch(1, 3)
            self._blocks.addWidget(block)

    def fee_text(self, answer: FeeQuote) -> str:
        """The fee for this dossier from the catalog's rule and the answers (dates, copies,
        pages): a waived fee says so with its reason and legal basis, not as a note."""
        from dvc_core.fees import format_vnd

        lines = []
        if answer.exempt:
            reason = f": {answer.exempt_reason}" if answer.exempt_reason else ""
            basis = f" ({answer.legal_basis})" if answer.legal_basis else ""
            lines.append(f"{answer.exempt_label}{reason}{basis}")
        # "Lệ phí đăng ký khai sinh: 8.000 đ", "Bản sao trích lục: 3 bản × 8.000 đ = 24.000 đ"
        lines += [f"{label}{' = ' if '×' in label else ': '}{format_vnd(amount)} đ"
                  for label, amount in answer.lines if label and amount]
        if answer.total_vnd:
            lines.append(self.tr("Total: {0} dong").format(format_vnd(answer.total_vnd)))
        else:
            lines.append(self.tr("No fee"))
        lines += list(answer.notes)
        if answer.free_when and not answer.exempt:
            lines.append(answer.free_when)
        if answer.unconfirmed and answer.total_vnd:
            lines.append(self.tr("The amount is province data that may be out of date; the "
                                 "officer confirms it at the counter."))
        return "\n".join(lines)

    def set_fee(self, text: str) -> None:
        self.fee.setText(text)

    def block_text(self) -> str:
        """Every label and answer shown (tests and screen readers)."""
        texts = []
        for i in range(self._blocks.count()):
            block = self._blocks.itemAt(i).widget()
            if block is not None:
                texts += [w.text() for w in block.findChildren(QLabel)]
        return "\n".join(texts)


class ConfirmationPage(WizardPage):
    """Saved: the local reference, big, then what happens next; the portal code when known."""

    page_id = "confirmation"
    is_step = False

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Dossier saved"), parent)
        self.heading.hide()
        panel = QFrame(self.body)
        panel.setObjectName("confirmationPanel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 24)
        inner.setSpacing(6)
        title = QLabel(self.tr("Dossier saved"), panel)
        title.setObjectName("panelTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(self.tr("Reference on this computer"), panel)
        caption.setObjectName("panelCaption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reference = QLabel(panel)
        self.reference.setObjectName("panelReference")
        self.reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QLabel(panel)
        self.code.setObjectName("panelCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.hide()
        for widget in (title, caption, self.reference, self.code):
            inner.addWidget(widget)
        self.form.addWidget(panel)

        self.state = QLabel(self.body)
        self.state.setObjectName("stateLine")
        self.state.setWordWrap(True)
        self.form.addWidget(self.state)
        self.status = QLabel(self.body)
        self.status.setObjectName("stateLine")
        self.status.setWordWrap(True)
        self.status.hide()
        self.form.addWidget(self.status)

        next_title = QLabel(self.tr("What happens next"), self.body)
        next_title.setObjectName("sectionTitle")
        self.form.addWidget(next_title)
        self.next_steps = QLabel(self.body)
        self.next_steps.setWordWrap(True)
        self.next_steps.setTextFormat(Qt.TextFormat.RichText)
        self.next_steps.setObjectName("nextSteps")
        self.form.addWidget(self.next_steps)
        self.form.addStretch(1)

    fee_line: str | None = None  # this dossier's fee, when the wizard computed it
    time_line: str | None = None  # this dossier's time limit (it may depend on the answers)

    fee_known: bool = True  # the fee shown is confirmed (waived by law, or no amount to pay)

    def fee_line_of(self, session: FilingSession) -> str | None:
        """This dossier's fee in one line when it depends on the answers (dates, copies,
        pages)."""
        from dvc_core.fees import describe, fee_summary_vi, format_vnd

        if not session.fee_depends_on_answers():
            self.fee_known = False
            return None
        answer = session.fee_quote()
        self.fee_known = not answer.total_vnd
        if answer.exempt:
            return fee_summary_vi(answer)
        return self.tr("{0} dong for this dossier ({1})").format(
            format_vnd(answer.total_vnd), describe(session.procedure.fee))

    delivery_line: str | None = None  # the way the result is received, as chosen

    def delivery_line_of(self, session: FilingSession) -> str | None:
        """The way chosen on the "receiving the result" page, in one line (None: not asked)."""
        from dvc_core import delivery

        return delivery.describe(session.document()[1]) or None

    def show_dossier(self, procedure: Procedure, local_ref: str, state_text: str,
                     code: str | None = None, status_text: str | None = None) -> None:
        self.reference.setText(local_ref)
        self.state.setText(self.tr("State: {0}").format(state_text))
        self.code.setText(self.tr("Dossier code: {0}").format(code) if code else "")
        self.code.setVisible(bool(code))
        self.status.setText(self.tr("Portal status: {0}").format(status_text) if status_text else "")
        self.status.setVisible(bool(status_text))
        self.next_steps.setText(self._next_steps(procedure, local_ref, code))

    def _next_steps(self, procedure: Procedure, local_ref: str, code: str | None = None) -> str:
        if self.delivery_line:
            receiving = self.tr("You receive the result: {0}.").format(escape(self.delivery_line))
        else:  # a procedure that asks nothing: its results are collected at the counter
            receiving = self.tr("The result is collected at the commune's public administrative "
                                "service centre (Trung tâm Phục vụ hành chính công).")
        # What is said of the sending follows the dossier: waiting here, then on the portal.
        sending = [self.tr("The portal has the dossier under the code <b>{0}</b>: keep it to ask "
                           "about the dossier; its progress is shown in “Dossiers on this "
                           "computer”.").format(escape(code))] if code else [
            self.tr("The dossier is kept safely on this computer and is sent to the portal "
                    "automatically as soon as the network allows. Keep the reference <b>{0}</b> "
                    "to ask about it.").format(escape(local_ref)),
            self.tr("When the portal receives it, it gives the official dossier code, shown "
                    "here and in “Dossiers on this computer”.")]
        steps = [
            *sending,
            self.tr("Time limit: {0}.").format(escape(
                self.time_line or str(procedure.time_limit.get("text", "")))),
            self.tr("Fee: {0}.").format(escape(self.fee_line or fee_text(procedure))),
            receiving,
        ]
        if procedure.fee.get("unconfirmed") and not (self.fee_line and self.fee_known):
            steps.append(self.tr("The fee is set by the province and may have changed: check "
                                 "it at the counter."))
        return "<ol style='margin-left:0'>" + "".join(
            f"<li style='margin-bottom:6px'>{s}</li>" for s in steps) + "</ol>"
