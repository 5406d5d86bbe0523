"""Working days of the one-stop counter: Monday–Friday, minus public holidays, plus the
Saturdays worked in exchange for a bridge day.

The rule is the kernel's so the portal (due dates) and the desk (days left, dossiers that have
not moved) count alike; the data — which days are holidays — is the portal's editable file
(``portal/data/holidays_vn.json``), which the portal also serves at ``GET /api/v1/calendar``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvc_core.vntime import VN

__all__ = ["VN", "WorkingCalendar"]


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days the one-stop counter works.

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
    def load(cls, path: str | Path) -> WorkingCalendar:
        """From a JSON file shaped like ``portal/data/holidays_vn.json``."""
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))

    def to_json(self) -> dict[str, Any]:
        """The shape :meth:`from_json` reads (names are left out: only the dates count)."""
        return {
            "holidays": [{"date": d.isoformat(), "confirmed": d not in self.unconfirmed}
                         for d in sorted(self.holidays)],
            "working_weekends": [{"date": d.isoformat()} for d in sorted(self.working_weekends)],
        }

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

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``; negative when ``end``
        comes first (``end`` to ``start``, counted the same way). Same day: 0."""
        if end < start:
            return -self.working_days_between(end, start)
        span = (end - start).days
        if span > 3660:  # a wrong date far away: count weeks, not days one by one
            return span * 5 // 7
        return sum(1 for i in range(1, span + 1)
                   if self.is_working_day(start + dt.timedelta(days=i)))

    def working_days_left(self, due_at: dt.datetime, now: dt.datetime) -> int:
        """Working days from today to the due day, in the office's local time: 0 when due
        today, 1 when due the next working day, negative when late (-1 also when it fell due
        earlier today: late is never shown as "0 days left")."""
        today, due_day = now.astimezone(VN).date(), due_at.astimezone(VN).date()
        left = self.working_days_between(today, due_day)
        if left == 0 and now > due_at:
            return -1
        return left
