"""One birth registration from the queue to the real portal and back, with faults."""

from __future__ import annotations

import http.server
import re
import threading

import pytest
import requests

from app.models import DossierState, OutboxState
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import account

CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$")


def example():
    ex = default_catalog().get("1.001193").example
    return ex["applicant"], ex["fields"]


def test_dossier_reaches_the_portal_and_the_officers_decision_comes_back(
        live_portal, make_services, attachments):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    queued = services.queue.enqueue("1.001193", *example(), attachments)
    assert services.queue.get(queued.id).state == DossierState.QUEUED

    report = services.sync_engine().run_once()
    assert report.online and not report.attention, report.to_json()
    assert [s.id for s in report.sent] == [queued.id]
    dossier = services.queue.get(queued.id)
    assert dossier.state == DossierState.SUBMITTED
    assert CODE.match(dossier.code), dossier.code
    assert dossier.status == 1 and dossier.status_text == "Mới đăng ký"
    assert dossier.due_at is not None

    # The portal holds it with every attachment verified by hash.
    remote = services.client.get_dossier(queued.id)
    assert remote["code"] == dossier.code and remote["status"] == 1

    # The officer receives it on the portal; the change comes back through the feed.
    services.client.action(queued.id, "receive", remote["version"])
    report = services.sync_engine().run_once()
    assert report.changes >= 1
    dossier = services.queue.get(queued.id)
    assert dossier.status == 2 and dossier.status_text == "Được tiếp nhận"
    assert [h.status for h in dossier.history] == [1, 2]

    # A second pass sends nothing and applies nothing twice.
    report = services.sync_engine().run_once()
    assert report.sent == [] and len(services.queue.get(queued.id).history) == 2


def test_a_blob_already_on_the_portal_is_not_sent_again(live_portal, make_services, attachments):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    first = services.queue.enqueue("1.001193", *example(), attachments)
    second = services.queue.enqueue("1.001193", *example(), attachments)
    uploads: list[str] = []
    original = services.client.create_upload

    def counting(sha, *args, **kwargs):
        uploads.append(sha)
        return original(sha, *args, **kwargs)

    services.client.create_upload = counting
    report = services.sync_engine().run_once()
    assert {s.id for s in report.sent} == {first.id, second.id}
    assert len(uploads) == 2  # two distinct files, each sent once for both dossiers
    codes = {services.queue.get(first.id).code, services.queue.get(second.id).code}
    assert len(codes) == 2


def test_portal_down_keeps_the_dossier_queued_with_a_vietnamese_message(make_services, attachments):
    with socket_closed_port() as port:
        services = make_services(f"http://127.0.0.1:{port}")
        queued = services.queue.enqueue("1.001193", *example(), attachments)
        report = services.sync_engine().run_once()
    assert report.online is False
    assert "Không kết nối được" in report.error
    dossier = services.queue.get(queued.id)
    assert dossier.state == DossierState.QUEUED
    assert "Không kết nối được" in dossier.last_error
    with services.sessions() as s:
        from sqlalchemy import select

        from app.models import OutboxItem

        item = s.scalar(select(OutboxItem))
        assert item.state == OutboxState.PENDING and item.attempts == 1
        assert item.next_attempt_at > item.created_at
    # Not due yet: a second pass right away sends nothing.
    assert services.sync_engine().run_once().retry_later == []


def test_portal_answering_500_is_retried_later_not_lost(make_services, attachments):
    with failing_server(500) as url:
        services = make_services(url)
        queued = services.queue.enqueue("1.001193", *example(), attachments)
        report = services.sync_engine().run_once()
    assert [r.id for r in report.retry_later] == [queued.id]
    assert "mã 500" in report.retry_later[0].error
    assert services.queue.get(queued.id).state == DossierState.QUEUED


def test_portal_refusal_marks_the_dossier_for_attention_with_the_field(
        live_portal, make_services, attachments):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    queued = services.queue.enqueue("1.001193", *example(), attachments)
    # Corrupt the stored copy the way an old client or a bad edit could, to see the portal refuse.
    with services.sessions.begin() as s:
        from app.models import Dossier

        d = s.get(Dossier, queued.id)
        d.fields = dict(d.fields, **{"child.birth_date": "2999-01-01"})
    report = services.sync_engine().run_once()
    assert [a.id for a in report.attention] == [queued.id]
    dossier = services.queue.get(queued.id)
    assert dossier.state == DossierState.NEEDS_ACTION
    assert "tương lai" in dossier.last_error


# ---------------------------------------------------------------------------------------------
class socket_closed_port:
    """A loopback port nothing listens on."""

    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc) -> None:
        pass


class failing_server:
    """A real HTTP server on loopback that answers every request with one status."""

    def __init__(self, status: int):
        self.status = status

    def __enter__(self) -> str:
        status = self.status

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = b"<html>Internal Server Error</html>"
                self.send_response(status)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_POST = do_HEAD = do_PATCH = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_failing_server_helper_really_answers_500():
    with failing_server(503) as url:
        assert requests.get(url + "/api/v1/health", timeout=5).status_code == 503


@pytest.mark.parametrize("bad", ["ftp://example.vn", "http://example.vn", "not a url"])
def test_plain_http_is_refused_except_for_loopback(bad):
    from app.services.portal_client import check_server_url

    with pytest.raises(ValueError, match="không an toàn"):
        check_server_url(bad)
    assert check_server_url("https://dichvucong.example.vn/") == "https://dichvucong.example.vn"
