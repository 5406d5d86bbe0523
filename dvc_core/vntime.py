"""Vietnam's time (Asia/Ho_Chi_Minh) for every moment shown to a person.

Moments are stored in UTC (aware, or naive meaning UTC as the SQLite columns read them back);
a due time, a receipt time or "last synced at" is shown in the commune's time whatever zone
the machine running the app or the portal is set to, so the list, the details pane, the
portal's notices and the receipt all say "17:00" for the same moment. Vietnam has kept UTC+7
without daylight saving since 1975: a fixed offset, so no tzdata is needed (Windows has none).
"""

from __future__ import annotations

import datetime as dt

VN = dt.timezone(dt.timedelta(hours=7), "ICT")

#: ``05/03/2026 17:00`` — lists and details panes.
DATE_TIME = "%d/%m/%Y %H:%M"


def to_vn(moment: dt.datetime) -> dt.datetime:
    """The moment in Vietnam's time; a naive value is taken as UTC (how it was stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(VN)


def vn_now() -> dt.datetime:
    return dt.datetime.now(VN)


def vn_today() -> dt.date:
    """Today's date in Vietnam (a birth date "in the future" is judged against this)."""
    return vn_now().date()


def format_vn(moment: dt.datetime | None, fmt: str = DATE_TIME) -> str:
    """``moment`` in Vietnam's time with a ``strftime`` format; ``""`` for None."""
    return to_vn(moment).strftime(fmt) if moment is not None else ""


def time_on_day(moment: dt.datetime | None) -> str:
    """``17:00 ngày 05/03/2026`` — how the portal's notices and SMS write a due time."""
    return format_vn(moment, "%H:%M ngày %d/%m/%Y")


__all__ = ["DATE_TIME", "VN", "format_vn", "time_on_day", "to_vn", "vn_now", "vn_today"]
