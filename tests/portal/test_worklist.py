"""The officer desk's worklists over the real portal (uvicorn on loopback, SQLite and
PostgreSQL): counts equal to the items, paging, search without diacritics, filters, roles and
bad parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy
from sqlalchemy import update

from dvc_core.lifecycle import WORKLISTS
from portal.models import Dossier
from tests.helpers.portal_api import Api, assert_problem, auth, example_dossier

CHILD = "Đặng Thùy Dương"


def _submit(api: Api, token: str, **changes: Any) -> str:
    dossier_id, _ = api.new_dossier(token, **changes)
    reply = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(token))
    assert reply.status_code == 200, reply.text
    return dossier_id


def _act(api: Api, token: str, dossier_id: str, *actions: str) -> None:
    for action in actions:
        version = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(token)).json()["version"]
        reply = api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(token),
                            json={"action": action, "expected_version": version})
        assert reply.status_code == 200, reply.text


def _all_items(api: Api, token: str, queue: str, **params: Any) -> tuple[int, list[dict]]:
    """Every item of a queue, one page of two at a time, following the cursor."""
    items: list[dict] = []
    counts = set()
    query: dict[str, Any] = {"queue": queue, "limit": 2, **params}
    while True:
        reply = api.request("GET", "/worklist", params=query, headers=auth(token))
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert body["queue"] == queue and len(body["items"]) <= 2
        counts.add(body["count"])
        items += body["items"]
        if body["next_cursor"] is None:
            break
        query["cursor"] = body["next_cursor"]
    assert len(counts) == 1
    return counts.pop(), items


@pytest.fixture
def office(live_portal, live_api: Api) -> dict[str, Any]:
    """Dossiers in most queues: nine filed online, one at the counter; one overdue, one due
    within the hour, the others due in ten days."""
    citizen = live_portal.token_for("citizen")
    officer = live_portal.token_for("officer")
    fields = dict(example_dossier()["fields"], **{"child.full_name": CHILD})
    ids = [_submit(live_api, citizen) for _ in range(8)]
    ids.append(_submit(live_api, citizen, fields=fields))
    ids.append(_submit(live_api, officer))  # filed at the counter: channel 1
    new_online, received, processing, late, soon, result, returned, fee, named, counter = ids
    _act(live_api, officer, received, "receive")
    _act(live_api, officer, soon, "receive")
    _act(live_api, officer, processing, "receive", "start")
    _act(live_api, officer, fee, "receive", "start", "fee_required")
    _act(live_api, officer, result, "receive", "start", "finish")
    _act(live_api, officer, returned, "receive", "start", "finish", "return")
    now = dt.datetime.now(dt.UTC)
    engine = sqlalchemy.create_engine(live_portal.database_url)
    with engine.begin() as connection:
        table = Dossier.__table__
        connection.execute(update(table).values(due_at=now + dt.timedelta(days=10)))
        connection.execute(update(table).where(table.c.id == late)
                           .values(due_at=now - dt.timedelta(days=1)))
        connection.execute(update(table).where(table.c.id == soon)
                           .values(due_at=now + dt.timedelta(hours=1)))
    engine.dispose()
    codes = {}
    for dossier_id in ids:
        codes[dossier_id] = live_api.request("GET", f"/dossiers/{dossier_id}",
                                             headers=auth(officer)).json()["code"]
    return {"officer": officer, "citizen": citizen, "ids": ids, "codes": codes,
            "late": late, "soon": soon, "named": named, "counter": counter,
            "expected": {
                "cho_tiep_nhan": {new_online, late, named, counter},
                "moi_tiep_nhan": {received, soon},
                "cho_bo_sung": set(),
                "dang_xu_ly": {processing},
                "cho_thu_phi": {fee},
                "cho_tra_ket_qua": {result},
                "toi_han": {soon},
                "qua_han": {late},
                "da_tra": {returned},
            }}


def test_every_queue_counts_what_it_lists(live_api: Api, office):
    token = office["officer"]
    reply = live_api.request("GET", "/worklist", headers=auth(token))
    assert reply.status_code == 200, reply.text
    queues = reply.json()["queues"]
    assert [q["queue"] for q in queues] == list(WORKLISTS)
    assert queues[0]["label"] == "Chờ tiếp nhận"
    for entry in queues:
        count, items = _all_items(live_api, token, entry["queue"])
        assert entry["count"] == count == len(items), entry
        assert {i["uuid"] for i in items} == office["expected"][entry["queue"]], entry["queue"]
    item = next(i for i in _all_items(live_api, token, "cho_tiep_nhan")[1]
                if i["uuid"] == office["named"])
    assert {"uuid", "code", "status", "due_at", "applicant_name", "procedure_code"} <= item.keys()
    assert item["applicant_name"] == "Lê Thị Hoa" and item["procedure_name"] == "Đăng ký khai sinh"
    assert item["status"] == 1 and item["channel"] == 2 and item["channel_text"] == "Trực tuyến"
    # The fee by the kernel's rules on its answers and receipt date (the desk's fee column).
    from dvc_core.catalog import default_catalog
    from dvc_core.fees import fee_summary_vi, today_vn

    quote = default_catalog().get("1.001193").quote_fee(
        example_dossier()["fields"] | {"child.full_name": CHILD},
        filed_on=today_vn(dt.datetime.fromisoformat(item["received_at"])))
    assert (item["fee_vnd"], item["fee_label"]) == (quote.total_vnd, fee_summary_vi(quote))


def test_pages_by_number_match_the_cursor_and_sort_by_due_date(live_api: Api, office):
    token = office["officer"]
    _, by_cursor = _all_items(live_api, token, "cho_tiep_nhan")
    by_page = []
    for page in (1, 2, 3):
        reply = live_api.request("GET", "/worklist", headers=auth(token), params={
            "queue": "cho_tiep_nhan", "limit": 2, "page": page})
        by_page += reply.json()["items"]
    assert [i["uuid"] for i in by_page] == [i["uuid"] for i in by_cursor]
    dues = [i["due_at"] for i in by_cursor]
    assert dues == sorted(dues) and by_cursor[0]["uuid"] == office["late"]
    _, backwards = _all_items(live_api, token, "cho_tiep_nhan", sort="-due_at")
    assert [i["uuid"] for i in backwards] == [i["uuid"] for i in reversed(by_cursor)]


@pytest.mark.parametrize("typed", ["dang thuy duong", "ĐẶNG THÙY DƯƠNG", "thuy duong",
                                   "Đặng Thuỳ"])
def test_search_finds_any_person_named_in_the_answers_with_or_without_diacritics(
        live_api: Api, office, typed: str):
    token = office["officer"]
    count, items = _all_items(live_api, token, "cho_tiep_nhan", q=typed)
    assert count == 1 and items[0]["uuid"] == office["named"]
    # The counts honour the same search.
    reply = live_api.request("GET", "/worklist", headers=auth(token), params={"q": typed})
    counts = {q["queue"]: q["count"] for q in reply.json()["queues"]}
    assert counts["cho_tiep_nhan"] == 1 and counts["da_tra"] == 0


def test_search_by_code_and_by_id_number(live_api: Api, office):
    token = office["officer"]
    code = office["codes"][office["late"]]
    count, items = _all_items(live_api, token, "qua_han", q=code.lower())
    assert count == 1 and items[0]["code"] == code
    count, _ = _all_items(live_api, token, "cho_tiep_nhan", q=code[-4:])
    assert count >= 1
    # The applicant's ID number (the demo citizen filed all but the counter's one).
    count, items = _all_items(live_api, token, "cho_tiep_nhan", q="038195012345")
    assert {i["uuid"] for i in items} >= office["expected"]["cho_tiep_nhan"] - {office["counter"]}
    assert _all_items(live_api, token, "cho_tiep_nhan", q="khong ai ten nay")[0] == 0


def test_filters_by_procedure_channel_and_dates(live_api: Api, office):
    token = office["officer"]
    assert _all_items(live_api, token, "cho_tiep_nhan", procedure="1.001193")[0] == 4
    assert _all_items(live_api, token, "cho_tiep_nhan", procedure="2.000815")[0] == 0
    count, items = _all_items(live_api, token, "cho_tiep_nhan", channel=1)
    assert count == 1 and items[0]["uuid"] == office["counter"]
    assert items[0]["channel_text"] == "Trực tiếp"
    assert _all_items(live_api, token, "cho_tiep_nhan", channel=2)[0] == 3
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    assert _all_items(live_api, token, "cho_tiep_nhan", **{"from": today.isoformat(),
                                                           "to": today.isoformat()})[0] == 4
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert _all_items(live_api, token, "cho_tiep_nhan", **{"from": tomorrow})[0] == 0
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    assert _all_items(live_api, token, "cho_tiep_nhan", to=yesterday)[0] == 0


def test_citizens_and_kiosks_have_no_worklist(live_portal, live_api: Api, office):
    for role in ("citizen", "kiosk"):
        token = live_portal.token_for(role)
        for params in ({}, {"queue": "cho_tiep_nhan"}):
            reply = live_api.request("GET", "/worklist", headers=auth(token), params=params)
            body = assert_problem(reply, 403)
            assert "cán bộ" in body["detail"]
    assert_problem(live_api.request("GET", "/worklist"), 401)


@pytest.mark.parametrize(("params", "fields"), [
    ({"queue": "cho_xu_ly"}, ["queue"]),
    ({"queue": "cho_tiep_nhan", "limit": 0}, ["limit"]),
    ({"queue": "cho_tiep_nhan", "limit": 10_000}, ["limit"]),
    ({"queue": "cho_tiep_nhan", "limit": "mười"}, ["limit"]),
    ({"queue": "cho_tiep_nhan", "cursor": "không-phải-cursor"}, ["cursor"]),
    ({"queue": "cho_tiep_nhan", "cursor": "WyJ4Il0", "page": 2}, ["cursor"]),
    ({"queue": "cho_tiep_nhan", "channel": 7}, ["channel"]),
    ({"queue": "cho_tiep_nhan", "sort": "name"}, ["sort"]),
    ({"from": "2026-02-30"}, ["from"]),
    ({"from": "2026-12-02", "to": "2026-12-01"}, ["from", "to"]),
    ({"page": 2}, ["queue"]),
    ({"trang": 2}, ["trang"]),
])
def test_bad_parameters_are_named_in_vietnamese(live_api: Api, office, params, fields):
    reply = live_api.request("GET", "/worklist", headers=auth(office["officer"]), params=params)
    body = assert_problem(reply, 422, *fields)
    for field in fields:
        assert f"“{field}”" in body["detail"]


def test_the_calendar_the_due_dates_count_in(live_api: Api):
    reply = live_api.request("GET", "/calendar")
    assert reply.status_code == 200
    body = reply.json()
    days = {h["date"]: h["confirmed"] for h in body["holidays"]}
    assert days["2025-01-29"] is True and days["2026-02-17"] is False
    assert {"date": "2025-04-26"} in body["working_weekends"]
