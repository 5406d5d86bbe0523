"""The officer's dossier detail: everything the citizen entered (by the catalog's sections and
labels), each attachment (images previewed, PDFs opened in the system viewer), the history
(who, when, note), the due date in working days — and the actions the dossier allows now,
each with its keyboard shortcut.

Widgets only: :class:`~app.views.officer.actions.DossierActions` reads the dossier and queues
the decisions through the task runner.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.officer_actions import DESTRUCTIVE, SHORTCUTS
from app.services.officer_detail import AttachmentView, DossierDetail, due_text
from app.services.worklist import WorkRow
from app.views.officer.worklist_view import DossierPane
from dvc_core import lifecycle
from dvc_core.vntime import format_vn


def _esc(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


#: The button text of each action (the one-stop vocabulary; the history says the label).
ACTION_TEXT = {
    "receive": "Tiếp nhận",
    "refuse": "Từ chối tiếp nhận…",
    "request_supplement": "Yêu cầu bổ sung…",
    "start": "Bắt đầu xử lý",
    "fee_required": "Yêu cầu nộp phí…",
    "fee_paid": "Ghi nhận đã nộp phí…",
    "stop": "Dừng xử lý…",
    "finish": "Hoàn thành xử lý",
    "return": "Trả kết quả…",
}


def open_file(url: QUrl) -> bool:
    """Open a file in the system's viewer (tests replace this to record the URL)."""
    return QDesktopServices.openUrl(url)


class DossierDetailPane(DossierPane):
    """The worklist's detail pane with the dossier's whole content and its actions.

    Signals:
        action_requested(str, str): an action's button or shortcut (dossier UUID, action).
        reload_requested(str): "Tải lại" after a conflict (dossier UUID).
    """

    action_requested = Signal(str, str)
    reload_requested = Signal(str)
    undo_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        self.notice = QLabel(self)
        self.notice.setObjectName("noticeBanner")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.insertWidget(1, self.notice)
        self.files = QListWidget(self)
        self.files.setObjectName("detailAttachments")
        self.files.setViewMode(QListWidget.ViewMode.IconMode)
        self.files.setIconSize(QSize(72, 72))
        self.files.setFlow(QListWidget.Flow.TopToBottom)
        self.files.setWrapping(False)
        self.files.setFixedWidth(230)
        self.files.setWordWrap(True)
        self.files.setGridSize(QSize(200, 124))
        self.files.setMovement(QListWidget.Movement.Static)
        self.files.setToolTip(self.tr("Enter or double click: open the document in the "
                                      "system's viewer"))
        self.files.itemActivated.connect(self._open_item)
        self.files.hide()
        # The answers and history on the left, the documents beside them.
        scroll = self.body.parentWidget().parentWidget()
        layout.removeWidget(scroll)
        content = QHBoxLayout()
        content.setSpacing(12)
        content.addWidget(scroll, 1)
        content.addWidget(self.files)
        layout.insertLayout(2, content, 1)
        self.buttons_row = QHBoxLayout()
        self.buttons_row.setSpacing(8)
        self.action_buttons: dict[str, QPushButton] = {}
        self.shortcuts: dict[str, QShortcut] = {}
        for action in lifecycle.OFFICER_ACTIONS:
            button = QPushButton(ACTION_TEXT.get(action, action), self)
            button.setObjectName("primaryButton" if action not in DESTRUCTIVE
                                 else "secondaryButton")
            button.setAutoDefault(False)
            keys = SHORTCUTS.get(action)
            label = lifecycle.TRANSITIONS[action].label
            native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) \
                if keys else ""
            button.setToolTip(f"{label} ({native})" if native else label)
            button.clicked.connect(lambda _c=False, a=action: self._request(a))
            button.hide()
            self.action_buttons[action] = button
            self.buttons_row.addWidget(button)
            if keys:
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda a=action: self._request(a))
                self.shortcuts[action] = shortcut
        self.buttons_row.addStretch(1)
        self.reload_button = QPushButton(self.tr("Reload the dossier"), self)
        self.reload_button.setObjectName("secondaryButton")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(
            lambda: self.uuid and self.reload_requested.emit(self.uuid))
        self.reload_button.hide()
        self.buttons_row.addWidget(self.reload_button)
        self.undo_button = QPushButton(self.tr("Undo (not yet sent)"), self)
        self.undo_button.setObjectName("secondaryButton")
        self.undo_button.setAutoDefault(False)
        self.undo_button.setToolTip(self.tr("Take back the action waiting on this computer "
                                            "before it reaches the portal (Ctrl+Z)"))
        self.undo_button.clicked.connect(self._undo)
        self.undo_button.hide()
        undo = QShortcut(QKeySequence("Ctrl+Z"), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self._undo)
        self.buttons_row.addWidget(self.undo_button)
        layout.addLayout(self.buttons_row)
        self.detail: DossierDetail | None = None
        self.safe_focus: QWidget | None = None
        self._busy = False

    # ----------------------------------------------------------------------------- showing
    detail: DossierDetail | None = None

    def show_item(self, row: WorkRow | None) -> None:
        if not hasattr(self, "files"):  # the base class shows "nothing chosen" while built
            super().show_item(row)
            return
        if self.detail is not None and (row is None or row.item.uuid != self.detail.uuid):
            self.detail = None
        super().show_item(row)
        if self.detail is None:
            self.files.clear()
            self.files.hide()
            self.notice.hide()
            self.reload_button.hide()
            self.undo_button.hide()
            self._show_actions(())

    def show_portal(self, uuid: str, dossier: Any) -> None:
        if self.detail is not None and self.detail.uuid == uuid:
            return  # the whole detail is shown already
        super().show_portal(uuid, dossier)

    def show_detail(self, detail: DossierDetail | None, *, waiting: Iterable[str] = (),
                    conflict: dict[str, Any] | None = None) -> None:
        """The dossier read from the portal (None: offline — the list's facts stay)."""
        if detail is None or detail.uuid != self.uuid:
            return
        self.detail = detail
        self.title.setText(f"{detail.code or detail.uuid} — {detail.procedure_name}")
        self.body.setText(self._detail_html(detail))
        self._show_files(detail.attachments)
        waiting = [a for a in waiting if a]
        if conflict:
            self.show_notice(self._conflict_text(conflict))
        elif waiting:
            self.show_notice(self.tr("Waiting to be sent: {0}. It is sent with the next "
                                     "sync, also after a loss of network.").format(
                ", ".join(lifecycle.TRANSITIONS[a].label for a in waiting
                          if a in lifecycle.TRANSITIONS)))
        else:
            self.notice.hide()
        self.reload_button.setVisible(bool(conflict))
        self.undo_button.setVisible(bool(waiting) and not conflict)
        self._show_actions(() if waiting else detail.allowed_actions)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _conflict_text(self, conflict: dict[str, Any]) -> str:
        action = lifecycle.TRANSITIONS.get(conflict.get("action") or "")
        lines = [self.tr("“{0}” was not applied: a colleague changed the dossier first.").format(
            action.label if action else conflict.get("action") or "")]
        if conflict.get("status_text"):
            lines.append(self.tr("It is now “{0}”.").format(conflict["status_text"]))
        history = conflict.get("history") or []
        if history:
            last = history[-1]
            lines.append(self.tr("Last change: {0} by {1} at {2}.").format(
                last.get("action_text") or "", last.get("by") or "",
                format_vn(_time(last.get("at")))))
        lines.append(self.tr("Look at the dossier as it is now and decide again."))
        return " ".join(lines)

    def _show_actions(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)
            button.setEnabled(action in allowed and not self._busy)

    def set_busy(self, busy: bool) -> None:
        """While an action is being queued: no button takes another press."""
        self._busy = busy
        if busy:
            self.leave_safely()
        for button in self.action_buttons.values():
            button.setEnabled(not busy and button.isVisible())

    def leave_safely(self) -> None:
        """The keyboard goes back to the list: never left on a button after an action."""
        target = self.safe_focus
        if target is not None and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_files(self, attachments: Iterable[AttachmentView]) -> None:
        self.files.clear()
        for att in attachments:
            text = f"{att.component_name}\n{att.filename}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(att.path) if att.path else "")
            item.setToolTip(f"{att.component_name} — {att.filename} ({att.media_type})")
            if att.is_image and att.path is not None:
                pixmap = QPixmap(str(att.path))
                if not pixmap.isNull():
                    item.setIcon(QIcon(pixmap.scaled(
                        96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)))
            elif att.path is not None:
                item.setIcon(self.style().standardIcon(
                    self.style().StandardPixmap.SP_FileIcon))
            self.files.addItem(item)
        self.files.setVisible(self.files.count() > 0)

    def _open_item(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            open_file(QUrl.fromLocalFile(path))

    def open_attachment(self, row: int) -> None:
        item = self.files.item(row)
        if item is not None:
            self._open_item(item)

    def _undo(self) -> None:
        if self.uuid is not None and self.undo_button.isVisible():
            self.leave_safely()
            self.undo_requested.emit(self.uuid)

    def _request(self, action: str) -> None:
        button = self.action_buttons.get(action)
        if (self.uuid is None or self._busy or button is None or not button.isVisible()
                or not button.isEnabled()):
            return
        self.leave_safely()
        self.action_requested.emit(self.uuid, action)

    # ----------------------------------------------------------------------------- text
    def _detail_html(self, d: DossierDetail) -> str:
        facts = self._facts_html(self._row) if self._row is not None else ""
        due = d.due
        due_lines = [self.tr("Due: {0}").format(due_text(due))]
        if due.received_at is not None:
            when = format_vn(due.received_at)
            if due.after_cutoff:
                due_lines.append(self.tr("Received {0}, after {1}: the time limit counts from "
                                         "the next working day.").format(
                    when, due.cutoff.strftime("%H:%M")))
            else:
                due_lines.append(self.tr("Received {0}.").format(when))
        if due.days_off:
            days = ", ".join(day.strftime("%d/%m") for day in due.days_off)
            due_lines.append(self.tr("Days off not counted: {0}.").format(days))
        if due.unconfirmed:
            due_lines.append(self.tr("Not yet officially announced (UNCONFIRMED): {0}.").format(
                ", ".join(day.strftime("%d/%m/%Y") for day in due.unconfirmed)))
        now = self.tr("Status on the portal now: {0}").format(d.status_text)
        out = [f"<p><b>{_esc(now)}</b></p>", facts,
               "<p>" + "<br>".join(_esc(line) for line in due_lines) + "</p>"]
        if d.fee and d.fee.get("label"):
            out.append(f"<p><b>{_esc(self.tr('Fee'))}:</b> {_esc(d.fee['label'])}</p>")
        for title, rows in d.sections:
            cells = "".join(f"<tr><td style='padding-right:14px;color:#505a5f'>{_esc(k)}</td>"
                            f"<td>{_esc(v)}</td></tr>" for k, v in rows)
            out.append(f"<p style='margin:8px 0 2px 0'><b>{_esc(title)}</b></p>"
                       f"<table>{cells}</table>")
        if d.attachments:
            out.append("<p style='margin:8px 0 2px 0'><b>" + _esc(self.tr("Documents"))
                       + "</b></p><ul>" + "".join(
                           f"<li>{_esc(a.component_name)}: {_esc(a.filename)}</li>"
                           for a in d.attachments) + "</ul>")
        lines = []
        for h in d.history:
            note = f" — {_esc(h.note)}" if h.note else ""
            lines.append(f"<li>{_esc(format_vn(h.at))} · {_esc(h.action_text)} · "
                         f"{_esc(h.by)}{note}</li>")
        if lines:
            out.append("<p style='margin:8px 0 2px 0'><b>" + _esc(self.tr("History"))
                       + "</b></p><ul>" + "".join(lines) + "</ul>")
        return "".join(out)


def _time(value: Any):
    from app.services.changes import parse_time

    return parse_time(value)
