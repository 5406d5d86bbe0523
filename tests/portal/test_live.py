"""End-to-end against the real portal: ``python -m portal`` under uvicorn on a loopback port."""

from __future__ import annotations

import re
import sqlite3
import uuid

import requests
import sqlalchemy

from tests.helpers.portal_api import CODE_RE, Api, assert_problem, auth, pdf_bytes
from tests.helpers.portal_fixture import start_portal


def test_sign_up_with_otp_then_log_in(live_portal, live_api: Api):
    reply = live_api.request("POST", "/accounts", json={
        "account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
        "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
        "phone": "+84 983 456 789", "email": "an.nguyen@example.vn"})
    assert reply.status_code == 201, reply.text
    account = reply.json()
    assert account["otp_sent_to"] == "098****789"

    sms = [m for m in live_portal.messages() if m["channel"] == "sms" and m["to"] == "0983456789"]
    assert len(sms) == 1
    otp = re.search(r"\b(\d{6})\b", sms[0]["body"]).group(1)

    base = f"/accounts/{account['account_id']}"
    early = live_api.request("POST", f"{base}/password", json={"password": "An@12345x"})
    assert_problem(early, 409)
    verified = live_api.request("POST", f"{base}/verify", json={"otp": otp})
    assert verified.status_code == 200
    token = verified.json()["verification_token"]
    weak = live_api.request("POST", f"{base}/password",
                            json={"password": "password", "verification_token": token})
    assert_problem(weak, 422, "password")
    assert live_api.request("POST", f"{base}/password", json={
        "password": "An@12345x", "verification_token": token}).status_code == 200

    for username in ("0983456789", "038090123456", "+84983456789"):
        assert live_portal.login(username, "An@12345x")
    wrong = live_api.request("POST", "/sessions", json={"username": "0983456789", "password": "nope"})
    body = assert_problem(wrong, 401)
    assert "mật khẩu không đúng" in body["detail"]


def test_dossier_upload_submit_and_officer_receive(live_portal, live_api: Api):
    citizen = live_portal.token_for("citizen")
    officer = live_portal.token_for("officer")
    dossier_id, body = live_api.new_dossier(citizen)

    # Every attachment is now held: PUT again answers no missing blob, HEAD /blobs finds them.
    again = live_api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(citizen))
    assert again.status_code == 200 and again.json()["missing_blobs"] == []
    for att in body["attachments"]:
        head = live_api.request("HEAD", f"/blobs/{att['sha256']}", headers=auth(citizen))
        assert head.status_code == 200

    first = live_api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen))
    assert first.status_code == 200, first.text
    submitted = first.json()
    assert re.match(CODE_RE, submitted["code"]), submitted
    assert submitted["code"].startswith("000.99.99.H56-")
    assert submitted["status"] == 1 and submitted["status_text"] == "Mới đăng ký"
    assert submitted["received_at"] and submitted["due_at"]
    repeat = live_api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen))
    assert repeat.json() == submitted

    mails = [m for m in live_portal.messages() if m["channel"] == "email"]
    assert any(submitted["code"] in m["body"] and m["to"] == "hoa.le@example.vn" for m in mails)

    seen = live_api.request("GET", f"/dossiers/{dossier_id}", headers=auth(officer)).json()
    assert seen["status"] == 1 and seen["code"] == submitted["code"]
    acted = live_api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(officer),
                             json={"action": "receive", "expected_version": seen["version"]})
    assert acted.status_code == 200, acted.text
    assert acted.json()["status"] == 2

    feed = live_api.request("GET", "/changes?since=0", headers=auth(citizen)).json()
    mine = [c for c in feed["changes"] if c["uuid"] == dossier_id]
    assert [c["status"] for c in mine] == [1, 2]
    assert mine[-1]["status_text"] == "Được tiếp nhận"
    assert feed["next"] == feed["changes"][-1]["seq"]
    later = live_api.request("GET", f"/changes?since={feed['next']}", headers=auth(citizen)).json()
    assert later == {"changes": [], "next": feed["next"]}

    history = live_api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()["history"]
    assert [h["action"] for h in history] == ["submit", "receive"]
    assert history[-1]["by"] == "Nguyễn Văn Cán Bộ" and history[-1]["role"] == "officer"

    # The public lookup answers only when both the code and the ID number match.
    code, number = submitted["code"], body["applicant"]["id_number"]
    hit = requests.get(f"{live_portal.api}/lookup", params={"code": code, "id_number": number},
                       timeout=10)
    assert hit.status_code == 200 and hit.json()["status"] == 2
    for params in ({"code": code, "id_number": "038195099999"}, {"code": code},
                   {"code": code[:-1] + "9", "id_number": number}):
        miss = requests.get(f"{live_portal.api}/lookup", params=params, timeout=10)
        assert_problem(miss, 404)

    # The database is a real one: a SQLite file in WAL mode, or the PostgreSQL schema.
    if live_portal.database_url.startswith("sqlite"):
        with sqlite3.connect(live_portal.storage / "portal.sqlite3") as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    engine = sqlalchemy.create_engine(live_portal.database_url)
    with engine.connect() as db:
        status = db.execute(sqlalchemy.text("SELECT status FROM dossiers WHERE id = :id"),
                            {"id": dossier_id}).scalar_one()
        assert status == 2
        assert db.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()


def test_renamed_file_refused_by_content(live_portal, live_api: Api):
    citizen = live_portal.token_for("citizen")
    fake = b"MZ\x90\x00 this is a Windows program renamed to giay_chung_sinh.pdf" * 4
    reply = live_api.upload(citizen, fake, filename="giay_chung_sinh.pdf")
    body = assert_problem(reply, 415)
    assert "PDF, JPEG hay PNG" in body["detail"]
    assert reply.headers["Tus-Resumable"] == "1.0.0"


def test_sandbox_endpoints_absent_without_sandbox(tmp_path):
    with start_portal(tmp_path / "plain", sandbox=False) as portal:
        for path in ("/sandbox/accounts", "/sandbox/messages"):
            reply = requests.get(portal.api + path, timeout=10)
            assert_problem(reply, 404)
        assert requests.get(portal.api + "/health", timeout=10).json() == {"status": "ok"}
        login = requests.post(portal.api + "/sessions", timeout=10,
                              json={"username": "0912345678", "password": "CongDan@2026"})
        assert_problem(login, 401)
        missing = requests.get(f"{portal.api}/dossiers/{uuid.uuid4()}", timeout=10)
        assert_problem(missing, 401)
        assert "WWW-Authenticate" in missing.headers


def test_pdf_helper_is_a_pdf():
    assert pdf_bytes().startswith(b"%PDF-1.4\n")


def test_a_creation_cut_off_after_its_last_byte_is_stored(live_portal, live_api: Api):
    """Every byte of the body arrived, then the line dropped before the request ended: the file
    is checked and stored all the same, not left as an upload that can never finish."""
    import base64
    import hashlib
    import os
    import socket
    import time

    token = live_portal.token_for("citizen")
    data = b"%PDF-1.4\n" + os.urandom(200_000)
    sha = hashlib.sha256(data).hexdigest()

    def b64(text: str) -> str:
        return base64.b64encode(text.encode()).decode()

    meta = f"sha256 {b64(sha)},filename {b64('a.pdf')},media_type {b64('application/pdf')}"
    host, port = live_portal.url.split("//")[1].split(":")
    with socket.create_connection((host, int(port))) as raw:
        raw.sendall((f"POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}"
                     f"\r\nTus-Resumable: 1.0.0\r\nUpload-Length: {len(data)}\r\n"
                     f"Upload-Metadata: {meta}\r\nIdempotency-Key: cut-after-last-byte\r\n"
                     "Content-Type: application/offset+octet-stream\r\n"
                     f"Content-Length: {len(data) + 1}\r\n\r\n").encode() + data)
        time.sleep(0.3)
    blob = f"/blobs/{sha}"
    deadline = time.monotonic() + 10
    while live_api.request("HEAD", blob, headers=auth(token)).status_code != 200:
        assert time.monotonic() < deadline, "the whole body was never stored"
        time.sleep(0.1)
    again = live_api.request("POST", "/uploads", headers={
        "Tus-Resumable": "1.0.0", **auth(token), "Upload-Length": str(len(data)),
        "Upload-Metadata": meta, "Idempotency-Key": "cut-after-last-byte"})
    assert again.status_code == 201 and again.headers["Upload-Offset"] == str(len(data))
