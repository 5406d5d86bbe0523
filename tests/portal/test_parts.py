"""The portal's parts on their own: lifecycle table, due dates, notifier, CLI, embedded server."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json
import threading
import uuid

import pytest
import requests
from fastapi.testclient import TestClient

from dvc_core import lifecycle
from portal.app import create_app
from portal.cli import main
from portal.scheduling import VN, due_at, official_code
from portal.server import EmbeddedPortal
from portal.settings import PortalSettings, SmtpSettings
from tests.helpers.portal_api import Api, assert_problem, auth
from tests.helpers.portal_fixture import free_port


def test_transition_table_matches_the_domain():
    assert len(lifecycle.STATUS_TEXT) == 10
    assert lifecycle.STATUS_TEXT[5] == "Yêu cầu bổ sung giấy tờ"
    t = lifecycle.TRANSITIONS
    assert (t["receive"].sources, t["receive"].target) == ({1}, 2)
    assert t["request_supplement"].sources == {2, 4} and t["request_supplement"].note_required
    assert t["withdraw"].sources == {1, 2, 4, 5, 6} and t["withdraw"].roles == {"owner"}
    assert t["refuse"].note_required and t["stop"].note_required
    assert not t["resubmit"].api
    assert lifecycle.allowed_actions(1, is_owner=False, role="officer") == ["receive", "refuse"]
    assert lifecycle.allowed_actions(1, is_owner=True, role="citizen") == ["withdraw"]


def _vn(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


@pytest.mark.parametrize(("received", "limit", "due"), [
    (_vn(2026, 11, 25, 14, 59), {"same_day": True}, _vn(2026, 11, 25, 17)),
    (_vn(2026, 11, 25, 15, 1), {"same_day": True}, _vn(2026, 11, 26, 17)),
    (_vn(2026, 11, 27, 15, 30), {"same_day": True}, _vn(2026, 11, 30, 17)),  # Friday → Monday
    (_vn(2026, 11, 28, 9, 0), {"same_day": True}, _vn(2026, 11, 30, 17)),  # Saturday → Monday
    (_vn(2026, 11, 26, 10, 0), {"working_days": 3}, _vn(2026, 12, 1, 17)),  # Thu + 3 → Tue
])
def test_due_dates(received, limit, due):
    assert due_at(received.astimezone(dt.UTC), limit) == due.astimezone(dt.UTC)


def test_official_code_format():
    assert official_code("000.99.99.H56", "261125", 7) == "000.99.99.H56-261125-0007"


def test_unexpected_errors_become_problems(settings):
    app = create_app(settings)

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        reply = client.get("/api/v1/boom")
    body = assert_problem(reply, 500)
    assert "secret internals" not in reply.text and "Máy chủ gặp lỗi" in body["detail"]


def test_submission_email_goes_through_smtp_with_retry(tmp_path, clock):
    aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.content)
            return "250 OK"

    # First try an address nobody listens on: the message stays queued for a retry.
    port = free_port()
    settings = PortalSettings(storage_dir=tmp_path / "smtp", sandbox=True, clock=clock,
                              smtp=SmtpSettings(host="127.0.0.1", port=port, timeout=2))
    app = create_app(settings)
    ctx = app.state.portal
    with TestClient(app) as client:
        api = Api(client, "/api/v1")
        ctx.notifier.stop()  # deliver by hand, deterministically
        token = api.login("0912345678", "CongDan@2026")
        submitted = api.submitted(token)
        assert ctx.notifier.deliver_pending() == 0
        clock.advance(minutes=1)
        controller = aiosmtpd_controller.Controller(Handler(), hostname="127.0.0.1", port=port)
        controller.start()
        try:
            assert ctx.notifier.deliver_pending() == 1
        finally:
            controller.stop()
    mail = email.message_from_bytes(received[0], policy=email.policy.default)
    assert mail["To"] == "hoa.le@example.vn"
    assert mail["Subject"].startswith("Thông tin đăng ký thành công")
    assert submitted["code"] in mail.get_content()


def test_cli_user_add_and_action(tmp_path, monkeypatch, capsys):
    storage = tmp_path / "cli"
    db = f"sqlite:///{storage}/portal.sqlite3"
    monkeypatch.setattr("sys.stdin", io.StringIO("Officer@2026\n"))
    assert main(["user", "add", "--database", db, "--storage", str(storage), "--username",
                 "canbo.moi", "--password-stdin", "--role", "officer", "--commune",
                 "000.97.97.H56", "--commune-name", "Xã Mới", "--name", "Phạm Thị Mới"]) == 0
    assert json.loads(capsys.readouterr().out)["role"] == "officer"
    monkeypatch.setattr("sys.stdin", io.StringIO("weak\n"))
    assert main(["user", "add", "--database", db, "--storage", str(storage), "--username", "x",
                 "--password-stdin", "--role", "kiosk", "--commune", "000.97.97.H56",
                 "--name", "Ki ốt"]) == 2

    settings = PortalSettings(database_url=db, storage_dir=storage, sandbox=True)
    with TestClient(create_app(settings)) as client:
        api = Api(client, "/api/v1")
        citizen = api.login("0912345678", "CongDan@2026")
        submitted = api.submitted(citizen)
        officer = api.login("canbo.moi", "Officer@2026")
        me = api.request("GET", "/sessions/current", headers=auth(officer)).json()
        assert me["commune"] == "000.97.97.H56"
    capsys.readouterr()
    assert main(["--database", db, "action", submitted["code"], "receive",
                 "--officer", "canbo.thuchanh", "--note", "Đủ giấy tờ"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == 2
    assert main(["action", "--database", db, "--storage", str(storage), submitted["uuid"],
                 "refuse"]) == 2
    assert "Không thể" in capsys.readouterr().err
    assert main(["action", "--database", db, submitted["uuid"], "start"]) == 0
    with TestClient(create_app(settings)) as client:
        api = Api(client, "/api/v1")
        citizen = api.login("0912345678", "CongDan@2026")
        history = api.request("GET", f"/dossiers/{submitted['uuid']}",
                              headers=auth(citizen)).json()["history"]
    assert [(h["action"], h["role"]) for h in history] == [
        ("submit", "citizen"), ("receive", "officer"), ("start", "admin")]
    assert history[1]["note"] == "Đủ giấy tờ" and history[1]["by"] == "Nguyễn Văn Cán Bộ"


def test_embedded_portal_and_concurrent_submissions(tmp_path):
    portal = EmbeddedPortal(PortalSettings(storage_dir=tmp_path / "embedded", sandbox=True)).start()
    try:
        assert portal.url.startswith("http://127.0.0.1:")
        assert requests.get(portal.url + "/health", timeout=5).json() == {"status": "ok"}
        http = requests.Session()
        api = Api(http, portal.api, timeout=20)
        token = api.login("0912345678", "CongDan@2026")
        ids = [api.new_dossier(token)[0] for _ in range(8)]
        codes: list[str] = []
        errors: list[str] = []

        def submit(dossier_id: str) -> None:
            with requests.Session() as own:
                reply = own.post(f"{portal.api}/dossiers/{dossier_id}/submit", headers=auth(token),
                                 timeout=20)
            if reply.status_code == 200:
                codes.append(reply.json()["code"])
            else:
                errors.append(reply.text)

        threads = [threading.Thread(target=submit, args=(i,)) for i in ids + ids[:3]]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert errors == []
        assert len(codes) == 11 and len(set(codes)) == 8  # repeats answer the same code
        numbers = sorted(int(c.rsplit("-", 1)[1]) for c in set(codes))
        assert numbers == list(range(1, 9))
        missing = requests.get(f"{portal.api}/dossiers/{uuid.uuid4()}", headers=auth(token),
                               timeout=5)
        assert_problem(missing, 404)
    finally:
        portal.stop()


def test_outside_the_sandbox_no_message_text_is_kept(tmp_path, clock):
    from sqlalchemy import select

    from portal.models import Message

    settings = PortalSettings(storage_dir=tmp_path / "plain", sandbox=False, clock=clock)
    ctx = create_app(settings).state.portal
    with ctx.sessions() as session:
        ctx.notifier.queue(session, "sms", "0912345678", "Mã xác thực (OTP): 123456")
        session.commit()
    assert ctx.notifier.deliver_pending() == 0  # no SMS gateway configured
    with ctx.sessions() as session:
        message = session.scalars(select(Message)).one()
        assert message.status == "failed" and message.body == ""


def test_schema_compiles_for_postgresql():
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateTable

    from portal.db import Base

    ddl = "\n".join(str(CreateTable(t).compile(dialect=postgresql.dialect()))
                    for t in Base.metadata.sorted_tables)
    assert "TIMESTAMP WITH TIME ZONE" in ddl and "AUTOINCREMENT" not in ddl
