"""The officer's actions on the selected dossier: each asked with its confirmation (and the
reason, the items or the result where the law asks for them), then queued through the outbox
off the GUI thread; what the portal answered — a conflict with what the colleague did — is
shown on the detail pane.

Undo: an action still waiting in the outbox (typically offline) can be taken back with
"Hoàn tác" before it is sent. Once the portal has it, it is in the dossier's history and its
Phiếu kiểm soát (Mẫu 05), which nobody rewrites: it is answered by the next action, as the
law's procedure goes (docs/officer-actions.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.officer_actions import DESTRUCTIVE
from app.services.officer_detail import DossierDetail
from app.services.portal_client import PortalError
from app.views.common.confirm import ConfirmDialog
from app.views.officer.dossier_detail import DossierDetailPane
from app.workers.tasks import TaskRunner
from dvc_core import delivery, lifecycle
from dvc_core.rules import ValidationFailed


class SupplementDialog(QDialog):
    """Every missing or wrong component at once, each with its reason (tests stub :meth:`ask`).

    The request goes to the applicant as one list: asking again item by item is what citizens
    complain about most.
    """

    def __init__(self, parent: QWidget | None, code: str,
                 components: Sequence[tuple[str, str]]):
        super().__init__(parent)
        self.setObjectName("supplementDialog")
        self.setWindowTitle(self.tr("Request a supplement — {0}").format(code))
        self.setModal(True)
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Tick every component that is missing or wrong and say why. "
                               "The applicant receives them all in one request."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        self.rows: list[tuple[str, QCheckBox, QLineEdit]] = []
        for i, (component, name) in enumerate(components):
            box = QCheckBox(name, grid_host)
            box.setObjectName(f"item_{component}")
            reason = QLineEdit(grid_host)
            reason.setObjectName(f"reason_{component}")
            reason.setPlaceholderText(self.tr("Reason (e.g. the scan cannot be read)"))
            reason.setEnabled(False)
            box.toggled.connect(reason.setEnabled)
            box.toggled.connect(lambda on, r=reason: on and r.setFocus())
            box.toggled.connect(self._update)
            reason.textChanged.connect(self._update)
            grid.addWidget(box, i, 0)
            grid.addWidget(reason, i, 1)
            self.rows.append((component, box, reason))
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(self.tr("Note to the applicant (optional):"), self))
        self.note = QLineEdit(self)
        self.note.setObjectName("supplementNote")
        layout.addWidget(self.note)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(self.tr("Send the request"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        self.confirm_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        layout.addWidget(buttons)
        self._update()

    def items(self) -> list[dict[str, str]]:
        return [{"component": c, "reason": r.text().strip()} for c, box, r in self.rows
                if box.isChecked()]

    def _missing(self) -> list[str]:
        return [box.text() for _c, box, r in self.rows if box.isChecked() and not r.text().strip()]

    def _update(self, *_args: Any) -> None:
        self.confirm_button.setEnabled(bool(self.items()) and not self._missing())
        missing = self._missing()
        self.problem.setText(self.tr("Reason missing for: {0}").format(", ".join(missing))
                             if missing else "")

    def _try_accept(self) -> None:
        if self.items() and not self._missing():
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, code: str, components: Sequence[tuple[str, str]]
            ) -> tuple[list[dict[str, str]], str] | None:
        """(items, note), or None when cancelled."""
        dialog = cls(parent, code, components)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.items(), dialog.note.text().strip()
        finally:
            dialog.deleteLater()


class ReturnDialog(QDialog):
    """How the result is handed over, and the electronic result file (tests stub :meth:`ask`)."""

    WAY_TEXT = {
        "counter": "Tại Trung tâm Phục vụ hành chính công (người nhận ký sổ)",
        "post": "Qua dịch vụ bưu chính công ích",
        "online": "Trực tuyến: gửi kết quả điện tử vào tài khoản của người nộp",
    }

    def __init__(self, parent: QWidget | None, code: str, ways: Sequence[str],
                 chosen: str | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return the result — {0}").format(code))
        self.setModal(True)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        if chosen:
            layout.addWidget(QLabel(self.tr("The applicant asked: {0}").format(
                delivery.CHOICE_LABELS.get(chosen, chosen)), self))
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for way in ways:
            radio = QRadioButton(self.WAY_TEXT.get(way, way), self)
            radio.setObjectName(f"way_{way}")
            self.group.addButton(radio)
            self.radios[way] = radio
            radio.toggled.connect(self._update)
            layout.addWidget(radio)
        row = QHBoxLayout()
        self.file_label = QLabel(self.tr("No electronic result attached."), self)
        self.file_label.setWordWrap(True)
        row.addWidget(self.file_label, 1)
        self.file_button = QPushButton(self.tr("Attach the result file…"), self)
        self.file_button.setObjectName("secondaryButton")
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(self._choose)
        row.addWidget(self.file_button)
        layout.addLayout(row)
        self.path: Path | None = None
        buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(self.tr("Return the result"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.confirm_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        layout.addWidget(buttons)
        if chosen in self.radios:  # the way the applicant asked for, to confirm or change
            self.radios[chosen].setChecked(True)
        self._update()

    def way(self) -> str | None:
        return next((w for w, r in self.radios.items() if r.isChecked()), None)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("The electronic result"), "",
                                                self.tr("PDF or image (*.pdf *.jpg *.jpeg *.png)"))
        if chosen:
            self.set_file(Path(chosen))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(path.name)
        self._update()

    def _update(self, *_args: Any) -> None:
        way = self.way()
        self.confirm_button.setEnabled(way is not None and (way != "online"
                                                            or self.path is not None))

    @classmethod
    def ask(cls, parent: QWidget | None, code: str, ways: Sequence[str], chosen: str | None
            ) -> tuple[str, Path | None] | None:
        """(way, result file or None), or None when cancelled."""
        dialog = cls(parent, code, ways, chosen)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.way() is None:
                return None
            return dialog.way() or "", dialog.path
        finally:
            dialog.deleteLater()


#: What each confirmation says will happen.
CONFIRM_TEXT = {
    "receive": "Tiếp nhận hồ sơ {code}: hồ sơ đủ thành phần, bắt đầu tính thời hạn giải quyết.",
    "start": "Chuyển hồ sơ {code} sang “Đang xử lý”.",
    "fee_required": "Yêu cầu người nộp hồ sơ {code} thực hiện nghĩa vụ tài chính (nộp lệ phí); "
                    "hồ sơ chờ đến khi phí được ghi nhận.",
    "fee_paid": "Ghi nhận người nộp hồ sơ {code} đã nộp phí; hồ sơ trở lại “Đang xử lý”.",
    "finish": "Hồ sơ {code} đã giải quyết xong; kết quả chờ trả cho người nộp.",
    "refuse": "Từ chối tiếp nhận hồ sơ {code}. Người nộp nhận được lý do (Phiếu từ chối, "
              "Mẫu 03). Không hoàn tác được sau khi đã gửi.",
    "stop": "Dừng xử lý hồ sơ {code}. Người nộp nhận được lý do. Không hoàn tác được sau khi "
            "đã gửi.",
}


class DossierActions(QObject):
    """Asks, queues and reports the officer's actions on the detail pane's dossier.

    Args:
        pane: the detail pane.
        safe_focus: where the keyboard goes after an action (the worklist's table).
        actions: :class:`~app.services.officer_actions.OfficerActions`.
        reader: :class:`~app.services.officer_detail.DetailReader`.
        tasks: runs every read and write off the GUI thread.
        record_fee: the hook for recording a fee paid (the fee form, with its amount and
            receipt): called with the dossier's detail; returns True when it took over. Without
            it, "Ghi nhận đã nộp phí" is a plain confirmed action.

    Signals:
        message(str): a line for the status bar.
        detail_shown(str): the dossier's detail was shown (its UUID).
        queued(str, str): an action was queued (UUID, action).
        sync_requested(): send what was queued now.
    """

    message = Signal(str)
    detail_shown = Signal(str)
    queued = Signal(str, str)
    sync_requested = Signal()

    def __init__(self, pane: DossierDetailPane, safe_focus: QWidget, actions: Any, reader: Any,
                 tasks: TaskRunner, *,
                 record_fee: Callable[[DossierDetail], bool] | None = None):
        super().__init__(pane)
        self.pane = pane
        pane.safe_focus = safe_focus
        self._actions = actions
        self._reader = reader
        self._tasks = tasks
        self.record_fee = record_fee
        pane.action_requested.connect(self.on_action_requested)
        pane.reload_requested.connect(self.load)
        pane.undo_requested.connect(self.undo)
        splitter = pane.parentWidget()
        if isinstance(splitter, QSplitter):  # the detail needs the room: the list keeps 5 rows
            splitter.setSizes([190, 330])

    # ----------------------------------------------------------------------------- reading
    def load(self, uuid: str) -> None:
        actions, reader = self._actions, self._reader

        def read() -> tuple[Any, list[str], Any]:
            return reader.read(uuid), actions.waiting(uuid), actions.conflict(uuid)

        def show(result: tuple[Any, list[str], Any]) -> None:
            detail, waiting, conflict = result
            if detail is None and self.pane.uuid == uuid:
                self._show_offline(waiting, conflict)
            self.pane.show_detail(detail, waiting=waiting, conflict=conflict)
            self.detail_shown.emit(uuid)

        self._tasks.run(read, show, self._failed)

    def reload(self) -> None:
        """After a sync pass: the dossier shown, as the portal has it now."""
        if self.pane.uuid is not None:
            self.load(self.pane.uuid)

    def _show_offline(self, waiting: list[str], conflict: Any) -> None:
        row = self.pane._row  # noqa: SLF001 — the list's facts, offline
        if row is None:
            return
        allowed = lifecycle.allowed_actions(row.item.status, is_owner=False, role="officer")
        self.pane._show_actions(() if waiting else allowed)  # noqa: SLF001
        self.pane.undo_button.setVisible(bool(waiting) and not conflict)
        if waiting:
            self.pane.show_notice(self.tr("Offline: the action waits on this computer and is sent "
                                          "when the portal answers."))
        elif not conflict:
            self.pane.notice.hide()

    def undo(self, uuid: str) -> None:
        """Take back what waits unsent for this dossier (offline, say)."""
        actions = self._actions

        def done(taken: list[str]) -> None:
            labels = ", ".join(lifecycle.TRANSITIONS[a].label for a in taken
                               if a in lifecycle.TRANSITIONS)
            self.message.emit(self.tr("Taken back before it was sent: {0}.").format(labels)
                              if labels else self.tr("Nothing left to take back: it was sent."))
            self.load(uuid)

        self._tasks.run(lambda: actions.cancel_waiting(uuid), done, self._failed)

    # ----------------------------------------------------------------------------- acting
    def on_action_requested(self, uuid: str, action: str) -> None:
        detail = self.pane.detail if self.pane.detail and self.pane.detail.uuid == uuid else None
        row = self.pane._row  # noqa: SLF001
        code = (detail.code if detail else row.item.code if row else None) or uuid
        version = detail.version if detail else (row.item.version if row else None)
        parent = self.pane.window()
        note: str | None = None
        items: list[dict[str, str]] = []
        way: str | None = None
        result: Path | None = None
        if action == "fee_paid" and self.record_fee is not None and detail is not None:
            if self.record_fee(detail):
                return
        if action == "request_supplement":
            components = detail.components if detail else ()
            asked = SupplementDialog.ask(parent, code, components)
            if asked is None:
                return self._cancelled()
            items, note = asked
        elif action == "return":
            ways = detail.result_ways if detail else ("counter", "post")
            chosen = delivery.chosen(detail.raw.get("fields")) if detail else None
            answer = ReturnDialog.ask(parent, code, ways, chosen)
            if answer is None:
                return self._cancelled()
            way, result = answer
        else:
            transition = lifecycle.TRANSITIONS[action]
            text = CONFIRM_TEXT.get(action, transition.label).format(code=code)
            asked_note = ConfirmDialog.ask(
                parent, transition.label, text, transition.label,
                reason_label=(self.tr("Reason (sent to the applicant):")
                              if transition.note_required else self.tr("Note (optional):")),
                reason_required=transition.note_required,
                destructive=action in DESTRUCTIVE)
            if asked_note is None:
                return self._cancelled()
            note = asked_note or None
        self._queue(uuid, action, note, items, way, result, version,
                    detail.raw if detail else None)

    def _cancelled(self) -> None:
        self.pane.leave_safely()
        self.message.emit(self.tr("Cancelled: nothing was changed."))

    def _queue(self, uuid: str, action: str, note: str | None, items: list[dict[str, str]],
               way: str | None, result: Path | None, version: int | None,
               raw: Any) -> None:
        actions = self._actions
        self.pane.set_busy(True)

        def work() -> Any:
            actions.track(uuid, raw)
            return actions.act(uuid, action, note, items=items, delivery_way=way,
                               result_file=result, expected_version=version)

        def done(_queued: Any) -> None:
            self.pane.set_busy(False)
            self.pane.leave_safely()
            self.message.emit(self.tr("“{0}” is queued and sent with the next sync.").format(
                lifecycle.TRANSITIONS[action].label))
            self.queued.emit(uuid, action)
            self.load(uuid)
            self.sync_requested.emit()

        def failed(exc: BaseException) -> None:
            self.pane.set_busy(False)
            self.pane.leave_safely()
            self._failed(exc)

        self._tasks.run(work, done, failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed):
            text = "; ".join(e.message() for e in exc.errors)
        elif isinstance(exc, PortalError):
            text = exc.detail
        else:
            text = str(exc)
        self.pane.show_notice(text)
        self.message.emit(text)

