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
from app.views.common.compound_inputs import AddressInput, CommunePicker
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
            message = self.tr("Kind of account: choose one of the kinds below.")
            self.set_error(message)
            self.show_errors([("type", message)])
            return False
        self.set_error(None)
        self.clear_errors()
        return True

    def focus_field(self, field_id: str) -> None:
        self.group.buttons()[0].setFocus()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            self.tr("Which kind of account?"),
            self.tr("Choose the kind of account to register (Step 3 of the guide)."),
            [("cong_dan", self.tr("Citizen (Công dân)")),
             ("doanh_nghiep", self.tr("Business (Doanh nghiệp)")),
             ("co_quan_nha_nuoc", self.tr("State agency (Cơ quan nhà nước)"))], parent)
        self.form.addSpacing(12)  # nothing chosen for the person
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
    """Additional information: where the person lives — the province, the commune found with
    the app's one :class:`~app.views.common.compound_inputs.CommunePicker`, and a detail line
    (one free-text line when the divisions data is missing). All of it is optional, but a
    commune typed and not chosen is said to be so, never guessed."""

    page_id = "address"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Additional information"), parent)
        lead = QLabel(self.tr("Where does the person live? This helps the commune find the "
                              "dossiers. You may leave it empty."), self.body)
        lead.setObjectName("pageLead")
        lead.setWordWrap(True)
        self.form.addWidget(lead)
        self.place: AddressInput | None = None
        self._divisions: Any = None
        try:
            from dvc_core import divisions

            divisions.provinces()
            self._divisions = divisions
        except Exception:  # noqa: BLE001 — the pickers are optional; free text works
            pass
        if self._divisions is not None:
            # The home province is listed first, not chosen for the person.
            self.place = AddressInput(self.body, with_detail=False)
            self.place.setMaximumWidth(860)
            pickers = QWidget(self.body)
            column = QVBoxLayout(pickers)
            column.setContentsMargins(17, 6, 6, 6)  # lined up with the field rows
            column.addWidget(self.place)
            self.form.addWidget(pickers)
        self.detail = FieldRow(REGISTRATION_FIELDS["address"], self.body)
        self.detail.label.setText(self.tr("House number, street, village (optional)")
                                  if self.place else self.tr("Address (optional)"))
        self.form.addWidget(self.detail)
        self.detail.changed.connect(lambda: self.detail.set_error(None))
        self.form.addStretch(1)

    @property
    def province(self) -> QComboBox | None:
        return self.place.province if self.place else None

    @property
    def commune(self) -> CommunePicker | None:
        return self.place.commune if self.place else None

    def set_address(self, text: str) -> None:
        """Fill from a free-text address (the CCCD's): pickers when the names match."""
        if self.place is None or self._divisions is None:
            self.detail.set_value(text)
            return
        try:
            province, commune, detail = self._divisions.match_address(text)
        except Exception:  # noqa: BLE001 — best effort; the text is kept as typed
            province, commune, detail = None, None, text
        if province is None:
            self.detail.set_value(text)
            return
        self.place.set_value({"province": province, "commune": commune})
        self.detail.set_value(detail)

    def value(self) -> str:
        detail = (self.detail.value() or "").strip()
        if self.place is None:
            return detail
        province, commune = self.place.province.currentData(), self.place.commune.code()
        if province and commune:
            try:
                return self._divisions.format_address(province, commune, detail)
            except Exception:  # noqa: BLE001
                pass
        parts = [detail, self.place.province.currentText() if province and detail else ""]
        return ", ".join(p for p in parts if p)

    def validate(self) -> bool:
        return not self.check()

    def check(self) -> list[tuple[str, str]]:
        shown: list[tuple[str, str]] = []
        commune_message = self._commune_problem()
        if self.place is not None:
            self.place.commune.set_error(commune_message)
        if commune_message:
            shown.append(("address", commune_message))
        _, errors = validate_registration({"address": self.value()}, only={"address"})
        message = errors[0].message() if errors else None
        self.detail.set_error(message)
        if message:
            shown.append(("address", message))
        self.show_errors(shown)
        return shown

    def _commune_problem(self) -> str | None:
        """A commune typed and not chosen, in the kernel's words naming the part that is
        wrong (nothing typed is fine: the address is optional)."""
        if self.place is None:
            return None
        value = self.place.value() or {}
        if value.get("commune") or not value.get("commune_name"):
            return None
        from dvc_core.rules import FieldSpec, check_value

        spec = FieldSpec("address", REGISTRATION_FIELDS["address"].label, "address")
        _, error = check_value(spec, {**value, "detail": value.get("detail") or "-"})
        return error.message() if error is not None else None

    def first_focus(self) -> QWidget | None:
        return self.place.province if self.place else self.detail.focus_widget()
