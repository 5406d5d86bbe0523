"""Kiosk devices provisioned by an officer (portal issue #3): ``POST``/``GET /devices``,
``DELETE /devices/{id}``. End to end against the real portal where it matters (log in, file a
dossier, revoke), in-process for the refusals; every test on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
import unicodedata
import uuid
from typing import Any

import pytest
import sqlalchemy
from argon2 import PasswordHasher

from dvc_core.rules import check_password
from portal.seed import DEMO_UNIT_CODE
from tests.helpers.portal_api import Api, assert_problem, auth, other_officer

KIOSK = ("kiosk.thuchanh", "Kiosk@2026")
ADMIN = ("admin", "QuanTri@2026")
OFFICER_NAME = "Nguyễn Văn Cán Bộ"  # the sandbox officer's display name


def provision(api: Api, token: str, name: str = "Ki-ốt sảnh UBND", **extra: Any) -> dict[str, Any]:
    reply = api.request("POST", "/devices", json={"name": name, **extra}, headers=auth(token))
    assert reply.status_code == 201, reply.text
    return reply.json()


def listed(api: Api, token: str) -> dict[str, dict[str, Any]]:
    reply = api.request("GET", "/devices", headers=auth(token))
    assert reply.status_code == 200, reply.text
    return {d["device_id"]: d for d in reply.json()["devices"]}


def _database_text(url: str) -> list[str]:
    """Every value of every row of every table, as text (to look for a password in clear)."""
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as db:
            values = []
            for table in sqlalchemy.inspect(db).get_table_names():
                for row in db.execute(sqlalchemy.text(f'SELECT * FROM "{table}"')):
                    values.extend(str(v) for v in row)
            return values
    finally:
        engine.dispose()


def test_officer_provisions_a_kiosk_that_files_for_its_commune(live_portal, live_api: Api):
    officer = live_portal.token_for("officer")
    reply = live_api.request("POST", "/devices", json={"name": "  Ki-ốt   sảnh UBND "},
                             headers=auth(officer))
    assert reply.status_code == 201, reply.text
    assert reply.headers["Cache-Control"] == "no-store"  # the answer carries a password
    device = reply.json()
    assert set(device) == {"device_id", "username", "password", "commune", "name", "created_at"}
    assert device["commune"] == DEMO_UNIT_CODE and device["name"] == "Ki-ốt sảnh UBND"
    assert re.fullmatch(r"kiosk-000\.99\.99\.h56-[a-z0-9]{6}", device["username"])
    password = device["password"]
    assert check_password(password) is None and len(password) >= 16

    # The device logs in like any account and is a kiosk of the officer's commune.
    session = live_api.request("POST", "/sessions", headers={},
                               json={"username": device["username"], "password": password})
    assert session.status_code == 201, session.text
    first = session.json()
    assert (first["role"], first["commune"], first["account_id"]) == \
        ("kiosk", DEMO_UNIT_CODE, device["device_id"])
    kiosk = first["token"]

    # It files a dossier, which goes to its commune, and the commune's officer sees it.
    dossier_id, _ = live_api.new_dossier(kiosk)
    submitted = live_api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(kiosk))
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["code"].startswith(DEMO_UNIT_CODE + "-")
    assert live_api.request("GET", f"/dossiers/{dossier_id}", headers=auth(kiosk)).status_code == 200
    seen = live_api.request("GET", f"/dossiers/{dossier_id}", headers=auth(officer))
    assert seen.status_code == 200 and seen.json()["unit_code"] == DEMO_UNIT_CODE

    # The next citizen at the machine: a new session reads nothing of the previous one.
    second = live_portal.login(device["username"], password)
    assert_problem(live_api.request("GET", f"/dossiers/{dossier_id}", headers=auth(second)), 404)
    assert live_api.request("GET", "/dossiers", headers=auth(second)).json()["dossiers"] == []

    # The officer's list shows the device, who provisioned it, its sessions — never a password.
    reply = live_api.request("GET", "/devices", headers=auth(officer))
    assert reply.status_code == 200, reply.text
    assert password not in reply.text and "password" not in reply.text
    mine = {d["device_id"]: d for d in reply.json()["devices"]}[device["device_id"]]
    assert mine["username"] == device["username"] and mine["name"] == device["name"]
    assert mine["created_by"] == OFFICER_NAME and mine["created_at"] == device["created_at"]
    assert mine["revoked_at"] is None and mine["open_sessions"] == 2

    # The password is kept only as an argon2 hash: not in any row, nor in the server's log.
    assert not [v for v in _database_text(live_portal.database_url) if password in v]
    if live_portal.database_url.startswith("sqlite"):
        for path in live_portal.storage.glob("portal.sqlite3*"):
            assert password.encode() not in path.read_bytes(), path
    assert password not in live_portal.log()
    engine = sqlalchemy.create_engine(live_portal.database_url)
    with engine.connect() as db:
        stored = db.execute(sqlalchemy.text("SELECT password_hash, created_by FROM accounts "
                                            "WHERE id = :id"), {"id": device["device_id"]}).one()
    engine.dispose()
    assert stored.password_hash.startswith("$argon2id$")
    assert PasswordHasher().verify(stored.password_hash, password)
    whoami = live_api.request("GET", "/sessions/current", headers=auth(officer)).json()
    assert stored.created_by == whoami["account_id"]


def test_revoked_device_loses_its_sessions_and_cannot_log_in(live_portal, live_api: Api):
    officer = live_portal.token_for("officer")
    device = provision(live_api, officer)
    tokens = [live_portal.login(device["username"], device["password"]) for _ in range(2)]
    for token in tokens:
        assert live_api.request("GET", "/sessions/current", headers=auth(token)).status_code == 200

    reply = live_api.request("DELETE", f"/devices/{device['device_id']}", headers=auth(officer))
    assert reply.status_code == 204, reply.text

    for token in tokens:  # every open session ended at once
        assert_problem(live_api.request("GET", "/sessions/current", headers=auth(token)), 401)
        assert_problem(live_api.request("GET", "/dossiers", headers=auth(token)), 401)
    login = live_api.request("POST", "/sessions", json={"username": device["username"],
                                                        "password": device["password"]})
    assert_problem(login, 401)

    revoked = listed(live_api, officer)[device["device_id"]]
    assert revoked["revoked_at"] and revoked["revoked_by"] == OFFICER_NAME
    assert revoked["open_sessions"] == 0
    # Again: nothing changes, and who revoked it first is kept.
    again = live_api.request("DELETE", f"/devices/{device['device_id']}", headers=auth(officer))
    assert again.status_code == 204
    assert listed(live_api, officer)[device["device_id"]] == revoked
    # Other kiosks of the commune are untouched.
    assert live_portal.login(*KIOSK)


@pytest.mark.parametrize("who", ["citizen", "kiosk"])
def test_citizens_and_kiosks_cannot_manage_devices(api: Api, officer: str, citizen: str, who: str):
    device = provision(api, officer)
    token = citizen if who == "citizen" else api.login(*KIOSK)
    calls = [("POST", "/devices", {"name": "Ki-ốt của tôi"}), ("GET", "/devices", None),
             ("DELETE", f"/devices/{device['device_id']}", None)]
    for method, path, body in calls:
        problem = assert_problem(api.request(method, path, json=body, headers=auth(token)), 403)
        assert "cán bộ" in problem["detail"]
    # Nothing was made and nothing revoked.
    assert [d["name"] for d in listed(api, officer).values()].count("Ki-ốt của tôi") == 0
    assert api.login(device["username"], device["password"])
    assert_problem(api.request("GET", "/devices"), 401)


def test_officer_cannot_see_or_revoke_another_communes_devices(client, api: Api, officer: str):
    ours = provision(api, officer)
    stranger = api.login(*other_officer(client))
    theirs = provision(api, stranger, "Ki-ốt xã bên cạnh")
    assert theirs["commune"] == "000.98.98.H56"

    assert ours["device_id"] not in listed(api, stranger)
    assert set(listed(api, stranger)) == {theirs["device_id"]}
    assert theirs["device_id"] not in listed(api, officer)
    # Out of reach answers like a device that does not exist, as dossiers do.
    for token, device in ((stranger, ours), (officer, theirs)):
        problem = assert_problem(api.request("DELETE", f"/devices/{device['device_id']}",
                                             headers=auth(token)), 404)
        assert "Không tìm thấy thiết bị" in problem["detail"]
        assert api.login(device["username"], device["password"])
    assert_problem(api.request("DELETE", f"/devices/{uuid.uuid4()}", headers=auth(officer)), 404)
    assert_problem(api.request("DELETE", "/devices/not-a-uuid", headers=auth(officer)), 422,
                   "device_id")
    # Nor can an officer provision for another commune by naming it.
    foreign = api.request("POST", "/devices", json={"name": "Ki-ốt", "commune": DEMO_UNIT_CODE},
                          headers=auth(stranger))
    assert_problem(foreign, 403, "commune")
    same = provision(api, officer, commune=DEMO_UNIT_CODE)  # naming one's own is fine
    assert same["commune"] == DEMO_UNIT_CODE

    admin = api.login(*ADMIN)
    assert {ours["device_id"], theirs["device_id"], same["device_id"]} <= set(listed(api, admin))


def test_admin_provisions_for_a_commune_that_exists(client, api: Api):
    admin = api.login(*ADMIN)
    missing = assert_problem(api.request("POST", "/devices", json={"name": "Ki-ốt"},
                                         headers=auth(admin)), 422, "commune")
    assert "Mã đơn vị" in missing["detail"]
    unknown = api.request("POST", "/devices", json={"name": "Ki-ốt", "commune": "999.99.99.H99"},
                          headers=auth(admin))
    assert "999.99.99.H99" in assert_problem(unknown, 422, "commune")["detail"]
    other_officer(client)  # creates the commune 000.98.98.H56
    device = provision(api, admin, commune="000.98.98.H56")
    assert device["commune"] == "000.98.98.H56"
    token = api.login(device["username"], device["password"])
    me = api.request("GET", "/sessions/current", headers=auth(token)).json()
    assert (me["role"], me["commune"]) == ("kiosk", "000.98.98.H56")
    assert listed(api, admin)[device["device_id"]]["created_by"] == "Quản trị viên (đào tạo)"
    assert api.request("DELETE", f"/devices/{device['device_id']}",
                       headers=auth(admin)).status_code == 204


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "Ki-ốt\nsảnh", "Ki-ốt\x07", 42, None])
def test_bad_name_is_refused_naming_the_field(api: Api, officer: str, name: Any):
    reply = api.request("POST", "/devices", json={"name": name}, headers=auth(officer))
    problem = assert_problem(reply, 422, "name")
    assert re.search(r"Tên thiết bị|“name”", problem["detail"]), problem
    assert all(d["name"] != name for d in listed(api, officer).values())


def test_name_is_nfc_and_up_to_100_letters(api: Api, officer: str):
    hundred = "ế" * 100  # 100 letters, 300 code points once decomposed
    device = provision(api, officer, unicodedata.normalize("NFD", hundred))
    assert device["name"] == hundred
    assert listed(api, officer)[device["device_id"]]["name"] == hundred
    assert_problem(api.request("POST", "/devices", json={}, headers=auth(officer)), 422, "name")


def test_devices_are_in_the_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/devices"])
    assert "delete" in paths["/api/v1/devices/{device_id}"]
    created = paths["/api/v1/devices"]["post"]["responses"]
    assert "201" in created and "application/problem+json" in created["default"]["content"]
    assert "password" in doc["components"]["schemas"]["DeviceCreated"]["properties"]
    assert "password" not in doc["components"]["schemas"]["DeviceOut"]["properties"]
