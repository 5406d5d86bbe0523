"""Official codes and due dates.

Both use the office's local time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving): a dossier
received at 23:30 UTC is already tomorrow's dossier in the commune.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from dvc_core.vntime import VN, to_vn
from dvc_core.workdays import WorkingCalendar

__all__ = ["VN", "WorkingCalendar", "add_working_days", "code_day", "default_calendar",
           "due_at", "is_working_day", "load_calendar", "local", "next_working_day",
           "official_code"]

local = to_vn  # the office's time: dvc_core.vntime, shared with the app

OFFICE_CLOSE = dt.time(17, 0)
DEFAULT_CUTOFF = dt.time(15, 0)


def load_calendar(path: str | Path | None = None) -> WorkingCalendar:
    """From an editable JSON file, or the shipped ``portal/data/holidays_vn.json``."""
    if path is not None:
        return WorkingCalendar.load(path)
    text = resources.files("portal").joinpath("data/holidays_vn.json").read_text("utf-8")
    return WorkingCalendar.from_json(json.loads(text))


@functools.cache
def default_calendar() -> WorkingCalendar:
    return load_calendar()


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
