"""The commune's figures page: shows the copy at once, then reads the portal, and writes the
CSV — every read and write through the task runner.

Built by the shell beside the worklists, once an officer is signed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.services.dashboard import Dashboard, DeskDashboard, write_csv
from app.services.portal_client import PortalError
from app.views.officer.dashboard_view import DashboardView
from app.workers.tasks import TaskRunner
from dvc_core.stats import Period, PeriodError
from dvc_core.vntime import to_vn


class CsvPathDialog:
    """Asks where to save the CSV (a class method, so tests can answer it)."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("CsvPathDialog", "Export the figures"), suggested,
            QCoreApplication.translate("CsvPathDialog", "CSV files (*.csv)"))
        return path or None


class DashboardWorkspace(QObject):
    """Owns what the figures page shows.

    Args:
        view: the figures page.
        reader: the figures (portal and copy).
        tasks: runs every read off the GUI thread.
        clock: now (aware UTC).
        folder: where the CSV dialog starts.

    Signals:
        message(str): a line for the window's status bar.
        figures_shown(bool): figures were shown (True: just read from the portal).
        exported(str): the CSV was written (its path).
    """

    message = Signal(str)
    figures_shown = Signal(bool)
    exported = Signal(str)

    def __init__(self, view: DashboardView, reader: DeskDashboard, tasks: TaskRunner, *,
                 clock: Callable[[], dt.datetime] | None = None, folder: Path | None = None):
        super().__init__(view)
        self.view = view
        self._reader = reader
        self._tasks = tasks
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._folder = folder or Path.home()
        self._reading = False
        view.period_chosen.connect(self.on_period_chosen)
        view.export_requested.connect(self.on_export)

    def start(self) -> None:
        """The default period: the copy at once, then the portal."""
        period = Period.default(to_vn(self._clock()).date())
        self.view.set_period(period.start, period.end)
        reader = self._reader
        self._tasks.run(lambda: reader.read(period, refresh=False), self._on_copy,
                        self._on_failed)
        self.read(period)

    def read(self, period: Period) -> None:
        if self._reading:
            return
        self._reading = True
        self.view.show_busy(True)
        reader = self._reader

        def done(shown: Dashboard) -> None:
            self._reading = False
            self.view.show_busy(False)
            self._show(shown)

        def failed(exc: BaseException) -> None:
            self._reading = False
            self.view.show_busy(False)
            self._on_failed(exc)

        self._tasks.run(lambda: reader.read(period), done, failed)

    def _on_copy(self, shown: Dashboard) -> None:
        if self._reading and shown.figures is not None:
            self.view.show_figures(shown.figures, shown.copy, self._clock())
            self.view.show_busy(True)

    def _show(self, shown: Dashboard) -> None:
        self.view.show_figures(shown.figures, shown.copy, self._clock())
        self.figures_shown.emit(shown.copy.online)

    def _on_failed(self, exc: BaseException) -> None:
        detail = exc.detail if isinstance(exc, PortalError) else str(exc)
        text = self.tr("Could not read the figures: {0}").format(detail)
        self.view.show_error(text)
        self.message.emit(text)

    # ----------------------------------------------------------------------------- slots
    def on_period_chosen(self, start: dt.date, end: dt.date) -> None:
        try:
            period = Period(start, end)
        except PeriodError as exc:
            field = self.tr("From") if exc.field == "from" else self.tr("To")
            self.view.show_error(f"{field}: {exc.message}")
            (self.view.from_edit if exc.field == "from" else self.view.to_edit).setFocus()
            return
        self.read(period)

    def on_export(self) -> None:
        figures = self.view.figures
        if figures is None:
            return
        name = f"so-lieu-{figures.period.start:%Y%m%d}-{figures.period.end:%Y%m%d}.csv"
        path = CsvPathDialog.ask(self.view, str(self._folder / name))
        if not path:
            return

        def done(written: Path) -> None:
            self.message.emit(self.tr("Figures saved to {0}").format(written))
            self.exported.emit(str(written))

        def failed(exc: BaseException) -> None:
            self.message.emit(self.tr("Could not save the figures: {0}").format(exc))

        self._tasks.run(lambda: write_csv(figures, path), done, failed)
