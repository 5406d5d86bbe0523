"""The lifecycle's worklists: the officer desk's queues as predicates over status, due date, now."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvc_core import lifecycle as lc

NOW = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)  # Wednesday 09:00 in Hà Nội
STATUSES = [None, *range(1, 11)]


def test_the_queue_names_are_the_stable_ones_in_the_desks_order():
    assert list(lc.WORKLISTS) == ["cho_tiep_nhan", "moi_tiep_nhan", "cho_bo_sung", "dang_xu_ly",
                                  "cho_thu_phi", "cho_tra_ket_qua", "toi_han", "qua_han", "da_tra"]
    assert all(w.name == name and w.label for name, w in lc.WORKLISTS.items())


@pytest.mark.parametrize(("queue", "status"), [
    ("cho_tiep_nhan", lc.MOI_DANG_KY),
    ("moi_tiep_nhan", lc.DUOC_TIEP_NHAN),
    ("cho_bo_sung", lc.YEU_CAU_BO_SUNG),
    ("dang_xu_ly", lc.DANG_XU_LY),
    ("cho_thu_phi", lc.YEU_CAU_NGHIA_VU_TAI_CHINH),
    ("cho_tra_ket_qua", lc.DA_XU_LY_XONG),
    ("da_tra", lc.DA_TRA_KET_QUA),
])
def test_a_status_queue_holds_that_status_alone(queue: str, status: int):
    far = NOW + dt.timedelta(days=30)
    assert [s for s in STATUSES if lc.in_worklist(queue, s, far, NOW)] == [status]


def test_closed_or_unsubmitted_dossiers_are_in_no_status_queue():
    far = NOW + dt.timedelta(days=30)
    for status in (None, lc.KHONG_DUOC_TIEP_NHAN, lc.CONG_DAN_RUT_HO_SO, lc.DUNG_XU_LY):
        assert lc.worklists_of(status, far, NOW) == []


@pytest.mark.parametrize(("due_in", "expected"), [
    (dt.timedelta(days=3), []),
    (lc.DUE_SOON, []),  # exactly a day ahead: not yet
    (lc.DUE_SOON - dt.timedelta(seconds=1), ["toi_han"]),
    (dt.timedelta(hours=8), ["toi_han"]),  # due at 17:00 today
    (dt.timedelta(0), ["toi_han"]),  # due this very moment: not late yet
    (-dt.timedelta(seconds=1), ["qua_han"]),
    (-dt.timedelta(days=12), ["qua_han"]),
])
def test_due_soon_and_overdue_follow_the_due_date(due_in: dt.timedelta, expected: list[str]):
    due = NOW + due_in
    for status in lc.ON_THE_CLOCK:
        timed = [q for q in lc.worklists_of(status, due, NOW) if q in ("toi_han", "qua_han")]
        assert timed == expected, status


def test_a_received_dossier_due_today_is_in_its_status_queue_and_in_toi_han():
    due = NOW + dt.timedelta(hours=8)
    assert lc.worklists_of(lc.DUOC_TIEP_NHAN, due, NOW) == ["moi_tiep_nhan", "toi_han"]
    assert lc.worklists_of(lc.DA_XU_LY_XONG, NOW - dt.timedelta(hours=1), NOW) == [
        "cho_tra_ket_qua", "qua_han"]


def test_the_clock_stops_while_the_applicant_holds_the_dossier_or_it_is_closed():
    late = NOW - dt.timedelta(days=5)
    for status in (None, lc.YEU_CAU_BO_SUNG, lc.YEU_CAU_NGHIA_VU_TAI_CHINH, lc.KHONG_DUOC_TIEP_NHAN,
                   lc.CONG_DAN_RUT_HO_SO, lc.DUNG_XU_LY, lc.DA_TRA_KET_QUA):
        assert not lc.overdue(status, late, NOW)
        assert not lc.due_soon(status, NOW + dt.timedelta(hours=1), NOW)
    assert not lc.overdue(lc.DANG_XU_LY, None, NOW)  # no due date (never submitted)


def test_an_unknown_queue_is_refused():
    with pytest.raises(KeyError):
        lc.in_worklist("tat_ca", lc.MOI_DANG_KY, NOW, NOW)


@given(status=st.sampled_from(STATUSES),
       due_in=st.one_of(st.none(), st.timedeltas(min_value=-dt.timedelta(days=400),
                                                  max_value=dt.timedelta(days=400))))
def test_worklists_are_consistent(status: int | None, due_in: dt.timedelta | None):
    due = None if due_in is None else NOW + due_in
    queues = lc.worklists_of(status, due, NOW)
    assert not {"toi_han", "qua_han"} <= set(queues)  # never both
    status_queues = [q for q in queues if q not in ("toi_han", "qua_han")]
    assert len(status_queues) <= 1  # one status, at most one status queue
    if {"toi_han", "qua_han"} & set(queues):
        assert status in lc.ON_THE_CLOCK and status_queues  # timed ones are open and listed
    assert queues == [q for q in lc.WORKLISTS if lc.in_worklist(q, status, due, NOW)]


def test_the_named_sets_the_app_reads_are_the_statuses_it_used_to_spell_out():
    assert lc.TRANSITIONS["withdraw"].sources == {1, 2, 4, 5, 6}
    assert sorted(lc.RESUBMITTED) == [1, 2, 4]
    assert lc.YEU_CAU_BO_SUNG == 5
    assert lc.OFFICER_ACTIONS == ("receive", "refuse", "start", "request_supplement",
                                  "fee_required", "fee_paid", "stop", "finish", "return")



def test_a_timed_worklist_gives_its_due_window_for_a_sql_filter():
    assert lc.WORKLISTS["toi_han"].window(NOW) == (NOW, NOW + lc.DUE_SOON)
    assert lc.WORKLISTS["qua_han"].window(NOW) == (None, NOW)
    assert lc.WORKLISTS["dang_xu_ly"].window(NOW) == (None, None)
    assert lc.WORKLISTS["qua_han"].statuses == lc.ON_THE_CLOCK
