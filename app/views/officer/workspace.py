"""The officer's worklists workspace: fills the view from the copy at once, then from the
portal, and shows the selected dossier — every read through the task runner.

Built by the shell only in a mode with the officer desk, once an officer is signed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.services.portal_client import PortalError
from app.services.ports import WorklistReader
from app.services.worklist import QueueItems, WorklistCounts, WorkRow, annotate
from app.views.officer.worklist_view import OfficerWorklistView
from app.workers.tasks import TaskRunner
from dvc_core.lifecycle import WORKLISTS


class OfficerWorkspace(QObject):
    """Owns what the worklists view shows.

    Args:
        view: the worklists page.
        reader: the worklists (portal and copy).
        tasks: runs every read off the GUI thread.
        idle_after: working days without a change before a dossier is flagged.
        clock: now (aware UTC).

    Signals:
        message(str): a line for the window's status bar.
        counts_shown(int): the counts were shown (the total of the on-the-clock queues).
        rows_shown(str): a worklist's dossiers were shown (its name).
        details_shown(str): the selected dossier's portal details arrived (its UUID).
    """

    message = Signal(str)
    counts_shown = Signal(int)
    rows_shown = Signal(str)
    details_shown = Signal(str)

    def __init__(self, view: OfficerWorklistView, reader: WorklistReader, tasks: TaskRunner, *,
                 idle_after: int = 2, clock: Callable[[], dt.datetime] | None = None):
        super().__init__(view)
        self.view = view
        self._reader = reader
        self._tasks = tasks
        self.idle_after = idle_after
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._refreshing = False
        self._last: WorklistCounts | None = None
        view.queue_chosen.connect(self.on_queue_chosen)
        view.refresh_requested.connect(self.refresh)
        view.dossier_chosen.connect(self.on_dossier_chosen)

    @property
    def queue(self) -> str:
        return self.view.current_queue() or next(iter(WORKLISTS))

    def start(self) -> None:
        """Show the copy at once, then read the portal."""
        if self.view.current_queue() is None:
            self.view.choose_row(0)  # shows that queue's copy (queue_chosen)
        else:
            self._load(self.queue, refresh=False)
        self._tasks.run(lambda: self._reader.counts(refresh=False), self._on_counts,
                        self._on_failed)
        self.refresh()

    def refresh(self) -> None:
        """Read every worklist from the portal (kept as the copy), then show the current one."""
        if self._refreshing:
            return
        self._refreshing = True
        self._show_copy(busy=True)
        reader = self._reader

        def done(counts: WorklistCounts) -> None:
            self._refreshing = False
            self._on_counts(counts)
            if counts.copy.online or self.view.model.total() == 0:
                self._load(self.queue, refresh=False)  # offline the copy is shown already

        def failed(exc: BaseException) -> None:
            self._refreshing = False
            self._on_failed(exc)

        self._tasks.run(reader.refresh_all, done, failed)

    # ----------------------------------------------------------------------------- reading
    def _load(self, name: str, refresh: bool) -> None:
        reader, clock, idle_after = self._reader, self._clock, self.idle_after

        def read() -> tuple[QueueItems, list[WorkRow]]:
            found = reader.queue(name, refresh=refresh)
            if not refresh and found.copy.fetched_at is None and not self._refreshing:
                found = reader.queue(name, refresh=True)  # never read: ask the portal now
            return found, annotate(found.items, reader.calendar(), clock(), idle_after)

        def show(result: tuple[QueueItems, list[WorkRow]]) -> None:
            found, rows = result
            if self.view.current_queue() not in (None, name):
                return  # another worklist was chosen meanwhile
            self.view.show_rows(rows, idle_after)
            last = self._last
            if last is None or not last.copy.online:
                # The copy of this worklist, and why the portal was not read (if it was not).
                error = found.copy.error or (last.copy.error if last is not None else None)
                self.view.show_copy(found.copy.fetched_at, found.copy.online, error,
                                    clock(), busy=self._refreshing)
            self.rows_shown.emit(name)

        self._tasks.run(read, show, self._on_failed)

    def _on_counts(self, counts: WorklistCounts) -> None:
        self._last = counts
        self.view.queues.set_counts(counts.counts)
        self._show_copy()
        self.counts_shown.emit(sum(c.count for c in counts.counts))

    def _show_copy(self, busy: bool = False) -> None:
        last = self._last
        if last is None:
            self.view.show_copy(None, False, None, self._clock(), busy=busy)
        else:
            self.view.show_copy(last.copy.fetched_at, last.copy.online, last.copy.error,
                                self._clock(), busy=busy)

    def _on_failed(self, exc: BaseException) -> None:
        detail = exc.detail if isinstance(exc, PortalError) else str(exc)
        self._show_copy()
        self.message.emit(self.tr("Could not read the worklists: {0}").format(detail))

    # ----------------------------------------------------------------------------- slots
    def on_queue_chosen(self, name: str) -> None:
        self._load(name, refresh=False)

    def on_dossier_chosen(self, uuid: str) -> None:
        reader = self._reader

        def show(dossier: object) -> None:
            self.view.details.show_portal(uuid, dossier)  # type: ignore[arg-type]
            self.details_shown.emit(uuid)

        self._tasks.run(lambda: reader.details(uuid), show, self._on_failed)
