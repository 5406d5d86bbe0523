"""The working-day rule the portal's due dates and the desk's days left share."""

from __future__ import annotations

import datetime as dt

from dvc_core.workdays import VN, WorkingCalendar

# Tết Ất Tỵ 2025 (27–31/1) and the Saturday 26/4/2025 worked in exchange for 2/5.
CAL = WorkingCalendar.from_json({
    "holidays": [{"date": f"2025-01-{d}"} for d in range(27, 32)]
    + [{"date": "2025-05-02", "confirmed": False}],
    "working_weekends": [{"date": "2025-04-26"}]})


def _vn(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


def test_days_between_skip_weekends_and_holidays_and_count_worked_saturdays():
    assert CAL.working_days_between(dt.date(2025, 1, 24), dt.date(2025, 2, 3)) == 1
    assert CAL.working_days_between(dt.date(2025, 4, 25), dt.date(2025, 4, 28)) == 2
    assert CAL.working_days_between(dt.date(2025, 2, 3), dt.date(2025, 1, 24)) == -1
    assert CAL.working_days_between(dt.date(2025, 3, 3), dt.date(2025, 3, 3)) == 0


def test_days_left_to_a_due_date_in_the_office_s_time():
    due = _vn(2025, 2, 3, 17)
    assert CAL.working_days_left(due, _vn(2025, 1, 24, 9)) == 1
    assert CAL.working_days_left(due, _vn(2025, 2, 3, 9)) == 0
    # Late the same day is late, never "0 days left".
    assert CAL.working_days_left(due, _vn(2025, 2, 3, 17, 5)) == -1
    assert CAL.working_days_left(due, _vn(2025, 2, 5, 9)) == -2
    # 23:30 UTC on the 2nd is already the 3rd in the commune.
    assert CAL.working_days_left(due, dt.datetime(2025, 2, 2, 23, 30, tzinfo=dt.UTC)) == 0


def test_the_calendar_round_trips_as_json_with_what_is_unconfirmed():
    again = WorkingCalendar.from_json(CAL.to_json())
    assert again == CAL and dt.date(2025, 5, 2) in again.unconfirmed
