"""A message claimed just before a crash is not lost: its claim lapses and it is sent, or, if
it is an OTP whose five minutes are over, given up with its body removed.

The real portal (outside the sandbox, so bodies are not kept) sends a sign-up's OTP to an SMS
gateway that holds the request; the portal is killed (SIGKILL) mid-send and started again on
the same database, SQLite or PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from portal.models import Message
from tests.helpers.portal_fixture import start_portal

REGISTRATION = {"account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
                "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
                "phone": "0983456789"}


class HoldingGateway:
    """An SMS gateway that keeps the first request waiting until told to let go."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.release = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append(json.loads(body.decode("utf-8")))
                if len(gateway.received) == 1:
                    gateway.release.wait(30)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}')

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count: int, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.received) >= count, self.received


@pytest.fixture
def gateway() -> Iterator[HoldingGateway]:
    gw = HoldingGateway()
    yield gw
    gw.release.set()
    gw.server.shutdown()
    gw.server.server_close()


def _rows(url: str) -> list[Any]:
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sqlalchemy.select(Message.__table__)).all())
    finally:
        engine.dispose()


def _age(url: str, **delta: float) -> None:
    """Move the message's clocks back, as if that much time had passed since the crash."""
    shift = dt.timedelta(**delta)
    engine = sqlalchemy.create_engine(url)
    table = Message.__table__
    try:
        with engine.begin() as conn:
            for row in conn.execute(sqlalchemy.select(table)).all():
                conn.execute(table.update().where(table.c.id == row.id).values(
                    next_attempt_at=row.next_attempt_at - shift,
                    expires_at=row.expires_at - shift if row.expires_at else None))
    finally:
        engine.dispose()


def _crash_mid_send(tmp_path: Path, database_url: str, gateway: HoldingGateway) -> str:
    """Sign up, kill the portal while the OTP is with the gateway; returns the database URL."""
    args = ["--sms-gateway", gateway.url]
    with start_portal(tmp_path / "portal", sandbox=False, extra_args=args,
                      database_url=database_url or None) as portal:
        reply = portal.http.post(f"{portal.api}/accounts", json=REGISTRATION, timeout=10)
        assert reply.status_code < 300, reply.text
        gateway.wait(1)
        portal.process.kill()  # SIGKILL: no clean-up, no answer to the gateway
        portal.process.wait(10)
        url = portal.database_url
    gateway.release.set()
    (row,) = _rows(url)
    assert row.status == "sending" and "Mã xác thực" in row.body
    # An OTP lives five minutes, and its message says so.
    assert row.expires_at is not None
    assert dt.timedelta(minutes=4) < row.expires_at - row.created_at <= dt.timedelta(minutes=5)
    return url


def test_a_send_cut_by_a_crash_is_sent_after_its_claim_lapses(tmp_path, database_url, gateway):
    url = _crash_mid_send(tmp_path, database_url, gateway)
    first = gateway.received[0]
    _age(url, minutes=2.5)  # the claim's two-minute lease is over; the OTP's five are not
    with start_portal(tmp_path / "portal", sandbox=False, extra_args=["--sms-gateway", gateway.url],
                      database_url=url):
        gateway.wait(2)
        deadline = time.monotonic() + 20
        while _rows(url)[0].status != "sent" and time.monotonic() < deadline:
            time.sleep(0.05)
    (row,) = _rows(url)
    assert row.status == "sent" and row.body == ""  # delivered, and the OTP not kept
    assert gateway.received[1] == first  # the same message, same id: the gateway can dedupe


def test_an_otp_that_expired_during_the_crash_is_never_sent_and_not_kept(tmp_path, database_url,
                                                                          gateway):
    url = _crash_mid_send(tmp_path, database_url, gateway)
    _age(url, minutes=10)
    with start_portal(tmp_path / "portal", sandbox=False, extra_args=["--sms-gateway", gateway.url],
                      database_url=url):
        (row,) = _rows(url)  # the start-up clean-up has run before the portal answers
    assert row.status == "failed" and row.body == "" and "hết hạn" in row.last_error
    assert len(gateway.received) == 1
