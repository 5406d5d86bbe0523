"""The inputs of a form field that are more than one widget: an address (province, commune,
house number) and a repeatable group of entries. :class:`~app.views.common.fields.FieldRow`
builds them for the ``address`` and ``group`` kinds; :class:`CommunePicker` is the one way a
commune is chosen anywhere in the app (the forms and the sign-up)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.views.common.theme import fit_spin_box
from dvc_core.rules import FieldSpec


class CommunePicker(QWidget):
    """Find a commune or ward of one province by typing part of its name, and choose it.

    Matching is the procedure search's (:func:`dvc_core.divisions.find_communes`): with or
    without diacritics, each word starting a word of the name ("thieu" offers Xã Thiệu Hóa,
    Xã Thiệu Quang…). The matches are listed under the line; ↓/↑ move through them, Enter or a
    click chooses. Nothing is ever chosen for the person: typing again un-chooses, and leaving
    the line with text that names no single commune leaves it unchosen (the form's check then
    says which part of the address is wrong). Only a name typed out in full is taken as typed.

    Signals:
        changed(): the commune chosen changed (chosen, un-chosen, or another province).
    """

    changed = Signal()
    VISIBLE_ROWS = 6

    def __init__(self, parent: QWidget | None = None):
        from dvc_core import divisions

        super().__init__(parent)
        self.setObjectName("communePicker")
        self._divisions = divisions
        self._province: str | None = None
        self._code: str | None = None
        self._matches: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("communeEdit")
        self.edit.setMaxLength(100)
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Commune or ward"))
        self.edit.setPlaceholderText(self.tr("Type to find the commune/ward"))
        self.list = QListWidget(self)
        self.list.setObjectName("communeMatches")
        self.list.setAccessibleName(self.tr("Communes and wards that match"))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the typing stays in the line
        self.list.setUniformItemSizes(True)
        self.list.hide()
        self.status = QLabel(self)
        self.status.setObjectName("fieldHint")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        layout.addWidget(self.status)
        self.edit.textEdited.connect(self.on_text_edited)
        self.edit.editingFinished.connect(self.on_editing_finished)
        self.list.itemClicked.connect(lambda item: self.choose_row(self.list.row(item)))
        self.edit.installEventFilter(self)
        self.set_province(None)

    # ------------------------------------------------------------------------- value
    def code(self) -> str | None:
        """The commune chosen, or None."""
        return self._code

    def typed_text(self) -> str:
        """What is in the line (the chosen name, or what was typed and not chosen)."""
        return self.edit.text().strip()

    def set_province(self, code: str | None) -> None:
        """Another province: what was chosen is no longer; what was typed is matched again."""
        self._province = code
        self.edit.setEnabled(code is not None)
        had = self._code
        self._code = None
        if self.edit.text().strip():
            self.on_text_edited(self.edit.text(), announce=False)
        else:
            self._show_matches([])
        if had is not None:
            self.changed.emit()

    def set_code(self, code: str | None, typed: str = "") -> None:
        """Show a commune as chosen (a saved answer, a scanned ID card); ``typed`` is shown
        unchosen when there is no code."""
        province = self._divisions.province(self._province or "")
        commune = province.commune(code) if province and code else None
        self._code = commune.code if commune else None
        self.edit.setText(commune.name if commune else typed)
        self._show_matches([])
        self.set_error(None)
        self.changed.emit()

    def set_error(self, message: str | None) -> None:
        """A problem with the commune, said under the line (red) — or None."""
        self._restyle("fieldError" if message else "fieldHint")
        self.status.setText(message or "")
        self.status.setVisible(bool(message))

    # ------------------------------------------------------------------------- typing
    def on_text_edited(self, text: str, announce: bool = True) -> None:
        if self._code is not None:
            self._code = None  # typing again un-chooses
            if announce:
                self.changed.emit()
        self.set_error(None)
        query = text.strip()
        if not query or self._province is None:
            self._show_matches([])
            return
        matches = self._divisions.find_communes(self._province, query)
        self._show_matches(matches)
        province = self._divisions.province(self._province)
        if not matches:
            self._hint(self.tr("No commune or ward of {0} matches “{1}”. Check the name, or "
                               "the province.").format(province.full_name if province else "",
                                                       query[:60]))
        else:
            self._hint(self.tr("{0} match(es). Press ↓ to go through them and Enter to "
                               "choose, or click one.").format(len(matches)))

    def on_editing_finished(self) -> None:
        """Leaving the line: a name typed out in full is the person's choice; anything else
        stays unchosen, and the list closes."""
        if self._code is None and self._province and self.edit.text().strip():
            named = self._divisions.commune_by_name(self._province, self.edit.text())
            if named is not None:
                self._code = named.code
                self.edit.setText(named.name)
                self.changed.emit()
            else:
                self._hint(self.tr("Not chosen yet: choose a commune or ward in the list."))
        if not self.edit.hasFocus():
            self.list.hide()

    def choose_row(self, row: int) -> None:
        if not 0 <= row < len(self._matches):
            return
        commune = self._matches[row]
        self._code = commune.code
        self.edit.setText(commune.name)
        self._show_matches([])
        self.set_error(None)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._matches:
                self.list.show()
                step = 1 if key == Qt.Key.Key_Down else -1
                row = self.list.currentRow()
                row = 0 if row < 0 and step > 0 else max(0, min(len(self._matches) - 1,
                                                                row + step))
                self.list.setCurrentRow(row)
                self.list.scrollToItem(self.list.currentItem())
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.isVisible():
                row = self.list.currentRow()
                if row < 0 and len(self._matches) == 1:
                    row = 0  # the only one offered, and the person pressed Enter on it
                if row >= 0:
                    self.choose_row(row)
                return True  # the list is open: Enter never goes on to the next page
            if key == Qt.Key.Key_Escape and self.list.isVisible():
                self.list.hide()
                return True
        return super().eventFilter(watched, event)

    def _show_matches(self, matches: list[Any]) -> None:
        self._matches = matches
        self.list.clear()
        for commune in matches:
            self.list.addItem(QListWidgetItem(commune.name))
        self.list.setCurrentRow(-1)  # nothing highlighted until the person moves to it
        if matches:
            rows = min(len(matches), self.VISIBLE_ROWS)
            self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 1)
                                     + 2 * self.list.frameWidth())
        self.list.setVisible(bool(matches))
        if not matches:
            self.status.hide()

    def _hint(self, text: str) -> None:
        self._restyle("fieldHint")
        self.status.setText(text)
        self.status.show()

    def _restyle(self, name: str) -> None:
        if self.status.objectName() != name:
            self.status.setObjectName(name)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)


class AddressInput(QWidget):
    """Province → commune (the post-2025 divisions, no district) and a detail line.

    The value is ``{"province": "38", "commune": "15772", "detail": "Thôn Đông"}``, with
    ``"commune_name"`` (what was typed) instead of a code while no commune is chosen, or None
    when nothing is chosen or typed. The home province (Thanh Hóa) comes first. Without
    ``with_detail`` the detail line is left to the caller (the sign-up has its own).

    Signals:
        changed(): a picker or the detail line changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_detail: bool = True,
                 province: str | None = None):
        from dvc_core import divisions

        super().__init__(parent)
        self.setObjectName("addressInput")
        self._divisions = divisions
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(4)
        self.province = QComboBox(self)
        self.province.setAccessibleName(self.tr("Province or city"))
        self.province.addItem(self.tr("— Province/city —"), None)
        for item in divisions.provinces():
            self.province.addItem(item.name, item.code)
        self.commune = CommunePicker(self)
        self.detail = QLineEdit(self)
        self.detail.setMaxLength(200)
        self.detail.setPlaceholderText(self.tr("House number, street, hamlet (thôn, xóm)"))
        self.detail.setAccessibleName(self.tr("House number, street, hamlet"))
        for column, (text, widget) in enumerate(((self.tr("Province/city"), self.province),
                                                 (self.tr("Commune/ward"), self.commune))):
            caption = QLabel(text, self)
            caption.setObjectName("fieldHint")
            caption.setBuddy(widget.edit if widget is self.commune else widget)
            layout.addWidget(caption, 0, column)
            layout.addWidget(widget, 1, column, Qt.AlignmentFlag.AlignTop)
        if with_detail:
            caption = QLabel(self.tr("House number, street, hamlet"), self)
            caption.setObjectName("fieldHint")
            layout.addWidget(caption, 2, 0, 1, 2)
            layout.addWidget(self.detail, 3, 0, 1, 2)
        else:
            self.detail.hide()
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self.province.currentIndexChanged.connect(self._on_province_changed)
        self.commune.changed.connect(self.changed)
        self.detail.textChanged.connect(self.changed)
        if province is not None:
            self.province.setCurrentIndex(max(0, self.province.findData(province)))
        self._on_province_changed()

    def _on_province_changed(self) -> None:
        self.commune.set_province(self.province.currentData())
        self.changed.emit()

    def value(self) -> dict[str, Any] | None:
        province = self.province.currentData()
        commune = self.commune.code()
        typed = self.commune.typed_text()
        detail = self.detail.text()
        if province is None and not detail.strip() and not typed:
            return None
        value: dict[str, Any] = {"province": province, "commune": commune, "detail": detail}
        if commune is None and typed:
            value["commune_name"] = typed
        return value

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            province, commune, detail = self._divisions.match_address(value)
            value = {"province": province, "commune": commune, "detail": detail}
        if not isinstance(value, dict):
            value = {}
        self.province.setCurrentIndex(max(0, self.province.findData(value.get("province"))))
        self.commune.set_code(value.get("commune"), str(value.get("commune_name") or ""))
        self.detail.setText(str(value.get("detail") or ""))

    def display_value(self) -> str:
        value = self.value()
        if not value or not value.get("province"):
            return (value or {}).get("detail", "") or ""
        return self._divisions.format_address(value["province"], value.get("commune") or "",
                                              value.get("detail") or "")

    def focus_widget(self) -> QWidget:
        if self.province.currentData() is not None and self.commune.code() is None:
            return self.commune.edit  # the part still missing
        return self.province


class GroupInput(QWidget):
    """A repeatable group (e.g. the documents to certify): one small form per entry, with
    "Add" and "Remove" buttons.

    Signals:
        changed(): an entry was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName("groupInput")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.entries: list[tuple[QFrame, dict[str, QWidget]]] = []
        self._box = QVBoxLayout()
        self._box.setSpacing(8)
        self._layout.addLayout(self._box)
        name = spec.item_label or spec.label
        self.add_button = QPushButton(self.tr("+ Add {0}").format(name.lower()), self)
        self.add_button.setObjectName("secondaryButton")
        self.add_button.clicked.connect(lambda: self.add_entry())
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        for _ in range(max(1, spec.min_items)):
            self.add_entry()

    def add_entry(self, values: dict[str, Any] | None = None) -> None:
        if len(self.entries) >= self.spec.max_items:
            return
        frame = QFrame(self)
        frame.setObjectName("groupEntry")
        frame.setStyleSheet("#groupEntry { border: 1px solid #b1b4b6; background: #fafafa; }"
                            " #groupEntryTitle { font-weight: 600; }")
        grid = QGridLayout(frame)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(12)
        title = QLabel(frame)
        title.setObjectName("groupEntryTitle")
        remove = QPushButton(self.tr("Remove"), frame)
        remove.setObjectName("linkButton")
        remove.clicked.connect(lambda: self.remove_entry(frame))
        grid.addWidget(title, 0, 0)
        grid.addWidget(remove, 0, len(self.spec.items) - 1, Qt.AlignmentFlag.AlignRight)
        inputs: dict[str, QWidget] = {}
        for column, sub in enumerate(self.spec.items):
            caption = QLabel(sub.label, frame)
            caption.setObjectName("fieldHint")
            grid.addWidget(caption, 1, column)
            if sub.kind == "number":
                widget: QWidget = QSpinBox(frame)
                widget.setRange(sub.min if sub.min is not None else 0,
                                sub.max if sub.max is not None else 999_999)
                widget.setValue(int(sub.default) if sub.default is not None else widget.minimum())
                fit_spin_box(widget)
                widget.valueChanged.connect(self.changed)
            else:
                widget = QLineEdit(frame)
                widget.setMaxLength(sub.max_length)
                widget.textChanged.connect(self.changed)
            widget.setAccessibleName(sub.label)
            inputs[sub.id] = widget
            grid.addWidget(widget, 2, column)
        grid.setColumnStretch(0, 3)
        self.entries.append((frame, inputs))
        self._box.addWidget(frame)
        if values:
            self._fill(inputs, values)
        self._renumber()
        self.changed.emit()

    def remove_entry(self, frame: QFrame) -> None:
        self.entries = [(f, i) for f, i in self.entries if f is not frame]
        self._box.removeWidget(frame)
        frame.deleteLater()
        self._renumber()
        self.changed.emit()

    def _renumber(self) -> None:
        name = self.spec.item_label or self.spec.label
        for number, (frame, _inputs) in enumerate(self.entries, start=1):
            frame.findChild(QLabel, "groupEntryTitle").setText(f"{name} {number}")
        self.add_button.setEnabled(len(self.entries) < self.spec.max_items)
        for frame, _ in self.entries:
            for button in frame.findChildren(QPushButton):
                button.setVisible(len(self.entries) > max(1, self.spec.min_items))

    @staticmethod
    def _fill(inputs: dict[str, QWidget], values: dict[str, Any]) -> None:
        for key, widget in inputs.items():
            value = values.get(key)
            if isinstance(widget, QSpinBox):
                try:
                    widget.setValue(int(value))
                except (TypeError, ValueError):
                    pass
            else:
                widget.setText("" if value is None else str(value))

    def value(self) -> list[dict[str, Any]]:
        out = []
        for _frame, inputs in self.entries:
            out.append({key: (w.value() if isinstance(w, QSpinBox) else (w.text() or None))
                        for key, w in inputs.items()})
        return out

    def set_value(self, value: Any) -> None:
        for frame, _ in list(self.entries):
            self.remove_entry(frame)
        for entry in value if isinstance(value, list) else []:
            self.add_entry(entry if isinstance(entry, dict) else None)
        while len(self.entries) < max(1, self.spec.min_items):
            self.add_entry()

    def display_value(self) -> str:
        parts = []
        labels = {sub.id: sub.label for sub in self.spec.items}
        for entry in self.value():
            parts.append(", ".join(f"{labels[k]}: {v}" for k, v in entry.items() if v not in
                                   (None, "")))
        return "\n".join(parts)

    def focus_widget(self) -> QWidget:
        if self.entries:
            return next(iter(self.entries[-1][1].values()))
        return self.add_button
