"""The commune's figures (dvc_core.stats) from plain records, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from dvc_core import lifecycle
from dvc_core.stats import (
    COUNTS,
    CSV_HEADER,
    DossierFacts,
    Figures,
    Period,
    PeriodError,
    compute,
    csv_rows,
)
from dvc_core.vntime import VN

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN)


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=VN)


def facts(**kw) -> DossierFacts:
    base = {"procedure_code": "1.001193", "channel": lifecycle.TRUC_TUYEN,
            "status": lifecycle.DA_TRA_KET_QUA, "submitted_at": at(2), "due_at": at(2, 17)}
    base.update(kw)
    return DossierFacts(**base)


def test_payments_and_electronic_results_come_from_the_history_lines():
    record = DossierFacts.from_history(
        procedure_code="2.000635", channel=2, status=10, due_at=at(3, 17),
        events=[("submit", at(2), None), ("fee_paid", at(2, 10), {"payment": "online"}),
                ("finish", at(3, 11), None), ("return", at(3, 15),
                                              {"delivery": "online", "result": {"sha256": "a"}})],
        components=["to_khai"], required=["to_khai"])
    assert record.paid_online and record.result_electronic and record.digitised
    assert record.on_time() and record.submitted_at == at(2)
    cash = DossierFacts.from_history(
        procedure_code="2.000635", channel=1, status=10, due_at=at(3, 17),
        events=[("submit", at(2), None), ("fee_paid", at(2, 10), {"payment": "counter"}),
                ("finish", at(4), None), ("return", at(4, 10), {"delivery": "counter"})],
        components=["uy_quyen"], required=["to_khai"])
    assert not (cash.paid_online or cash.result_electronic or cash.digitised or cash.on_time())
    # A resubmission is the same dossier: received when first submitted.
    again = DossierFacts.from_history(
        procedure_code="x", channel=2, status=1, due_at=None,
        events=[("submit", at(2), None), ("resubmit", at(9), None)], components=[],
        required=None)
    assert again.submitted_at == at(2) and not again.digitised


def test_shares_counted_by_hand():
    records = [
        # paid online, returned with its electronic result, on time
        facts(fee_paid_at=at(2, 10), paid_online=True, finished_at=at(2, 15),
              returned_at=at(2, 16), result_electronic=True, digitised=True),
        # paid at the counter, finished late, returned on paper
        facts(channel=lifecycle.TRUC_TIEP, fee_paid_at=at(3), finished_at=at(4),
              returned_at=at(4, 10), due_at=at(3, 17)),
        # paid online, by post, still being processed past its due date
        facts(channel=lifecycle.BUU_CHINH, status=lifecycle.DANG_XU_LY, fee_paid_at=at(5),
              paid_online=True, due_at=at(5, 17), digitised=True),
        # withdrawn past its due date: neither settled nor overdue
        facts(status=lifecycle.CONG_DAN_RUT_HO_SO, due_at=at(6, 17)),
    ]
    body = compute(records, Period(dt.date(2026, 11, 2), dt.date(2026, 11, 8)), NOW).to_json()
    # received 4: online 2 (1st, 4th), digitised 2; finished 2, on time 1; overdue 2 (2nd
    # finished late, 3rd open); returned 2, 1 electronic; paid 3, 2 online.
    assert body["counts"] == {"received": 4, "online": 2, "digitised": 2, "finished": 2,
                              "on_time": 1, "overdue": 2, "returned": 2, "result_digitised": 1,
                              "fee_paid": 3, "paid_online": 2}
    assert (body["on_time_rate"], body["online_share"], body["digitised_share"],
            body["result_digitised_share"], body["paid_online_share"]) == (
        0.5, 0.5, 0.5, 0.5, 0.6667)


def test_nothing_in_the_period_gives_no_share_rather_than_zero():
    body = compute([], Period(dt.date(2026, 11, 2), dt.date(2026, 11, 4)), NOW).to_json()
    assert body["on_time_rate"] is None and body["paid_online_share"] is None
    assert body["procedures"] == [] and len(body["weeks"]) == 1
    assert body["weeks"][0]["week_start"] == "2026-11-02"
    assert body["weeks"][0]["week_end"] == "2026-11-04"


def test_a_moment_counts_on_its_day_in_vietnam():
    # 23:30 UTC on Sunday 8 November is 06:30 on Monday 9 November in Vietnam.
    late_sunday = dt.datetime(2026, 11, 8, 23, 30, tzinfo=dt.UTC)
    body = compute([facts(submitted_at=late_sunday, due_at=None)],
                   Period(dt.date(2026, 11, 2), dt.date(2026, 11, 15)), NOW).to_json()
    assert [w["received"] for w in body["weeks"]] == [0, 1]


def test_periods_are_checked_naming_the_bad_end():
    today = dt.date(2026, 12, 6)  # a Sunday
    default = Period.parse(None, None, today)
    assert default.end == today and default.start == dt.date(2026, 9, 14)
    assert len(default.weeks()) == 12
    for start, end, named in (("2026-12-01", "2026-11-01", "from"),
                              ("2026-1-01", None, "from"), ("2026-11-01", "hôm nay", "to"),
                              ("2020-01-01", "2026-11-01", "to")):
        with pytest.raises(PeriodError) as caught:
            Period.parse(start, end, today)
        assert caught.value.field == named and named in caught.value.message


def test_csv_rows_and_the_json_read_back():
    figures = compute([facts(finished_at=at(2, 15), procedure_code="2.000635")],
                      Period(dt.date(2026, 11, 2), dt.date(2026, 11, 15)), NOW,
                      {"2.000635": "Cấp bản sao trích lục hộ tịch"})
    rows = csv_rows(figures)
    assert rows[0] == list(CSV_HEADER) and len(rows) == 1 + 2 + 1 + 1
    assert rows[1][:3] == ["tuan", "2026-11-02", "2026-11-08"]
    assert rows[3][:5] == ["thu_tuc", "2026-11-02", "2026-11-15", "2.000635",
                           "Cấp bản sao trích lục hộ tịch"]
    assert rows[-1][0] == "tong" and rows[-1][5:] == [str(figures.totals[k]) for k in COUNTS]
    again = Figures.from_json(figures.to_json())
    assert again.to_json() == figures.to_json()
    broken = figures.to_json()
    broken["counts"]["received"] = -1
    with pytest.raises(ValueError):
        Figures.from_json(broken)


def test_each_week_counts_what_the_week_alone_counts():
    import random

    rng = random.Random(7)
    records = []
    for _ in range(300):
        submitted = dt.datetime(2026, 10, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            hours=rng.randrange(0, 60 * 24))
        finished = submitted + dt.timedelta(hours=rng.randrange(1, 100)) if rng.random() < .7 \
            else None
        records.append(facts(
            procedure_code=rng.choice(("1.001193", "2.000635")), channel=rng.choice((1, 2, 3)),
            status=10 if finished else rng.choice((4, 5, 7)), submitted_at=submitted,
            due_at=submitted + dt.timedelta(days=rng.choice((0, 1, 3))), finished_at=finished,
            returned_at=finished and finished + dt.timedelta(hours=2),
            digitised=rng.random() < .8, result_electronic=rng.random() < .5,
            fee_paid_at=submitted + dt.timedelta(hours=1) if rng.random() < .4 else None,
            paid_online=rng.random() < .5))
    period = Period(dt.date(2026, 10, 7), dt.date(2026, 11, 20))  # a Wednesday to a Friday
    whole = compute(records, period, NOW).to_json()
    for week in whole["weeks"]:
        alone = compute(records, Period(dt.date.fromisoformat(week["week_start"]),
                                        dt.date.fromisoformat(week["week_end"])), NOW)
        assert {k: week[k] for k in COUNTS} == alone.totals, week["week_start"]
    for key in COUNTS:
        assert sum(w[key] for w in whole["weeks"]) == whole["counts"][key]
        assert sum(p[key] for p in whole["procedures"]) == whole["counts"][key]
    assert whole["weeks"][0]["week_start"] == "2026-10-07"
    assert whole["weeks"][-1]["week_end"] == "2026-11-20"
