"""Confirmations for decisions on a dossier: the default button is always the safe one, a
reason the law asks for cannot be left empty, and nothing is decided by a stray key.

Used by the officer's actions and by the citizen's withdrawal. ``Enter`` on a fresh dialog
cancels a destructive decision; its confirming button must be chosen (Tab, or its Alt key).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ConfirmDialog(QDialog):
    """A question with a confirming button and "Hủy" (the default when ``destructive``).

    Args:
        title: the window title (the action's name).
        text: what will happen, in full.
        confirm: the confirming button's text (the action, never just "OK").
        reason_label: when given, a reason is asked (and required when ``reason_required``).
        destructive: the default button is "Hủy", so Enter never confirms by accident.
    """

    def __init__(self, parent: QWidget | None, title: str, text: str, confirm: str, *,
                 reason_label: str | None = None, reason_required: bool = False,
                 destructive: bool = True, hint: str = ""):
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setObjectName("confirmText")
        layout.addWidget(label)
        # A required reason is written on several lines (Enter adds a line, never confirms);
        # an optional note is one line, and Enter there takes the default button.
        self.reason: QPlainTextEdit | QLineEdit | None = None
        self.reason_required = reason_required
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        if reason_label is not None:
            caption = QLabel(reason_label, self)
            caption.setWordWrap(True)
            layout.addWidget(caption)
            if reason_required:
                self.reason = QPlainTextEdit(self)
                self.reason.setTabChangesFocus(True)
                self.reason.setFixedHeight(90)
            else:
                self.reason = QLineEdit(self)
            self.reason.setObjectName("confirmReason")
            caption.setBuddy(self.reason)
            self.reason.textChanged.connect(self._update)
            layout.addWidget(self.reason)
        if hint:
            note = QLabel(hint, self)
            note.setObjectName("fieldHint")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.problem)
        self.problem.hide()
        buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(confirm, self)
        self.confirm_button.setObjectName("confirmButton")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        safe = self.cancel_button if destructive else self.confirm_button
        for button in (self.confirm_button, self.cancel_button):
            button.setAutoDefault(button is safe)
            button.setDefault(button is safe)
        if self.reason is not None:
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            safe.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update()

    def text(self) -> str:
        if isinstance(self.reason, QPlainTextEdit):
            return self.reason.toPlainText().strip()
        return self.reason.text().strip() if self.reason is not None else ""

    def _update(self) -> None:
        missing = self.reason_required and not self.text()
        self.confirm_button.setEnabled(not missing)

    def _try_accept(self) -> None:
        if self.reason_required and not self.text():
            self.problem.setText(self.tr("Write the reason: it is kept in the dossier's "
                                         "history and sent to the applicant."))
            self.problem.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, confirm: str, *,
            reason_label: str | None = None, reason_required: bool = False,
            destructive: bool = True, hint: str = "") -> str | None:
        """The reason typed ("" when none was asked), or None when cancelled."""
        dialog = cls(parent, title, text, confirm, reason_label=reason_label,
                     reason_required=reason_required, destructive=destructive, hint=hint)
        try:
            return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
