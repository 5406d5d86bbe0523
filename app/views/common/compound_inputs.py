"""The inputs of a form field that are more than one widget: an address (province, commune,
house number) and a repeatable group of entries. :class:`~app.views.common.fields.FieldRow`
builds them for the ``address`` and ``group`` kinds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dvc_core.rules import FieldSpec


class AddressInput(QWidget):
    """Province → commune pickers (the post-2025 divisions, no district) and a detail line.

    The value is ``{"province": "38", "commune": "15772", "detail": "Thôn Đông"}``, or None when
    nothing is chosen or typed. The home province (Thanh Hóa) comes first.

    Signals:
        changed(): a picker or the detail line changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
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
        for province in divisions.provinces():
            self.province.addItem(province.name, province.code)
        self.commune = QComboBox(self)
        self.commune.setEditable(True)
        self.commune.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.commune.setAccessibleName(self.tr("Commune or ward"))
        self.commune.lineEdit().setPlaceholderText(self.tr("Type to find the commune/ward"))
        completer = self.commune.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.detail = QLineEdit(self)
        self.detail.setMaxLength(200)
        self.detail.setPlaceholderText(self.tr("House number, street, hamlet (thôn, xóm)"))
        self.detail.setAccessibleName(self.tr("House number, street, hamlet"))
        for column, (text, widget) in enumerate(((self.tr("Province/city"), self.province),
                                                 (self.tr("Commune/ward"), self.commune))):
            caption = QLabel(text, self)
            caption.setObjectName("fieldHint")
            layout.addWidget(caption, 0, column)
            layout.addWidget(widget, 1, column)
        caption = QLabel(self.tr("House number, street, hamlet"), self)
        caption.setObjectName("fieldHint")
        layout.addWidget(caption, 2, 0, 1, 2)
        layout.addWidget(self.detail, 3, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self.province.currentIndexChanged.connect(self._on_province_changed)
        self.commune.currentIndexChanged.connect(self.changed)
        self.detail.textChanged.connect(self.changed)
        self._on_province_changed()

    def _on_province_changed(self) -> None:
        self.commune.blockSignals(True)
        self.commune.clear()
        self.commune.addItem("", None)
        province = self._divisions.province(self.province.currentData() or "")
        for commune in province.communes if province else ():
            self.commune.addItem(commune.name, commune.code)
        self.commune.setCurrentIndex(0)
        self.commune.setEnabled(province is not None)
        self.commune.blockSignals(False)
        self.changed.emit()

    def value(self) -> dict[str, Any] | None:
        province = self.province.currentData()
        commune = self.commune.currentData() if self.commune.currentIndex() > 0 else None
        detail = self.detail.text()
        if province is None and not detail.strip():
            return None
        return {"province": province, "commune": commune, "detail": detail}

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            province, commune, detail = self._divisions.match_address(value)
            value = {"province": province, "commune": commune, "detail": detail}
        if not isinstance(value, dict):
            value = {}
        self.province.setCurrentIndex(max(0, self.province.findData(value.get("province"))))
        self.commune.setCurrentIndex(max(0, self.commune.findData(value.get("commune"))))
        self.detail.setText(str(value.get("detail") or ""))

    def display_value(self) -> str:
        value = self.value()
        if not value or not value.get("province"):
            return (value or {}).get("detail", "") or ""
        return self._divisions.format_address(value["province"], value.get("commune") or "",
                                              value.get("detail") or "")

    def focus_widget(self) -> QWidget:
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
