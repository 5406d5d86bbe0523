"""“Đăng ký”: the guide's account sign-up as a wizard.

Account type → registration method → the person's details → additional information (address)
→ the SMS code (OTP) → a password → done. Every field is checked with the shared rules as the
person types (once they have left it) and again on Continue; the portal's refusals are shown on
the page they concern. Every call to the portal runs on the task runner, never on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts import (
    REGISTRATION_FIELDS,
    AccountError,
    validate_password,
    validate_registration,
)
from app.views.accounts.account_widgets import (
    OtpBox,
    PasswordChecklist,
    PasswordField,
    refusal_text,
    set_dialog_style,
)
from app.views.common.fields import FieldRow
from app.views.common.wizard_frame import StepRail
from app.views.common.wizard_page import WizardPage
from app.workers.tasks import TaskRunner

DETAIL_FIELDS = ("id_number", "full_name", "birth_date", "sex", "phone", "email")
STAFF_ROLES = ("officer", "admin", "kiosk")


def vneid_note(parent: QWidget) -> QLabel:
    """The help text the issue asks for: VNeID for the national portal since 1/7/2024."""
    from PySide6.QtCore import QCoreApplication

    note = QLabel(QCoreApplication.translate(
        "AccountText", "Since 1 July 2024 (Decree 69/2024/NĐ-CP) the National Public Service Portal signs "
        "citizens in with their VNeID account. The account made here is for this portal "
        "only: it lets you file and follow dossiers with this commune."), parent)
    note.setObjectName("vneidNote")
    note.setWordWrap(True)
    return note


class ChoicePage(WizardPage):
    """A page with one group of radio buttons (account type)."""

    def __init__(self, title: str, lead: str, choices: list[tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        lead_label = QLabel(lead, self.body)
        lead_label.setObjectName("pageLead")
        lead_label.setWordWrap(True)
        self.form.addWidget(lead_label)
        self.group = QButtonGroup(self)
        self.values: list[str] = []
        self.error = QLabel(self.body)
        self.error.setObjectName("fieldError")
        self.error.hide()
        self.form.addWidget(self.error)
        for index, (value, text) in enumerate(choices):
            button = QRadioButton(text, self.body)
            self.group.addButton(button, index)
            self.values.append(value)
            self.form.addWidget(button)

    def value(self) -> str | None:
        checked = self.group.checkedId()
        return self.values[checked] if checked >= 0 else None

    def set_value(self, value: str) -> None:
        if value in self.values:
            self.group.button(self.values.index(value)).setChecked(True)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def first_focus(self) -> QWidget | None:
        return self.group.checkedButton() or self.group.buttons()[0]


class TypePage(ChoicePage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            self.tr("Which kind of account?"),
            self.tr("Choose the kind of account to register (Step 3 of the guide)."),
            [("cong_dan", self.tr("Citizen (Công dân)")),
             ("doanh_nghiep", self.tr("Business (Doanh nghiệp)")),
             ("co_quan_nha_nuoc", self.tr("State agency (Cơ quan nhà nước)"))], parent)
        self.set_value("cong_dan")
        self.form.addSpacing(12)
        self.form.addWidget(vneid_note(self.body))
        self.form.addStretch(1)


class MethodPage(WizardPage):
    """Mobile number offered; the national portal's other methods listed with the reason."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("How do you want to register?"), parent)
        lead = QLabel(self.tr("This portal registers accounts with a mobile number: a code is "
                              "sent to the phone by SMS."), self.body)
        lead.setObjectName("pageLead")
        lead.setWordWrap(True)
        self.form.addWidget(lead)
        self.mobile = QRadioButton(self.tr("Mobile number (thuê bao di động)"), self.body)
        self.mobile.setChecked(True)
        self.form.addWidget(self.mobile)
        self.form.addSpacing(10)
        heading = QLabel(self.tr("Not offered here"), self.body)
        heading.setObjectName("sectionTitle")
        self.form.addWidget(heading)
        reasons = [
            (self.tr("Social insurance number (mã số BHXH)"),
             self.tr("needs a link to the social insurance database, which this portal does not "
                     "have.")),
            (self.tr("At the post office (Bưu điện)"),
             self.tr("done at a post office counter, not on this computer.")),
            (self.tr("USB digital signature (USB ký số)"),
             self.tr("needs a certificate reader and driver, which commune machines do not "
                     "have.")),
            (self.tr("SIM digital signature (SIM ký số)"),
             self.tr("needs a signing SIM and the carrier's signing service.")),
            (self.tr("Personal digital signature (chữ ký số cá nhân)"),
             self.tr("needs a certificate from a signing provider; not supported yet.")),
        ]
        self.unavailable: list[QLabel] = []
        for name, why in reasons:
            label = QLabel(f"<b>{name}</b> — {why}", self.body)
            label.setObjectName("methodOff")
            label.setWordWrap(True)
            self.unavailable.append(label)
            self.form.addWidget(label)
        self.form.addStretch(1)

    def value(self) -> str:
        return "mobile"

    def first_focus(self) -> QWidget | None:
        return self.mobile


class FieldsPage(WizardPage):
    """Rows of fields built from the sign-up's :class:`FieldSpec`\\ s, checked as people type."""

    def __init__(self, title: str, lead: str, keys: tuple[str, ...],
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        lead_label = QLabel(lead, self.body)
        lead_label.setObjectName("pageLead")
        lead_label.setWordWrap(True)
        self.form.addWidget(lead_label)
        self.rows: dict[str, FieldRow] = {}
        self.touched: set[str] = set()
        self.extra_errors: dict[str, str] = {}
        for key in keys:
            row = FieldRow(REGISTRATION_FIELDS[key], self.body)
            self.rows[key] = row
            self.form.addWidget(row)
            row.changed.connect(lambda key=key: self.on_changed(key))
            edit = row.input
            if hasattr(edit, "editingFinished"):
                edit.editingFinished.connect(lambda key=key: self.on_left(key))
        self.form.addStretch(1)

    def values(self) -> dict[str, Any]:
        return {key: row.value() for key, row in self.rows.items()}

    def field_ids(self) -> set[str]:
        return set(self.rows)

    def on_left(self, key: str) -> None:
        if self.rows[key].value() is not None:
            self.touched.add(key)
        self.check(live=True)

    def on_changed(self, key: str) -> None:
        self.extra_errors.pop(key, None)  # the portal's refusal was about the old value
        if self.rows[key].spec.kind == "choice":
            self.touched.add(key)
        self.check(live=True)

    def check(self, live: bool = False) -> list[tuple[str, str]]:
        """Run the shared rules; ``live`` shows errors only for fields already left once."""
        _, errors = validate_registration(self.values(), only=set(self.rows))
        by_field: dict[str, str] = {}
        for error in errors:
            by_field.setdefault(error.field, error.message())
        for key, message in self.extra_errors.items():
            by_field.setdefault(key, message)
        shown: list[tuple[str, str]] = []
        for key, row in self.rows.items():
            message = by_field.get(key)
            if live and key not in self.touched and key not in self.extra_errors:
                message = None
            row.set_error(message)
            if message:
                shown.append((key, message))
        if not live:
            self.touched |= set(self.rows)
            self.show_errors(shown)
        elif not shown:
            self.clear_errors()
        return shown

    def show_refusal(self, key: str, message: str) -> None:
        self.extra_errors[key] = message
        self.check(live=False)

    def focus_field(self, field_id: str) -> None:
        row = self.rows.get(field_id)
        if row is not None:
            row.focus_widget().setFocus()

    def first_focus(self) -> QWidget | None:
        return next(iter(self.rows.values())).focus_widget()


class AddressPage(WizardPage):
    """Additional information: where the person lives (province/commune pickers when the
    divisions data is there; otherwise one free-text line)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Additional information"), parent)
        lead = QLabel(self.tr("Where does the person live? This helps the commune find the "
                              "dossiers. You may leave it empty."), self.body)
        lead.setObjectName("pageLead")
        lead.setWordWrap(True)
        self.form.addWidget(lead)
        self.province: QComboBox | None = None
        self.commune: QComboBox | None = None
        self._divisions: Any = None
        try:
            from dvc_core import divisions

            provinces = divisions.provinces()
            self._divisions = divisions
        except Exception:  # noqa: BLE001 — the pickers are optional; free text works
            provinces = ()
        if provinces:
            self.province = QComboBox(self.body)
            self.province.setAccessibleName(self.tr("Province or city"))
            self.province.addItem(self.tr("— Choose the province —"), None)
            for item in provinces:
                self.province.addItem(item.name, item.code)
            self.commune = QComboBox(self.body)
            self.commune.setAccessibleName(self.tr("Commune or ward"))
            self.province.currentIndexChanged.connect(self.on_province_changed)
            pickers = QWidget(self.body)
            column = QVBoxLayout(pickers)
            column.setContentsMargins(17, 6, 6, 6)  # lined up with the field rows
            for label_text, combo in ((self.tr("Province or city"), self.province),
                                      (self.tr("Commune or ward"), self.commune)):
                label = QLabel(label_text, pickers)
                label.setObjectName("fieldLabel")
                label.setBuddy(combo)
                combo.setMaximumWidth(420)
                column.addWidget(label)
                column.addWidget(combo)
            self.form.addWidget(pickers)
            home = self.province.findData(getattr(divisions, "HOME_PROVINCE", None))
            self.province.setCurrentIndex(max(home, 0))
        self.detail = FieldRow(REGISTRATION_FIELDS["address"], self.body)
        self.detail.label.setText(self.tr("House number, street, village (optional)")
                                  if provinces else self.tr("Address (optional)"))
        self.form.addWidget(self.detail)
        self.detail.changed.connect(lambda: self.detail.set_error(None))
        self.form.addStretch(1)

    def on_province_changed(self, _index: int) -> None:
        assert self.commune is not None and self.province is not None
        self.commune.clear()
        self.commune.addItem(self.tr("— Choose the commune —"), None)
        code = self.province.currentData()
        province = self._divisions.province(code) if code else None
        for commune in getattr(province, "communes", ()):
            self.commune.addItem(commune.name, commune.code)

    def set_address(self, text: str) -> None:
        """Fill from a free-text address (the CCCD's): pickers when the names match."""
        if self.province is None or self.commune is None or self._divisions is None:
            self.detail.set_value(text)
            return
        try:
            province, commune, detail = self._divisions.match_address(text)
        except Exception:  # noqa: BLE001 — best effort; the text is kept as typed
            province, commune, detail = None, None, text
        if province is None:
            self.detail.set_value(text)
            return
        self.province.setCurrentIndex(max(self.province.findData(province), 0))
        self.commune.setCurrentIndex(max(self.commune.findData(commune), 0) if commune else 0)
        self.detail.set_value(detail)

    def value(self) -> str:
        detail = (self.detail.value() or "").strip()
        if self.province is None or self.commune is None:
            return detail
        province, commune = self.province.currentData(), self.commune.currentData()
        if province and commune:
            try:
                return self._divisions.format_address(province, commune, detail)
            except Exception:  # noqa: BLE001
                pass
        parts = [detail, self.commune.currentText() if commune else "",
                 self.province.currentText() if province else ""]
        return ", ".join(p for p in parts if p)

    def check(self) -> list[tuple[str, str]]:
        _, errors = validate_registration({"address": self.value()}, only={"address"})
        message = errors[0].message() if errors else None
        self.detail.set_error(message)
        shown = [("address", message)] if message else []
        self.show_errors(shown)
        return shown

    def first_focus(self) -> QWidget | None:
        return self.province or self.detail.focus_widget()


class OtpPage(WizardPage):
    """Step 5 of the guide: the code sent to the phone; “wrong number?” goes back."""

    wrong_number = Signal()

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
        self.resize(980, 720)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.rail = StepRail(self)
        outer.addWidget(self.rail)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        outer.addLayout(column, 1)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepCaption")
        column.addWidget(self.step_label)
        self.stack = QStackedWidget(self)
        column.addWidget(self.stack, 1)
        nav = QFrame(self)
        nav.setObjectName("navBar")
        nav_layout = QHBoxLayout(nav)
        nav_layout.setContentsMargins(32, 10, 32, 12)
        self.back_button = QPushButton(self.tr("‹ Back"), nav)
        self.back_button.setObjectName("secondaryButton")
        self.back_button.clicked.connect(self.go_back)
        self.status = QLabel(nav)
        self.status.setObjectName("fieldHint")
        self.next_button = QPushButton(self.tr("Continue"), nav)
        self.next_button.setObjectName("primaryButton")
        self.next_button.clicked.connect(self.go_next)
        nav_layout.addWidget(self.back_button)
        nav_layout.addStretch(1)
        nav_layout.addWidget(self.status)
        nav_layout.addWidget(self.next_button)
        column.addWidget(nav)

        self.type_page = TypePage(self)
        self.method_page = MethodPage(self)
        self.details_page = FieldsPage(
            self.tr("The person's details"),
            self.tr("As written on the chip ID card (CCCD) or the old ID card (CMND). The name "
                    "with its diacritics, for example Nguyễn Văn An."), DETAIL_FIELDS, self)
        self._add_qr_line()
        self.address_page = AddressPage(self)
        self.otp_page = OtpPage(self.accounts.resend_wait, self)
        self.otp_page.wrong_number.connect(self.on_wrong_number)
        self.otp_page.box.resend_requested.connect(self.on_resend)
        self.otp_page.box.submitted.connect(self.go_next)
        self.password_page = PasswordPage(self)
        self.done_page = DonePage(self)
        self.done_page.switch_requested.connect(self.on_switch)
        self.pages: list[WizardPage] = [self.type_page, self.method_page, self.details_page,
                                        self.address_page, self.otp_page, self.password_page,
                                        self.done_page]
        for page in self.pages:
            self.stack.addWidget(page)
        self.rail.set_steps([self.tr("Account type"), self.tr("Method"), self.tr("Details"),
                             self.tr("Additional information"), self.tr("OTP code"),
                             self.tr("Password"), self.tr("Done")])
        self.index = 0
        self._show(0)

    def _add_qr_line(self) -> None:
        """A line for the CCCD's QR code: a USB scanner types it and presses Enter (or the
        text is pasted); the identity fields and the address are filled from it."""
        page = self.details_page
        box = QFrame(page.body)
        box.setObjectName("qrBox")
        column = QVBoxLayout(box)
        column.setContentsMargins(17, 6, 6, 6)
        label = QLabel(self.tr("Chip ID card: scan its QR code here to fill the details "
                               "(optional)"), box)
        label.setObjectName("fieldLabel")
        label.setWordWrap(True)
        self.qr_error = QLabel(box)
        self.qr_error.setObjectName("fieldError")
        self.qr_error.setWordWrap(True)
        self.qr_error.hide()
        self.qr_edit = QLineEdit(box)
        self.qr_edit.setMaxLength(400)
        self.qr_edit.setPlaceholderText(self.tr("Scan, or paste the QR text and press Enter"))
        self.qr_edit.setAccessibleName(self.tr("QR code of the chip ID card"))
        label.setBuddy(self.qr_edit)
        self.qr_edit.returnPressed.connect(self.on_qr_scanned)
        for widget in (label, self.qr_error, self.qr_edit):
            column.addWidget(widget)
        page.form.insertWidget(3, box)  # after the heading, the summary and the lead

    def on_qr_scanned(self) -> None:
        from app.services.identity import QrError, parse_cccd_qr

        try:
            data = parse_cccd_qr(self.qr_edit.text())
        except QrError as exc:
            self.qr_error.setText(exc.message)
            self.qr_error.show()
            return
        self.qr_error.hide()
        self.qr_edit.clear()  # identity data is not kept in a second place
        rows = self.details_page.rows
        rows["id_number"].set_value(data.id_number)
        rows["full_name"].set_value(data.full_name)
        rows["birth_date"].set_value(data.birth_date.strftime("%d/%m/%Y"))
        rows["sex"].set_value(data.sex)
        if data.address:
            self.address_page.set_address(data.address)
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
    def current_page(self) -> WizardPage:
        return self.pages[self.index]

    def _show(self, index: int) -> None:
        self.index = index
        self.stack.setCurrentIndex(index)
        self.rail.set_current(index)
        self.step_label.setText(self.tr("Step {0} of {1}").format(index + 1, len(self.pages)))
        page = self.pages[index]
        done = page is self.done_page
        # Once the phone is verified there is no going back to the code or the details.
        self.back_button.setVisible(index > 0 and not done and page is not self.password_page)
        self.next_button.setText(
            self.tr("Close") if done else
            self.tr("Send the code") if page is self.address_page else
            self.tr("Confirm") if page is self.otp_page else
            self.tr("Register") if page is self.password_page else self.tr("Continue"))
        if page is self.otp_page:
            self.otp_page.box.tick()
        focus = page.first_focus()
        if focus is not None:
            focus.setFocus()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.next_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.otp_page.box.busy = busy
        self.otp_page.box.tick()
        self.status.setText(text if busy else "")

    def go_back(self) -> None:
        if self.busy or self.index == 0:
            return
        page = self.current_page()
        if page is self.password_page:
            return  # the phone is verified: there is no going back to the code
        self._show(self.index - 1)

    def go_next(self) -> None:
        if self.busy:
            return
        page = self.current_page()
        if page is self.type_page:
            if page.value() is None:
                page.set_error(self.tr("Choose the kind of account."))
                return
            self._show(self.index + 1)
        elif page is self.method_page:
            self._show(self.index + 1)
        elif page is self.details_page:
            if not page.check():
                self._show(self.index + 1)
        elif page is self.address_page:
            if not page.check():
                self.register()
        elif page is self.otp_page:
            self.verify()
        elif page is self.password_page:
            if not page.check():
                self.finish()
        elif page is self.done_page:
            self.accept()

    def on_wrong_number(self) -> None:
        """“Sai số điện thoại?” — back to the details, phone field focused."""
        self.otp_page.clear_refusal()
        self._show(self.pages.index(self.details_page))
        self.details_page.rows["phone"].focus_widget().setFocus()

    # ----------------------------------------------------------------------------- portal calls
    def _details(self) -> dict[str, Any]:
        values = self.details_page.values()
        return {"account_type": self.type_page.value() or "cong_dan",
                "method": self.method_page.value(), **values,
                "address": self.address_page.value() or None}

    def register(self) -> None:
        details = self._details()
        key = tuple(sorted((k, str(v)) for k, v in details.items()))
        if key == self._registered_key and self.accounts.registration is not None:
            # Nothing changed since the code was sent: go on to the code, do not send another.
            self._show(self.pages.index(self.otp_page))
            return
        self._set_busy(True, self.tr("Sending the code…"))
        accounts = self.accounts
        self.tasks.run(lambda: accounts.register(**details),
                       lambda reg: self._on_registered(reg, key), self._on_refused)

    def _on_registered(self, registration, key) -> None:
        self._set_busy(False)
        self._registered_key = key
        self.otp_page.clear_refusal()
        self.otp_page.box.edit.clear()
        self.otp_page.box.show_challenge(registration.otp.sent_to, registration.otp.attempts_left)
        self._show(self.pages.index(self.otp_page))

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

    def verify(self) -> None:
        code = self.otp_page.box.code()
        if len(code) != 6 or not code.isdigit():
            self.otp_page.show_refusal(self.tr("The code has 6 digits."))
            return
        self._set_busy(True, self.tr("Checking the code…"))
        accounts = self.accounts
        self.tasks.run(lambda: accounts.verify_otp(code), self._on_verified, self._on_refused)

    def _on_verified(self, _result) -> None:
        self._set_busy(False)
        self.otp_page.box.stop()
        self.otp_page.clear_refusal()
        self._show(self.pages.index(self.password_page))

    def finish(self) -> None:
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

    def _on_finished(self, session) -> None:
        self._set_busy(False)
        self.password_page.clear()
        self.done_page.show_result(self._result.get("name", ""), self._result.get("phone", ""),
                                   self._result.get("id_number", ""), session is not None)
        self._show(self.pages.index(self.done_page))
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
                self._show(self.pages.index(self.password_page))
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
                self._show(self.pages.index(self.details_page))
                self.details_page.check(live=False)
                return
        if error.field in self.details_page.rows:
            self._show(self.pages.index(self.details_page))
            self.details_page.show_refusal(error.field, message)
            return
        self.current_page().show_errors([("", message)])
