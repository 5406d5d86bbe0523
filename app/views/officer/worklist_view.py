"""The officer desk's worklists: the nine queues with their counts, the search and filters,
the table sorted by due date with the working days left, the "not moved" alert and the
selected dossier's details.

Widgets only: :class:`~app.views.officer.workspace.OfficerWorkspace` fills them and reads the
portal (or the copy) through the task runner.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.worklist import WorkRow
from app.views.officer.worklist_model import QueueListModel, RowFilter, WorklistTableModel
from dvc_core.lifecycle import CHANNEL_TEXT, EVENT_LABELS
from dvc_core.vntime import format_vn, to_vn

NO_DATE = QDate(2000, 1, 1)  # a date edit at its minimum shows "—": no bound


def _esc(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


class OfficerWorklistView(QWidget):
    """The worklists page.

    Args:
        procedures: (code, name) of the procedures the filter offers.

    Signals:
        queue_chosen(str): another worklist was chosen (its name).
        refresh_requested(): "Làm mới" pressed (Ctrl+R).
        dossier_chosen(str): a dossier was selected (its UUID).
    """

    queue_chosen = Signal(str)
    refresh_requested = Signal()
    dossier_chosen = Signal(str)

    def __init__(self, procedures: Iterable[tuple[str, str]] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("officerWorklist")
        self.queues = QueueListModel(self)
        self.model = WorklistTableModel(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 10)
        outer.setSpacing(6)
        outer.addLayout(self._build_heading())
        outer.addWidget(self._build_alert())
        body = QHBoxLayout()
        body.setSpacing(12)
        self.queue_list = QListView(self)
        self.queue_list.setObjectName("worklistQueues")
        self.queue_list.setModel(self.queues)
        self.queue_list.setFixedWidth(230)
        self.queue_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue_list.setWordWrap(True)
        self.queue_list.setSpacing(3)
        self.queue_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue_list.selectionModel().currentRowChanged.connect(self._on_queue_row)
        body.addWidget(self.queue_list)
        column = QVBoxLayout()
        column.addLayout(self._build_filters(procedures))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableView(splitter)
        self.table.setObjectName("worklistTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(WorklistTableModel.COLUMNS.index("due"),
                                Qt.SortOrder.AscendingOrder)
        metrics = header.fontMetrics()
        for i, width in enumerate((248, 130, 135, 100, 85, 90, 80, 140, 60)):
            title = str(self.model.headerData(i, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(i, max(width, metrics.horizontalAdvance(title) + 26))
        self.table.selectionModel().currentRowChanged.connect(self._on_dossier_row)
        from app.views.officer.dossier_detail import DossierDetailPane  # it extends DossierPane

        self.details = DossierDetailPane(splitter)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([290, 190])
        column.addWidget(splitter, 1)
        body.addLayout(column, 1)
        outer.addLayout(body, 1)
        self.model.modelReset.connect(self._update_summary)
        self._install_shortcuts()
        self._update_summary()

    # ----------------------------------------------------------------------------- building
    def _build_heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(self.tr("Worklists"), self)
        title.setObjectName("pageTitle")
        row.addWidget(title)
        row.addSpacing(16)
        self.freshness = QLabel(self)
        self.freshness.setObjectName("fieldHint")
        self.freshness.setWordWrap(True)
        row.addWidget(self.freshness, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("secondaryButton")
        self.refresh_button.setToolTip(self.tr("Read the worklists from the portal again "
                                               "(Ctrl+R)"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        row.addWidget(self.refresh_button)
        return row

    def _build_alert(self) -> QFrame:
        self.alert = QFrame(self)
        self.alert.setObjectName("noticeBanner")
        row = QHBoxLayout(self.alert)
        row.setContentsMargins(10, 6, 10, 6)
        self.alert_text = QLabel(self.alert)
        self.alert_text.setWordWrap(True)
        row.addWidget(self.alert_text, 1)
        self.idle_button = QPushButton(self.tr("Show only these"), self.alert)
        self.idle_button.setObjectName("secondaryButton")
        self.idle_button.setCheckable(True)
        self.idle_button.toggled.connect(self._on_filters_changed)
        row.addWidget(self.idle_button)
        self.alert.hide()
        return self.alert

    def _build_filters(self, procedures: Iterable[tuple[str, str]]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.search = QLineEdit(self)
        self.search.setObjectName("worklistSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Name, ID number or dossier code (Ctrl+F)"))
        self.search.textChanged.connect(self._on_filters_changed)
        row.addWidget(self.search, 2)
        self.procedure = QComboBox(self)
        self.procedure.setObjectName("worklistProcedure")
        self.procedure.addItem(self.tr("Every procedure"), None)
        for code, name in procedures:
            self.procedure.addItem(name, code)
        self.procedure.setMinimumContentsLength(12)
        self.procedure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedure.currentIndexChanged.connect(self._on_filters_changed)
        row.addWidget(self.procedure, 2)
        self.channel = QComboBox(self)
        self.channel.setObjectName("worklistChannel")
        self.channel.addItem(self.tr("Every channel"), None)
        for code, text in CHANNEL_TEXT.items():
            self.channel.addItem(text, code)
        self.channel.currentIndexChanged.connect(self._on_filters_changed)
        row.addWidget(self.channel, 1)
        self.received_from = self._date_edit(self.tr("Received from"))
        self.received_to = self._date_edit(self.tr("Received until"))
        for label, edit in ((self.tr("From"), self.received_from),
                            (self.tr("to"), self.received_to)):
            caption = QLabel(label, self)
            caption.setBuddy(edit)
            row.addWidget(caption)
            row.addWidget(edit)
        self.summary = QLabel(self)
        self.summary.setObjectName("fieldHint")
        row.addWidget(self.summary)
        return row

    def _date_edit(self, tip: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
        edit.setFixedWidth(122)
        edit.setToolTip(tip + " " + self.tr("(— : no limit)"))
        edit.dateChanged.connect(self._on_filters_changed)
        return edit

    def _install_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts: list[QShortcut] = []
        for row in range(self.queues.rowCount()):
            shortcut = QShortcut(QKeySequence(f"Alt+{row + 1}"), self)
            shortcut.setContext(context)
            shortcut.activated.connect(lambda r=row: self.choose_row(r))
            self.shortcuts.append(shortcut)
        for keys, slot in (("Ctrl+F", self.focus_search), ("Ctrl+R", self.refresh_requested.emit)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # ----------------------------------------------------------------------------- reading
    def current_queue(self) -> str | None:
        index = self.queue_list.currentIndex()
        return self.queues.name_at(index.row()) if index.isValid() else None

    def choose_row(self, row: int) -> None:
        if 0 <= row < self.queues.rowCount():
            self.queue_list.setCurrentIndex(self.queues.index(row))

    def choose(self, name: str) -> None:
        self.choose_row(self.queues.row_of(name))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def row_filter(self) -> RowFilter:
        def day(edit: QDateEdit) -> dt.date | None:
            date = edit.date()
            return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())

        return RowFilter(text=self.search.text(), procedure=self.procedure.currentData(),
                         channel=self.channel.currentData(), received_from=day(self.received_from),
                         received_to=day(self.received_to),
                         idle_only=self.idle_button.isChecked())

    def current_uuid(self) -> str | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.item.uuid if row else None

    # ----------------------------------------------------------------------------- showing
    def show_rows(self, rows: list[WorkRow], idle_after: int) -> None:
        """A worklist's dossiers (the place in the list and the selection are kept)."""
        current = self.current_uuid()
        scroll = self.table.verticalScrollBar()
        position = scroll.value()
        self.model.set_rows(rows)
        idle = self.model.idle_count()
        self.alert.setVisible(bool(idle))
        if idle:
            self.alert_text.setText(self.tr(
                "{0} dossier(s) in this list have not moved for {1} working days or more and "
                "are not yet overdue.").format(idle, idle_after))
        elif self.idle_button.isChecked():
            self.idle_button.setChecked(False)
        if current:
            row = self.model.row_of(current)
            if row >= 0:
                self.table.selectRow(row)
        scroll.setValue(position)

    def show_copy(self, fetched_at: dt.datetime | None, online: bool, error: str | None,
                  now: dt.datetime | None = None, busy: bool = False) -> None:
        """Where the list comes from: the portal just now, or the copy and how old it is."""
        now = now or dt.datetime.now(dt.UTC)
        if fetched_at is None:
            text = self.tr("The worklists have not been read from the portal yet.")
        elif online:
            text = self.tr("Read from the portal at {0}.").format(format_vn(fetched_at, "%H:%M"))
        else:
            text = self.age_text(fetched_at, now)
        if error:
            text = f"{error} {text}"
        if busy:
            text += " " + self.tr("Reading the portal…")
        self.freshness.setText(text)

    def age_text(self, fetched_at: dt.datetime, now: dt.datetime) -> str:
        """“Bản lưu lúc 14:05, 12 phút trước”, in Vietnam's time."""
        seconds = max(0, int((now - fetched_at).total_seconds()))
        when = format_vn(fetched_at, "%H:%M")
        if to_vn(fetched_at).date() != to_vn(now).date():
            when = format_vn(fetched_at, "%H:%M %d/%m/%Y")
        if seconds < 60:
            return self.tr("Copy saved at {0}, just now.").format(when)
        if seconds < 3600:
            return self.tr("Copy saved at {0}, {1} min ago.").format(when, seconds // 60)
        if seconds < 86400:
            return self.tr("Copy saved at {0}, {1} h {2} min ago.").format(
                when, seconds // 3600, seconds % 3600 // 60)
        return self.tr("Copy saved at {0}, {1} day(s) ago.").format(when, seconds // 86400)

    def _update_summary(self) -> None:
        self.summary.setText(self.tr("{0} dossier(s)").format(self.model.total()))

    # ----------------------------------------------------------------------------- slots
    def _on_queue_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        name = self.queues.name_at(current.row()) if current.isValid() else None
        if name is not None:
            self.details.show_item(None)
            self.queue_chosen.emit(name)

    def _on_filters_changed(self, *_args: Any) -> None:
        self.model.set_filter(self.row_filter())

    def _on_dossier_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self.details.show_item(row)
            self.dossier_chosen.emit(row.item.uuid)


class DossierPane(QFrame):
    """The selected dossier: what the list knows at once, then its history from the portal."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("detailsPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)
        self._row: WorkRow | None = None
        self.show_item(None)

    @property
    def uuid(self) -> str | None:
        return self._row.item.uuid if self._row else None

    def show_item(self, row: WorkRow | None) -> None:
        self._row = row
        if row is None:
            self.title.setText(self.tr("Choose a dossier in the list to see its details."))
            self.body.setText("")
            return
        item = row.item
        self.title.setText(f"{item.code or item.uuid} — {item.procedure_name}")
        self.body.setText(self._facts_html(row) + "<p>" + _esc(
            self.tr("Reading its history from the portal…")) + "</p>")

    def show_portal(self, uuid: str, dossier: Mapping[str, Any] | None) -> None:
        """The portal's answer for the dossier shown (None: offline, the list's facts stay)."""
        if self._row is None or self._row.item.uuid != uuid:
            return
        facts = self._facts_html(self._row)
        if dossier is None:
            self.body.setText(facts + "<p>" + _esc(self.tr(
                "The portal cannot be reached: the history is shown when it answers.")) + "</p>")
            return
        lines = []
        for event in dossier.get("history") or []:
            at = event.get("at")
            when = format_vn(dt.datetime.fromisoformat(at)) if at else ""
            action = event.get("action_text") or EVENT_LABELS.get(event.get("action"), "")
            note = f" — {_esc(event['note'])}" if event.get("note") else ""
            lines.append(f"<li>{_esc(when)} · {_esc(action)} · {_esc(event.get('by'))}{note}</li>")
        history = ("<p><b>" + _esc(self.tr("History")) + "</b></p><ul>" + "".join(lines)
                   + "</ul>") if lines else ""
        self.body.setText(facts + history)

    def _facts_html(self, row: WorkRow) -> str:
        item = row.item
        if row.days_left is None:
            left = "—"
        elif row.late:
            left = self.tr("overdue")
        else:
            left = self.tr("{0} working day(s)").format(row.days_left)
        pairs = [
            (self.tr("Applicant"), item.applicant_name),
            (self.tr("ID number"), item.applicant_id_number or ""),
            (self.tr("Status"), item.status_text),
            (self.tr("Channel"), item.channel_text),
            (self.tr("Received"), format_vn(item.received_at)),
            (self.tr("Due"), format_vn(item.due_at)),
            (self.tr("Working days left"), left),
        ]
        if row.idle:
            pairs.append((self.tr("Alert"), self.tr("not moved for {0} working days").format(
                row.idle_days)))
        cells = "".join(f"<tr><td style='padding-right:14px;color:#505a5f'>{_esc(k)}</td>"
                        f"<td>{_esc(v)}</td></tr>" for k, v in pairs)
        return f"<table>{cells}</table>"
