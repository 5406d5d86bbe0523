"""“Đăng ký”: the guide's account sign-up as a wizard.

Account type → registration method → the person's details → additional information (address)
→ the SMS code (OTP) → a password → done. Every field is checked with the shared rules as the
person types (once they have left it) and again on Continue; the portal's refusals are shown on
the page they concern. Every call to the portal runs on the task runner, never on the GUI thread.
The pages (:mod:`app.views.accounts.account_pages`, :mod:`~app.views.accounts.account_steps`)
run in the shared :class:`~app.views.common.wizard_frame.WizardFrame`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.accounts import AccountError
from app.views.accounts.account_pages import (
    DETAIL_FIELDS,
    AddressPage,
    FieldsPage,
    MethodPage,
    TypePage,
)
from app.views.accounts.account_steps import DonePage, OtpPage, PasswordPage
from app.views.accounts.account_widgets import refusal_text, set_dialog_style
from app.views.common.qr_scan import QrScanBox
from app.views.common.window_place import fit_dialog
from app.views.common.wizard_frame import WizardFrame
from app.views.common.wizard_page import WizardPage
from app.workers.tasks import TaskRunner


class AccountWizard(QDialog):
    """The sign-up wizard, opened by the “Đăng ký” button at the top right of the window.

    Args:
        accounts: an :class:`~app.services.accounts.AccountService`.
        tasks: runs the portal calls off the GUI thread.
        keep_session: do not replace the current (staff) session at the end — an officer
            walking a citizen through sign-up stays signed in; the done page offers to switch.

    Signals:
        signed_in(object): the new account is signed in (its ``Session``).
    """

    signed_in = Signal(object)

    def __init__(self, accounts: Any, tasks: TaskRunner, *, keep_session: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("accountWizard")
        self.setWindowTitle(self.tr("Register an account"))
        self.accounts = accounts
        self.tasks = tasks
        self.keep_session = keep_session
        self.busy = False
        self._registered_key: tuple | None = None
        self._result: dict[str, str] = {}
        set_dialog_style(self)
        fit_dialog(self, 980, 720)  # on a 1366×768 laptop: the room there is

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.frame = WizardFrame(self)
        layout.addWidget(self.frame)
        self.rail, self.step_label, self.stack = (self.frame.rail, self.frame.step_label,
                                                  self.frame.stack)
        self.back_button, self.next_button = self.frame.back_button, self.frame.next_button
        self.status = QLabel(self.frame.nav)
        self.status.setObjectName("fieldHint")
        self.frame.add_nav_widget(self.status)

        self.type_page = TypePage(self)
        self.type_page.step_title = self.tr("Account type")
        self.method_page = MethodPage(self)
        self.method_page.step_title = self.tr("Method")
        self.details_page = FieldsPage(
            self.tr("The person's details"),
            self.tr("As written on the chip ID card (CCCD) or the old ID card (CMND). The name "
                    "with its diacritics, for example Nguyễn Văn An."), DETAIL_FIELDS, self)
        self.details_page.step_title = self.tr("Details")
        self._add_qr_line()
        self.address_page = AddressPage(self)
        self.address_page.step_title = self.tr("Additional information")
        self.address_page.next_label = self.tr("Send the code")
        self.otp_page = OtpPage(self.accounts.resend_wait, self)
        self.otp_page.step_title = self.tr("OTP code")
        self.otp_page.next_label = self.tr("Confirm")
        self.otp_page.wrong_number.connect(self.on_wrong_number)
        self.otp_page.box.resend_requested.connect(self.on_resend)
        self.otp_page.box.submitted.connect(self.go_next)
        self.password_page = PasswordPage(self)
        self.password_page.step_title = self.tr("Password")
        self.password_page.next_label = self.tr("Register")
        self.done_page = DonePage(self)
        self.done_page.next_label = self.tr("Close")
        self.done_page.switch_requested.connect(self.on_switch)
        # The pages in order, and what continuing from a page does beyond checking it: the
        # portal calls answer later and move the wizard on themselves.
        self.frame.set_pages(
            (self.type_page, self.method_page, self.details_page, self.address_page,
             self.otp_page, self.password_page, self.done_page),
            actions={"address": self.register, "otp": self.verify, "password": self.finish,
                     "done": self._close})
        self._show(0)

    def _add_qr_line(self) -> None:
        """The CCCD's QR code: a USB scanner types it and presses Enter (or the text is
        pasted); the identity fields and the address are filled from it."""
        page = self.details_page
        box = QrScanBox("", page.body, compact=True, title=self.tr(
            "Chip ID card: scan its QR code here to fill the details (optional)"))
        box.confirms = False  # the filled fields say it, checked as the person goes on
        box.lang = getattr(self.parentWidget(), "lang", "vi")  # the window's rule language
        self.qr_box = box
        self.qr_edit = box.edit
        self.qr_edit.setPlaceholderText(self.tr("Scan, or paste the QR text and press Enter"))
        self.qr_edit.setAccessibleName(self.tr("QR code of the chip ID card"))
        self.qr_error = box.status
        box.scanned.connect(self.on_qr_scanned)
        for key in ("id_number", "full_name", "phone"):
            box.watch(page.rows[key].focus_widget())
        page.form.insertWidget(3, box)  # after the heading, the summary and the lead

    def on_qr_scanned(self, answers: dict[str, Any]) -> None:
        rows = self.details_page.rows
        for key in ("id_number", "full_name", "birth_date", "sex"):
            rows[key].set_value(answers[key])
        if answers.get("address"):
            self.address_page.set_address(answers["address"])
        self.details_page.touched |= {"id_number", "full_name", "birth_date", "sex"}
        self.details_page.check(live=True)
        rows["phone"].focus_widget().setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 — Qt override
        """Enter continues (QDialog would click a default button as well as the field's own
        handler, doing the step twice); in the QR and OTP fields their handler alone runs."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            elif focus not in (self.qr_edit, self.otp_page.box.edit):
                self.go_next()
            return
        super().keyPressEvent(event)

    # ----------------------------------------------------------------------------- navigation
    @property
    def pages(self) -> list[WizardPage]:
        return self.frame.pages

    @property
    def index(self) -> int:
        return self.frame.index

    def current_page(self) -> WizardPage:
        return self.frame.current_page()

    def _show(self, index: int | WizardPage) -> None:
        self.frame.show_page(index)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.next_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.otp_page.box.busy = busy
        self.otp_page.box.tick()
        self.status.setText(text if busy else "")

    def go_back(self) -> None:
        if not self.busy:
            self.frame.go_back()

    def go_next(self) -> None:
        if not self.busy:
            self.frame.go_next()

    def _close(self) -> bool:
        self.accept()
        return False

    def on_wrong_number(self) -> None:
        """“Sai số điện thoại?” — back to the details, phone field focused."""
        self.otp_page.clear_refusal()
        self._show(self.details_page)
        self.details_page.rows["phone"].focus_widget().setFocus()

    # ----------------------------------------------------------------------------- portal calls
    def _details(self) -> dict[str, Any]:
        values = self.details_page.values()
        return {"account_type": self.type_page.value() or "cong_dan",
                "method": self.method_page.value(), **values,
                "address": self.address_page.value() or None}

    def register(self) -> bool:
        details = self._details()
        key = tuple(sorted((k, str(v)) for k, v in details.items()))
        if key == self._registered_key and self.accounts.registration is not None:
            # Nothing changed since the code was sent: go on to the code, do not send another.
            self._show(self.otp_page)
            return False
        self._set_busy(True, self.tr("Sending the code…"))
        accounts = self.accounts
        self.tasks.run(lambda: accounts.register(**details),
                       lambda reg: self._on_registered(reg, key), self._on_refused)
        return False  # the portal's answer moves the wizard on

    def _on_registered(self, registration, key) -> None:
        self._set_busy(False)
        self._registered_key = key
        self.otp_page.clear_refusal()
        self.otp_page.box.edit.clear()
        self.otp_page.box.show_challenge(registration.otp.sent_to, registration.otp.attempts_left)
        self._show(self.otp_page)

    def on_resend(self) -> None:
        if self.busy:
            return
        self._set_busy(True, self.tr("Sending a new code…"))
        accounts = self.accounts
        self.tasks.run(accounts.resend_otp, self._on_resent, self._on_refused)

    def _on_resent(self, challenge) -> None:
        self._set_busy(False)
        self.otp_page.clear_refusal()
        self.otp_page.box.edit.clear()
        self.otp_page.box.show_challenge(challenge.sent_to, challenge.attempts_left)
        self.otp_page.box.edit.setFocus()

    def verify(self) -> bool:
        code = self.otp_page.box.code()
        if len(code) != 6 or not code.isdigit():
            self.otp_page.show_refusal(self.tr("The code has 6 digits."))
            return False
        self._set_busy(True, self.tr("Checking the code…"))
        accounts = self.accounts
        self.tasks.run(lambda: accounts.verify_otp(code), self._on_verified, self._on_refused)
        return False  # the portal's answer moves the wizard on

    def _on_verified(self, _result) -> None:
        self._set_busy(False)
        self.otp_page.box.stop()
        self.otp_page.clear_refusal()
        self._show(self.password_page)

    def finish(self) -> bool:
        password = self.password_page.password.text()
        confirmation = self.password_page.confirmation.text()
        registration = self.accounts.registration
        self._result = {"name": registration.full_name, "phone": registration.phone,
                        "id_number": registration.id_number} if registration else {}
        self._set_busy(True, self.tr("Creating the account…"))
        accounts = self.accounts
        sign_in = not self.keep_session
        self.tasks.run(lambda: accounts.set_password(password, confirmation, sign_in=sign_in),
                       self._on_finished, self._on_refused)
        return False  # the portal's answer moves the wizard on

    def _on_finished(self, session) -> None:
        self._set_busy(False)
        self.password_page.clear()
        self.done_page.show_result(self._result.get("name", ""), self._result.get("phone", ""),
                                   self._result.get("id_number", ""), session is not None)
        self._show(self.done_page)
        if session is not None:
            self.signed_in.emit(session)

    def on_switch(self) -> None:
        """An officer's choice on the done page: sign the desk in as the new account."""
        from app.views.accounts.sign_in import SignInDialog

        dialog = SignInDialog(self.accounts, self.tasks, parent=self,
                              username=self._result.get("phone", ""))
        dialog.signed_in.connect(self.signed_in)
        dialog.signed_in.connect(lambda _s: self.done_page.show_result(
            self._result.get("name", ""), self._result.get("phone", ""),
            self._result.get("id_number", ""), True))
        dialog.open()

    def _on_refused(self, exc: BaseException) -> None:
        """Put the refusal on the page it concerns, in words (never a raw error)."""
        self._set_busy(False)
        error = exc if isinstance(exc, AccountError) else AccountError("other", str(exc))
        message = refusal_text(error)
        kind = error.kind
        if kind in ("otp_wrong", "otp_expired", "otp_attempts", "otp_format", "resend_too_soon",
                    "resend_limit", "already_verified"):
            self.otp_page.show_refusal(message)
            if error.attempts_left is not None:
                self.otp_page.box.set_attempts(error.attempts_left)
            self.otp_page.box.tick()
            return
        if kind in ("password_policy", "password_mismatch", "required") or error.field in (
                "password", "confirmation"):
            if self.current_page() is not self.password_page:
                self._show(self.password_page)
            self.password_page.show_field_errors([(error.field or "password", message)])
            return
        if kind == "validation" and error.errors:
            placed = False
            for item in error.errors:
                key = str(item.get("field", ""))
                if key in self.details_page.rows:
                    self.details_page.extra_errors[key] = str(item.get("message", ""))
                    placed = True
            if placed:
                self._show(self.details_page)
                self.details_page.check(live=False)
                return
        if error.field in self.details_page.rows:
            self._show(self.details_page)
            self.details_page.show_refusal(error.field, message)
            return
        self.current_page().show_errors([("", message)])
