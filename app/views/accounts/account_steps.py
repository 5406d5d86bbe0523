"""The sign-up wizard's last pages: the SMS code (OTP), the password, done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts import (
    validate_password,
)
from app.views.accounts.account_widgets import (
    OtpBox,
    PasswordChecklist,
    PasswordField,
)
from app.views.common.wizard_page import WizardPage


class OtpPage(WizardPage):
    """Step 5 of the guide: the code sent to the phone; “wrong number?” goes back."""

    wrong_number = Signal()

    page_id = "otp"

    def initialize(self) -> None:
        self.box.tick()  # the resend countdown, as it stands now

    def __init__(self, wait_seconds, parent: QWidget | None = None):
        super().__init__(self.tr("Enter the code sent to the phone"), parent)
        self.box = OtpBox(wait_seconds, self.body)
        self.form.addWidget(self.box)
        self.wrong = QPushButton(self.tr("Wrong phone number? Go back and correct it"), self.body)
        self.wrong.setObjectName("linkButton")
        self.wrong.clicked.connect(self.wrong_number)
        row = QHBoxLayout()
        row.addWidget(self.wrong)
        row.addStretch(1)
        self.form.addLayout(row)
        self.form.addStretch(1)

    def show_refusal(self, message: str) -> None:
        self.box.set_error(message)
        self.show_errors([("otp", message)])

    def clear_refusal(self) -> None:
        self.box.set_error(None)
        self.clear_errors()

    def focus_field(self, field_id: str) -> None:
        self.box.edit.setFocus()

    def first_focus(self) -> QWidget | None:
        return self.box.edit


class PasswordPage(WizardPage):
    """Step 6: a password, the policy as a live checklist, show/hide, and the confirmation."""

    page_id = "password"
    allows_back = False  # the phone is verified: there is no going back to the code

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Create a password"), parent)
        lead = QLabel(self.tr("The person signs in with their phone number or ID number and "
                              "this password. Nobody else, officers included, should know it."),
                      self.body)
        lead.setObjectName("pageLead")
        lead.setWordWrap(True)
        self.form.addWidget(lead)
        self.errors: dict[str, QLabel] = {}
        self.password = PasswordField(self.tr("Password"), self.body)
        self.checklist = PasswordChecklist(self.body)
        self.confirmation = PasswordField(self.tr("Repeat the password"), self.body)
        self.match = QLabel(self.body)
        self.match.setObjectName("checkItem")
        for key, text, field in (("password", self.tr("Password"), self.password),
                                 ("confirmation", self.tr("Repeat the password"),
                                  self.confirmation)):
            label = QLabel(text, self.body)
            label.setObjectName("fieldLabel")
            label.setBuddy(field.edit)
            error = QLabel(self.body)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            self.form.addWidget(label)
            self.form.addWidget(error)
            self.form.addWidget(field)
            if key == "password":
                hint = QLabel(self.tr("The password must have:"), self.body)
                hint.setObjectName("fieldHint")
                self.form.addWidget(hint)
                self.form.addWidget(self.checklist)
                self.form.addSpacing(8)
        self.form.addWidget(self.match)
        self.form.addStretch(1)
        self.password.changed.connect(self.on_changed)
        self.confirmation.changed.connect(self.on_changed)

    def on_changed(self, _text: str = "") -> None:
        password = self.password.text()
        self.checklist.update_for(password)
        confirmation = self.confirmation.text()
        if confirmation:
            same = confirmation == password
            self.match.setText(("✓  " + self.tr("The two passwords are the same")) if same
                               else ("✗  " + self.tr("The two passwords are not the same yet")))
            self.match.setProperty("ok", same)
        else:
            self.match.setText("")
        self.match.style().unpolish(self.match)
        self.match.style().polish(self.match)
        if self.summary.isVisible():
            self.check()

    def validate(self) -> bool:
        return not self.check()

    def check(self) -> list[tuple[str, str]]:
        errors = validate_password(self.password.text(), self.confirmation.text())
        shown = [(e.field, e.message()) for e in errors]
        self.show_field_errors(shown)
        return shown

    def show_field_errors(self, shown: list[tuple[str, str]]) -> None:
        by_field = dict(shown)
        for key, label in self.errors.items():
            label.setText(by_field.get(key, ""))
            label.setVisible(key in by_field)
        self.show_errors(shown)

    def clear(self) -> None:
        self.password.clear()
        self.confirmation.clear()

    def focus_field(self, field_id: str) -> None:
        (self.confirmation if field_id == "confirmation" else self.password).edit.setFocus()

    def first_focus(self) -> QWidget | None:
        return self.password.edit


class DonePage(WizardPage):
    """The GOV.UK confirmation panel: account made, and who is signed in now."""

    switch_requested = Signal()

    page_id = "done"
    is_step = False

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Account registered"), parent)
        panel = QFrame(self.body)
        panel.setObjectName("confirmationPanel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 20)
        self.panel_title = QLabel(self.tr("Account registered"), panel)
        self.panel_title.setObjectName("panelTitle")
        self.panel_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(panel)
        self.who.setObjectName("panelCaption")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        inner.addWidget(self.panel_title)
        inner.addWidget(self.who)
        self.form.addWidget(panel)
        self.note = QLabel(self.body)
        self.note.setObjectName("doneNote")
        self.note.setWordWrap(True)
        self.form.addWidget(self.note)
        self.switch = QPushButton(self.tr("Sign in with this account now"), self.body)
        self.switch.setObjectName("secondaryButton")
        self.switch.clicked.connect(self.switch_requested)
        row = QHBoxLayout()
        row.addWidget(self.switch)
        row.addStretch(1)
        self.form.addLayout(row)
        self.form.addStretch(1)
        self.heading.hide()

    def show_result(self, name: str, phone: str, id_number: str, signed_in: bool) -> None:
        if signed_in:
            self.who.setText(self.tr("{0}, you are now signed in.").format(name))
        else:
            self.who.setText(self.tr("The account of {0} is ready.").format(name))
        self.note.setText(self.tr("Sign in next time with the phone number {0} or the ID number "
                                  "{1}, and the password just created.").format(phone, id_number))
        self.switch.setVisible(not signed_in)
