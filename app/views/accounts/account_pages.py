"""The sign-up wizard's first pages: account type, method, the person's details, address."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts import (
    REGISTRATION_FIELDS,
    validate_registration,
)
from app.views.common.fields import FieldRow
from app.views.common.wizard_page import WizardPage

DETAIL_FIELDS = ("id_number", "full_name", "birth_date", "sex", "phone", "email")


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
    """Step 1: the kind of account (citizen, business, state agency)."""

    page_id = "type"

    def validate(self) -> bool:
        if self.value() is None:
            self.set_error(self.tr("Choose the kind of account."))
            return False
        self.set_error(None)
        return True

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

    page_id = "method"

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
                 parent: QWidget | None = None, *, page_id: str = "details"):
        super().__init__(title, parent, page_id=page_id)
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

    def validate(self) -> bool:
        return not self.check()

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

    page_id = "address"

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

    def validate(self) -> bool:
        return not self.check()

    def check(self) -> list[tuple[str, str]]:
        _, errors = validate_registration({"address": self.value()}, only={"address"})
        message = errors[0].message() if errors else None
        self.detail.set_error(message)
        shown = [("address", message)] if message else []
        self.show_errors(shown)
        return shown

    def first_focus(self) -> QWidget | None:
        return self.province or self.detail.focus_widget()
