"""``dvc-desk``: the composition root of the desktop app.

Order matters for start-up time: Qt, fonts, translator and the window with the first wizard page
(which needs only the stdlib-and-JSON catalog) are shown first; the services — SQLite and its
migrations, the keyring, the embedded portal and its sign-in — are built after the first paint
on a worker thread and handed to the window when ready. Nothing heavy is imported before that.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, QTranslator, Signal, Slot
from PySide6.QtWidgets import QApplication

from app.modes import MODE_NAMES

log = logging.getLogger(__name__)

QUIT_AFTER_FIRST_PAINT_ENV = "DVC_QUIT_AFTER_FIRST_PAINT"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dvc-desk", description="Trợ lý Dịch vụ công — DVC Desk")
    parser.add_argument("--mode", choices=MODE_NAMES, default=None)
    parser.add_argument("--server", default=None,
                        help="portal URL (default: the embedded sandbox portal)")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--lang", choices=("vi", "en"), default=None)
    parser.add_argument("--quit-after-first-paint", action="store_true",
                        help="quit as soon as the first page is painted (start-up benchmark)")
    return parser.parse_args(argv)



def freeze_long_lived_objects() -> None:
    """Take everything imported and built so far out of the garbage collector's reach.

    It all lives as long as the app. Without this, a full collection — set off by a worker's
    allocations while the list loads — scans ~100k old objects with the GIL held (a ~100 ms
    stall of the window); frozen, it scans only the new ones. ``gc.freeze`` alone is cheap (a
    ``gc.collect`` first would itself be such a stall).
    """
    import gc

    gc.freeze()

class ServicesLoader(QObject):
    """Builds :class:`~app.services.context.Services` on its own thread.

    Signals:
        ready(object): the services, built and usable.
        failed(str): they could not be built (message to show).
    """

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, config: Any):
        super().__init__()
        self.config = config

    @Slot()
    def on_thread_started(self) -> None:
        try:
            from app.services.context import Services

            services = Services(self.config)
            services.tokens.current()  # reads the keyring here, not on the GUI thread
        except Exception as exc:  # noqa: BLE001 — reported to the window, not lost
            log.exception("could not build the services")
            self.failed.emit(str(exc))
            return
        self.ready.emit(services)


class Application(QObject):
    """Owns the window, the services and the sync thread of one process."""

    def __init__(self, qt_app: QApplication, config: Any, quit_after_first_paint: bool):
        super().__init__()
        from app.views.shell.main_window import MainWindow
        from dvc_core.catalog import default_catalog

        self.qt_app = qt_app
        self.config = config
        self.quit_after_first_paint = quit_after_first_paint
        self.services: Any = None
        self.sync: Any = None
        self._loader_thread: QThread | None = None
        # The mode's policy decides what the window is made of: a kiosk's has no list of
        # earlier citizens' dossiers at all (not one built and hidden).
        if config.policy.kiosk_shell:
            self.window = self._kiosk_window(qt_app, config, default_catalog())
        else:
            self.window = MainWindow(default_catalog(), mode=config.policy, lang=config.lang)
        self.window.first_painted.connect(self.on_first_painted)
        self.window.sync_requested.connect(self.on_sync_requested)
        qt_app.aboutToQuit.connect(self.on_about_to_quit)

    @staticmethod
    def _kiosk_window(qt_app: QApplication, config: Any, catalog: Any):
        """The citizens' self-service window; only an officer's PIN lets the app quit."""
        from app.config import load_settings
        from app.services.kiosk import ExitPin, KioskSettings
        from app.views.kiosk.window import KioskWindow

        raw = load_settings(config.data_dir)
        window = KioskWindow(catalog, policy=config.policy, lang=config.lang, raw_settings=raw,
                             settings=KioskSettings.from_settings(raw, config.data_dir,
                                                                  config.policy),
                             exit_pin=ExitPin(config.data_dir),
                             visit_root=config.data_dir / "tmp" / "visit")
        window.exit_confirmed.connect(qt_app.quit)
        return window

    def show(self) -> None:
        if self.config.policy.full_screen:
            self.window.showFullScreen()
            return
        if self.place_window():
            self.window.showMaximized()
        else:
            self.window.show()

    def place_window(self) -> bool:
        """Put the window where it was last closed, made to fit the screen's available area
        (the default place the first time); returns whether it was maximized then."""
        from app.config import load_settings
        from app.views.common.window_place import place_window, saved_rect

        saved = load_settings(self.config.data_dir).get("window")
        screen = self.qt_app.primaryScreen()
        rect = saved_rect(saved)
        if rect is not None:  # the screen it was last on, if that one is still there
            screen = self.qt_app.screenAt(rect.center()) or screen
        return place_window(self.window, screen.availableGeometry(), saved)

    def save_window_place(self) -> None:
        """Keep the window's size and place for the next start (not a kiosk's full screen)."""
        if self.config.policy.full_screen or self.quit_after_first_paint:
            return
        from app.config import load_settings, save_settings
        from app.views.common.window_place import window_place

        try:
            settings = load_settings(self.config.data_dir)
            settings["window"] = window_place(self.window)
            save_settings(self.config.data_dir, settings)
        except OSError:
            log.warning("could not keep the window's place", exc_info=True)

    @Slot()
    def on_first_painted(self) -> None:
        if self.quit_after_first_paint:
            QTimer.singleShot(0, self.qt_app.quit)
            return
        self.window.install_shortcuts()
        self._loader = ServicesLoader(self.config)
        self._loader_thread = QThread(self)
        self._loader_thread.setObjectName("dvc-services")
        self._loader.moveToThread(self._loader_thread)
        self._loader_thread.started.connect(self._loader.on_thread_started)
        self._loader.ready.connect(self.on_services_ready)
        self._loader.failed.connect(self.window.on_services_failed)
        self._loader_thread.start()

    @Slot(object)
    def on_services_ready(self, services: Any) -> None:
        self.services = services
        if self._loader_thread is not None:
            self._loader_thread.quit()
        self.window.set_services(services)
        self.sync = self._start_sync(services)
        freeze_long_lived_objects()

    def _start_sync(self, services: Any):
        from app.workers.sync_worker import SyncThread, SyncWorker

        def make_engine(progress):
            # Runs in the sync thread: starting or reaching the portal never blocks the window.
            services.ensure_embedded_login()
            return services.sync_engine(progress)

        def sign_in_again() -> bool:
            if not services.is_embedded:
                return False
            services.tokens.clear()
            return services.ensure_embedded_login() is not None

        worker = SyncWorker(make_engine, sign_in_again)
        worker.started.connect(self.window.on_sync_started)
        worker.finished.connect(self.window.on_sync_finished)
        worker.failed.connect(self.window.on_sync_failed)
        worker.auth_required.connect(self.window.on_auth_required)
        worker.progress.connect(self.window.on_upload_progress)
        worker.file_progress.connect(self.window.on_file_progress)
        worker.changed.connect(self.window.on_status_changes)
        sync = SyncThread(worker)
        sync.start()
        return sync

    @Slot()
    def on_sync_requested(self) -> None:
        if self.sync is not None:
            self.sync.request()

    @Slot()
    def on_about_to_quit(self) -> None:
        """Keep the window's place; stop the sync thread, then close the database and the
        embedded portal (once)."""
        self.save_window_place()
        if self.sync is not None:
            self.sync.stop()
            self.sync = None
        if self._loader_thread is not None:
            self._loader_thread.quit()
            self._loader_thread.wait(10_000)
            self._loader_thread = None
        self.window.tasks.wait(5000)
        if self.services is not None:
            self.services.close()
            self.services = None


def _fresh_qm(lang: str) -> str | None:
    """The shipped ``.qm`` when it is newer than its ``.ts`` (the usual case, checked cheaply)."""
    from importlib import resources

    try:
        folder = resources.files("i18n")
        qm, ts = folder / f"dvc_{lang}.qm", folder / f"dvc_{lang}.ts"
        if os.stat(str(qm)).st_mtime >= os.stat(str(ts)).st_mtime:
            return str(qm)
    except (OSError, ModuleNotFoundError, TypeError):
        pass
    return None


def install_translator(qt_app: QApplication, lang: str, cache_dir) -> QTranslator | None:
    """Load ``dvc_<lang>.qm`` (compiling it into the data folder if needed)."""
    path = _fresh_qm(lang)
    if path is None:
        from app.i18n import qm_path

        path = qm_path(lang, cache_dir)
    if path is None:
        if lang != "en":
            log.warning("no translation for %s", lang)
        return None
    translator = QTranslator(qt_app)
    if not translator.load(str(path)):
        log.warning("could not load %s", path)
        return None
    qt_app.installTranslator(translator)
    return translator


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=os.environ.get("DVC_LOG_LEVEL", "WARNING"))
    from app.config import resolve

    try:
        config = resolve(args.data_dir, args.server, args.mode, args.lang)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName("dvc-desk")
    qt_app.setApplicationDisplayName("Trợ lý Dịch vụ công")
    from app.views.common.theme import apply_theme

    apply_theme(qt_app)
    install_translator(qt_app, config.lang, config.data_dir / "i18n")
    quit_early = args.quit_after_first_paint or os.environ.get(QUIT_AFTER_FIRST_PAINT_ENV) == "1"
    application = Application(qt_app, config, quit_early)
    application.show()
    return qt_app.exec()


if __name__ == "__main__":
    sys.exit(main())
