"""Concurrency against the real portal: two uvicorn workers on one database (PostgreSQL and
SQLite), many submissions of one commune at once, the change feed under concurrent writers."""

from __future__ import annotations

import re
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from portal import workflow
from portal.models import Change, Dossier
from tests.helpers.portal_api import DATABASES, Api, assert_problem, auth, pdf_bytes
from tests.helpers.portal_fixture import LivePortal, postgres_schema, postgres_url, start_portal


@pytest.fixture(scope="module", params=DATABASES)
def two_workers(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[LivePortal]:
    """``dvc-portal --workers 2`` on one database, shared by this module's tests."""
    base = tmp_path_factory.mktemp(f"workers-{request.param}")
    if request.param == "sqlite":
        with start_portal(base, extra_args=["--workers", "2"]) as portal:
            yield portal
        return
    url, why = postgres_url()
    if url is None:
        pytest.skip(why)
    with postgres_schema(url) as schema_url, \
            start_portal(base, extra_args=["--workers", "2"], database_url=schema_url) as portal:
        yield portal


def _fresh(method: str, url: str, **kw: Any) -> requests.Response:
    """One request on a new connection, so the two workers' accept queue really is shared."""
    with requests.Session() as http:
        return http.request(method, url, timeout=30, headers={"Connection": "close",
                                                               **kw.pop("headers", {})}, **kw)


def test_two_workers_share_sign_up_otp_login_and_limits(two_workers: LivePortal):
    api = two_workers.api
    suffix = f"{uuid.uuid4().int % 10**6:06d}"
    reply = _fresh("POST", f"{api}/accounts", json={
        "account_type": "cong_dan", "method": "mobile", "id_number": f"038090{suffix}",
        "full_name": "Phạm Thị Bình", "birth_date": "1990-05-06", "sex": "nam",
        "phone": f"0983{suffix}"})
    assert reply.status_code == 201, reply.text
    account = reply.json()["account_id"]
    sms = [m for m in _fresh("GET", f"{api}/sandbox/messages").json() if m["to"] == f"0983{suffix}"]
    otp = re.search(r"\b(\d{6})\b", sms[-1]["body"]).group(1)
    # The OTP was stored by one worker; whichever worker gets the next request checks it.
    for _ in range(2):
        assert_problem(_fresh("POST", f"{api}/accounts/{account}/verify", json={"otp": "000000"}
                              if otp != "000000" else {"otp": "111111"}), 422)
    verified = _fresh("POST", f"{api}/accounts/{account}/verify", json={"otp": otp})
    assert verified.status_code == 200
    assert _fresh("POST", f"{api}/accounts/{account}/password", json={
        "password": "Binh@2026x",
        "verification_token": verified.json()["verification_token"]}).status_code == 200
    tokens = []
    for _ in range(4):
        login = _fresh("POST", f"{api}/sessions", json={"username": f"0983{suffix}",
                                                        "password": "Binh@2026x"})
        assert login.status_code == 201, login.text
        tokens.append(login.json()["token"])
    for token in tokens:  # every token works on every worker
        assert _fresh("GET", f"{api}/sessions/current", headers=auth(token)).status_code == 200

    live = Api(requests.Session(), api, timeout=30)
    submitted = live.submitted(tokens[0])
    assert _fresh("GET", f"{api}/dossiers/{submitted['uuid']}",
                  headers=auth(tokens[1])).json()["code"] == submitted["code"]

    # Failed logins are counted in the database: five, spread over both workers, lock the account.
    for _ in range(5):
        assert_problem(_fresh("POST", f"{api}/sessions", json={"username": f"0983{suffix}",
                                                                "password": "Sai@12345"}), 401)
    assert_problem(_fresh("POST", f"{api}/sessions", json={"username": f"0983{suffix}",
                                                            "password": "Binh@2026x"}), 429)
    assert _fresh("DELETE", f"{api}/sessions/current", headers=auth(tokens[2])).status_code == 204
    for _ in range(3):
        assert_problem(_fresh("GET", f"{api}/sessions/current", headers=auth(tokens[2])), 401)


def test_official_codes_never_repeat_under_concurrent_submissions(two_workers: LivePortal):
    count = 40
    prepared: list[tuple[str, str]] = []
    tokens = [two_workers.token_for("citizen"), two_workers.token_for("kiosk")]

    # The same two scans for every dossier: after the first, the portal already holds them, so
    # preparing is quick and the test spends its time on the concurrent submissions.
    files = {"to_khai": pdf_bytes("codes-a"), "giay_chung_sinh": pdf_bytes("codes-b")}

    def prepare(i: int) -> tuple[str, str]:
        token = tokens[i % 2]
        with requests.Session() as http:
            dossier_id, _ = Api(http, two_workers.api, timeout=30).new_dossier(token, files=files)
        return token, dossier_id

    with ThreadPoolExecutor(8) as pool:
        prepared = list(pool.map(prepare, range(count)))
    go = threading.Event()

    def submit(item: tuple[str, str]) -> dict[str, Any]:
        token, dossier_id = item
        with requests.Session() as http:
            go.wait(10)  # every thread fires at once
            reply = http.post(f"{two_workers.api}/dossiers/{dossier_id}/submit",
                              headers=auth(token), timeout=60)
        assert reply.status_code == 200, reply.text
        return reply.json()

    with ThreadPoolExecutor(16) as pool:
        futures = [pool.submit(submit, item) for item in prepared]
        time.sleep(0.2)
        go.set()
        results = [f.result() for f in futures]
    codes = [r["code"] for r in results]
    assert len(set(codes)) == count, sorted(codes)
    prefixes = {c.rsplit("-", 1)[0] for c in codes}
    assert len(prefixes) == 1  # one unit, one day
    numbers = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    assert numbers == list(range(numbers[0], numbers[0] + count)), numbers


def test_change_feed_cursor_never_skips_under_concurrent_writers(two_workers: LivePortal):
    admin = two_workers.token_for("admin")
    officer = two_workers.token_for("officer")
    citizen = two_workers.token_for("citizen")
    base = requests.get(f"{two_workers.api}/changes?since=0&limit=1000", headers=auth(admin),
                        timeout=30).json()["next"]
    with ThreadPoolExecutor(6) as pool:
        files = {"to_khai": pdf_bytes("feed-a"), "giay_chung_sinh": pdf_bytes("feed-b")}
        ready = list(pool.map(lambda _: Api(requests.Session(), two_workers.api, timeout=30)
                              .new_dossier(citizen, files=files)[0], range(24)))
    stop = threading.Event()
    seen: list[int] = []

    def read() -> None:
        cursor = base
        with requests.Session() as http:
            while True:
                finished = stop.is_set()
                page = http.get(f"{two_workers.api}/changes", params={"since": cursor, "limit": 1000},
                                headers=auth(admin), timeout=30).json()
                seen.extend(c["seq"] for c in page["changes"])
                cursor = page["next"]
                if finished and not page["changes"]:
                    return

    def write(dossier_id: str) -> None:
        with requests.Session() as http:
            done = http.post(f"{two_workers.api}/dossiers/{dossier_id}/submit",
                             headers=auth(citizen), timeout=60).json()
            http.post(f"{two_workers.api}/dossiers/{dossier_id}/actions", headers=auth(officer),
                      json={"action": "receive", "expected_version": done["version"]}, timeout=60)

    reader = threading.Thread(target=read)
    reader.start()
    with ThreadPoolExecutor(12) as pool:
        list(pool.map(write, ready))
    time.sleep(0.2)
    stop.set()
    reader.join(60)
    everything = requests.get(f"{two_workers.api}/changes?since={base}&limit=1000",
                              headers=auth(admin), timeout=30).json()["changes"]
    assert len(everything) == 48
    assert seen == [c["seq"] for c in everything]  # in order, none skipped, none twice


def _waiting_for_the_writer(ctx: Any, thread: threading.Thread) -> bool:
    """Is ``thread`` held at the feed's lock (not merely not yet there)?

    PostgreSQL shows it: an advisory lock asked for and not granted. On SQLite the second
    writer waits in the portal's writer lock (or, past it, in SQLite's busy handler): its
    innermost Python frame is that lock's ``acquire`` or the driver call.
    """
    if ctx.engine.dialect.name == "postgresql":
        with ctx.engine.connect() as connection:
            return bool(connection.exec_driver_sql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).scalar())
    frame = sys._current_frames().get(thread.ident or -1)
    return frame is not None and frame.f_code.co_name in ("acquire", "do_execute")


def test_feed_appends_wait_for_each_other_until_commit(settings, client, api: Api, citizen: str):
    """Deterministic: while one transaction holds a feed row uncommitted, another cannot add its
    own (so a reader can never see the later seq without the earlier one)."""
    ctx = client.app.state.portal
    first = api.submitted(citizen)["uuid"]
    second = api.submitted(citizen)["uuid"]
    reached, done = threading.Event(), threading.Event()
    seqs: dict[str, int] = {}

    with ctx.sessions() as s1:
        dossier = s1.get(Dossier, first)
        workflow.record(s1, dossier, "note", workflow.SYSTEM, ctx.now(), note="một")
        s1.flush()
        seqs["first"] = s1.scalar(select(func.max(Change.seq)))

        def other() -> None:
            with ctx.sessions() as s2:
                d2 = s2.get(Dossier, second)
                reached.set()
                workflow.record(s2, d2, "note", workflow.SYSTEM, ctx.now(), note="hai")
                s2.flush()
                seqs["second"] = s2.scalar(select(func.max(Change.seq)))
                s2.commit()
            done.set()

        thread = threading.Thread(target=other)
        thread.start()
        assert reached.wait(30)
        deadline = time.monotonic() + 30
        while not _waiting_for_the_writer(ctx, thread):
            assert not done.is_set(), "a second feed append went ahead of an uncommitted one"
            assert time.monotonic() < deadline, "the second append never reached the feed lock"
            time.sleep(0.01)
        assert not done.is_set() and "second" not in seqs  # held there, nothing added
        s1.commit()
    assert done.wait(30)
    thread.join()
    assert seqs["second"] > seqs["first"]

