"""The kiosk's screens besides the filing: start, guide, lookup, the officer's exit, and the
countdown before a visit ends."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def _button(text: str, parent: QWidget, name: str = "", accessible: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    if name:
        button.setObjectName(name)
    button.setAccessibleName(accessible or text.replace("\n", " "))
    return button


def _label(text: str, parent: QWidget, name: str = "kioskLead") -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class Screen(QWidget):
    """A full page with a title, in a scroll area (nothing is cut off at 1366×768)."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        self.body = QWidget()
        self.body.setObjectName("pageBody")
        self.scroll.setWidget(self.body)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(48, 28, 48, 28)
        self.column.setSpacing(18)
        self.title = _label(title, self.body, "kioskTitle")
        self.column.addWidget(self.title)

    def spoken_text(self) -> str:
        return " ".join(label.text() for label in self.body.findChildren(QLabel)
                        if label.isVisibleTo(self) and label.text())

    def clear(self) -> None:
        """Forget what the visitor typed or was shown."""


class StartScreen(Screen):
    """Three big choices: nộp hồ sơ, tra cứu hồ sơ, hướng dẫn."""

    file_chosen = Signal()
    lookup_chosen = Signal()
    guide_chosen = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("kioskStart", "Xin chào! Bạn muốn làm gì?", parent)
        self.column.addWidget(_label("Chạm vào một ô bên dưới. Không cần tài khoản. Bấm “Đọc "
                                     "to” ở trên để nghe máy đọc.", self.body))
        self.file_button = _button("Nộp hồ sơ\nKhai sinh, kết hôn, các thủ tục của xã",
                                   self.body, "kioskChoice", "Nộp hồ sơ")
        self.lookup_button = _button("Tra cứu hồ sơ\nXem hồ sơ đã nộp đến đâu (cần mã hồ sơ và "
                                     "số căn cước)", self.body, "kioskChoice", "Tra cứu hồ sơ")
        self.guide_button = _button("Hướng dẫn\nCác bước nộp hồ sơ, đọc chậm từng bước",
                                    self.body, "kioskChoice", "Hướng dẫn")
        for button, signal in ((self.file_button, self.file_chosen),
                               (self.lookup_button, self.lookup_chosen),
                               (self.guide_button, self.guide_chosen)):
            button.clicked.connect(signal)
            self.column.addWidget(button)
        self.column.addStretch(1)


class GuideScreen(Screen):
    """The guide's five steps, one short paragraph each (``resources/kiosk_guide.json``)."""

    start_filing = Signal()

    def __init__(self, guide: dict[str, Any], parent: QWidget | None = None):
        super().__init__("kioskGuide", guide["title"], parent)
        self.column.addWidget(_label(guide["lead"], self.body))
        for number, step in enumerate(guide["steps"], 1):
            self.column.addWidget(_label(f"<b>Bước {number}. {step['title']}</b><br>"
                                         f"{step['text']}", self.body, "kioskGuideStep"))
        self.column.addWidget(_label("Theo: " + guide["source"], self.body, "fieldHint"))
        self.file_button = _button("Bắt đầu nộp hồ sơ", self.body, "primaryButton")
        self.file_button.clicked.connect(self.start_filing)
        self.column.addWidget(self.file_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addStretch(1)


class LookupScreen(Screen):
    """Tra cứu hồ sơ: the code and the ID number, asked of the portal (its public lookup).

    Signals:
        lookup_requested(str, str): code, ID number (the window asks the portal off the GUI
            thread and calls :meth:`show_result` or :meth:`show_error`).
    """

    lookup_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("kioskLookup", "Tra cứu hồ sơ", parent)
        self.column.addWidget(_label("Nhập mã hồ sơ (in trên phiếu, hoặc quét mã QR của phiếu) "
                                     "và số căn cước của người nộp.", self.body))
        grid = QGridLayout()
        code_label = _label("Mã hồ sơ", self.body, "fieldLabel")
        self.code = QLineEdit(self.body)
        self.code.setAccessibleName("Mã hồ sơ")
        self.code.setPlaceholderText("Ví dụ: 000.99.99.H56-260105-0001")
        self.code.setMaxLength(64)
        code_label.setBuddy(self.code)
        id_label = _label("Số căn cước (12 chữ số)", self.body, "fieldLabel")
        self.id_number = QLineEdit(self.body)
        self.id_number.setAccessibleName("Số căn cước")
        self.id_number.setMaxLength(32)
        self.id_number.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        id_label.setBuddy(self.id_number)
        grid.addWidget(code_label, 0, 0)
        grid.addWidget(self.code, 1, 0)
        grid.addWidget(id_label, 2, 0)
        grid.addWidget(self.id_number, 3, 0)
        self.column.addLayout(grid)
        self.search_button = _button("Tra cứu", self.body, "primaryButton")
        self.search_button.clicked.connect(self.on_search)
        self.id_number.returnPressed.connect(self.on_search)
        self.code.returnPressed.connect(self.id_number.setFocus)
        self.column.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error = _label("", self.body, "kioskError")
        self.error.hide()
        self.result = _label("", self.body)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.hide()
        self.column.addWidget(self.error)
        self.column.addWidget(self.result)
        self.column.addStretch(1)

    def on_search(self) -> None:
        code, number = self.code.text().strip(), self.id_number.text().strip()
        missing = [name for name, value in (("Mã hồ sơ", code), ("Số căn cước", number))
                   if not value]
        if missing:
            self.show_error(" và ".join(missing) + ": chưa nhập.")
            return
        self.error.hide()
        self.result.setText("Đang hỏi cổng dịch vụ công…")
        self.result.show()
        self.search_button.setEnabled(False)
        self.lookup_requested.emit(code, number)

    def show_result(self, answer: dict[str, Any]) -> None:
        from dvc_core.vntime import format_vn

        self.search_button.setEnabled(True)
        self.error.hide()
        lines = [f"Mã hồ sơ: {answer.get('code', '')}",
                 f"Thủ tục: {answer.get('procedure_name') or answer.get('procedure_code', '')}",
                 f"Tình trạng: {answer.get('status_text', '')}"]
        due = answer.get("due_at")
        if due:
            import datetime as dt

            try:
                lines.append("Hẹn trả kết quả: " + format_vn(dt.datetime.fromisoformat(due)))
            except ValueError:
                pass
        self.result.setText("\n".join(lines))
        self.result.show()

    def show_error(self, message: str) -> None:
        self.search_button.setEnabled(True)
        self.result.hide()
        self.error.setText(message)
        self.error.show()

    def clear(self) -> None:
        for edit in (self.code, self.id_number):
            edit.clear()
        for label in (self.error, self.result):
            label.clear()
            label.hide()
        self.search_button.setEnabled(True)


class ExitScreen(Screen):
    """The officer's way out: the PIN set at provisioning, on a keypad (no keyboard needed);
    once it is accepted, "Thoát ứng dụng" or the kiosk device's sign-in.

    Signals:
        pin_entered(str): the digits typed ("Tiếp tục").
        cancelled(): "Quay lại".
        quit_requested(): the officer leaves the kiosk (after the PIN).
        device_sign_in(str, str): the kiosk device's user name and password (after the PIN).
    """

    pin_entered = Signal(str)
    cancelled = Signal()
    quit_requested = Signal()
    device_sign_in = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("kioskExit", "Dành cho cán bộ: thoát chế độ máy tự phục vụ", parent)
        self.column.addWidget(_label("Nhập mã PIN của cán bộ. Người dân: bấm “Quay lại”.",
                                     self.body))
        self.pin = QLineEdit(self.body)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("Mã PIN của cán bộ")
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.on_submit)
        self.column.addWidget(self.pin)
        row = QHBoxLayout()
        pad = QGridLayout()
        for n, digit in enumerate("123456789"):
            key = _button(digit, self.body, accessible=f"Số {digit}")
            key.clicked.connect(lambda _=False, d=digit: self.pin.insert(d))
            pad.addWidget(key, n // 3, n % 3)
        clear = _button("Xóa", self.body, accessible="Xóa mã đã nhập")
        clear.clicked.connect(self.pin.clear)
        zero = _button("0", self.body, accessible="Số 0")
        zero.clicked.connect(lambda: self.pin.insert("0"))
        pad.addWidget(clear, 3, 0)
        pad.addWidget(zero, 3, 1)
        row.addLayout(pad, 2)
        side = QVBoxLayout()
        self.exit_button = _button("Tiếp tục", self.body, "primaryButton")
        self.exit_button.setAccessibleName("Kiểm tra mã PIN")
        self.exit_button.clicked.connect(self.on_submit)
        self.back_button = _button("Quay lại", self.body)
        self.back_button.clicked.connect(self.cancelled)
        self.message = _label("", self.body, "kioskError")
        self.message.hide()
        side.addWidget(self.exit_button)
        side.addWidget(self.back_button)
        side.addWidget(self.message)
        side.addStretch(1)
        row.addLayout(side, 1)
        self.column.addLayout(row)
        self.column.addStretch(1)

        # Shown once the PIN is accepted: the officer leaves, or signs the kiosk device in.
        self.officer = QFrame(self.body)
        officer = QVBoxLayout(self.officer)
        officer.addWidget(_label("Mã PIN đúng. Cán bộ chọn:", self.officer, "fieldLabel"))
        self.quit_button = _button("Thoát ứng dụng", self.officer, "primaryButton")
        self.quit_button.clicked.connect(self.quit_requested)
        officer.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignLeft)
        officer.addWidget(_label("Hoặc đăng nhập tài khoản thiết bị của máy này (do cán bộ xã "
                                 "cấp) để máy gửi được hồ sơ:", self.officer))
        grid = QGridLayout()
        self.username = QLineEdit(self.officer)
        self.username.setAccessibleName("Tên đăng nhập của thiết bị")
        self.password = QLineEdit(self.officer)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mật khẩu của thiết bị")
        for row, (text, edit) in enumerate((("Tên đăng nhập", self.username),
                                            ("Mật khẩu", self.password))):
            caption = _label(text, self.officer, "fieldLabel")
            caption.setBuddy(edit)
            grid.addWidget(caption, row, 0)
            grid.addWidget(edit, row, 1)
        officer.addLayout(grid)
        self.sign_in_button = _button("Đăng nhập thiết bị", self.officer)
        self.sign_in_button.clicked.connect(
            lambda: self.device_sign_in.emit(self.username.text().strip(), self.password.text()))
        self.password.returnPressed.connect(self.sign_in_button.click)
        officer.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.officer_message = _label("", self.officer)
        officer.addWidget(self.officer_message)
        self.officer.hide()
        self.column.insertWidget(self.column.count() - 1, self.officer)

    def show_officer(self) -> None:
        """The PIN was right: hide the keypad's way in, offer what an officer does here."""
        self.officer.show()
        self.officer_message.clear()
        self.show_message("")

    def on_submit(self) -> None:
        pin = self.pin.text()
        self.pin.clear()
        self.pin_entered.emit(pin)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear(self) -> None:
        self.pin.clear()
        self.username.clear()
        self.password.clear()
        self.officer_message.clear()
        self.officer.hide()
        self.show_message("")


class CountdownOverlay(QFrame):
    """"Bạn còn ở đây không?" — the seconds left, and a big "Tôi cần thêm thời gian".

    Signals:
        more_time(): the person asked for more time.
    """

    more_time = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("kioskCountdownShade")
        self.setStyleSheet("#kioskCountdownShade { background: rgba(11, 12, 12, 180); }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QFrame(self)
        box.setObjectName("kioskCountdown")
        box.setMaximumWidth(900)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(40, 32, 40, 32)
        inner.setSpacing(16)
        inner.addWidget(_label("Bạn còn ở đây không?", box, "kioskTitle"))
        self.number = _label("", box, "kioskCountdownNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.number)
        inner.addWidget(_label("Khi hết giờ, máy xóa mọi thông tin bạn đã nhập để giữ bí mật "
                               "cho bạn, và quay về màn hình đầu.", box))
        self.more_button = _button("Tôi cần thêm thời gian", box, "primaryButton")
        self.more_button.setMinimumHeight(96)
        self.more_button.clicked.connect(self.more_time)
        inner.addWidget(self.more_button)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.number.setText(f"Còn {seconds} giây")
        self.number.setAccessibleName(f"Còn {seconds} giây")

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.more_button.setFocus()


INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.KeyPress, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """Counts the seconds since the last touch or key anywhere in the application.

    After ``idle_seconds`` it emits ``warning(seconds)`` and then ``tick(left)`` each second;
    at zero, ``expired()``. Any input during the countdown is the person still being there:
    the countdown stops (``resumed()``) and the wait starts again.
    """

    warning = Signal(int)
    tick = Signal(int)
    expired = Signal()
    resumed = Signal()

    def __init__(self, idle_seconds: int, warning_seconds: int, parent: QObject | None = None):
        super().__init__(parent)
        self.idle_seconds = idle_seconds
        self.warning_seconds = warning_seconds
        self.left = 0
        self.counting = False
        self.enabled = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._start_countdown)
        self._second = QTimer(self)
        self._second.setInterval(1000)
        self._second.timeout.connect(self._on_second)

    def start(self) -> None:
        """Watch (a visit has begun)."""
        self.enabled = True
        self.poke()

    def stop(self) -> None:
        """Stop watching (the start screen: nobody's data to protect)."""
        self.enabled = False
        self._idle.stop()
        self._second.stop()
        self.counting = False

    def poke(self) -> None:
        """The person did something: start the wait again (and end a countdown)."""
        if not self.enabled:
            return
        was_counting = self.counting
        self._second.stop()
        self.counting = False
        self._idle.start(self.idle_seconds * 1000)
        if was_counting:
            self.resumed.emit()

    def _start_countdown(self) -> None:
        self.counting = True
        self.left = self.warning_seconds
        self.warning.emit(self.left)
        self.tick.emit(self.left)
        self._second.start()

    def _on_second(self) -> None:
        self.left -= 1
        if self.left > 0:
            self.tick.emit(self.left)
            return
        self.stop()
        self.expired.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if self.enabled and event.type() in INPUT_EVENTS:
            self.poke()
        return False
