"""Operating the portal: the HTTP SMS gateway, public holidays, clean-up, schema migrations."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from fastapi.testclient import TestClient

from portal.app import create_app
from portal.cli import _parser, _settings, main
from portal.db import create_schema, make_engine
from portal.models import Message, OtpChallenge, RateEvent, SessionToken, SignupRequest, Upload
from portal.scheduling import VN, WorkingCalendar, default_calendar, due_at
from portal.settings import PortalSettings, SmsGatewaySettings
from tests.helpers.portal_api import TUS, Api, Clock, assert_problem, auth, pdf_bytes, tus_metadata


class Gateway:
    """A tiny SMS gateway on loopback: records every POST, answers the statuses queued."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        self.arrived = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append({"auth": self.headers.get("Authorization"),
                                         "type": self.headers.get("Content-Type"),
                                         "json": json.loads(body.decode("utf-8"))})
                status = gateway.statuses.pop(0) if gateway.statuses else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if status < 300 else b'{"error": "busy"}')
                gateway.arrived.set()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def wait(self, count: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.received) >= count, self.received


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    gw = Gateway()
    gw.thread.start()
    yield gw
    gw.server.shutdown()
    gw.server.server_close()


REGISTRATION = {"account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
                "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
                "phone": "+84 983 456 789"}


def test_sign_up_otp_arrives_through_the_http_gateway(tmp_path, database_url, gateway, clock):
    settings = PortalSettings(storage_dir=tmp_path / "p", database_url=database_url, clock=clock,
                              sms=SmsGatewaySettings(gateway.url, token="bi-mat"))
    with TestClient(create_app(settings)) as client:
        api = Api(client, "/api/v1")
        reply = api.request("POST", "/accounts", json=REGISTRATION)
        assert reply.status_code == 201, reply.text
        gateway.wait(1)  # the notifier's worker delivers right after the commit
        sent = gateway.received[0]
        assert sent["auth"] == "Bearer bi-mat" and sent["type"].startswith("application/json")
        assert sent["json"]["to"] == "0983456789" and isinstance(sent["json"]["id"], int)
        otp = re.search(r"\b(\d{6})\b", sent["json"]["message"]).group(1)
        account = reply.json()["account_id"]
        assert api.request("POST", f"/accounts/{account}/verify", json={"otp": otp}).status_code == 200
        # Outside the sandbox the OTP is not kept once sent, and /sandbox/* does not exist.
        with settings_session(client) as session:
            bodies = session.scalars(sqlalchemy.select(Message.body)).all()
        assert bodies == [""]
        assert_problem(client.get("/api/v1/sandbox/messages"), 404)


def settings_session(client: TestClient):
    return client.app.state.portal.sessions()


def test_gateway_down_or_busy_is_retried_and_a_refusal_is_final(tmp_path, database_url, gateway,
                                                                 clock: Clock):
    settings = PortalSettings(storage_dir=tmp_path / "p", database_url=database_url, clock=clock,
                              sms=SmsGatewaySettings(gateway.url, timeout=3))
    app = create_app(settings)
    ctx = app.state.portal
    with TestClient(app) as client:
        ctx.notifier.stop()  # deliver by hand, deterministically
        gateway.statuses = [503, 429]
        api = Api(client, "/api/v1")
        assert api.request("POST", "/accounts", json=REGISTRATION).status_code == 201
        assert ctx.notifier.deliver_pending() == 0  # 503
        assert ctx.notifier.deliver_pending() == 0  # not due yet: nothing sent
        clock.advance(seconds=31)
        assert ctx.notifier.deliver_pending() == 0  # 429
        clock.advance(minutes=2)
        assert ctx.notifier.deliver_pending() == 1  # 200
        assert len(gateway.received) == 3
        assert len({r["json"]["id"] for r in gateway.received}) == 1  # same id: gateway can dedupe

        gateway.statuses = [400]
        clock.advance(minutes=2)
        assert api.request("POST", f"/accounts/{client_account(client)}/otp").status_code == 200
        assert ctx.notifier.deliver_pending() == 0
        with ctx.sessions() as session:
            last = session.scalars(sqlalchemy.select(Message).order_by(Message.id.desc())).first()
            assert last.status == "failed" and "400" in last.last_error
        clock.advance(hours=2)
        assert ctx.notifier.deliver_pending() == 0 and len(gateway.received) == 4


def client_account(client: TestClient) -> str:
    """The sign-up request the test made (its id is the ``account_id`` the portal answered)."""
    with settings_session(client) as session:
        return session.scalar(sqlalchemy.select(SignupRequest.id)
                              .where(SignupRequest.phone == "0983456789"))


def test_cli_reads_the_gateway_from_argv_or_the_environment(monkeypatch):
    args = _parser().parse_args(["--sms-gateway", "https://sms.example.vn/api"])
    monkeypatch.setenv("DVC_PORTAL_SMS_TOKEN", "tok")
    sms = _settings(args).sms
    assert sms is not None and sms.url == "https://sms.example.vn/api" and sms.token == "tok"
    monkeypatch.setenv("DVC_PORTAL_SMS_GATEWAY", "http://127.0.0.1:9/x")
    assert _settings(_parser().parse_args([])).sms.url == "http://127.0.0.1:9/x"
    monkeypatch.delenv("DVC_PORTAL_SMS_GATEWAY")
    assert _settings(_parser().parse_args([])).sms is None


def test_a_gsm7_gateway_gets_the_status_sms_unaccented(gateway, monkeypatch):
    from portal.notify import HttpSmsSender, status_sms

    body = status_sms("000.99.99.H56-261125-0001", 5, note="Bản sao “Giấy chứng sinh” – có chứng thực",
                      unit="Trung tâm Phục vụ hành chính công xã Thiệu Hóa")
    for unaccented, expected in ((False, body), (True, (
            'Ho so 000.99.99.H56-261125-0001 can bo sung: Ban sao "Giay chung sinh" - co chung '
            "thuc. Hay bo sung tren Cong dich vu cong hoac tai Trung tam Phuc vu hanh chinh cong "
            "xa Thieu Hoa."))):
        sender = HttpSmsSender(SmsGatewaySettings(gateway.url, unaccented=unaccented))
        sender.send(Message(id=7, channel="sms", to="0983456789", body=body))
        assert gateway.received[-1]["json"]["message"] == expected
    monkeypatch.setenv("DVC_PORTAL_SMS_UNACCENTED", "1")
    args = _parser().parse_args(["--sms-gateway", gateway.url])
    assert _settings(args).sms.unaccented
    monkeypatch.delenv("DVC_PORTAL_SMS_UNACCENTED")
    assert not _settings(_parser().parse_args(["--sms-gateway", gateway.url])).sms.unaccented


def test_cli_sets_the_upload_quota():
    assert _settings(_parser().parse_args([])).upload_quota_bytes == 200 * 1024 * 1024
    args = _parser().parse_args(["--upload-quota-mb", "1024"])
    assert _settings(args).upload_quota_bytes == 1024 * 1024 * 1024


def _vn(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN).astimezone(dt.UTC)


def test_holidays_file_covers_2025_to_2027_and_marks_what_is_unconfirmed():
    data = json.loads((Path(__file__).resolve().parents[2] / "portal" / "data" /
                       "holidays_vn.json").read_text(encoding="utf-8"))
    names = " ".join(h["name"] for h in data["holidays"])
    assert "Tết Nguyên đán" in names and "Giỗ Tổ Hùng Vương" in names and "Quốc khánh" in names
    years = {h["date"][:4] for h in data["holidays"]}
    assert years == {"2025", "2026", "2027"}
    assert any(h["confirmed"] is False for h in data["holidays"])
    for h in data["holidays"]:  # a holiday on a weekend is given as the working day it moves to
        assert dt.date.fromisoformat(h["date"]).weekday() < 5, h
    cal = default_calendar()
    assert dt.date(2025, 1, 29) in cal.holidays and dt.date(2025, 4, 7) in cal.holidays
    assert dt.date(2027, 4, 16) in cal.unconfirmed


@pytest.mark.parametrize(("received", "limit", "due"), [
    # Tết Ất Tỵ: received Friday 24/1/2025 afternoon, same day → after the break, Mon 3/2.
    (_vn(2025, 1, 24, 15, 30), {"same_day": True}, _vn(2025, 2, 3, 17)),
    # 3 working days from Thu 3/4/2025: Fri 4, (Mon 7 Giỗ Tổ), Tue 8, Wed 9.
    (_vn(2025, 4, 3, 10, 0), {"working_days": 3}, _vn(2025, 4, 9, 17)),
    # Saturday 26/4/2025 was worked (in exchange for 2/5): Fri 25/4 + 2 → Sat 26, Mon 28.
    (_vn(2025, 4, 25, 9, 0), {"working_days": 2}, _vn(2025, 4, 28, 17)),
    # 30/4, 1/5 and 2/5/2025 off: Tue 29/4 after 15:00 → Mon 5/5.
    (_vn(2025, 4, 29, 16, 0), {"same_day": True}, _vn(2025, 5, 5, 17)),
    # Quốc khánh 2025: Fri 29/8 after 15:00 → Wed 3/9.
    (_vn(2025, 8, 29, 15, 1), {"same_day": True}, _vn(2025, 9, 3, 17)),
    # Before 15:00 on a working day it stays that day.
    (_vn(2026, 11, 25, 14, 59), {"same_day": True}, _vn(2026, 11, 25, 17)),
])
def test_due_dates_skip_public_holidays(received, limit, due):
    assert due_at(received, limit) == due


def test_an_edited_holidays_file_is_used(tmp_path, clock):
    path = tmp_path / "holidays.json"
    # The province declares Thursday 26/11/2026 a local day off.
    path.write_text(json.dumps({"holidays": [{"date": "2026-11-26", "name": "Nghỉ", "confirmed": True}]}),
                    encoding="utf-8")
    cal = WorkingCalendar.load(path)
    assert due_at(_vn(2026, 11, 25, 16, 0), {"same_day": True}, cal) == _vn(2026, 11, 27, 17)
    settings = PortalSettings(storage_dir=tmp_path / "p", sandbox=True, clock=clock,
                              holidays_file=path)
    clock.now = _vn(2026, 11, 25, 16, 0)
    with TestClient(create_app(settings)) as client:
        api = Api(client, "/api/v1")
        token = api.login("0912345678", "CongDan@2026")
        assert api.submitted(token)["due_at"] == _vn(2026, 11, 27, 17).isoformat()


def test_cleanup_forgets_expired_tokens_abandoned_uploads_and_old_messages(tmp_path, database_url,
                                                                           clock: Clock):
    settings = PortalSettings(storage_dir=tmp_path / "p", database_url=database_url, clock=clock,
                              sandbox=True)
    app = create_app(settings)
    ctx = app.state.portal
    with TestClient(app) as client:
        api = Api(client, "/api/v1")
        old_token = api.login("0912345678", "CongDan@2026")
        revoked = api.login("0912345678", "CongDan@2026")
        api.request("DELETE", "/sessions/current", headers=auth(revoked))
        assert_problem(api.request("POST", "/sessions", json={"username": "x", "password": "y"}), 401)
        api.request("POST", "/accounts", json=REGISTRATION)  # an OTP SMS in the sandbox record
        created = api.request("POST", "/uploads", headers={
            **TUS, **auth(old_token), "Upload-Length": "100",
            "Upload-Metadata": tus_metadata(sha256="b" * 64)})
        upload_id = created.headers["Location"].rsplit("/", 1)[1]
        half = api.request("PATCH", f"/uploads/{upload_id}", content=b"%PDF-1.4\n" + b"x" * 41,
                           headers={**TUS, **auth(old_token), "Upload-Offset": "0",
                                    "Content-Type": "application/offset+octet-stream"})
        assert half.status_code == 204 and half.headers["Upload-Offset"] == "50"
        partial = settings.storage_dir / "uploads" / upload_id
        assert partial.exists()
        orphan = settings.storage_dir / "uploads" / "crashed-before-row"
        orphan.write_bytes(b"x")
        os.utime(orphan, (time.time() - 2 * 86400,) * 2)
        # A finished file a dossier uses is never touched by the clean-up; one no dossier uses
        # goes once it expires, with its record of who sent it.
        dossier_id, body = api.new_dossier(old_token)
        kept = [a["sha256"] for a in body["attachments"]]
        done = api.upload(old_token, pdf_bytes("unused"))
        assert done.status_code == 204

        assert ctx_cleanup(ctx) == {"tokens": 0, "otps": 0, "rate_events": 0, "messages": 0,
                                    "uploads": 0, "orphan_files": 1, "holdings": 0, "blobs": 0}
        clock.advance(days=8)
        counts = ctx_cleanup(ctx)
        assert counts["tokens"] == 2 and counts["uploads"] == 4 and counts["messages"] >= 1
        assert counts["holdings"] == 1 and counts["blobs"] == 1
        # A failed login (per name and per address); a sign-up code (per phone, ID number, address).
        assert counts["otps"] == 1 and counts["rate_events"] == 5
        assert not partial.exists() and not orphan.exists()
        with ctx.sessions() as session:
            for model in (SessionToken, Upload, RateEvent, OtpChallenge, SignupRequest, Message):
                assert session.scalars(sqlalchemy.select(model)).all() == [], model
        assert all(ctx.blobs.has(sha) for sha in kept)
        assert not ctx.blobs.has(sha_of(pdf_bytes("unused")))
        assert api.request("GET", "/sandbox/messages").json() == []
        # A fresh login still works and is not cleaned away.
        fresh = api.login("0912345678", "CongDan@2026")
        assert ctx_cleanup(ctx)["tokens"] == 0
        assert api.request("GET", "/sessions/current", headers=auth(fresh)).status_code == 200


def ctx_cleanup(ctx) -> dict[str, int]:
    from portal.maintenance import cleanup

    return cleanup(ctx)


def sha_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_cleanup_command(tmp_path, capsys):
    storage = tmp_path / "cli"
    db = f"sqlite:///{storage}/portal.sqlite3"
    assert main(["cleanup", "--database", db, "--storage", str(storage)]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert set(counts) == {"tokens", "otps", "rate_events", "messages", "uploads", "orphan_files",
                           "holdings", "blobs"}
    with sqlite3.connect(storage / "portal.sqlite3") as conn:  # and it migrated the schema first
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_database_from_before_alembic_is_stamped_and_upgraded(tmp_path):
    """A portal database made by the old create_all start-up opens in this version."""
    from alembic import command
    from alembic.config import Config

    from portal.db import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql("DROP TABLE alembic_version")
        conn.exec_driver_sql("INSERT INTO communes VALUES ('000.99.99.H56', 'Xã cũ')")
    create_schema(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM communes").scalar_one() == "Xã cũ"
        columns = {c["name"] for c in sqlalchemy.inspect(conn).get_columns("dossiers")}
        assert "created_session" in columns
    create_schema(engine)  # again: nothing to do
    engine.dispose()
