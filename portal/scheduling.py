"""Official codes and due dates.

Both use the office's local time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving): a dossier
received at 23:30 UTC is already tomorrow's dossier in the commune.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dvc_core.vntime import VN, to_vn

local = to_vn  # the office's time: dvc_core.vntime, shared with the app

OFFICE_CLOSE = dt.time(17, 0)
DEFAULT_CUTOFF = dt.time(15, 0)


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days the one-stop counter works: Monday–Friday, minus public holidays, plus the
    Saturdays worked in exchange for a bridge day.

    Args:
        holidays: non-working weekdays (Tết, Giỗ Tổ, 30/4, 1/5, Quốc khánh, bridge days).
        working_weekends: weekend days worked in exchange (e.g. Saturday 26/4/2025).
        unconfirmed: holidays the data file marks as not yet officially announced.
    """

    holidays: frozenset[dt.date] = frozenset()
    working_weekends: frozenset[dt.date] = frozenset()
    unconfirmed: frozenset[dt.date] = frozenset()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WorkingCalendar:
        def days(key: str, confirmed: bool | None = None) -> frozenset[dt.date]:
            return frozenset(
                dt.date.fromisoformat(str(item["date"])) for item in data.get(key) or []
                if confirmed is None or bool(item.get("confirmed", True)) == confirmed)

        return cls(days("holidays"), days("working_weekends"), days("holidays", confirmed=False))

    @classmethod
    def load(cls, path: str | Path | None = None) -> WorkingCalendar:
        """From an editable JSON file, or the shipped ``portal/data/holidays_vn.json``."""
        if path is None:
            text = resources.files("portal").joinpath("data/holidays_vn.json").read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return cls.from_json(json.loads(text))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_weekends:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        for _ in range(count):
            day = self.next_working_day(day)
        return day


@functools.cache
def default_calendar() -> WorkingCalendar:
    return WorkingCalendar.load()


def is_working_day(day: dt.date) -> bool:
    return default_calendar().is_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    return default_calendar().next_working_day(day)


def add_working_days(day: dt.date, count: int) -> dt.date:
    return default_calendar().add_working_days(day, count)


def _cutoff(time_limit: Mapping[str, Any]) -> dt.time:
    text = str(time_limit.get("same_day_cutoff") or "")
    try:
        hours, minutes = text.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        return DEFAULT_CUTOFF


def due_at(received_at: dt.datetime, time_limit: Mapping[str, Any],
           calendar: WorkingCalendar | None = None) -> dt.datetime:
    """When the result is due, as an aware UTC datetime at 17:00 local on the due day.

    Same-day procedures are due the day they are received, unless they arrive after the
    cut-off (15:00 by default) or on a non-working day: then the next working day. A limit of
    N working days counts N working days after the receipt day (weekends and public holidays
    from the calendar's data file skipped).
    """
    cal = calendar or default_calendar()
    moment = local(received_at)
    day = moment.date()
    try:
        days = int(time_limit.get("working_days") or 0)
    except (TypeError, ValueError):
        days = 0
    if days <= 0:
        if not cal.is_working_day(day) or moment.time() > _cutoff(time_limit):
            day = cal.next_working_day(day)
    else:
        day = cal.add_working_days(day, days)
    return dt.datetime.combine(day, OFFICE_CLOSE, VN).astimezone(dt.UTC)


def code_day(received_at: dt.datetime) -> str:
    """The YYMMDD part of an official code (local date)."""
    return local(received_at).strftime("%y%m%d")


def official_code(unit_code: str, day: str, number: int) -> str:
    """``<unit code>-YYMMDD-NNNN`` (Thông tư 01/2018/TT-VPCP, Điều 19)."""
    return f"{unit_code}-{day}-{number:04d}"
