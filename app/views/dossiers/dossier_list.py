"""“Dossiers on this computer”: the lookup box, the table and the details pane.

The model lives in :mod:`app.views.dossiers.dossier_model`, the pane in
:mod:`app.views.dossiers.dossier_details`; the rows are built in the services
(:mod:`app.services.records`). This module keeps their names importable from one place.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.records import DossierRow, rows_from_dossiers
from app.views.dossiers.dossier_details import DossierDetails
from app.views.dossiers.dossier_model import BATCH, DossierTableModel, local_time

__all__ = ["BATCH", "DossierDetails", "DossierListView", "DossierRow", "DossierTableModel",
           "local_time", "rows_from_dossiers"]


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
        lookup_row = QHBoxLayout()
        self.lookup = QLineEdit(self)
        self.lookup.setObjectName("lookup")
        self.lookup.setClearButtonEnabled(True)
        self.lookup.setPlaceholderText(self.tr("Look up by dossier code, reference, or anyone's "
                                               "name or ID number (works without network)"))
        self.lookup.textChanged.connect(model.set_filter)
        lookup_row.addWidget(self.lookup, 2)
        self.summary = QLabel(self)
        self.summary.setObjectName("fieldHint")
        lookup_row.addWidget(self.summary, 1)
        layout.addLayout(lookup_row)
        self.freshness = QLabel(self)
        self.freshness.setObjectName("fieldHint")
        layout.addWidget(self.freshness)
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
        self.details.safe_focus = self.table
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 340])  # the details (history, what waits, buttons) need room
        layout.addWidget(splitter, 1)
        model.modelReset.connect(self._update_summary)
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.setText(self.tr("{0} dossier(s)").format(self.model.total()))

    def set_freshness(self, last_sync: dt.datetime | None,
                      now: dt.datetime | None = None) -> None:
        """Say how old the local copy of the portal's statuses is."""
        if last_sync is None:
            self.freshness.setText(self.tr("Statuses have not been fetched from the portal yet."))
            return
        now = now or dt.datetime.now(dt.UTC)
        minutes = max(0, int((now - last_sync).total_seconds() // 60))
        self.freshness.setText(self.tr("Statuses as of {0} ({1} min ago).").format(
            local_time(last_sync), minutes))

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
