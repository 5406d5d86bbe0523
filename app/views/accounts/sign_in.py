"""“Đăng nhập”: phone number or ID number (officers: their login name) and password, with a
show/hide toggle, and “Quên mật khẩu” — a new password through a code sent to the phone.

The dialog only collects and shows; the accounts service talks to the portal on the task runner.
The password is read from the field when the button is pressed, handed to the task, and the
field is cleared once the portal has answered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts import AccountError, validate_password
from app.views.accounts.account_widgets import (
    OtpBox,
    PasswordChecklist,
    PasswordField,
    refusal_text,
    set_dialog_style,
)
from app.views.common.window_place import fit_dialog
from app.workers.tasks import TaskRunner


def _label(text: str, parent: QWidget, name: str = "fieldLabel") -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _error(parent: QWidget) -> QLabel:
    label = _label("", parent, "fieldError")
    label.hide()
    return label


def _show(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


class SignInDialog(QDialog):
    """Sign in, or reset a forgotten password and sign in with the new one.

    Args:
        accounts: an :class:`~app.services.accounts.AccountService`.
        tasks: runs the portal calls off the GUI thread.
        reason: a line shown above the form (e.g. the session expired).
        username: prefilled user name.

    Signals:
        signed_in(object): the ``Session`` now in use.
        register_requested(): “Chưa có tài khoản? Đăng ký”.
    """

    signed_in = Signal(object)
    register_requested = Signal()

    def __init__(self, accounts: Any, tasks: TaskRunner, *, reason: str = "", username: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.accounts = accounts
        self.tasks = tasks
        self.busy = False
        set_dialog_style(self)
        self.setMinimumWidth(560)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        self.sign_in_page = self._build_sign_in(reason, username)
        self.reset_page = self._build_reset()
        for page in (self.sign_in_page, self.reset_page):
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
        self.setStyleSheet(self.styleSheet() + "#signInDialog { background: #ffffff; }")
        fit_dialog(self, 640, 660)

    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page.parentWidget().parentWidget())

    def current_page(self) -> QWidget:
        return self.stack.currentWidget().widget()

    # ----------------------------------------------------------------------------- building
    def _build_sign_in(self, reason: str, username: str) -> QWidget:
        page = QWidget(self)
        page.setObjectName("pageBody")
        form = QVBoxLayout(page)
        form.setContentsMargins(32, 24, 32, 24)
        form.setSpacing(8)
        title = _label(self.tr("Sign in"), page, "pageTitle")
        form.addWidget(title)
        self.reason = _label(reason, page, "signInReason")
        self.reason.setVisible(bool(reason))
        form.addWidget(self.reason)
        self.username_label = _label(self.tr("Phone number or ID number"), page)
        form.addWidget(self.username_label)
        form.addWidget(_label(self.tr("Officers: your login name"), page, "fieldHint"))
        self.username_error = _error(page)
        form.addWidget(self.username_error)
        self.username = QLineEdit(username, page)
        self.username.setMaxLength(64)
        self.username.setMaximumWidth(360)
        self.username.setAccessibleName(self.tr("Phone number or ID number"))
        self.username_label.setBuddy(self.username)
        form.addWidget(self.username)
        password_label = _label(self.tr("Password"), page)
        form.addWidget(password_label)
        self.password_error = _error(page)
        form.addWidget(self.password_error)
        self.password = PasswordField(self.tr("Password"), page)
        password_label.setBuddy(self.password.edit)
        self.password.edit.returnPressed.connect(self.on_sign_in)
        self.username.returnPressed.connect(lambda: self.password.edit.setFocus())
        form.addWidget(self.password)
        self.error = _error(page)
        self.error.setObjectName("dialogError")
        form.addWidget(self.error)
        buttons = QHBoxLayout()
        self.sign_in_button = QPushButton(self.tr("Sign in"), page)
        self.sign_in_button.setObjectName("primaryButton")
        self.sign_in_button.clicked.connect(self.on_sign_in)
        self.forgot_button = QPushButton(self.tr("Forgot password?"), page)
        self.forgot_button.setObjectName("linkButton")
        self.forgot_button.clicked.connect(self.on_forgot)
        self.cancel_button = QPushButton(self.tr("Cancel"), page)
        self.cancel_button.setObjectName("secondaryButton")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        form.addLayout(buttons)
        self.register_button = QPushButton(self.tr("No account yet? Register"), page)
        self.register_button.setObjectName("linkButton")
        self.register_button.clicked.connect(self.on_register)
        row = QHBoxLayout()
        row.addWidget(self.register_button)
        row.addStretch(1)
        form.addLayout(row)
        note = _label(self.tr("The National Public Service Portal signs citizens in with VNeID "
                              "since 1 July 2024 (Decree 69/2024/NĐ-CP). This account is for "
                              "this portal only."), page, "vneidNote")
        form.addWidget(note)
        form.addStretch(1)
        return page

    def _build_reset(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("pageBody")
        form = QVBoxLayout(page)
        form.setContentsMargins(32, 24, 32, 24)
        form.setSpacing(8)
        form.addWidget(_label(self.tr("Forgot password"), page, "pageTitle"))
        form.addWidget(_label(self.tr("We send a code by SMS to the phone of the account; with "
                                      "it you choose a new password."), page, "pageLead"))
        label = _label(self.tr("Phone number or ID number"), page)
        form.addWidget(label)
        self.reset_username_error = _error(page)
        form.addWidget(self.reset_username_error)
        row = QHBoxLayout()
        self.reset_username = QLineEdit(page)
        self.reset_username.setMaxLength(64)
        self.reset_username.setMaximumWidth(360)
        self.reset_username.setAccessibleName(self.tr("Phone number or ID number"))
        label.setBuddy(self.reset_username)
        self.send_code_button = QPushButton(self.tr("Send the code"), page)
        self.send_code_button.setObjectName("secondaryButton")
        self.send_code_button.clicked.connect(self.on_send_code)
        row.addWidget(self.reset_username)
        row.addWidget(self.send_code_button)
        row.addStretch(1)
        form.addLayout(row)
        self.code_part = QWidget(page)
        code_form = QVBoxLayout(self.code_part)
        code_form.setContentsMargins(0, 8, 0, 0)
        self.otp = OtpBox(self.accounts.reset_wait, self.code_part)
        self.otp.resend_requested.connect(self.on_send_code)
        code_form.addWidget(self.otp)
        new_label = _label(self.tr("New password"), self.code_part)
        code_form.addWidget(new_label)
        self.new_password_error = _error(self.code_part)
        code_form.addWidget(self.new_password_error)
        self.new_password = PasswordField(self.tr("New password"), self.code_part)
        new_label.setBuddy(self.new_password.edit)
        code_form.addWidget(self.new_password)
        self.checklist = PasswordChecklist(self.code_part)
        code_form.addWidget(self.checklist)
        self.new_password.changed.connect(self.checklist.update_for)
        again_label = _label(self.tr("Repeat the new password"), self.code_part)
        code_form.addWidget(again_label)
        self.confirmation_error = _error(self.code_part)
        code_form.addWidget(self.confirmation_error)
        self.confirmation = PasswordField(self.tr("Repeat the new password"), self.code_part)
        again_label.setBuddy(self.confirmation.edit)
        code_form.addWidget(self.confirmation)
        self.reset_username.returnPressed.connect(self.on_send_code)
        self.confirmation.edit.returnPressed.connect(self.on_reset)
        self.code_part.hide()
        form.addWidget(self.code_part)
        self.reset_error = _error(page)
        self.reset_error.setObjectName("dialogError")
        form.addWidget(self.reset_error)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("‹ Back to sign in"), page)
        self.back_button.setObjectName("secondaryButton")
        self.back_button.clicked.connect(lambda: self._show_page(self.sign_in_page))
        self.reset_button = QPushButton(self.tr("Set the new password"), page)
        self.reset_button.setObjectName("primaryButton")
        self.reset_button.clicked.connect(self.on_reset)
        self.reset_button.setEnabled(False)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        form.addLayout(buttons)
        form.addStretch(1)
        return page

    def keyPressEvent(self, event) -> None:  # noqa: N802 — Qt override
        """Enter is handled by the field it is pressed in (the password field signs in), never
        also by a default button: one press, one request."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            return
        super().keyPressEvent(event)

    # ----------------------------------------------------------------------------- helpers
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.sign_in_button, self.forgot_button, self.send_code_button,
                       self.reset_button, self.back_button):
            button.setEnabled(not busy)
        self.reset_button.setEnabled(not busy and self.code_part.isVisibleTo(self.reset_page))
        self.otp.busy = busy
        self.otp.tick()

    def _clear_errors(self) -> None:
        for label in (self.username_error, self.password_error, self.error,
                      self.reset_username_error, self.new_password_error,
                      self.confirmation_error, self.reset_error):
            _show(label, None)
        self.otp.set_error(None)

    # ----------------------------------------------------------------------------- sign in
    def on_sign_in(self) -> None:
        if self.busy:
            return
        self._clear_errors()
        username = self.username.text().strip()
        password = self.password.text()
        if not username:
            _show(self.username_error, self.tr("Enter the phone number or ID number."))
            self.username.setFocus()
            return
        if not password:
            _show(self.password_error, self.tr("Enter the password."))
            self.password.edit.setFocus()
            return
        self._set_busy(True)
        accounts = self.accounts
        self.tasks.run(lambda: accounts.login(username, password), self._on_signed_in,
                       self._on_sign_in_refused)

    def _on_signed_in(self, session) -> None:
        self._set_busy(False)
        self.password.clear()
        self.new_password.clear()
        self.confirmation.clear()
        self.otp.stop()
        self.signed_in.emit(session)
        self.accept()

    def _on_sign_in_refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        error = exc if isinstance(exc, AccountError) else AccountError("other", str(exc))
        _show(self.error, refusal_text(error))
        self.password.edit.selectAll()
        self.password.edit.setFocus()

    def on_register(self) -> None:
        self.register_requested.emit()
        self.reject()

    # ----------------------------------------------------------------------------- forgotten
    def on_forgot(self) -> None:
        self._clear_errors()
        if not self.reset_username.text():
            self.reset_username.setText(self.username.text().strip())
        self._show_page(self.reset_page)
        self.reset_username.setFocus()

    def on_send_code(self) -> None:
        if self.busy:
            return
        self._clear_errors()
        username = self.reset_username.text().strip()
        if not username:
            _show(self.reset_username_error, self.tr("Enter the phone number or ID number."))
            return
        self._set_busy(True)
        accounts = self.accounts
        self.tasks.run(lambda: accounts.request_reset(username), self._on_code_sent,
                       self._on_reset_refused)

    def _on_code_sent(self, challenge) -> None:
        self.code_part.show()
        self._set_busy(False)
        self.otp.edit.clear()
        self.otp.show_challenge(challenge.sent_to, challenge.attempts_left)
        self.otp.edit.setFocus()

    def on_reset(self) -> None:
        if self.busy:
            return
        self._clear_errors()
        password, confirmation = self.new_password.text(), self.confirmation.text()
        code = self.otp.code()
        if len(code) != 6 or not code.isdigit():
            self.otp.set_error(self.tr("The code has 6 digits."))
            return
        errors = validate_password(password, confirmation)
        if errors:
            target = (self.confirmation_error if errors[0].field == "confirmation"
                      else self.new_password_error)
            _show(target, errors[0].message())
            return
        self._set_busy(True)
        accounts = self.accounts
        self.tasks.run(lambda: accounts.confirm_reset(code, password, confirmation),
                       self._on_signed_in, self._on_reset_refused)

    def _on_reset_refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        error = exc if isinstance(exc, AccountError) else AccountError("other", str(exc))
        message = refusal_text(error)
        if error.kind in ("otp_wrong", "otp_expired", "otp_attempts", "otp_format",
                          "resend_too_soon", "resend_limit") and self.code_part.isVisibleTo(
                              self.reset_page):
            self.otp.set_error(message)
            if error.attempts_left is not None:
                self.otp.set_attempts(error.attempts_left)
        elif error.field == "username" or error.kind == "not_found":
            _show(self.reset_username_error, message)
        elif error.field == "password" or error.kind == "password_policy":
            _show(self.new_password_error, message)
        else:
            _show(self.reset_error, message)
