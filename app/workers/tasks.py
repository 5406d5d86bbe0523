"""Running slow work off the GUI thread and getting the answer back on it.

Picard's ``run_task(func, next_func)`` in Qt terms: the function runs on the global
``QThreadPool`` and its result (or exception) is delivered to a callback on the thread that owns
the runner — the GUI thread. Tests inject :class:`ImmediateTaskRunner` to run tasks in line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None] | None


class _Task(QRunnable):
    def __init__(self, runner: TaskRunner, fn: Callable[[], Any], on_done: Callback,
                 on_error: Callback):
        super().__init__()
        self._runner = runner
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 — the callback decides what to tell the person
            log.exception("background task failed")
            self._runner.delivered.emit(self._on_error, exc)
            return
        self._runner.delivered.emit(self._on_done, result)


class TaskRunner(QObject):
    """Runs callables on a thread pool and calls back on the runner's (GUI) thread.

    Args:
        pool: the pool to use (default: the global one).

    Signals:
        delivered(object, object): internal — a callback and its argument, queued to the GUI
            thread.
    """

    delivered = Signal(object, object)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self.delivered.connect(self.on_delivered)

    def run(self, fn: Callable[[], Any], on_done: Callback = None, on_error: Callback = None) -> None:
        """Run ``fn()`` in the pool; ``on_done(result)`` or ``on_error(exc)`` on this thread."""
        self._pool.start(_Task(self, fn, on_done, on_error))

    @Slot(object, object)
    def on_delivered(self, callback: Callback, value: Any) -> None:
        if callback is not None:
            callback(value)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)


class ImmediateTaskRunner(TaskRunner):
    """Runs every task at once on the calling thread (deterministic tests)."""

    def run(self, fn: Callable[[], Any], on_done: Callback = None, on_error: Callback = None) -> None:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001
            if on_error is not None:
                on_error(exc)
            return
        if on_done is not None:
            on_done(result)
