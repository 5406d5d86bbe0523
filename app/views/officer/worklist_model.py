"""The models of the officer's worklists: the nine queues with their counts, and one queue's
dossiers.

Rows are :class:`~app.services.worklist.WorkRow` values built off the GUI thread (days left
and the "not moved" alert already worked out); the table shows them in batches of
:data:`BATCH` through ``canFetchMore``/``fetchMore``, so ten thousand dossiers open and scroll
without a stall (``python -m benchmarks gui_list`` measures it). Search, filters and the sort
run over the rows in memory: the copy is read offline too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

from app.services.worklist import QueueCount, WorkRow
from dvc_core.lifecycle import WORKLISTS
from dvc_core.rules.text import fold
from dvc_core.vntime import format_vn, to_vn

BATCH = 200

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
_USER = Qt.ItemDataRole.UserRole.value


class QueueListModel(QAbstractListModel):
    """The nine worklists, in the desk's order, each with its count ("Quá hạn (3)")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._names = list(WORKLISTS)
        self._labels = {name: w.label for name, w in WORKLISTS.items()}
        self._counts: dict[str, int | None] = dict.fromkeys(self._names)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._names):
            return None
        name = self._names[index.row()]
        if role == _DISPLAY:
            count = self._counts[name]
            label = self._labels[name]
            return label if count is None else f"{label} ({count})"
        if role == _TOOLTIP:
            return self.tr("Alt+{0}: open this worklist").format(index.row() + 1)
        if role == _USER:
            return name
        if role == _FOREGROUND and name == "qua_han" and self._counts[name]:
            from PySide6.QtGui import QColor

            return QColor("#b10e1e")
        return None

    def set_counts(self, counts: Sequence[QueueCount]) -> None:
        for c in counts:
            if c.queue in self._counts:
                self._counts[c.queue] = c.count
                self._labels[c.queue] = c.label or self._labels[c.queue]
        if self._names:
            self.dataChanged.emit(self.index(0), self.index(len(self._names) - 1),
                                  [_DISPLAY, _FOREGROUND])

    def name_at(self, row: int) -> str | None:
        return self._names[row] if 0 <= row < len(self._names) else None

    def row_of(self, name: str) -> int:
        return self._names.index(name) if name in self._names else -1

    def count(self, name: str) -> int | None:
        return self._counts.get(name)


@dataclass(frozen=True)
class RowFilter:
    """What the officer narrowed the table to (each part optional).

    Attributes:
        text: words that must each appear in the code, a name or an ID number (any accents).
        procedure: one procedure's code.
        channel: 1 trực tiếp, 2 trực tuyến, 3 bưu chính.
        received_from: first receipt day (Vietnam's date), inclusive.
        received_to: last receipt day, inclusive.
        idle_only: only the dossiers the "not moved" alert flags.
    """

    text: str = ""
    procedure: str | None = None
    channel: int | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    idle_only: bool = False

    def words(self) -> list[str]:
        return fold(self.text).split()

    def admits(self, row: WorkRow, words: list[str]) -> bool:
        item = row.item
        if self.idle_only and not row.idle:
            return False
        if self.procedure and item.procedure_code != self.procedure:
            return False
        if self.channel is not None and item.channel != self.channel:
            return False
        if self.received_from or self.received_to:
            if item.received_at is None:
                return False
            day = to_vn(item.received_at).date()
            if self.received_from and day < self.received_from:
                return False
            if self.received_to and day > self.received_to:
                return False
        key = item.search_key
        return all(word in key for word in words)


_FAR = dt.datetime.max.replace(tzinfo=dt.UTC)


def _vnd(amount: int | None) -> str:
    """``8.000``; ``0`` when nothing is owed, "" when the portal did not say."""
    if amount is None:
        return ""
    from dvc_core.fees import format_vnd

    return format_vnd(amount)


class WorklistTableModel(QAbstractTableModel):
    """One worklist's dossiers, sorted by due date (earliest first unless asked otherwise),
    fetched into view in batches."""

    COLUMNS = ("code", "applicant", "procedure", "status", "channel", "received", "fee", "due",
               "days_left")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._all: list[WorkRow] = []
        self._rows: list[WorkRow] = []
        self._shown = 0
        self._inserting = False
        self._filter = RowFilter()
        self._sort_column = self.COLUMNS.index("due")
        self._descending = False
        self._colours: dict[str, Any] = {}
        self._headers = (
            self.tr("Dossier code"), self.tr("Applicant"), self.tr("Procedure"),
            self.tr("Status"), self.tr("Channel"), self.tr("Received"), self.tr("Fee (VND)"),
            self.tr("Due"), self.tr("Days left"),
        )

    # Qt overrides keep their camelCase names.
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._inserting and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        # Whoever listens to an insertion or a reset (a view, the model tester) may ask for
        # more from inside it: one change at a time, never an insertion inside another.
        if parent.isValid() or self._inserting:
            return
        extra = min(BATCH, len(self._rows) - self._shown)
        if extra <= 0:
            return
        self._inserting = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + extra - 1)
            self._shown += extra
            self.endInsertRows()
        finally:
            self._inserting = False

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and section >= 0:
            return section + 1
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        if not 0 <= index.column() < len(self.COLUMNS):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == _DISPLAY:
            return self._text(row, column)
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _USER:
            return row.item.uuid
        if role == _ALIGN and column in ("days_left", "fee"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _FOREGROUND and column in ("due", "days_left") and row.late:
            return self._colour("late", "#b10e1e")
        if role == _BACKGROUND and row.idle:
            return self._colour("idle", "#fff4cc")
        return None

    def _colour(self, key: str, value: str) -> Any:
        if key not in self._colours:
            from PySide6.QtGui import QBrush, QColor

            self._colours[key] = QBrush(QColor(value))
        return self._colours[key]

    def _text(self, row: WorkRow, column: str) -> str:
        item = row.item
        if column == "code":
            return item.code or ""
        if column == "applicant":
            return item.applicant_name
        if column == "procedure":
            return item.procedure_name
        if column == "status":
            return item.status_text
        if column == "channel":
            return item.channel_text
        if column == "received":
            return format_vn(item.received_at, "%d/%m/%Y")
        if column == "due":
            return format_vn(item.due_at)
        if column == "fee":
            return _vnd(item.fee_vnd)
        if row.days_left is None:
            return "—"
        if row.days_left < 0:
            return self.tr("late")
        return str(row.days_left)

    def _tooltip(self, row: WorkRow, column: str) -> str | None:
        if row.idle:
            return self.tr("Not moved for {0} working days: due in {1} working day(s).").format(
                row.idle_days, row.days_left)
        if column == "days_left" and row.late:
            return self.tr("Past its due date.")
        if column == "days_left":
            return self.tr("Working days left to the due date")
        if column in ("applicant", "procedure", "code"):
            return self._text(row, column)
        if column == "fee":
            return row.item.fee_label or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by a column (the due date by default); ties keep the portal's order."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._apply(keep=self._shown)

    # ----------------------------------------------------------------------------- rows
    def set_rows(self, rows: Sequence[WorkRow]) -> None:
        """New contents; as many rows stay fetched as were (a refresh keeps the place)."""
        self._all = list(rows)
        self._apply(keep=self._shown)

    def set_filter(self, row_filter: RowFilter) -> None:
        self._filter = row_filter
        self._apply()

    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    def _key(self, column: str):
        if column in ("due", "days_left"):
            return lambda r: r.item.due_at or _FAR
        if column == "received":
            return lambda r: r.item.received_at or _FAR
        if column == "fee":
            return lambda r: -1 if r.item.fee_vnd is None else r.item.fee_vnd
        return lambda r: fold(self._text(r, column))

    def _apply(self, keep: int = 0) -> None:
        f = self._filter
        words = f.words()
        if words or f != RowFilter(text=f.text):
            rows = [r for r in self._all if f.admits(r, words)]
        else:
            rows = list(self._all)
        rows.sort(key=self._key(self.COLUMNS[self._sort_column]), reverse=self._descending)
        self._inserting = True
        try:
            self.beginResetModel()
            self._rows = rows
            self._shown = min(max(BATCH, keep), len(rows))
            self.endResetModel()
        finally:
            self._inserting = False

    def row_at(self, index: int) -> WorkRow | None:
        return self._rows[index] if 0 <= index < self._shown else None

    def row_of(self, uuid: str) -> int:
        """The row of a dossier (fetched into view if needed), or -1."""
        for i, row in enumerate(self._rows):
            if row.item.uuid == uuid:
                while self._shown <= i:
                    self.fetchMore()
                return i
        return -1

    def total(self) -> int:
        """Dossiers after the search and filters (fetched into view or not)."""
        return len(self._rows)

    def idle_count(self) -> int:
        """Dossiers of the whole worklist the "not moved" alert flags."""
        return sum(1 for r in self._all if r.idle)
