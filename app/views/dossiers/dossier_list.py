"""“Dossiers on this computer”: a table model of the local queue and a details pane.

Rows are plain :class:`DossierRow` values built off the GUI thread (see
:func:`rows_from_dossiers`), each with its lookup key already folded; the model shows them in
pages of :data:`BATCH` rows through ``canFetchMore``/``fetchMore``, so ten thousand dossiers
scroll and filter without a stall (``python -m benchmarks gui_list`` measures it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

BATCH = 200


def human_size(size: int) -> str:
    from app.views.common.wizard_page import human_size as _human

    return _human(size)
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class DossierRow:
    """What the list shows of one dossier (no ORM object crosses into the GUI).

    ``search_key`` is the folded text the lookup box matches (code, reference, applicant),
    computed where the row is built — a worker thread in the app — so a keystroke compares
    strings instead of folding ten thousand of them. Slots: ten thousand rows stay small.
    """

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
    search_key: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.search_key:
            object.__setattr__(self, "search_key",
                               _fold(f"{self.code} {self.local_ref} {self.applicant}"))


def rows_from_dossiers(dossiers: Iterable[Any], procedure_names: dict[str, str],
                       state_texts: dict[str, str]) -> list[DossierRow]:
    """Turn queue dossiers into rows (runs in a worker thread).

    Takes ORM dossiers (``DossierQueue.list``) or the lighter listing rows
    (``DossierQueue.listing``, which carry ``applicant_name`` instead of the applicant JSON).
    """
    rows = []
    # The few distinct states and statuses are shared, not one string per row.
    texts: dict[str, str] = {}
    for d in dossiers:
        name = getattr(d, "applicant_name", None)
        if name is None:
            name = (d.applicant or {}).get("full_name", "")
        state = texts.setdefault(str(d.state), str(d.state))
        status_text = d.status_text or ""
        rows.append(DossierRow(
            id=d.id, local_ref=d.local_ref,
            procedure=procedure_names.get(d.procedure_code, d.procedure_code),
            applicant=str(name),
            state=state, state_text=state_texts.get(state, state),
            code=d.code or "", status=d.status,
            status_text=texts.setdefault(status_text, status_text),
            updated=d.updated_at or d.created_at, version=d.portal_version,
        ))
    return rows


def local_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().strftime("%d/%m/%Y %H:%M")


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
        self._filter = ""
        self._attention: Any = None  # the colour of "needs action", made on first use
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
        """Look up by official code, local reference or applicant name (works offline)."""
        needle = _fold(text)
        # Typing on narrows what is found already: a row with the longer text has the shorter.
        narrowing = bool(self._filter) and self._filter in needle
        self._filter = needle
        self._apply_filter(self._rows if narrowing else self._all_rows)

    def _apply_filter(self, rows: list[DossierRow], keep: int = 0) -> None:
        needle = self._filter
        if needle:
            rows = [r for r in rows if needle in r.search_key]
        self.beginResetModel()
        self._rows = rows
        self._shown = min(max(BATCH, keep), len(self._rows))
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
        supplement_requested(str): "Supplement" pressed for a dossier in status 5.
        withdraw_requested(str): "Withdraw" pressed (the citizen asks to withdraw the dossier).
    """

    receive_requested = Signal(str, int)
    retry_requested = Signal(str)
    supplement_requested = Signal(str)
    withdraw_requested = Signal(str)

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
        # A long history scrolls; the buttons below always stay in sight.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.waiting = QLabel(self)
        self.waiting.setObjectName("fieldHint")
        self.waiting.setWordWrap(True)
        self.waiting.hide()
        layout.addWidget(self.waiting)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("fieldHint")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.file_progress = QProgressBar(self)
        self.file_progress.setRange(0, 1000)
        for widget in (self.progress_label, self.progress, self.file_progress):
            widget.hide()
            layout.addWidget(widget)
        buttons = QHBoxLayout()
        self.receive_button = QPushButton(self.tr("Receive (officer)"), self)
        self.receive_button.setObjectName("primaryButton")
        self.receive_button.setToolTip(self.tr("Sandbox portal: receive this dossier as the "
                                               "commune officer would"))
        self.receive_button.clicked.connect(self.on_receive_clicked)
        self.retry_button = QPushButton(self.tr("Send again"), self)
        self.retry_button.setObjectName("secondaryButton")
        self.retry_button.clicked.connect(self.on_retry_clicked)
        self.supplement_button = QPushButton(self.tr("Supplement the dossier"), self)
        self.supplement_button.setObjectName("primaryButton")
        self.supplement_button.setToolTip(self.tr("Open the dossier in the wizard, add what the "
                                                  "officer asked for and send it again"))
        self.supplement_button.clicked.connect(self.on_supplement_clicked)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"), self)
        self.withdraw_button.setObjectName("secondaryButton")
        self.withdraw_button.clicked.connect(self.on_withdraw_clicked)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        buttons.addWidget(self.supplement_button)
        buttons.addWidget(self.receive_button)
        layout.addLayout(buttons)
        for button in (self.receive_button, self.retry_button, self.supplement_button,
                       self.withdraw_button):
            button.hide()
        self._dossier: Any = None

    def show_dossier(self, dossier: Any, procedure_name: str, state_text: str,
                     can_act: bool, outbox: dict[str, Any] | None = None) -> None:
        """Show a queue dossier (``None`` clears the pane).

        Args:
            outbox: what is waiting to be sent for it (``DossierQueue.outbox_info``).
        """
        if dossier is None or self._dossier is None or dossier.id != self._dossier.id:
            for widget in (self.progress_label, self.progress, self.file_progress):
                widget.hide()
        self._dossier = dossier
        if dossier is None:
            self.title.setText(self.tr("Choose a dossier in the list to see its details."))
            self.body.setText("")
            self.error.hide()
            self.waiting.hide()
            for button in (self.receive_button, self.retry_button, self.supplement_button,
                           self.withdraw_button):
                button.hide()
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
        self.retry_button.setVisible(dossier.state == "needs_action"
                                     or bool(outbox and outbox["state"] == "attention"))
        withdrawing = bool(outbox and outbox.get("action") == "withdraw")
        self.supplement_button.setVisible(dossier.status == 5 and dossier.state == "submitted"
                                          and not withdrawing)
        self.withdraw_button.setVisible(dossier.status in (1, 2, 4, 5, 6)
                                        and not (outbox and outbox.get("action") == "withdraw"))
        self.waiting.setVisible(bool(outbox))
        if outbox:
            self.waiting.setText(self._waiting_text(outbox))

    def _waiting_text(self, outbox: dict[str, Any]) -> str:
        what = {"submit": self.tr("sending the dossier"),
                "resubmit": self.tr("sending the supplemented dossier"),
                "action": self.tr("sending “{0}”").format(outbox.get("action") or "")}.get(
                    outbox["op"], outbox["op"])
        if outbox["state"] == "attention":
            return self.tr("Waiting: {0} — stopped after {1} tries; press “Send again”.").format(
                what, outbox["attempts"])
        if outbox["state"] == "in_flight":
            return self.tr("Now {0}…").format(what)
        if outbox["attempts"]:
            return self.tr("Waiting: {0} — try {1} failed; next try at {2}.").format(
                what, outbox["attempts"], local_time(outbox["next_attempt_at"]))
        return self.tr("Waiting: {0} at the next sync.").format(what)

    def show_progress(self, dossier_id: str, sent: int, total: int) -> None:
        """Upload progress of the whole dossier (shown when it is the one selected)."""
        if self._dossier is None or self._dossier.id != dossier_id or total <= 0:
            return
        self.progress.setValue(int(1000 * sent / total))
        self.progress.setFormat(self.tr("Dossier: {0} of {1}").format(human_size(sent),
                                                                       human_size(total)))
        self.progress.setVisible(sent < total)

    def show_file_progress(self, dossier_id: str, filename: str, sent: int, size: int) -> None:
        if self._dossier is None or self._dossier.id != dossier_id or size <= 0:
            return
        self.file_progress.setValue(int(1000 * sent / size))
        self.file_progress.setFormat(self.tr("{0}: {1} of {2}").format(
            filename, human_size(sent), human_size(size)))
        self.progress_label.setText(self.tr("Uploading the documents…"))
        done = sent >= size and not self.progress.isVisible()
        for widget in (self.progress_label, self.file_progress):
            widget.setVisible(not done)

    def on_supplement_clicked(self) -> None:
        if self._dossier is not None:
            self.supplement_requested.emit(self._dossier.id)

    def on_withdraw_clicked(self) -> None:
        if self._dossier is not None:
            self.withdraw_requested.emit(self._dossier.id)

    def on_receive_clicked(self) -> None:
        if self._dossier is not None:
            self.receive_button.setEnabled(False)
            self.receive_requested.emit(self._dossier.id, int(self._dossier.portal_version or 0))

    def on_retry_clicked(self) -> None:
        if self._dossier is not None:
            self.retry_requested.emit(self._dossier.id)


def _fold(text: str) -> str:
    from dvc_core.catalog import fold

    return fold(text.strip())


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
        lookup_row = QHBoxLayout()
        self.lookup = QLineEdit(self)
        self.lookup.setObjectName("lookup")
        self.lookup.setClearButtonEnabled(True)
        self.lookup.setPlaceholderText(self.tr("Look up by dossier code, reference or name "
                                               "(works without network)"))
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
