"""Official codes and due dates.

Both use the office's local time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving): a dossier
received at 23:30 UTC is already tomorrow's dossier in the commune.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

# Vietnam has kept UTC+7 without DST since 1975; a fixed offset avoids needing tzdata on Windows.
VN = dt.timezone(dt.timedelta(hours=7), "ICT")
OFFICE_CLOSE = dt.time(17, 0)
DEFAULT_CUTOFF = dt.time(15, 0)


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(VN)


def is_working_day(day: dt.date) -> bool:
    # Public holidays are not modelled yet: they change yearly and belong in editable data.
    return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    for _ in range(count):
        day = next_working_day(day)
    return day


def _cutoff(time_limit: Mapping[str, Any]) -> dt.time:
    text = str(time_limit.get("same_day_cutoff") or "")
    try:
        hours, minutes = text.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        return DEFAULT_CUTOFF


def due_at(received_at: dt.datetime, time_limit: Mapping[str, Any]) -> dt.datetime:
    """When the result is due, as an aware UTC datetime at 17:00 local on the due day.

    Same-day procedures are due the day they are received, unless they arrive after the
    cut-off (15:00 by default) or on a non-working day: then the next working day. A limit of
    N working days counts N working days after the receipt day.
    """
    moment = local(received_at)
    day = moment.date()
    try:
        days = int(time_limit.get("working_days") or 0)
    except (TypeError, ValueError):
        days = 0
    if days <= 0:
        if not is_working_day(day) or moment.time() > _cutoff(time_limit):
            day = next_working_day(day)
    else:
        day = add_working_days(day, days)
    return dt.datetime.combine(day, OFFICE_CLOSE, VN).astimezone(dt.UTC)


def code_day(received_at: dt.datetime) -> str:
    """The YYMMDD part of an official code (local date)."""
    return local(received_at).strftime("%y%m%d")


def official_code(unit_code: str, day: str, number: int) -> str:
    """``<unit code>-YYMMDD-NNNN`` (Thông tư 01/2018/TT-VPCP, Điều 19)."""
    return f"{unit_code}-{day}-{number:04d}"
