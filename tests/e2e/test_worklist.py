"""The desk's copy of the worklists (real portal subprocess, real SQLite data folder): read
from the portal, then read offline once the portal is stopped, with the copy's age; and
``dvc worklist`` as a real process, its JSON shape and its exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from app.services.worklist import copy_age
from dvc_core.lifecycle import WORKLISTS
from tests.helpers.e2e import account
from tests.helpers.portal_fixture import start_portal
from tests.helpers.worklist import seed_office

ROOT = Path(__file__).resolve().parents[2]
ITEM_KEYS = {"uuid", "code", "status", "due_at", "applicant_name", "procedure_code"}


def dvc(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="tests.helpers.keyring_backend.FileKeyring",
               DVC_TEST_KEYRING_FILE=str(Path(data_dir).parent / "keyring.json"))
    return subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120,
                          env=env)


def test_the_desk_reads_the_worklists_offline_from_its_copy(tmp_path, make_services):
    with start_portal(tmp_path / "portal") as portal:
        seeded = seed_office(portal, arrivals=3, received=2, child="Đặng Thùy Dương")
        services = make_services(portal.url)
        officer = account(portal, "officer")
        services.login(officer["username"], officer["password"])
        online = services.worklists.refresh_all()
        assert online.copy.online and online.copy.error is None
        assert online.count("cho_tiep_nhan") == 3 and online.count("moi_tiep_nhan") == 2
        assert dt.date(2025, 1, 29) in online.calendar.holidays  # the portal's holidays
    # The portal is stopped: the same lists, from the copy, saying how old it is.
    offline = services.worklists.counts()
    assert not offline.copy.online and offline.copy.error
    assert [c.count for c in offline.counts] == [c.count for c in online.counts]
    assert dt.date(2025, 1, 29) in offline.calendar.holidays
    waiting = services.worklists.queue("cho_tiep_nhan")
    assert not waiting.copy.online and waiting.count == 3
    assert {i.uuid for i in waiting.items} == set(seeded["cho_tiep_nhan"])
    named = next(i for i in waiting.items if i.uuid == seeded["cho_tiep_nhan"][0])
    assert "dang thui duong" in named.search_key and named.applicant_name == "Lê Thị Hoa"
    assert waiting.copy.fetched_at is not None
    later = waiting.copy.fetched_at + dt.timedelta(minutes=12)
    assert copy_age(waiting.copy.fetched_at, later).endswith(", 12 phút trước")
    assert copy_age(waiting.copy.fetched_at, later).startswith("bản lưu lúc ")


def test_copy_age_is_in_vietnam_s_time():
    saved = dt.datetime(2026, 12, 6, 7, 5, tzinfo=dt.UTC)  # 14:05 in Hà Nội
    assert copy_age(saved, saved + dt.timedelta(minutes=12)) == "bản lưu lúc 14:05, 12 phút trước"
    assert copy_age(saved, saved + dt.timedelta(seconds=20)) == "bản lưu lúc 14:05, vừa xong"
    assert copy_age(saved, saved + dt.timedelta(days=2)) == (
        "bản lưu lúc 14:05 ngày 06/12/2026, 2 ngày trước")


def test_dvc_worklist_json_shape_exit_codes_and_offline_copy(tmp_path):
    data_dir = tmp_path / "app"
    with start_portal(tmp_path / "portal") as portal:
        seeded = seed_office(portal, arrivals=2, received=1)
        server = ["--server", portal.url]
        officer = account(portal, "officer")
        login = dvc("login", "--username", officer["username"], "--password-stdin", *server,
                    data_dir=data_dir, stdin=officer["password"] + "\n")
        assert login.returncode == 0, login.stderr

        every = dvc("worklist", "--json", *server, data_dir=data_dir)
        assert every.returncode == 0, every.stderr
        counts = json.loads(every.stdout)
        assert [q["queue"] for q in counts["queues"]] == list(WORKLISTS)
        assert {q["queue"]: q["count"] for q in counts["queues"]}["cho_tiep_nhan"] == 2
        assert all({"queue", "count"} <= q.keys() for q in counts["queues"])

        one = dvc("worklist", "cho_tiep_nhan", "--json", *server, data_dir=data_dir)
        assert one.returncode == 0, one.stderr
        body = json.loads(one.stdout)
        assert {"queue", "count", "items"} <= body.keys() and body["queue"] == "cho_tiep_nhan"
        assert body["count"] == len(body["items"]) == 2 and body["cached"] is False
        assert all(item.keys() >= ITEM_KEYS for item in body["items"])
        assert {i["uuid"] for i in body["items"]} == set(seeded["cho_tiep_nhan"])
        assert all(i["status"] == 1 and i["procedure_code"] == "1.001193" for i in body["items"])

        bad = dvc("worklist", "cho_xu_ly", "--json", *server, data_dir=data_dir)
        assert bad.returncode == 2 and "cho_xu_ly" in bad.stderr and bad.stdout == ""
        assert "cho_tiep_nhan" in bad.stderr  # the names it could have been

        citizen = account(portal, "citizen")
        other = tmp_path / "citizen"
        dvc("login", "--username", citizen["username"], "--password-stdin", *server,
            data_dir=other, stdin=citizen["password"] + "\n")
        refused = dvc("worklist", "--json", *server, data_dir=other)
        assert refused.returncode == 1 and "cán bộ" in refused.stderr and refused.stdout == ""

    # The portal is gone: the copy, with its age on standard error.
    copy = dvc("worklist", "cho_tiep_nhan", "--json", *server, data_dir=data_dir)
    assert copy.returncode == 0, copy.stderr
    kept = json.loads(copy.stdout)
    assert kept["cached"] is True and kept["items"] == body["items"]
    assert "Không kết nối được" in copy.stderr and "bản lưu lúc" in copy.stderr
    assert kept["as_of"] == body["as_of"] and kept["age_seconds"] >= 0
    never = dvc("worklist", "qua_han", "--json", "--offline", *server, data_dir=tmp_path / "x")
    assert never.returncode == 1 and "Chưa có bản lưu" in never.stderr
