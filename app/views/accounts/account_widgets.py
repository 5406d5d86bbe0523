"""Small widgets the sign-up wizard and the sign-in dialog share: a password field with a
show/hide toggle, the password policy as a live checklist, the OTP field with its resend
countdown, and how a refusal from the accounts service is put into words."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dvc_core.rules import password_checks

#: Look of the widgets below (kept here: they exist only on the account screens).
ACCOUNT_STYLE = """
#checkItem { color: #505a5f; }
#checkItem[ok="true"] { color: #00703c; font-weight: 600; }
#otpEdit { font-size: 20pt; letter-spacing: 8px; font-weight: 700; }
#countdown { color: #505a5f; }
#attempts { font-weight: 600; }
#vneidNote { background: #e8f1fa; border-left: 5px solid #1d70b8; padding: 10px 12px; }
#doneNote { background: #f3f2f1; padding: 10px 12px; }
#methodOff { color: #505a5f; }
#signInReason { background: #fff7bf; border-left: 5px solid #ffdd00; padding: 10px 12px; }
#dialogError { color: #d4351c; font-weight: 600; }
"""


def refusal_text(error) -> str:
    """A person's words for an :class:`~app.services.accounts.AccountError` (Vietnamese via tr);
    the portal's own Vietnamese message when the kind is not one we know."""
    kind = getattr(error, "kind", "other")
    attempts = getattr(error, "attempts_left", None)
    wait = getattr(error, "retry_after", None)
    if kind == "id_registered":
        return QCoreApplication.translate("AccountText", "This ID number already has an account. Each ID number can have only one "
                   "account: sign in with it, or use “Forgot password”.")
    if kind == "phone_registered":
        return QCoreApplication.translate("AccountText", "This phone number is already used by another account. Use the person's own "
                   "mobile number.")
    if kind == "otp_wrong":
        if attempts:
            return QCoreApplication.translate("AccountText", "The code is not right. {0} tries left.").format(attempts)
        return QCoreApplication.translate("AccountText", "The code is not right and no tries are left: press “Send a new code”.")
    if kind == "otp_expired":
        return QCoreApplication.translate("AccountText", "The code has expired (codes last 5 minutes). Press “Send a new code”.")
    if kind == "otp_attempts":
        return QCoreApplication.translate("AccountText", "Too many wrong codes. Press “Send a new code” to get a new one.")
    if kind == "otp_format":
        return QCoreApplication.translate("AccountText", "The code has 6 digits.")
    if kind == "resend_too_soon":
        return QCoreApplication.translate("AccountText", "Please wait {0} seconds before asking for a new code.").format(wait or 60)
    if kind == "resend_limit":
        return QCoreApplication.translate("AccountText", "A code was sent 5 times in the last hour. Please try again in an hour.")
    if kind == "bad_credentials":
        text = QCoreApplication.translate("AccountText", "The phone number, ID number or password is not right.")
        return text + " " + QCoreApplication.translate("AccountText", "{0} tries left.").format(attempts) if attempts else text
    if kind == "login_locked":
        minutes = max(1, (wait or 60) // 60)
        return QCoreApplication.translate("AccountText", "Too many wrong passwords: the account is locked for about {0} minutes.").format(
            minutes)
    if kind == "password_policy":
        return QCoreApplication.translate("AccountText", "The password needs at least 8 characters with a lower-case letter, an "
                   "upper-case letter, a digit and a special character.")
    if kind == "password_mismatch":
        return QCoreApplication.translate("AccountText", "The two passwords are not the same.")
    if kind == "not_found":
        return QCoreApplication.translate("AccountText", "No citizen account has this phone number or ID number.")
    if kind == "network":
        return QCoreApplication.translate("AccountText", "The portal cannot be reached (no network, or the portal is off). Nothing was "
                   "lost: try again in a moment.")
    if kind == "server":
        return QCoreApplication.translate("AccountText", "The portal had a problem. Nothing was lost: try again in a moment.")
    if kind == "required":
        return QCoreApplication.translate("AccountText", "Enter the phone number or ID number and the password.")
    message = getattr(error, "message", "") or str(error)
    return message or QCoreApplication.translate("AccountText", "The portal refused the request.")


class PasswordField(QWidget):
    """A password line edit with a “Show”/“Hide” button. The text is never logged or kept.

    Signals:
        changed(str): the text changed.
    """

    changed = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMaxLength(128)
        self.edit.setMinimumWidth(280)
        self.edit.setMaximumWidth(360)
        self.edit.setAccessibleName(accessible_name)
        # No input-method prediction or history for a password.
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                                      | Qt.InputMethodHint.ImhNoPredictiveText
                                      | Qt.InputMethodHint.ImhSensitiveData)
        self.edit.textChanged.connect(self.changed)
        self.toggle = QPushButton(self.tr("Show"), self)
        self.toggle.setObjectName("linkButton")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(self.tr("Show the password"))
        self.toggle.toggled.connect(self.on_toggled)
        layout.addWidget(self.edit)
        layout.addWidget(self.toggle)
        layout.addStretch(1)

    def on_toggled(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle.setText(self.tr("Hide") if shown else self.tr("Show"))

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()
        self.toggle.setChecked(False)


class PasswordChecklist(QFrame):
    """The password policy, each rule ticked as soon as the password meets it."""

    KEYS = ("length", "lower", "upper", "digit", "special")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        texts = {
            "length": self.tr("at least 8 characters"),
            "lower": self.tr("a lower-case letter (a–z)"),
            "upper": self.tr("an upper-case letter (A–Z)"),
            "digit": self.tr("a digit (0–9)"),
            "special": self.tr("a special character, such as @ # $ % !"),
        }
        self._texts = texts
        self.items: dict[str, QLabel] = {}
        for key in self.KEYS:
            label = QLabel(self)
            label.setObjectName("checkItem")
            self.items[key] = label
            layout.addWidget(label)
        self.update_for("")

    def update_for(self, password: str) -> dict[str, bool]:
        checks = password_checks(password)
        for key, label in self.items.items():
            ok = checks[key]
            label.setText(("✓  " if ok else "✗  ") + self._texts[key])
            label.setProperty("ok", ok)
            label.setAccessibleDescription(self.tr("met") if ok else self.tr("not met yet"))
            label.style().unpolish(label)
            label.style().polish(label)
        return checks

    def all_ok(self) -> bool:
        return all(label.property("ok") for label in self.items.values())


class OtpBox(QFrame):
    """One 6-digit field, where the code went, tries left, and “Send a new code” with its
    countdown (the portal allows one code a minute).

    Args:
        wait_seconds: returns how many seconds remain before a new code may be asked for.

    Signals:
        resend_requested(): the button was pressed (and allowed).
        submitted(): Enter in the field.
    """

    resend_requested = Signal()
    submitted = Signal()

    def __init__(self, wait_seconds: Callable[[], int], parent: QWidget | None = None):
        super().__init__(parent)
        self._wait = wait_seconds
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.sent_to = QLabel(self)
        self.sent_to.setWordWrap(True)
        self.sent_to.setObjectName("pageLead")
        layout.addWidget(self.sent_to)
        self.label = QLabel(self.tr("Verification code (OTP)"), self)
        self.label.setObjectName("fieldLabel")
        layout.addWidget(self.label)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("otpEdit")
        self.edit.setMaxLength(6)
        self.edit.setMaximumWidth(220)
        self.edit.setPlaceholderText("••••••")
        self.edit.setAccessibleName(self.tr("Verification code (OTP)"))
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        # Digits only, as typed: a letter never gets into the code.
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"),
                                                           self.edit))
        self.edit.returnPressed.connect(self.submitted)
        self.label.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.attempts = QLabel(self)
        self.attempts.setObjectName("attempts")
        layout.addWidget(self.attempts)
        row = QHBoxLayout()
        self.resend = QPushButton(self.tr("Send a new code"), self)
        self.resend.setObjectName("secondaryButton")
        self.resend.clicked.connect(self.resend_requested)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        row.addWidget(self.resend)
        row.addWidget(self.countdown)
        row.addStretch(1)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.busy = False

    def show_challenge(self, sent_to: str, attempts_left: int) -> None:
        if sent_to:
            self.sent_to.setText(self.tr("We sent a 6-digit code by SMS to {0}. It is valid for 5 "
                                         "minutes.").format(sent_to))
        else:  # a password reset named by ID number: the portal does not say which phone
            self.sent_to.setText(self.tr("If this is a citizen account, we sent a 6-digit code by "
                                         "SMS to its phone number. It is valid for 5 minutes."))
        self.set_attempts(attempts_left)
        self.tick()
        self.timer.start()

    def set_attempts(self, left: int) -> None:
        self.attempts.setText(self.tr("Tries left: {0} of 5").format(left))

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def tick(self) -> None:
        wait = self._wait()
        self.resend.setEnabled(wait <= 0 and not self.busy)
        if wait > 0:
            self.countdown.setText(self.tr("You can ask for a new code in {0} s").format(wait))
        else:
            self.countdown.setText(self.tr("Did not get it? Ask for a new code."))

    def code(self) -> str:
        return self.edit.text().strip()

    def stop(self) -> None:
        self.timer.stop()


def set_dialog_style(widget: QWidget) -> None:
    widget.setStyleSheet(ACCOUNT_STYLE)
