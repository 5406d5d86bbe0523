"""“Dossiers on this computer”: a table model of the local queue and a details pane.

Rows are plain :class:`DossierRow` values built off the GUI thread (see
:func:`rows_from_dossiers`); the model shows them in pages of :data:`BATCH` rows through
``canFetchMore``/``fetchMore``, so ten thousand dossiers scroll without a stall.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

BATCH = 200
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DossierRow:
    """What the list shows of one dossier (no ORM object crosses into the GUI)."""

    id: str
    local_ref: str
    procedure: str
    applicant: str
    state: str
    state_text: str
    code: str
    status: int | None
    status_text: str
    updated: dt.datetime | None
    version: int | None = None


def rows_from_dossiers(dossiers: Iterable[Any], procedure_names: dict[str, str],
                       state_texts: dict[str, str]) -> list[DossierRow]:
    """Turn queue dossiers into rows (runs in a worker thread)."""
    rows = []
    for d in dossiers:
        rows.append(DossierRow(
            id=d.id, local_ref=d.local_ref,
            procedure=procedure_names.get(d.procedure_code, d.procedure_code),
            applicant=str((d.applicant or {}).get("full_name", "")),
            state=str(d.state), state_text=state_texts.get(d.state, str(d.state)),
            code=d.code or "", status=d.status, status_text=d.status_text or "",
            updated=d.updated_at or d.created_at, version=d.portal_version,
        ))
    return rows


def local_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().strftime("%d/%m/%Y %H:%M")


class DossierTableModel(QAbstractTableModel):
    """The local dossiers, newest first, fetched into view in batches."""

    COLUMNS = ("local_ref", "procedure", "applicant", "state", "code", "status", "updated")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[DossierRow] = []
        self._shown = 0
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
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid():
            return
        extra = min(BATCH, len(self._rows) - self._shown)
        if extra <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + extra - 1)
        self._shown += extra
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._shown):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "state":
                return row.state_text
            if column == "status":
                return row.status_text
            if column == "updated":
                return local_time(row.updated)
            return getattr(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == "state" and row.state == "needs_action":
            from PySide6.QtGui import QColor

            return QColor("#b10e1e")
        return None

    # ----------------------------------------------------------------------------- rows
    def set_rows(self, rows: Sequence[DossierRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(BATCH, len(self._rows))
        self.endResetModel()

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


class DossierDetails(QFrame):
    """The selected dossier: codes, states, history, last error and the actions allowed.

    Signals:
        receive_requested(str, int): "Receive" pressed (dossier id, expected portal version).
        retry_requested(str): "Send again" pressed for a dossier that needed attention.
    """

    receive_requested = Signal(str, int)
    retry_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("detailsPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        self.title = QLabel(self.tr("Choose a dossier in the list to see its details."), self)
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.body, 1)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.receive_button = QPushButton(self.tr("Receive (officer)"), self)
        self.receive_button.setObjectName("primaryButton")
        self.receive_button.setToolTip(self.tr("Sandbox portal: receive this dossier as the "
                                               "commune officer would"))
        self.receive_button.clicked.connect(self.on_receive_clicked)
        self.retry_button = QPushButton(self.tr("Send again"), self)
        self.retry_button.setObjectName("secondaryButton")
        self.retry_button.clicked.connect(self.on_retry_clicked)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.receive_button)
        layout.addLayout(buttons)
        self.receive_button.hide()
        self.retry_button.hide()
        self._dossier: Any = None

    def show_dossier(self, dossier: Any, procedure_name: str, state_text: str,
                     can_act: bool) -> None:
        """Show a queue dossier (``None`` clears the pane)."""
        self._dossier = dossier
        if dossier is None:
            self.title.setText(self.tr("Choose a dossier in the list to see its details."))
            self.body.setText("")
            self.error.hide()
            self.receive_button.hide()
            self.retry_button.hide()
            return
        self.title.setText(f"{dossier.local_ref} — {procedure_name}")
        esc = _escape
        facts = [
            (self.tr("Applicant"), str((dossier.applicant or {}).get("full_name", ""))),
            (self.tr("State on this computer"), state_text),
            (self.tr("Dossier code"), dossier.code or self.tr("not yet given")),
            (self.tr("Portal status"), dossier.status_text or self.tr("not yet known")),
            (self.tr("Due"), local_time(dossier.due_at) if dossier.due_at else ""),
            (self.tr("Documents"), ", ".join(a.filename for a in dossier.attachments)),
        ]
        html = "".join(f"<p style='margin:2px 0'><b>{esc(k)}:</b> {esc(v)}</p>"
                       for k, v in facts if v)
        history = getattr(dossier, "history", None) or []
        if history:
            heading = self.tr("Status history")
            html += f"<p style='margin:10px 0 2px 0'><b>{esc(heading)}</b></p><ul>"
            for event in history:
                note = f" — {esc(event.note)}" if event.note else ""
                html += f"<li>{esc(local_time(event.at))}: {esc(event.status_text)}{note}</li>"
            html += "</ul>"
        self.body.setText(html)
        if dossier.last_error:
            self.error.setText(self.tr("Last problem: {0}").format(dossier.last_error))
        self.error.setVisible(bool(dossier.last_error))
        self.receive_button.setVisible(can_act and dossier.status == 1)
        self.receive_button.setEnabled(True)
        self.retry_button.setVisible(dossier.state == "needs_action")

    def on_receive_clicked(self) -> None:
        if self._dossier is not None:
            self.receive_button.setEnabled(False)
            self.receive_requested.emit(self._dossier.id, int(self._dossier.portal_version or 0))

    def on_retry_clicked(self) -> None:
        if self._dossier is not None:
            self.retry_requested.emit(self._dossier.id)


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DossierListView(QWidget):
    """The table and the details pane, split vertically.

    Signals:
        selected(str): a dossier was selected (its id).
    """

    selected = Signal(str)

    def __init__(self, model: DossierTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(self.tr("Dossiers on this computer"), self)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.summary = QLabel(self)
        self.summary.setObjectName("fieldHint")
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableView(splitter)
        self.table.setObjectName("dossierTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = header.fontMetrics()
        for column, width in enumerate((125, 150, 160, 200, 240, 165, 140)):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            # Header text is bold in the style sheet: leave room so it is never clipped.
            self.table.setColumnWidth(column, max(width, int(metrics.horizontalAdvance(title)
                                                             * 1.08) + 22))
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        self.details = DossierDetails(splitter)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        model.modelReset.connect(self._update_summary)
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.setText(self.tr("{0} dossier(s)").format(self.model.total()))

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self.selected.emit(row.id)

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row else None

    def select_id(self, dossier_id: str) -> None:
        row = self.model.row_of(dossier_id)
        if row >= 0:
            self.table.selectRow(row)
