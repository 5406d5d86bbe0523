"""The app's sync worker: the sync engine on its own QThread, driven by a timer and by requests.

QtCore only (no widgets). The GUI never waits on it; it listens to the signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    """Runs passes of the sync engine, one at a time, off the GUI thread.

    Args:
        make_engine: builds the engine inside the worker thread (so the first network call,
            including starting or reaching the portal, never runs on the GUI thread). It gets
            a progress callback ``(dossier_id, sent, total)``.
        on_auth_required: called in the worker thread when the portal answers 401; returns
            True if it signed in again (the embedded sandbox does), so the pass is repeated.
        interval_ms: how often to sync without being asked.

    Signals:
        started(): a pass began.
        finished(object): a pass ended; the argument is its ``SyncReport``.
        failed(str): a pass could not run at all (Vietnamese message).
        progress(str, int, int): upload progress for a dossier: id, bytes sent, bytes total.
        auth_required(): the portal wants a new sign-in; the queue is paused until then.
        file_progress(str, str, int, int): per file: dossier id, file name, bytes sent, size.
        changed(list): the ``StatusChange`` values the last pass brought back.

    While the portal cannot be reached the worker checks every ``offline_interval_ms`` whether
    it is back, and the moment it is, sends everything at once instead of waiting out backoffs.
    """

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(str, int, int)
    file_progress = Signal(str, str, int, int)
    changed = Signal(list)
    auth_required = Signal()

    def __init__(self, make_engine: Callable[[Callable[[str, int, int], None]], Any],
                 on_auth_required: Callable[[], bool] | None = None, interval_ms: int = 30_000,
                 offline_interval_ms: int = 5_000):
        super().__init__()
        self._make_engine = make_engine
        self._on_auth_required = on_auth_required
        self._engine: Any = None
        self._interval = interval_ms
        self._offline_interval = offline_interval_ms
        self._timer: QTimer | None = None
        self._busy = False
        self._paused = False
        self._offline = False

    @Slot()
    def on_thread_started(self) -> None:
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval)
        self._timer.timeout.connect(self.on_tick)
        self._timer.start()
        self.sync_now()

    @Slot()
    def on_tick(self) -> None:
        """Timer: a pass when online; while offline, only a cheap check that the portal is back."""
        if self._offline and self._engine is not None and not self._engine.client.health():
            return
        self.sync_now()

    @Slot()
    def sync_now(self) -> None:
        """One pass now (“Gửi ngay”); ignored when a pass is already running."""
        if self._busy:
            return
        self._busy = True
        self.started.emit()
        try:
            if self._engine is None:
                self._engine = self._make_engine(self.progress.emit)
                self._engine.file_progress = self.file_progress.emit
            # Back from a sign-in pause or an outage: send now, not when the backoff ends.
            report = self._engine.run_once(ignore_backoff=self._paused or self._offline)
            if report.auth_required and self._on_auth_required and self._on_auth_required():
                report = self._engine.run_once(ignore_backoff=True)
            self._paused = report.auth_required
            self._set_offline(not report.online)
            if report.auth_required:
                self.auth_required.emit()
            if report.changed:
                self.changed.emit(report.changed)
            self.finished.emit(report)
        except Exception as exc:  # noqa: BLE001 — a worker reports, it never dies silently
            from app.services.synclock import SyncBusy

            if isinstance(exc, SyncBusy):
                self.failed.emit(exc.message)
            else:
                log.exception("sync pass failed")
                self.failed.emit("Đồng bộ gặp lỗi không mong đợi; hồ sơ vẫn được giữ trên máy "
                                 "và sẽ được gửi ở lần sau. Chi tiết đã ghi vào nhật ký.")
        finally:
            self._busy = False

    def _set_offline(self, offline: bool) -> None:
        if offline != self._offline and self._timer is not None:
            self._timer.setInterval(self._offline_interval if offline else self._interval)
        self._offline = offline

    @Slot()
    def stop(self) -> None:
        """Runs in the worker's thread: the timer is stopped and freed where it lives, then the
        thread's loop ends (stopping it from the GUI thread makes Qt complain)."""
        self.drop_timer()
        QThread.currentThread().quit()

    @Slot()
    def drop_timer(self) -> None:
        """Stop and free the timer; only ever called in the worker's own thread."""
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None


class SyncThread(QObject):
    """Owns the worker and its QThread; ``request()`` asks for a pass from any thread.

    It carries the worker's signals over to the thread that made it (the GUI thread): connect
    to these, not to the worker's. PySide6 runs a plain Python callable connected to a signal
    in the thread that emits it, so a lambda — or pytest-qt's ``waitSignal`` — connected to a
    worker signal would run in the sync thread, ahead of what is still queued for the GUI
    thread, and would stop the GUI thread's timers from there. These copies are emitted in
    this object's thread, in the order the worker emitted them.
    """

    sync_requested = Signal()
    started = Signal()
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(str, int, int)
    file_progress = Signal(str, str, int, int)
    changed = Signal(list)
    auth_required = Signal()

    def __init__(self, worker: SyncWorker):
        super().__init__()
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName("dvc-sync")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.on_thread_started)
        # ``finished`` is emitted by the ending thread itself: a direct call frees the timer
        # there, also when the loop was ended without the worker's ``stop`` (a pass overran).
        self.thread.finished.connect(worker.drop_timer, Qt.ConnectionType.DirectConnection)
        self.sync_requested.connect(worker.sync_now)
        # Signal to signal: queued, because this object lives in another thread than the worker.
        for name in ("started", "finished", "failed", "progress", "file_progress", "changed",
                     "auth_required"):
            getattr(worker, name).connect(getattr(self, name))

    def start(self) -> None:
        self.thread.start()

    def request(self) -> None:
        self.sync_requested.emit()

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Ask the worker to stop after the pass it is in (if any), and wait for it."""
        if self.thread.isRunning():
            QMetaObject.invokeMethod(self.worker, "stop", Qt.ConnectionType.QueuedConnection)
            if not self.thread.wait(timeout_ms):
                self.thread.quit()  # a pass still running: do not hold the app's exit
                self.thread.wait(1000)
