"""The commune's figures (QĐ 766/QĐ-TTg) on the officer desk: the period, five shares with
their counts and targets, the overdue count, and two charts — received / finished / overdue
by week and by procedure — with the copy's age when the portal could not be read.

Widgets only: :class:`~app.views.officer.dashboard_workspace.DashboardWorkspace` reads the
figures through the task runner and hands them here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.worklist import Copy, copy_age
from app.views.officer.charts import BLUE, GREEN, RED, BarChart, Series
from dvc_core.stats import Figures
from dvc_core.vntime import format_vn

#: How many procedures the chart shows (the busiest; the CSV has them all).
TOP_PROCEDURES = 8


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ShareTile(QFrame):
    """One share: its name, the percentage, what it is out of, and the target."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("dashboardTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.title = QLabel(title, self)
        self.title.setObjectName("dashboardTileTitle")
        self.title.setWordWrap(True)
        self.value = QLabel("—", self)
        self.value.setObjectName("dashboardTileValue")
        self.detail = QLabel("", self)
        self.detail.setObjectName("dashboardTileDetail")
        self.detail.setWordWrap(True)
        for label in (self.title, self.value, self.detail):
            layout.addWidget(label)

    def show_value(self, value: str, detail: str, state: str = "") -> None:
        """``state``: ``met`` or ``below`` its target (the text says so too), or ``""``."""
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleName(f"{self.title.text()}: {value}. {detail}")
        if self.property("state") != state:
            self.setProperty("state", state)
            self.style().unpolish(self)
            self.style().polish(self)


class DashboardView(QWidget):
    """The figures page.

    Signals:
        period_chosen(object, object): "Xem số liệu" pressed (the two dates, ``datetime.date``).
        export_requested(): "Xuất CSV…" pressed.
    """

    period_chosen = Signal(object, object)
    export_requested = Signal()

    #: (share key, numerator count, denominator count)
    SHARES = (("on_time_rate", "on_time", "finished"),
              ("online_share", "online", "received"),
              ("digitised_share", "digitised", "received"),
              ("result_digitised_share", "result_digitised", "returned"),
              ("paid_online_share", "paid_online", "fee_paid"))

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("officerDashboard")
        self.figures: Figures | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 10)
        outer.setSpacing(8)
        outer.addLayout(self._build_heading())
        self.copy_label = QLabel("", self)
        self.copy_label.setObjectName("dashboardCopy")
        self.copy_label.setWordWrap(True)
        outer.addWidget(self.copy_label)
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        titles = {
            "on_time_rate": self.tr("Settled on time"),
            "online_share": self.tr("Filed online"),
            "digitised_share": self.tr("Dossiers digitised"),
            "result_digitised_share": self.tr("Results digitised"),
            "paid_online_share": self.tr("Paid online"),
        }
        self.tiles: dict[str, ShareTile] = {}
        for key, _, _ in self.SHARES:
            tile = ShareTile(key, titles[key], self)
            self.tiles[key] = tile
            tiles.addWidget(tile)
        self.overdue_tile = ShareTile("overdue", self.tr("Overdue"), self)
        tiles.addWidget(self.overdue_tile)
        outer.addLayout(tiles)
        charts = QHBoxLayout()
        charts.setSpacing(12)
        self.week_chart = BarChart(self.tr("By week (the Monday it starts)"), parent=self)
        self.week_chart.setObjectName("dashboardWeeks")
        self.procedure_chart = BarChart(self.tr("By procedure"), horizontal=True, parent=self)
        self.procedure_chart.setObjectName("dashboardProcedures")
        charts.addWidget(self.week_chart, 3)
        charts.addWidget(self.procedure_chart, 2)
        outer.addLayout(charts, 1)
        self.show_figures(None, Copy(None, False), dt.datetime.now(dt.UTC))

    def _build_heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        title = QLabel(self.tr("The commune's figures"), self)
        title.setObjectName("dashboardTitle")
        row.addWidget(title)
        basis = QLabel(self.tr("(QĐ 766/QĐ-TTg index)"), self)
        basis.setObjectName("dashboardBasis")
        row.addWidget(basis)
        row.addStretch(1)
        self.from_edit = self._date_edit(self.tr("From"), row)
        self.to_edit = self._date_edit(self.tr("To"), row)
        self.show_button = QPushButton(self.tr("Show figures"), self)
        self.show_button.setObjectName("primaryButton")
        self.show_button.clicked.connect(self._on_show)
        row.addWidget(self.show_button)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(self.export_requested)
        row.addWidget(self.export_button)
        return row

    def _date_edit(self, label: str, row: QHBoxLayout) -> QDateEdit:
        caption = QLabel(label, self)
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumWidth(124)
        caption.setBuddy(edit)
        row.addWidget(caption)
        row.addWidget(edit)
        return edit

    # ----------------------------------------------------------------------------- input
    def period(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.from_edit.date()), _pydate(self.to_edit.date())

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.from_edit.setDate(_qdate(start))
        self.to_edit.setDate(_qdate(end))

    def _on_show(self) -> None:
        self.period_chosen.emit(*self.period())

    # ----------------------------------------------------------------------------- output
    def percent(self, value: float | None, short: bool = False) -> str:
        """``75,0 %`` (one decimal; ``short``: none when it is whole, as targets are)."""
        if value is None:
            return "—"
        whole, tenth = divmod(round(value * 1000), 10)
        if short and tenth == 0:
            return self.tr("{0} %").format(whole)
        return self.tr("{0}.{1} %").format(whole, tenth)

    def show_busy(self, busy: bool) -> None:
        self.show_button.setEnabled(not busy)
        if busy:
            self.copy_label.setText(self.tr("Reading the figures from the portal…"))

    def show_error(self, text: str) -> None:
        self.copy_label.setText(text)

    def show_figures(self, figures: Figures | None, copy: Copy, now: dt.datetime) -> None:
        """The figures (None: none read yet), and where they come from."""
        self.figures = figures
        self.export_button.setEnabled(figures is not None)
        if figures is None:
            self.copy_label.setText(copy.error or self.tr("No figures read yet."))
        elif copy.online:
            self.copy_label.setText(self.tr("From the portal at {0}, {1} to {2}.").format(
                format_vn(copy.fetched_at), f"{figures.period.start:%d/%m/%Y}",
                f"{figures.period.end:%d/%m/%Y}"))
        else:
            age = copy_age(copy.fetched_at, now) if copy.fetched_at else ""
            self.copy_label.setText(self.tr("{0} Showing the {1}, {2} to {3}.").format(
                copy.error or self.tr("The portal was not read."), age,
                f"{figures.period.start:%d/%m/%Y}", f"{figures.period.end:%d/%m/%Y}"))
        counts = figures.totals if figures else {}
        shares = figures.shares if figures else {}
        targets = figures.targets if figures else {}
        details = {
            "on_time_rate": self.tr("{0} of {1} settled"),
            "online_share": self.tr("{0} of {1} received"),
            "digitised_share": self.tr("{0} of {1} received"),
            "result_digitised_share": self.tr("{0} of {1} returned"),
            "paid_online_share": self.tr("{0} of {1} fees paid"),
        }
        for key, part, whole in self.SHARES:
            detail = details[key].format(counts.get(part, 0), counts.get(whole, 0))
            value, state = shares.get(key), ""
            if key in targets:
                target = float(targets[key])
                line = self.tr("target ≥ {0}").format(self.percent(target, short=True))
                if value is not None:
                    state = "met" if value >= target else "below"
                    line += " · " + (self.tr("met") if state == "met" else self.tr("not met"))
                detail += "\n" + line
            self.tiles[key].show_value(self.percent(value), detail, state)
        self.overdue_tile.show_value(str(counts.get("overdue", 0)) if figures else "—",
                                     self.tr("due in the period, missed"))
        self._charts(figures)

    def _charts(self, figures: Figures | None) -> None:
        names = (self.tr("Received"), self.tr("Finished"), self.tr("Overdue"))
        colors = (BLUE, GREEN, RED)
        keys = ("received", "finished", "overdue")
        empty = self.tr("No dossier in these days.")
        weeks = figures.weeks if figures else []
        self.week_chart.set_data(
            [dt.date.fromisoformat(w["week_start"]).strftime("%d/%m") for w in weeks],
            [Series(n, c, tuple(w[k] for w in weeks)) for n, c, k in zip(names, colors, keys,
                                                                        strict=True)],
            empty)
        procedures = (figures.procedures if figures else [])[:TOP_PROCEDURES]
        self.procedure_chart.set_data(
            [p["procedure_name"] for p in procedures],
            [Series(n, c, tuple(p[k] for p in procedures))
             for n, c, k in zip(names, colors, keys, strict=True)],
            empty)
