"""The table model of “Dossiers on this computer”.

Rows are plain :class:`~app.services.records.DossierRow` values built off the GUI thread (see
:func:`~app.services.records.rows_from_dossiers`), each with its lookup key already folded; the
model shows them in pages of :data:`BATCH` rows through ``canFetchMore``/``fetchMore``, so ten
thousand dossiers scroll and filter without a stall (``python -m benchmarks gui_list``
measures it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from app.services.records import DossierRow
from dvc_core.catalog.search import lookup_needles

BATCH = 200

_Index = QModelIndex | QPersistentModelIndex


def human_size(size: int) -> str:
    from app.views.common.wizard_page import human_size as _human

    return _human(size)


def local_time(value: dt.datetime | None) -> str:
    """A moment as the commune reads it (Vietnam's time, whatever the machine's zone)."""
    from dvc_core.vntime import format_vn

    return format_vn(value)


_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_USER = Qt.ItemDataRole.UserRole.value
# data() is asked for seven roles per visible cell on every paint; it answers these only.
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _USER})


class DossierTableModel(QAbstractTableModel):
    """The local dossiers, newest first, fetched into view in batches."""

    COLUMNS = ("local_ref", "procedure", "applicant", "state", "code", "status", "updated")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._all_rows: list[DossierRow] = []
        self._rows: list[DossierRow] = []
        self._shown = 0
        self._filter: list[str] = []  # what a row's key must contain (lookup_needles)
        self._attention: Any = None  # the colour of "needs action", made on first use
        self._changing = False  # inside an insertion or a reset: no second one may start
        self._headers = (
            self.tr("Reference"), self.tr("Procedure"), self.tr("Applicant"),
            self.tr("State on this computer"), self.tr("Dossier code"),
            self.tr("Portal status"), self.tr("Updated"),
        )

    # Qt overrides keep their camelCase names.
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._changing and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        # Whoever listens to an insertion or a reset (a view, the model tester) may ask for
        # more from inside it: one change at a time, never an insertion inside another.
        if parent.isValid() or self._changing:
            return
        extra = min(BATCH, len(self._rows) - self._shown)
        if extra <= 0:
            return
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + extra - 1)
            self._shown += extra
            self.endInsertRows()
        finally:
            self._changing = False

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES:
            return None
        r = index.row()
        if not index.isValid() or not (0 <= r < self._shown):
            return None
        row = self._rows[r]
        column = self.COLUMNS[index.column()]
        if role in (_DISPLAY, _TOOLTIP):
            if column == "state":
                return row.state_text
            if column == "status":
                return row.status_text
            if column == "updated":
                return local_time(row.updated)
            return getattr(row, column)
        if role == _USER:
            return row.id
        if column == "state" and row.state == "needs_action":  # the foreground role
            if self._attention is None:
                from PySide6.QtGui import QColor

                self._attention = QColor("#b10e1e")
            return self._attention
        return None

    # ----------------------------------------------------------------------------- rows
    def set_rows(self, rows: Sequence[DossierRow]) -> None:
        """New contents (a refresh after each sync): as many rows stay fetched as were, so a
        list scrolled deep down is not cut back to its first batch under the person's eyes."""
        self._all_rows = list(rows)
        self._apply_filter(self._all_rows, keep=self._shown)

    def set_filter(self, text: str) -> None:
        """Look up by official code, local reference, or the name or ID number of anyone in
        the dossier (child, parents, applicant…), with or without diacritics (works offline):
        every word typed starts a word of a name; a word with a digit is found anywhere."""
        needles = lookup_needles(text)
        # Typing on narrows what is found already: each earlier needle is part of a new one,
        # so a row holding the new ones held the earlier ones too.
        narrowing = bool(self._filter) and all(any(old in new for new in needles)
                                               for old in self._filter)
        self._filter = needles
        self._apply_filter(self._rows if narrowing else self._all_rows)

    def _apply_filter(self, rows: list[DossierRow], keep: int = 0) -> None:
        for needle in self._filter:  # the longest first: it leaves the fewest rows
            rows = [r for r in rows if needle in r.search_key]
        self._changing = True
        try:
            self.beginResetModel()
            self._rows = rows
            self._shown = min(max(BATCH, keep), len(self._rows))
            self.endResetModel()
        finally:
            self._changing = False

    def row_at(self, index: int) -> DossierRow | None:
        return self._rows[index] if 0 <= index < self._shown else None

    def row_of(self, dossier_id: str) -> int:
        """The row index of a dossier (fetching it into view if needed), or -1."""
        for i, row in enumerate(self._rows):
            if row.id == dossier_id:
                while self._shown <= i:
                    self.fetchMore()
                return i
        return -1

    def total(self) -> int:
        return len(self._rows)
