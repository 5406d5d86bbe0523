"""The kiosk's window: full screen, no menu, no window controls, no sign-out; one visit at a
time, and nothing of one visitor left for the next.

A visit begins when the person leaves the start screen and ends on "Kết thúc", after the slip,
or when nobody touches the screen for the idle time and the countdown runs out. Ending it
forgets every answer and file (the filing session's ``wipe``), empties every field, the
clipboard, what was to be read aloud and the code shown; the start screen comes back. Only an
officer's PIN closes the app; Ctrl+Q, Alt+F4 and the window manager's close do nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QClipboard, QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.modes import ModePolicy
from app.services.kiosk import ExitPin, KioskSettings, KioskSlip
from app.views.kiosk.aids import Speech, thermal_printer
from app.views.kiosk.filing import KioskWizard, guide
from app.views.kiosk.screens import (
    CountdownOverlay,
    ExitScreen,
    GuideScreen,
    IdleWatcher,
    LookupScreen,
    StartScreen,
)
from app.workers.tasks import TaskRunner
from dvc_core.catalog import Catalog

if TYPE_CHECKING:
    from app.services.ports import ShellServices
    from app.services.sync_report import SyncReport

log = logging.getLogger(__name__)


def kiosk_style() -> str:
    from importlib import resources

    try:
        folder = resources.files("resources")
        text = (folder / "kiosk.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return ""
    return text.replace("@icons@", str(folder / "icons").replace("\\", "/"))


class _PaintedStart(StartScreen):
    painted = Signal()

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().paintEvent(event)
        self.painted.emit()


class KioskWindow(QMainWindow):
    """The citizens' self-service window.

    Args:
        catalog: the procedure catalog.
        policy: the kiosk's mode policy.
        settings: idle time, countdown and document folders (``settings.json``).
        exit_pin: the officer's exit PIN of this data folder.
        raw_settings: ``settings.json`` as read (the receipt printer's configuration).
        visit_root: where each visit's copies and thumbnails are kept until its end (default:
            the system's temporary folder); folders a crash left there are removed at start.
        printer: prints a :class:`KioskSlip` (default: the 80 mm receipt printer of
            ``kiosk_printer``, else the system's default printer through Qt).

    Signals:
        first_painted(): the start screen was painted once.
        sync_requested(): a dossier was queued; send it now.
        exit_confirmed(): an officer's PIN was accepted; the app may quit.
        visit_ended(str): a visit ended (``finish``, ``timeout``, ``slip``, ``declined``).
        code_shown(str): the official code is on screen.
        slip_printed(object): the slip went to the printer (the :class:`KioskSlip`).
    """

    first_painted = Signal()
    sync_requested = Signal()
    exit_confirmed = Signal()
    visit_ended = Signal(str)
    code_shown = Signal(str)
    slip_printed = Signal(object)

    def __init__(self, catalog: Catalog, *, policy: ModePolicy, settings: KioskSettings,
                 exit_pin: ExitPin, lang: str = "vi", raw_settings: dict | None = None,
                 tasks: TaskRunner | None = None, printer: Any = None,
                 visit_root: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.policy = policy
        self.catalog = catalog
        self.lang = lang
        self.settings = settings
        self.exit_pin = exit_pin
        self.raw_settings = raw_settings or {}
        self.tasks = tasks or TaskRunner(parent=self)
        self.services: ShellServices | None = None
        self.speech = Speech(self)
        self._printer = printer
        self._unlocked = False
        self._pin_ok = False  # the officer's PIN was accepted on the exit screen
        self._first_paint_done = False
        self.slip: KioskSlip | None = None
        self.status_text: str | None = None
        self._codes: dict[str, tuple[str, str | None]] = {}  # this visit's dossier: its code
        self.setWindowTitle("Dịch vụ công – Máy tự phục vụ")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setStyleSheet(kiosk_style())
        self.resize(1366, 768)

        central = QWidget(self)
        central.setObjectName("kioskCentral")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_bar(central))
        self.stack = QStackedWidget(central)
        column.addWidget(self.stack, 1)
        from app.views.kiosk.keyboard import KioskKeyboard

        self.keyboard = KioskKeyboard(central)
        # Its hint at the kiosk's smallest size (20 px), its own sheet being the one it reads.
        self.keyboard.setStyleSheet(self.keyboard.styleSheet()
                                    + "\n#kioskKeyboard QLabel#keyboardHint { font-size: 20px; }")
        self.keyboard.hide()
        column.addWidget(self.keyboard)
        self.setCentralWidget(central)

        from app.views.kiosk.documents import VisitFiles

        if visit_root is not None:
            visit_root.mkdir(parents=True, exist_ok=True)
        VisitFiles.remove_stale(visit_root)  # a visit cut short by a crash or a power cut
        self.visit_files = VisitFiles(visit_root)
        self.start = _PaintedStart(self.stack)
        self.wizard = KioskWizard(catalog, policy=policy, folders=settings.folders,
                                  lang=lang, tasks=self.tasks, parent=self.stack,
                                  visit_files=self.visit_files)
        self.guide = GuideScreen(guide(), self.stack)
        self.lookup = LookupScreen(self.stack)
        self.exit_screen = ExitScreen(self.stack)
        for screen in (self.start, self.wizard, self.guide, self.lookup, self.exit_screen):
            self.stack.addWidget(screen)
        self.start.file_chosen.connect(self.begin_filing)
        self.start.lookup_chosen.connect(lambda: self._begin(self.lookup))
        self.start.guide_chosen.connect(lambda: self._begin(self.guide))
        self.guide.start_filing.connect(self.begin_filing)
        self.lookup.lookup_requested.connect(self.on_lookup)
        self.exit_screen.pin_entered.connect(self.on_pin)
        self.exit_screen.cancelled.connect(self.end_visit)
        self.exit_screen.quit_requested.connect(self.on_quit)
        self.exit_screen.device_sign_in.connect(self.on_device_sign_in)
        self.wizard.submitted.connect(lambda _id: self.sync_requested.emit())
        self.wizard.declined.connect(lambda: self.end_visit("declined"))
        self.wizard.finish_requested.connect(lambda: self.end_visit("finish"))
        self.wizard.print_requested.connect(self.print_slip)
        self.wizard.slip_ready.connect(self._on_slip_ready)
        self.stack.currentChanged.connect(self._update_bar)
        self.wizard.frame.page_shown.connect(lambda _pid: self._update_bar())

        self.idle = IdleWatcher(settings.idle_seconds, settings.warning_seconds, self)
        self.countdown = CountdownOverlay(central)
        self.idle.warning.connect(lambda _s: self.countdown.cover())
        self.idle.tick.connect(self.countdown.show_seconds)
        self.idle.tick.connect(self._say_countdown)
        self.idle.resumed.connect(self.countdown.hide)
        self.idle.expired.connect(lambda: self.end_visit("timeout"))
        self.countdown.more_time.connect(self.idle.poke)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.start.painted.connect(self._on_first_paint)
        self.show_start()

    # ----------------------------------------------------------------------------- parts
    def _build_bar(self, parent: QWidget) -> QFrame:
        bar = QFrame(parent)
        bar.setObjectName("kioskBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 8, 24, 8)
        self.bar_title = QLabel("Dịch vụ công – Máy tự phục vụ", bar)
        row.addWidget(self.bar_title, 1)
        self.read_button = QPushButton("Đọc to", bar)
        self.read_button.setAccessibleName("Đọc to trang này")
        self.read_button.clicked.connect(self.read_aloud)
        self.home_button = QPushButton("Kết thúc", bar)
        self.home_button.setAccessibleName("Kết thúc, xóa thông tin và về màn hình đầu")
        self.home_button.clicked.connect(lambda: self.end_visit("finish"))
        self.keyboard_button = QPushButton("Bàn phím", bar)
        self.keyboard_button.setAccessibleName("Hiện hoặc ẩn bàn phím trên màn hình")
        self.keyboard_button.setCheckable(True)
        self.keyboard_button.toggled.connect(lambda on: self.keyboard.setVisible(on))
        self.officer_button = QPushButton("Cán bộ", bar)
        self.officer_button.setAccessibleName("Dành cho cán bộ: thoát ứng dụng")
        self.officer_button.clicked.connect(self.show_exit)
        for button in (self.read_button, self.keyboard_button, self.home_button,
                       self.officer_button):
            row.addWidget(button)
        return bar

    def _update_bar(self, *_: Any) -> None:
        at_start = self.stack.currentWidget() in (self.start, self.exit_screen)
        self.home_button.setVisible(not at_start)
        self.read_button.setVisible(self.speech.available)  # only with a Vietnamese voice
        self.keyboard_button.setVisible(self.stack.currentWidget() is not self.start)
        self.officer_button.setVisible(self.stack.currentWidget() is self.start)

    def _on_first_paint(self) -> None:
        if not self._first_paint_done:
            self._first_paint_done = True
            self.start.painted.disconnect(self._on_first_paint)
            self.first_painted.emit()

    def install_shortcuts(self) -> None:
        """Only the wizard's own keys (Ctrl+Enter, Alt+Left): no Quit, no menu."""
        self.wizard.install_shortcuts()

    # ----------------------------------------------------------------------------- services
    def set_services(self, services: ShellServices) -> None:
        self.services = services
        self.wizard.set_services(services)
        self.settings.empty_scan_folder()  # a visit cut short by a crash or a power cut

    def on_services_failed(self, message: str) -> None:
        log.error("kiosk services failed: %s", message)
        self.start.title.setText("Máy đang tạm dừng. Xin mời đến quầy một cửa.")

    # ----------------------------------------------------------------------------- visits
    def _begin(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        self.idle.start()

    def begin_filing(self) -> None:
        self._begin(self.wizard)

    def show_start(self) -> None:
        self.stack.setCurrentWidget(self.start)
        self._update_bar()

    def show_exit(self) -> None:
        self.exit_screen.clear()
        self._pin_ok = False
        self._begin(self.exit_screen)

    def end_visit(self, reason: str = "finish") -> None:
        """Forget the visitor: answers, files, fields, clipboard, speech, the code shown."""
        self.idle.stop()
        self.countdown.hide()
        self.wizard.reset()  # the session's wipe: answers and prepared files; pages rebuilt
        self.wizard.session.remove_stale_files()
        self.settings.empty_scan_folder()  # the scanner's output: never offered to the next
        self.visit_files.wipe()  # the copies and thumbnails of the papers picked
        for screen in (self.lookup, self.exit_screen, self.guide, self.start):
            screen.clear()
        clipboard = QApplication.clipboard()
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            clipboard.clear(mode)
        self._pin_ok = False
        self.speech.stop()
        self.keyboard_button.setChecked(False)
        self.keyboard.reset()
        self.slip = None
        self.status_text = None
        self._codes.clear()
        self.show_start()
        self.visit_ended.emit(reason)

    # ----------------------------------------------------------------------------- lookup
    def on_lookup(self, code: str, id_number: str) -> None:
        if self.services is None:
            self.lookup.show_error("Máy đang khởi động, xin thử lại sau ít giây.")
            return
        client = self.services.client

        def failed(exc: BaseException) -> None:
            self.lookup.show_error(getattr(exc, "detail", None) or getattr(exc, "message", None)
                                   or "Không tra cứu được lúc này. Xin thử lại sau.")

        self.tasks.run(lambda: client.lookup(code, id_number), self.lookup.show_result, failed)

    # ----------------------------------------------------------------------------- the end
    def _on_slip_ready(self, slip: KioskSlip) -> None:
        dossier_id = self.wizard.draft.dossier_id
        self.slip = slip
        known = self._codes.get(dossier_id or "")
        if known is not None:
            self._show_code(*known)

    def _show_code(self, code: str, status_text: str | None) -> None:
        if self.slip is None:
            return
        self.slip = self.slip.with_code(code, status_text)
        self.status_text = status_text
        self.wizard.show_code(self.slip.local_ref, code, status_text)
        self.code_shown.emit(code)

    def print_slip(self) -> None:
        """The slip on the receipt printer (or the system's printer); then the visit ends."""
        slip = self.slip
        if slip is None:
            return
        try:
            if self._printer is not None:
                self._printer(slip)
            else:
                thermal = thermal_printer(self.raw_settings)  # kiosk_printer, ESC/POS
                if thermal is not None:
                    thermal.print_slip(slip)
                else:
                    from app.views.kiosk.slip import print_slip

                    print_slip(slip)  # the system's default printer, an 80 mm page
        except Exception as exc:  # noqa: BLE001 — the code stays on screen to be noted
            log.exception("the slip could not be printed")
            if self.wizard.confirmation_page is not None:
                self.wizard.confirmation_page.provisional.setText(
                    f"Không in được phiếu ({exc}). Hãy ghi lại mã ở trên hoặc hỏi cán bộ.")
                self.wizard.confirmation_page.provisional.show()
            return
        self.slip_printed.emit(slip)
        self.end_visit("slip")

    # ----------------------------------------------------------------------------- aloud
    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    def spoken_text(self) -> str:
        screen = self.current_screen()
        if self.countdown.isVisible():
            return f"Bạn còn ở đây không? {self.countdown.number.text()}. Bấm Tôi cần thêm " \
                   "thời gian."
        own = getattr(screen, "spoken_text", None)
        return own() if own is not None else ""

    def read_aloud(self) -> None:
        self.speech.say(self.spoken_text())

    def _say_countdown(self, left: int) -> None:
        if left in (self.settings.warning_seconds, 10):
            self.speech.say(f"Còn {left} giây. Bấm Tôi cần thêm thời gian nếu bạn còn ở đây.")

    # ----------------------------------------------------------------------------- sync
    def on_sync_started(self) -> None:
        pass

    def on_sync_finished(self, report: SyncReport) -> None:
        """The portal's code for this visit's dossier, as soon as the pass brings it (the
        dossier's personal data is purged from this machine at the same moment)."""
        from dvc_core.lifecycle import status_text

        current = self.wizard.draft.dossier_id
        for sent in report.sent:
            if not sent.code:
                continue
            # Kept even before the queue's answer names this visit's dossier (a pass may send
            # it first); a code and a UUID are not personal, and only the current one is shown.
            self._codes[sent.id] = (sent.code, status_text(sent.status))
            if sent.id == current and self.slip is not None:
                self._show_code(sent.code, status_text(sent.status))

    def on_sync_failed(self, message: str) -> None:
        log.info("kiosk sync failed: %s", message)

    def on_auth_required(self) -> None:
        log.warning("the kiosk device's session was refused: an officer must provision it")

    def on_upload_progress(self, *_: Any) -> None:
        pass

    def on_file_progress(self, *_: Any) -> None:
        pass

    def on_status_changes(self, _changes: Any) -> None:
        """Nothing of earlier dossiers is ever shown at a kiosk."""

    # ----------------------------------------------------------------------------- exit
    def on_pin(self, pin: str) -> None:
        answer = self.exit_pin.check(pin)
        if not answer.ok:
            self.exit_screen.show_message(answer.message)
            return
        self._pin_ok = True
        self.exit_screen.show_officer()

    def on_quit(self) -> None:
        if not getattr(self, "_pin_ok", False):
            return
        self._unlocked = True
        self.end_visit("exit")
        self.exit_confirmed.emit()
        self.close()

    def on_device_sign_in(self, username: str, password: str) -> None:
        """The kiosk device's session (kept in memory only), after the officer's PIN."""
        screen = self.exit_screen
        if not getattr(self, "_pin_ok", False) or self.services is None:
            return
        if not username or not password:
            screen.officer_message.setText("Tên đăng nhập và mật khẩu: chưa nhập.")
            return
        services = self.services
        screen.password.clear()

        def done(session: Any) -> None:
            screen.officer_message.setText(
                f"Đã đăng nhập thiết bị {session.display_name or session.username}.")
            self.sync_requested.emit()

        def failed(exc: BaseException) -> None:
            screen.officer_message.setText(getattr(exc, "detail", None) or getattr(
                exc, "message", None) or "Không đăng nhập được.")

        self.tasks.run(lambda: services.login(username, password), done, failed)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 — Qt override
        mods = event.modifiers()
        if (event.key() == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier) or (
                event.key() in (Qt.Key.Key_Q, Qt.Key.Key_W)
                and mods & Qt.KeyboardModifier.ControlModifier):
            event.accept()  # no way out but the officer's PIN
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt override
        super().changeEvent(event)
        if (event.type() == QEvent.Type.WindowStateChange and not self._unlocked
                and self.policy.full_screen and self.isVisible()
                and self.isMinimized()):
            self.showFullScreen()  # minimised by the system: back to full screen

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt override
        if not self._unlocked:
            event.ignore()  # Alt+F4, the window manager, a stray close(): nothing happens
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.stop()
        self.speech.stop()  # no reading left running behind a closed window
        self.tasks.wait(3000)
        self.visit_files.wipe()
        super().closeEvent(event)
