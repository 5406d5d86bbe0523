"""The details pane of “Dossiers on this computer”: one dossier's facts, history, what waits to
be sent for it, upload progress, and the acts that apply to it now."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.records import DossierFacts, OutboxInfo
from app.views.dossiers.dossier_model import human_size, local_time
from dvc_core.lifecycle import EVENT_LABELS


def open_file(url: QUrl) -> bool:
    """Open a file in the system's viewer (tests replace this to record the URL)."""
    return QDesktopServices.openUrl(url)


class DossierDetails(QFrame):
    """The selected dossier: codes, states, history, last error and the actions allowed.

    It shows a :class:`~app.services.records.DossierFacts` and decides nothing about the data:
    which acts apply comes from the facts (the lifecycle) and from the officer actions the
    shell offers in this mode.

    Signals:
        receive_requested(str, int): "Receive" pressed (dossier id, the portal version seen;
            0 when none is known yet).
        retry_requested(str): "Send again" pressed for a dossier that needed attention.
        supplement_requested(str): "Supplement" pressed for a dossier in status 5.
        withdraw_requested(str): "Withdraw" pressed (the citizen asks to withdraw the dossier).
        print_requested(str, str): a printed form asked for (dossier id; ``tokhai``: the
            declaration to sign at the counter, ``mau01``: the receipt).
    """

    receive_requested = Signal(str, int)
    retry_requested = Signal(str)
    supplement_requested = Signal(str)
    withdraw_requested = Signal(str)
    print_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("detailsPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        self.title = QLabel(self.tr("Choose a dossier in the list to see its details."), self)
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        # A long history scrolls; the buttons below always stay in sight.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.waiting = QLabel(self)
        self.waiting.setObjectName("fieldHint")
        self.waiting.setWordWrap(True)
        self.waiting.hide()
        layout.addWidget(self.waiting)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("fieldHint")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.file_progress = QProgressBar(self)
        self.file_progress.setRange(0, 1000)
        for widget in (self.progress_label, self.progress, self.file_progress):
            widget.hide()
            layout.addWidget(widget)
        layout.addLayout(self._build_buttons())
        self._facts: DossierFacts | None = None

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.receive_button = QPushButton(self.tr("Receive (officer)"), self)
        self.receive_button.setObjectName("primaryButton")
        self.receive_button.setToolTip(self.tr("Sandbox portal: receive this dossier as the "
                                               "commune officer would"))
        self.receive_button.clicked.connect(self.on_receive_clicked)
        self.retry_button = QPushButton(self.tr("Send again"), self)
        self.retry_button.setObjectName("secondaryButton")
        self.retry_button.clicked.connect(self.on_retry_clicked)
        self.supplement_button = QPushButton(self.tr("Supplement the dossier"), self)
        self.supplement_button.setObjectName("primaryButton")
        self.supplement_button.setToolTip(self.tr("Open the dossier in the wizard, add what the "
                                                  "officer asked for and send it again"))
        self.supplement_button.clicked.connect(self.on_supplement_clicked)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"), self)
        self.withdraw_button.setObjectName("secondaryButton")
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.setToolTip(self.tr("The citizen asks to withdraw the dossier: a "
                                                "reason and a confirmation are asked"))
        self.withdraw_button.clicked.connect(self.on_withdraw_clicked)
        self.tokhai_button = QPushButton(self.tr("Print the declaration…"), self)
        self.tokhai_button.setObjectName("secondaryButton")
        self.tokhai_button.setToolTip(self.tr("The Tờ khai made from the answers, as a PDF to "
                                              "print and sign at the counter"))
        self.tokhai_button.clicked.connect(lambda: self._print("tokhai"))
        self.receipt_button = QPushButton(self.tr("Print the receipt…"), self)
        self.receipt_button.setObjectName("secondaryButton")
        self.receipt_button.setToolTip(self.tr("Giấy tiếp nhận hồ sơ và hẹn trả kết quả "
                                               "(Mẫu 01), two copies, as a PDF"))
        self.receipt_button.clicked.connect(lambda: self._print("mau01"))
        self.result_button = QPushButton(self.tr("Open the result"), self)
        self.result_button.setObjectName("primaryButton")
        self.result_button.setToolTip(self.tr("The electronic result the office returned, "
                                              "opened in the system's viewer"))
        self.result_button.clicked.connect(self.on_result_clicked)
        buttons.addWidget(self.result_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.tokhai_button)
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        buttons.addWidget(self.supplement_button)
        buttons.addWidget(self.receive_button)
        self._buttons = (self.receive_button, self.retry_button, self.supplement_button,
                         self.withdraw_button, self.tokhai_button, self.receipt_button,
                         self.result_button)
        for button in self._buttons:
            button.hide()
        return buttons

    @property
    def dossier_id(self) -> str | None:
        """The dossier shown, if any."""
        return self._facts.id if self._facts is not None else None

    def show_dossier(self, facts: DossierFacts | None, actions: Collection[str] = ()) -> None:
        """Show one dossier (``None`` clears the pane).

        Args:
            facts: what the services read of it.
            actions: the officer actions offered here (empty: none, e.g. on a real portal).
        """
        if facts is None or facts.id != self.dossier_id:
            for widget in (self.progress_label, self.progress, self.file_progress):
                widget.hide()
        self._facts = facts
        if facts is None:
            self.title.setText(self.tr("Choose a dossier in the list to see its details."))
            self.body.setText("")
            self.error.hide()
            self.waiting.hide()
            for button in self._buttons:
                button.hide()
            return
        self.title.setText(f"{facts.local_ref} — {facts.procedure_name}")
        self.body.setText(self._body_html(facts))
        if facts.last_error:
            self.error.setText(self.tr("Last problem: {0}").format(facts.last_error))
        self.error.setVisible(bool(facts.last_error))
        self.receive_button.setVisible("receive" in actions and facts.officer_may("receive")
                                       and not facts.waits_for("receive"))
        self.receive_button.setEnabled(True)
        self.retry_button.setVisible(facts.can_retry)
        self.result_button.setVisible(self.result_file() is not None)
        self.supplement_button.setVisible(facts.can_supplement)
        self.withdraw_button.setVisible(facts.can_withdraw)
        self.tokhai_button.setVisible(self.prints and facts.has_tokhai)
        self.receipt_button.setVisible(self.prints)
        self.waiting.setVisible(facts.outbox is not None)
        if facts.outbox is not None:
            self.waiting.setText(self._waiting_text(facts.outbox))

    def _body_html(self, facts: DossierFacts) -> str:
        esc = _escape
        rows = [
            (self.tr("Applicant"), facts.applicant_name),
            (self.tr("State on this computer"), facts.state_text),
            (self.tr("Dossier code"), facts.code or self.tr("not yet given")),
            (self.tr("Portal status"), facts.status_text or self.tr("not yet known")),
            (self.tr("Due"), local_time(facts.due_at) if facts.due_at else ""),
            (self.tr("Documents"), ", ".join(facts.attachment_names)),
        ]
        html = "".join(f"<p style='margin:2px 0'><b>{esc(k)}:</b> {esc(v)}</p>"
                       for k, v in rows if v)
        if facts.history:
            heading = self.tr("Status history")
            html += f"<p style='margin:10px 0 2px 0'><b>{esc(heading)}</b></p><ul>"
            for event in facts.history:
                note = f" — {esc(event.note)}" if event.note and not event.items else ""
                html += f"<li>{esc(local_time(event.at))}: {esc(event.status_text)}{note}"
                if event.items:
                    html += "<br>" + esc(self.tr("To supplement, all at once:")) + "<ol>" + "".join(
                        f"<li><b>{esc(name)}</b>: {esc(reason)}</li>"
                        for name, reason in event.items) + "</ol>"
                if event.result_name:
                    html += "<br>" + esc(self.tr("Electronic result: {0}").format(
                        event.result_name))
                html += "</li>"
            html += "</ul>"
        return html

    def _waiting_text(self, outbox: OutboxInfo) -> str:
        what = {"submit": self.tr("sending the dossier"),
                "resubmit": self.tr("sending the supplemented dossier"),
                "action": self.tr("sending “{0}”").format(
                    EVENT_LABELS.get(outbox.action or "", outbox.action or ""))}.get(
                    outbox.op, outbox.op)
        if outbox.given_up:
            return self.tr("Waiting: {0} — stopped after {1} tries; press “Send again”.").format(
                what, outbox.attempts)
        if outbox.state == "in_flight":
            return self.tr("Now {0}…").format(what)
        if outbox.attempts:
            return self.tr("Waiting: {0} — try {1} failed; next try at {2}.").format(
                what, outbox.attempts, local_time(outbox.next_attempt_at))
        return self.tr("Waiting: {0} at the next sync.").format(what)

    def show_progress(self, dossier_id: str, sent: int, total: int) -> None:
        """Upload progress of the whole dossier (shown when it is the one selected)."""
        if self.dossier_id != dossier_id or total <= 0:
            return
        self.progress.setValue(int(1000 * sent / total))
        self.progress.setFormat(self.tr("Dossier: {0} of {1}").format(human_size(sent),
                                                                       human_size(total)))
        self.progress.setVisible(sent < total)

    def show_file_progress(self, dossier_id: str, filename: str, sent: int, size: int) -> None:
        if self.dossier_id != dossier_id or size <= 0:
            return
        self.file_progress.setValue(int(1000 * sent / size))
        self.file_progress.setFormat(self.tr("{0}: {1} of {2}").format(
            filename, human_size(sent), human_size(size)))
        self.progress_label.setText(self.tr("Uploading the documents…"))
        done = sent >= size and not self.progress.isVisible()
        for widget in (self.progress_label, self.file_progress):
            widget.setVisible(not done)

    def result_file(self) -> Path | None:
        """The newest electronic result kept for the dossier shown."""
        if self._facts is None:
            return None
        return next((e.result_file for e in reversed(self._facts.history) if e.result_file),
                    None)

    def on_result_clicked(self) -> None:
        path = self.result_file()
        if path is not None:
            open_file(QUrl.fromLocalFile(str(path)))

    def on_supplement_clicked(self) -> None:
        if self._facts is not None:
            self.supplement_requested.emit(self._facts.id)

    def on_withdraw_clicked(self) -> None:
        if self._facts is not None:
            self.leave_safely()
            self.withdraw_requested.emit(self._facts.id)

    #: Where the keyboard goes after an action (the list): never on to the next button,
    #: which may be "Rút hồ sơ…".
    safe_focus: QWidget | None = None

    def leave_safely(self) -> None:
        """Take the keyboard focus away from the buttons before one is disabled or hidden."""
        target = self.safe_focus
        if target is not None and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.focusWidget() in self._buttons:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_receive_clicked(self) -> None:
        if self._facts is not None:
            self.leave_safely()
            self.receive_button.setEnabled(False)
            self.receive_requested.emit(self._facts.id, int(self._facts.portal_version or 0))

    def on_retry_clicked(self) -> None:
        if self._facts is not None:
            self.retry_requested.emit(self._facts.id)

    prints = False  # the printed forms are offered (the workspace has a printer)

    def _print(self, form: str) -> None:
        if self._facts is not None:
            self.print_requested.emit(self._facts.id, form)


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
