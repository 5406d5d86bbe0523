"""The detail pane's printed slips and the fee: a "In biểu mẫu" menu with the TT 01/2018 slips
that fit the dossier now (saved as PDF and opened in the system's viewer, which prints), and
the "Ghi nhận đã nộp phí" dialog — the fee by the kernel's rules, the VietQR code on screen for
a level-4 procedure, how it was paid — whose confirmation queues ``fee_paid`` (6 → 4) through
the outbox like every officer action.

Widgets only: :class:`~app.services.office_forms.OfficePrinter` draws and computes, the
officer's actions queue, the task runner keeps both off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.fee_payment import FeeDue, purpose_for, qr_modules
from app.services.office_forms import FORM_LABELS
from app.workers.tasks import TaskRunner

#: How a fee was paid, as the dialog offers it (``dvc_core.stats.PAYMENT_WAYS``).
PAYMENT_CHOICES = (("online", "Chuyển khoản qua ngân hàng (mã VietQR)"),
                   ("counter", "Nộp tiền mặt tại quầy"))


def save_path(parent: QWidget | None, suggested: str, kinds: str = "PDF (*.pdf)") -> str:
    """Where to save a slip (tests replace this; "" when the officer cancels)."""
    path, _ = QFileDialog.getSaveFileName(parent, "Lưu biểu mẫu", suggested, kinds)
    return path


def open_file(url: QUrl) -> bool:
    """Open the saved slip in the system's viewer, which previews and prints it."""
    from app.views.officer import dossier_detail

    return dossier_detail.open_file(url)


class QrView(QWidget):
    """A QR code drawn module by module with a quiet zone (any banking app scans it)."""

    def __init__(self, payload: str, parent: QWidget | None = None, size: int = 232):
        super().__init__(parent)
        self.setObjectName("vietQr")
        self.payload = payload
        self._modules = qr_modules(payload)
        self.setFixedSize(QSize(size, size))
        self.setToolTip(payload)

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 — Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        count = len(self._modules) + 8  # four modules of quiet zone each side
        step = min(self.width(), self.height()) / count
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for r, row in enumerate(self._modules):
            for c, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF((c + 4) * step, (r + 4) * step, step, step))
        painter.end()


class FeeDialog(QDialog):
    """What the applicant owes, the VietQR to pay it, and the officer's record of how it was
    paid. Nothing is chosen beforehand: "Ghi nhận đã nộp phí" waits for the way; "Hủy" is the
    default button."""

    print_requested = Signal()

    def __init__(self, parent: QWidget | None, code: str, due: FeeDue):
        super().__init__(parent)
        self.setObjectName("feeDialog")
        self.setWindowTitle(f"Ghi nhận đã nộp phí — {code}")
        self.setModal(True)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        amount = QLabel(f"Phí, lệ phí của hồ sơ {code}: <b>{due.label}</b>", self)
        amount.setObjectName("feeAmount")
        amount.setWordWrap(True)
        layout.addWidget(amount)
        self.qr: QrView | None = None
        if due.payload:
            self.qr = QrView(due.payload, self)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.qr)
            row.addStretch(1)
            layout.addLayout(row)
            from dvc_core.fees import format_vnd

            scan = QLabel(f"Người nộp quét mã bằng ứng dụng ngân hàng để chuyển "
                          f"{format_vnd(due.total_vnd)} đồng, nội dung “{purpose_for(code)}”, "
                          f"vào tài khoản {due.account.describe() if due.account else ''}.",
                          self)
            scan.setWordWrap(True)
            scan.setObjectName("fieldHint")
            layout.addWidget(scan)
        elif due.problem:
            problem = QLabel(due.problem, self)
            problem.setWordWrap(True)
            problem.setObjectName("fieldError")
            layout.addWidget(problem)
        caption = QLabel("Cách nộp:", self)
        layout.addWidget(caption)
        self.ways = QButtonGroup(self)
        self.way_buttons: dict[str, QRadioButton] = {}
        for way, text in PAYMENT_CHOICES:
            button = QRadioButton(text, self)
            button.setObjectName(f"payment_{way}")
            self.ways.addButton(button)
            self.way_buttons[way] = button
            layout.addWidget(button)
        self.ways.buttonToggled.connect(self._update)
        note_caption = QLabel("Ghi chú (không bắt buộc, ví dụ số giao dịch):", self)
        layout.addWidget(note_caption)
        self.note = QLineEdit(self)
        self.note.setObjectName("feeNote")
        note_caption.setBuddy(self.note)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("In thông báo nộp phí…", self)
        self.print_button.setObjectName("secondaryButton")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_requested)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Hủy", self)
        self.cancel_button.setObjectName("secondaryButton")
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton("Ghi nhận đã nộp phí", self)
        self.confirm_button.setObjectName("primaryButton")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.accept)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        self._update()

    @property
    def way(self) -> str | None:
        return next((w for w, b in self.way_buttons.items() if b.isChecked()), None)

    def _update(self, *_args: Any) -> None:
        self.confirm_button.setEnabled(self.way is not None)

    def answer(self) -> tuple[str, str | None]:
        assert self.way is not None
        return self.way, self.note.text().strip() or None


class OfficePrint(QObject):
    """The detail pane's "In biểu mẫu" menu and the "Ghi nhận đã nộp phí" hook.

    Args:
        pane: the detail pane (:class:`~app.views.officer.dossier_detail.DossierDetailPane`).
        printer: :class:`~app.services.office_forms.OfficePrinter`.
        actions: :class:`~app.services.officer_actions.OfficerActions`.
        tasks: runs the drawing and the queueing off the GUI thread.

    Signals:
        message(str): a line for the status bar.
        saved(str, str): a slip was saved (form, path).
        fee_queued(str): the payment was recorded and waits for the sync (UUID).
    """

    message = Signal(str)
    saved = Signal(str, str)
    fee_queued = Signal(str)

    #: Replaced by tests: shows the dialog, returns (way, note) or None.
    ask_fee: Callable[[QWidget | None, str, FeeDue, Callable[[], None]],
                      tuple[str, str | None] | None]

    def __init__(self, pane: Any, printer: Any, actions: Any, tasks: TaskRunner):
        super().__init__(pane)
        self.pane = pane
        self._printer = printer
        self._actions = actions
        self._tasks = tasks
        self.button = QPushButton("In biểu mẫu", pane)
        self.button.setObjectName("secondaryButton")
        self.button.setAutoDefault(False)
        self.button.setToolTip("Các phiếu theo Thông tư 01/2018/TT-VPCP của hồ sơ đang mở "
                               "(lưu PDF, mở để xem và in)")
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.button.hide()
        self.menu.aboutToShow.connect(self._fill_menu)
        row = getattr(pane, "buttons_row", None)
        if row is not None:
            row.insertWidget(max(0, row.count() - 2), self.button)

    # ----------------------------------------------------------------------------- the menu
    def _raw(self) -> dict[str, Any] | None:
        detail = getattr(self.pane, "detail", None)
        return dict(detail.raw) if detail is not None and detail.raw else None

    def refresh(self, *_args: Any) -> None:
        """After the detail is shown: the menu is offered when the portal's dossier is open."""
        self.button.setVisible(self._raw() is not None)

    def offered(self) -> list[str]:
        raw = self._raw()
        return self._printer.offered(raw) if raw else []

    def _fill_menu(self) -> None:
        self.menu.clear()
        for form in self.offered():
            action = self.menu.addAction(FORM_LABELS[form])
            action.setData(form)
            action.triggered.connect(lambda _c=False, f=form: self.print_form(f))

    def print_form(self, form: str) -> None:
        """Ask where to save slip ``form``, draw it off the GUI thread, open it."""
        raw = self._raw()
        if raw is None:
            return
        code = str(raw.get("code") or raw.get("uuid") or "ho-so")
        target = save_path(self.pane.window(), f"{form}-{code}.pdf")
        if not target:
            self.message.emit("Đã hủy: chưa lưu biểu mẫu nào.")
            return
        printer = self._printer

        def done(path: Path) -> None:
            self.message.emit(f"Đã lưu {FORM_LABELS[form]}: {path}")
            self.saved.emit(form, str(path))
            open_file(QUrl.fromLocalFile(str(path)))

        def failed(exc: BaseException) -> None:
            self.message.emit(f"Không lưu được biểu mẫu: {getattr(exc, 'strerror', None) or exc}")

        self._tasks.run(lambda: printer.render(form, raw, Path(target)), done, failed)

    # ----------------------------------------------------------------------------- Mẫu 06
    def attach_register(self, view: Any) -> None:
        """A "Sổ theo dõi (Mẫu 06)…" button beside the worklists' "Làm mới": the register of
        the receipt dates the list is filtered to (this month when none)."""
        self._view = view
        self.register_button = QPushButton("Sổ theo dõi (Mẫu 06)…", view)
        self.register_button.setObjectName("secondaryButton")
        self.register_button.setAutoDefault(False)
        self.register_button.setToolTip("Sổ theo dõi hồ sơ (Mẫu 06, Thông tư 01/2018/TT-VPCP) "
                                        "của các hồ sơ nhận trong khoảng ngày đang lọc: PDF "
                                        "khổ A4 ngang hoặc CSV")
        self.register_button.clicked.connect(self.print_register)
        refresh = getattr(view, "refresh_button", None)
        stack = [view.layout()]
        while stack:
            layout = stack.pop()
            if layout is None:
                continue
            at = layout.indexOf(refresh) if refresh is not None else -1
            if at >= 0:
                layout.insertWidget(at, self.register_button)
                return
            stack += [layout.itemAt(i).layout() for i in range(layout.count())]

    def register_period(self) -> tuple[Any, Any]:
        """The receipt dates the list is filtered to; this month up to today when none."""
        from dvc_core.vntime import vn_today

        chosen = self._view.row_filter() if getattr(self, "_view", None) else None
        today = vn_today()
        start = (chosen.received_from if chosen else None) or today.replace(day=1)
        end = (chosen.received_to if chosen else None) or today
        return start, max(start, end)

    def print_register(self) -> None:
        start, end = self.register_period()
        target = save_path(self._view.window() if getattr(self, "_view", None) else None,
                           f"so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
                           "PDF (*.pdf);;CSV (*.csv)")
        if not target:
            self.message.emit("Đã hủy: chưa lưu sổ theo dõi.")
            return
        printer = self._printer

        def done(result: tuple[Path, int, str]) -> None:
            path, count, said = result
            self.message.emit(f"Đã lưu Sổ theo dõi hồ sơ từ {start:%d/%m/%Y} đến "
                              f"{end:%d/%m/%Y} ({count} hồ sơ): {path}" + (f" {said}" if said
                                                                          else ""))
            self.saved.emit("mau06", str(path))
            if path.suffix.lower() == ".pdf":
                open_file(QUrl.fromLocalFile(str(path)))

        def failed(exc: BaseException) -> None:
            self.message.emit(f"Không lưu được sổ theo dõi: "
                              f"{getattr(exc, 'strerror', None) or exc}")

        self._tasks.run(lambda: printer.render_register(start, end, Path(target)), done, failed)

    # ----------------------------------------------------------------------------- the fee
    def record_fee(self, detail: Any) -> bool:
        """The "Ghi nhận đã nộp phí" hook: the fee dialog, then ``fee_paid`` through the
        outbox with how it was paid. Returns True: the hook took over."""
        raw = dict(detail.raw or {})
        code = detail.code or detail.uuid
        try:
            due = self._printer.fee(raw)
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        answer = self.ask_fee(self.pane.window(), code, due, lambda: self.print_form("phi"))
        if answer is None:
            self.pane.leave_safely()
            self.message.emit("Đã hủy: chưa ghi nhận gì.")
            return True
        way, note = answer
        actions, uuid, version = self._actions, detail.uuid, detail.version
        self.pane.set_busy(True)

        def work() -> Any:
            actions.track(uuid, raw)
            return actions.act(uuid, "fee_paid", note, payment=way, expected_version=version)

        def done(_queued: Any) -> None:
            self.pane.set_busy(False)
            self.pane.leave_safely()
            self.message.emit(f"Đã ghi nhận hồ sơ {code} đã nộp phí ({dict(PAYMENT_CHOICES)[way]}"
                              "); gửi lên cổng ở lần đồng bộ tới.")
            self.fee_queued.emit(uuid)

        def failed(exc: BaseException) -> None:
            self.pane.set_busy(False)
            self.pane.leave_safely()
            errors = getattr(exc, "errors", None)
            text = "; ".join(e.message() for e in errors) if errors else str(exc)
            self.message.emit(f"Chưa ghi nhận được: {text}")

        self._tasks.run(work, done, failed)
        return True


def _ask_fee(parent: QWidget | None, code: str, due: FeeDue,
             print_notice: Callable[[], None]) -> tuple[str, str | None] | None:
    dialog = FeeDialog(parent, code, due)
    dialog.print_requested.connect(print_notice)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


OfficePrint.ask_fee = staticmethod(_ask_fee)  # type: ignore[assignment]

__all__: Sequence[str] = ("FeeDialog", "OfficePrint", "QrView")
