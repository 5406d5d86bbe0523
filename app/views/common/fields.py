"""One form field on screen, built from a :class:`~dvc_core.rules.FieldSpec`.

The row shows the label (from the catalog, already Vietnamese), a hint, an error line in the
GOV.UK manner (red, above the input) and the input itself, chosen by the field's kind. It only
reads and writes raw answers; checking them is the rules module's job.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.views.common.compound_inputs import AddressInput, GroupInput
from app.views.common.theme import fit_spin_box
from dvc_core.rules import FieldSpec, date_in_words, parse_date

MAX_RADIO_CHOICES = 6


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class FieldRow(QFrame):
    """Label, hint, error and input for one field.

    Args:
        spec: the field as the catalog or the rules module describes it.
        parent: the owning page.

    Signals:
        changed(): the person changed the answer (used to show or hide dependent fields).
    """

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName("fieldRow")
        self.setProperty("invalid", False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(4)

        label_text = spec.label if spec.required else self.tr("{0} (optional)").format(spec.label)
        self.label = QLabel(label_text, self)
        self.label.setObjectName("fieldLabel")
        self.label.setWordWrap(True)
        layout.addWidget(self.label)

        hint = self._hint()
        self.hint = QLabel(hint, self)
        self.hint.setObjectName("fieldHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)

        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        self._group: QButtonGroup | None = None
        self._values: list[Any] = []
        self.input = self._build_input()
        layout.addWidget(self.input)
        self.words: QLabel | None = None
        if spec.kind == "date" and spec.in_words:
            self.words = QLabel(self)
            self.words.setObjectName("fieldHint")
            self.words.setWordWrap(True)
            layout.addWidget(self.words)
            self.changed.connect(self._update_words)
        self.label.setBuddy(self.focus_widget())
        self.focus_widget().setAccessibleName(spec.label)
        # A typed default (Kinh, Việt Nam, 1 copy) is there to correct; a choice is never
        # made for the person, whatever the data says.
        if spec.default is not None and not self.is_choice():
            self.set_value(spec.default)

    # ----------------------------------------------------------------------------- building
    def _hint(self) -> str:
        parts = []
        if self.spec.help:
            parts.append(self.spec.help)
        kind = self.spec.kind
        if kind == "date":
            parts.append(self.tr("Day/month/year, for example 05/03/2024"))
        elif kind == "year":
            parts.append(self.tr("Four digits, for example 1995"))
        elif kind == "id_number":
            parts.append(self.tr("12 digits on the chip ID card (old ID card: 9 digits)"))
        elif kind == "phone":
            parts.append(self.tr("Mobile number, for example 0912345678"))
        elif kind == "email":
            parts.append(self.tr("For example name@example.vn"))
        return " · ".join(parts)

    def _update_words(self) -> None:
        assert self.words is not None
        value = self.value()
        date = parse_date(value) if isinstance(value, str) else None
        self.words.setText(self.tr("In words: {0}").format(date_in_words(date)) if date else "")
        self.words.setVisible(date is not None)

    def _build_input(self) -> QWidget:
        spec = self.spec
        kind = spec.kind
        if kind == "address":
            address = AddressInput(self)
            address.changed.connect(self.changed)
            return address
        if kind == "group":
            group = GroupInput(spec, self)
            group.changed.connect(self.changed)
            return group
        if kind == "yes_no":
            return self._radios([(True, self.tr("Yes")), (False, self.tr("No"))], horizontal=True)
        if kind == "choice":
            if len(spec.choices) <= MAX_RADIO_CHOICES:
                # Side by side only while short ("Nam · Nữ"); long labels stack, never scroll.
                short = sum(len(label) for _, label in spec.choices) <= 60
                return self._radios(list(spec.choices),
                                    horizontal=len(spec.choices) <= 3 and short)
            combo = QComboBox(self)
            combo.addItem(self.tr("— Choose —"), None)
            for value, label in spec.choices:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self.changed)
            return combo
        if kind == "number":
            spin = QSpinBox(self)
            spin.setRange(spec.min if spec.min is not None else 0,
                          spec.max if spec.max is not None else 999_999)
            fit_spin_box(spin)
            spin.setMaximumWidth(max(140, spin.minimumWidth()))
            spin.valueChanged.connect(self.changed)
            return spin
        edit = QLineEdit(self)
        if kind == "date":
            edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
            edit.setMaxLength(10)
            edit.setMaximumWidth(220)
        elif kind == "year":
            edit.setMaxLength(4)
            edit.setMaximumWidth(140)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        elif kind in ("id_number", "phone"):
            edit.setMaxLength(20)
            edit.setMaximumWidth(280)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        else:
            edit.setMaxLength(spec.max_length)
        edit.textChanged.connect(self.changed)
        return edit

    def _radios(self, choices: list[tuple[Any, str]], horizontal: bool) -> QWidget:
        box = QWidget(self)
        box.setObjectName("radioBox")
        layout = QHBoxLayout(box) if horizontal else QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24 if horizontal else 6)
        self._group = QButtonGroup(box)
        self._values = []
        for index, (value, label) in enumerate(choices):
            button = QRadioButton(label, box)
            self._group.addButton(button, index)
            self._values.append(value)
            layout.addWidget(button)
        if horizontal:
            layout.addStretch(1)
        self._group.idToggled.connect(lambda _id, on: on and self.changed.emit())
        return box

    def is_choice(self) -> bool:
        """Radio buttons or a list to choose from (nothing is chosen until the person does)."""
        return self._group is not None or isinstance(self.input, QComboBox)

    # ----------------------------------------------------------------------------- answers
    def value(self) -> Any:
        """The raw answer: text as typed, a choice's value, True/False, an int, or None."""
        if self._group is not None:
            checked = self._group.checkedId()
            return self._values[checked] if checked >= 0 else None
        if isinstance(self.input, QComboBox):
            return self.input.currentData()
        if isinstance(self.input, QSpinBox):
            return self.input.value()
        if isinstance(self.input, AddressInput | GroupInput):
            return self.input.value()
        text = self.input.text()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        if self._group is not None:
            if value in self._values:
                self._group.button(self._values.index(value)).setChecked(True)
            else:
                self._group.setExclusive(False)
                for button in self._group.buttons():
                    button.setChecked(False)
                self._group.setExclusive(True)
        elif isinstance(self.input, QComboBox):
            index = self.input.findData(value)
            self.input.setCurrentIndex(max(index, 0))
        elif isinstance(self.input, AddressInput | GroupInput):
            self.input.set_value(value)
        elif isinstance(self.input, QSpinBox):
            try:
                self.input.setValue(int(value))
            except (TypeError, ValueError):
                self.input.setValue(self.input.minimum())
        else:
            self.input.setText("" if value is None else str(value))

    def display_value(self) -> str:
        """The answer as the check-your-answers page shows it ("" when not given)."""
        value = self.value()
        if value is None:
            return ""
        if isinstance(self.input, AddressInput | GroupInput):
            return self.input.display_value()
        if self.spec.kind == "date" and self.spec.in_words and parse_date(str(value)):
            return f"{value} ({date_in_words(parse_date(str(value)))})"
        if self._group is not None or isinstance(self.input, QComboBox):
            if self.spec.kind == "yes_no":
                return self.tr("Yes") if value else self.tr("No")
            return dict(self.spec.choices).get(value, str(value))
        return str(value)

    # ----------------------------------------------------------------------------- errors
    def focus_widget(self) -> QWidget:
        if isinstance(self.input, AddressInput | GroupInput):
            return self.input.focus_widget()
        if self._group is not None:
            checked = self._group.checkedButton()
            return checked or self._group.buttons()[0]
        return self.input

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.setProperty("invalid", bool(message))
        _repolish(self)
