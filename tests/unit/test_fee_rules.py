"""Exemptions are rules evaluated on the answers and the filing date: on-time birth (≤ 60 days,
Luật Hộ tịch Art. 15) and death (≤ 15 days, Art. 33) registration are free (Art. 11(1)(b));
copies are charged per copy (TT 281/2016 Art. 4) whether or not the registration is free."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from dvc_core.catalog import default_catalog
from dvc_core.fees import describe, fee_json, fee_summary_vi, quote, today_vn

FILED = dt.date(2026, 12, 7)


def birth(days_old: int | None, copies: int = 0, **extra) -> dict:
    fields = {"copies": copies, **extra}
    if days_old is not None:
        fields["child.birth_date"] = (FILED - dt.timedelta(days=days_old)).isoformat()
    return fields


def fee_of(code: str):
    return default_catalog().get(code).fee


@pytest.mark.parametrize(("days", "exempt", "total"), [
    (0, True, 0), (14, True, 0), (59, True, 0), (60, True, 0), (61, False, 8000), (400, False, 8000),
])
def test_birth_is_free_within_60_days(days, exempt, total):
    q = quote(fee_of("1.001193"), birth(days), filed_on=FILED)
    assert (q.exempt, q.total_vnd) == (exempt, total)
    if exempt:
        assert q.exempt_label == "Miễn lệ phí (đăng ký đúng hạn)"
        assert "60 ngày" in q.exempt_reason
        assert "Điều 11" in q.legal_basis and "Điều 15" in q.legal_basis
        assert fee_summary_vi(q).startswith("Miễn lệ phí (đăng ký đúng hạn): ")
        assert "Tổng cộng" not in fee_summary_vi(q) and "8.000" not in fee_summary_vi(q)
    else:
        assert q.exempt_label == "" and "4764" in q.legal_basis
        assert fee_summary_vi(q) == "8.000 đồng"
        assert q.notes == ("Không thuộc trường hợp miễn lệ phí (đăng ký đúng hạn) — đăng ký khai "
                           f"sinh trong 60 ngày kể từ ngày sinh (nộp ngày thứ {days}).",)


def test_day_60_is_counted_from_the_day_after_the_birth():
    # Born 1/3, filed 30/4: 60 days (the birth day itself is not counted); 1/5 is day 61.
    fee = fee_of("1.001193")
    assert quote(fee, {"child.birth_date": "2026-03-01"}, filed_on=dt.date(2026, 4, 30)).exempt
    assert not quote(fee, {"child.birth_date": "2026-03-01"}, filed_on=dt.date(2026, 5, 1)).exempt


@pytest.mark.parametrize(("days", "exempt"), [(0, True), (15, True), (16, False), (90, False)])
def test_death_is_free_within_15_days(days, exempt):
    death_date = (FILED - dt.timedelta(days=days)).isoformat()
    q = quote(fee_of("1.000656"), {"deceased.death_date": death_date}, filed_on=FILED)
    assert q.exempt is exempt
    assert q.total_vnd == (0 if exempt else 8000)
    if exempt:
        assert "15 ngày" in q.exempt_reason and "Điều 33" in q.legal_basis


@pytest.mark.parametrize("value", [None, "", "31/02/2026", "không rõ", "2026-13-01", 20261101])
def test_a_missing_or_invalid_date_keeps_the_fee_and_says_why(value):
    fields = {} if value is None else {"child.birth_date": value}
    q = quote(fee_of("1.001193"), fields, filed_on=FILED,
              labels={"child.birth_date": "Ngày, tháng, năm sinh của trẻ"})
    assert not q.exempt and q.total_vnd == 8000
    assert len(q.notes) == 1
    assert "Ngày, tháng, năm sinh của trẻ" in q.notes[0]
    assert ("chưa có" if value in (None, "") else "không hợp lệ") in q.notes[0]


def test_a_birth_date_after_the_filing_date_is_not_an_on_time_registration():
    q = quote(fee_of("1.001193"), {"child.birth_date": "2026-12-08"}, filed_on=FILED)
    assert not q.exempt and q.total_vnd == 8000 and "sau ngày nộp" in q.notes[0]


def test_dates_as_typed_and_as_date_objects():
    fee = fee_of("1.001193")
    assert quote(fee, {"child.birth_date": "23/11/2026"}, filed_on=FILED).exempt
    assert quote(fee, {"child.birth_date": dt.date(2026, 11, 23)}, filed_on=FILED).exempt


def test_copies_are_charged_separately_even_when_the_registration_is_free():
    fee = fee_of("1.001193")
    none = quote(fee, birth(14, copies=0), filed_on=FILED)
    assert none.total_vnd == 0 and none.copies == 0 and none.exempt
    three = quote(fee, birth(14, copies=3), filed_on=FILED)
    assert three.exempt and three.total_vnd == 24_000 and three.fee_vnd == 0
    assert three.copies == 3 and three.copies_vnd == 24_000
    assert fee_summary_vi(three) == ("Miễn lệ phí (đăng ký đúng hạn): đăng ký khai sinh trong 60 "
                                     "ngày kể từ ngày sinh; bản sao: 24.000 đồng "
                                     "(3 bản sao × 8.000 đ)")
    late = quote(fee, birth(61, copies=1), filed_on=FILED)
    assert late.total_vnd == 16_000 and not late.exempt
    assert fee_summary_vi(late) == "16.000 đồng (lệ phí 8.000 đ + 1 bản sao × 8.000 đ)"
    assert late.lines == (("Lệ phí đăng ký khai sinh", 8000),
                          ("Bản sao trích lục: 1 bản × 8.000 đ", 8000))
    assert three.unconfirmed  # the copy fee's two sources disagree


def test_marriage_is_free_and_its_copies_are_not():
    fee = fee_of("1.000894")
    assert quote(fee, {}).total_vnd == 0 and fee_summary_vi(quote(fee, {})) == "Không thu phí"
    assert quote(fee, {"copies": 2}).total_vnd == 16_000


@pytest.mark.parametrize(("copies", "total"), [(0, 0), (1, 8000), (3, 24_000)])
def test_copies_of_an_extract(copies, total):
    q = quote(fee_of("2.000635"), {"copies": copies})
    assert q.total_vnd == total and q.copies == copies
    assert fee_summary_vi(q) == ("Không thu phí" if not copies
                                 else f"{total:,} đồng ({copies} bản sao × 8.000 đ)".replace(",", "."))


def test_filed_on_defaults_to_today_in_vietnam():
    assert today_vn(dt.datetime(2026, 12, 6, 17, 30, tzinfo=dt.UTC)) == dt.date(2026, 12, 7)
    today = today_vn()
    assert quote(fee_of("1.001193"), {"child.birth_date": today.isoformat()}).exempt


def test_composite_conditions():
    fee = {"rule": "fixed", "amount_vnd": 5000, "exemptions": [{
        "id": "x", "label": "Miễn", "reason": "r", "legal_basis": "b",
        "when": {"any": [{"field_equals": {"field": "poor", "value": True}},
                         {"all": [{"days_between": {"from_field": "a", "to": "b", "max": 5}},
                                  {"field_equals": {"field": "k", "value": "x"}}]}]}}]}
    assert quote(fee, {"poor": True}).exempt
    assert quote(fee, {"a": "2026-01-01", "b": "2026-01-06", "k": "x"}).exempt
    assert not quote(fee, {"a": "2026-01-01", "b": "2026-01-07", "k": "x"}).exempt
    assert not quote(fee, {"a": "2026-01-01", "b": "2026-01-06", "k": "y"}).exempt


def test_old_data_with_free_when_is_still_read_as_a_note():
    fee = {"rule": "fixed", "amount_vnd": 8000, "free_when": "Miễn khi đúng hạn"}
    q = quote(fee, {})
    assert q.total_vnd == 8000 and q.free_when == "Miễn khi đúng hạn" and not q.exempt
    assert describe(fee) == "8.000 đồng — Miễn khi đúng hạn"


def test_describe_and_json():
    assert describe(fee_of("1.001193")) == (
        "8.000 đồng — Miễn lệ phí (đăng ký đúng hạn): đăng ký khai sinh trong 60 ngày kể từ "
        "ngày sinh; bản sao trích lục 8.000 đồng/bản")
    data = fee_json(quote(fee_of("1.001193"), birth(3, copies=2), filed_on=FILED))
    assert data["total_vnd"] == 16_000 and data["exempt"] is True
    assert data["label"].startswith("Miễn lệ phí (đăng ký đúng hạn)")
    assert data["copies"] == 2 and data["fee_vnd"] == 0


def test_a_part_that_decides_wins_over_a_part_that_cannot_be_evaluated():
    def fee(kind: str) -> dict:
        return {"rule": "fixed", "amount_vnd": 5000, "exemptions": [{
            "id": "x", "label": "Miễn", "reason": "r", "legal_basis": "b",
            "when": {kind: [{"field_equals": {"field": "k", "value": "x"}},
                            {"days_between": {"from_field": "a", "to": "filed_on", "max": 5}}]}}]}
    # "all": one part false decides, though the date is missing: no note about the date.
    q = quote(fee("all"), {"k": "y"}, filed_on=FILED)
    assert not q.exempt and q.notes == ("Không thuộc trường hợp miễn — r.",)
    # "all": the other part true, the date missing: undecided, fee kept with the reason.
    q = quote(fee("all"), {"k": "x"}, filed_on=FILED)
    assert not q.exempt and "chưa có" in q.notes[0]
    # "any": one part true decides.
    assert quote(fee("any"), {"k": "x"}, filed_on=FILED).exempt
    q = quote(fee("any"), {"k": "y"}, filed_on=FILED)
    assert not q.exempt and len(q.notes) == 1


def test_a_last_day_off_extends_the_period_only_when_the_data_say_so():
    from dvc_core.workdays import WorkingCalendar

    fee = copy.deepcopy(dict(fee_of("1.001193")))
    born = dt.date(2026, 10, 7)  # day 60 is Sunday 6/12/2026; Monday 7/12 is day 61
    fields = {"child.birth_date": born.isoformat()}
    assert not quote(fee, fields, filed_on=FILED).exempt  # shipped: no extension
    fee["exemptions"][0]["when"]["days_between"]["last_day_off_extends"] = True
    assert quote(fee, fields, filed_on=FILED).exempt
    assert not quote(fee, fields, filed_on=FILED + dt.timedelta(days=1)).exempt
    # A holiday on the Monday pushes it to Tuesday (the portal passes its calendar).
    holiday = WorkingCalendar(holidays=frozenset({FILED}))
    assert quote(fee, fields, filed_on=FILED + dt.timedelta(days=1), calendar=holiday).exempt
    assert dt.date(2026, 12, 6).weekday() == 6
