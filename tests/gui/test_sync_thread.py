"""The sync thread's signals reach the GUI thread, and its timer is freed on its own thread."""

from __future__ import annotations

import threading

from app.services.sync_report import SyncReport
from app.workers.sync_worker import SyncThread, SyncWorker


class _Engine:
    """Stands in for the sync engine: each pass reports nothing sent."""

    client = None

    def __init__(self) -> None:
        self.passes = 0
        self.threads: set[str] = set()

    def run_once(self, **_kw) -> SyncReport:
        self.passes += 1
        self.threads.add(threading.current_thread().name)
        return SyncReport()


def test_a_plain_callable_hears_the_sync_thread_in_the_gui_thread(qtbot):
    engine = _Engine()
    thread = SyncThread(SyncWorker(lambda _progress: engine, interval_ms=60_000))
    heard: list[tuple[str, object]] = []
    thread.started.connect(lambda: heard.append((threading.current_thread().name, "started")))
    thread.finished.connect(lambda r: heard.append((threading.current_thread().name, r)))
    try:
        with qtbot.waitSignal(thread.finished, timeout=10_000) as finished:
            thread.start()
    finally:
        thread.stop()
    assert isinstance(finished.args[0], SyncReport)
    gui = threading.main_thread().name
    assert [(name, kind if kind == "started" else type(kind)) for name, kind in heard] == [
        (gui, "started"), (gui, SyncReport)]  # in order, in the GUI thread
    assert engine.threads and gui not in engine.threads  # while the pass ran in its own
    assert not thread.thread.isRunning()
    assert thread.worker._timer is None


def test_the_timer_is_freed_on_its_thread_when_the_loop_ends_without_stop(qtbot):
    """A pass that overran the shut-down's wait ends the loop without the worker's ``stop``;
    the timer must still be stopped where it lives (else Qt warns, and the test fails)."""
    engine = _Engine()
    worker = SyncWorker(lambda _progress: engine, interval_ms=60_000)
    thread = SyncThread(worker)
    with qtbot.waitSignal(thread.finished, timeout=10_000):
        thread.start()
    assert worker._timer is not None and worker._timer.isActive()
    thread.thread.quit()  # what SyncThread.stop falls back to
    assert thread.thread.wait(10_000)
    assert worker._timer is None
    del worker, thread  # destroyed here, in the GUI thread: no timer of another thread left
