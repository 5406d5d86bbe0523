"""The sync engine's retry rules: backoff, capped retries, 401 pauses, replays harmless."""

from __future__ import annotations

import datetime as dt
import random
import socket

import pytest
from sqlalchemy import select

from app.models import DossierState, OutboxItem, OutboxState
from app.models.db import open_database
from app.services import outbox as outbox_module
from app.services.portal_client import PortalClient
from app.services.queue import AttachmentSource, DossierQueue
from app.services.sync import MAX_ATTEMPTS, SyncEngine, backoff_delay
from dvc_core.blobs import BlobStore
from dvc_core.catalog import default_catalog


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    rng = random.Random(1)
    delays = [backoff_delay(n, rng) for n in range(1, 12)]
    assert 1 <= delays[0] <= 2
    assert 4 <= delays[2] <= 8
    assert all(d <= outbox_module.BACKOFF_CAP for d in delays)
    assert delays[-1] >= outbox_module.BACKOFF_CAP / 2
    assert len({round(backoff_delay(3, rng), 6) for _ in range(20)}) > 1  # jitter


class Clock:
    def __init__(self):
        self.now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)

    def __call__(self):
        return self.now


@pytest.fixture
def queued(tmp_path):
    engine, sessions = open_database(tmp_path / "q.sqlite3")
    queue = DossierQueue(sessions, BlobStore(tmp_path / "blobs"), default_catalog())
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    ex = default_catalog().get("1.001193").example
    dossier = queue.enqueue("1.001193", ex["applicant"], ex["fields"],
                            [AttachmentSource("to_khai", pdf), AttachmentSource("giay_chung_sinh", pdf)])
    yield queue, dossier
    engine.dispose()


def dead_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"


def test_retries_are_capped_then_the_dossier_needs_attention_and_can_be_retried(queued):
    queue, dossier = queued
    clock = Clock()
    engine = SyncEngine(queue.sessions, PortalClient(dead_url(), timeout=(1, 1)), queue.blobs,
                        clock=clock, rng=random.Random(0))
    for attempt in range(1, MAX_ATTEMPTS + 1):
        report = engine.run_once()
        assert report.online is False
        with queue.sessions() as s:
            item = s.scalar(select(OutboxItem))
        assert item.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert item.state == OutboxState.PENDING
            assert engine.run_once().retry_later == []  # not due yet: nothing is tried
            clock.now = item.next_attempt_at
    assert item.state == OutboxState.ATTENTION
    assert queue.get(dossier.id).state == DossierState.NEEDS_ACTION
    assert queue.retry(dossier.id) is True
    assert queue.get(dossier.id).state == DossierState.QUEUED
    assert queue.pending_count() == 1


def test_a_401_pauses_without_using_up_a_retry(queued, live_portal):
    queue, dossier = queued
    engine = SyncEngine(queue.sessions, PortalClient(live_portal.url, token=lambda: "expired"),
                        queue.blobs)
    report = engine.run_once()
    assert report.auth_required is True
    with queue.sessions() as s:
        item = s.scalar(select(OutboxItem))
    assert item.state == OutboxState.PENDING and item.attempts == 0
    assert queue.get(dossier.id).state == DossierState.QUEUED


def test_a_dead_network_stops_a_parallel_round_without_touching_unstarted_items(queued):
    """Two dossiers go at once; when the line is down the rest wait untried, none in flight."""
    queue, _first = queued
    ex = default_catalog().get("1.001193").example
    pdf = queue.blobs.root.parent / "b.pdf"
    pdf.write_bytes(b"%PDF-1.4\nb")
    for _ in range(4):
        queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
            AttachmentSource("to_khai", pdf), AttachmentSource("giay_chung_sinh", pdf)])
    engine = SyncEngine(queue.sessions, PortalClient(dead_url(), timeout=(1, 1)), queue.blobs,
                        send_parallel=2)
    report = engine.run_once()
    assert report.online is False and report.sent == []
    with queue.sessions() as s:
        items = s.scalars(select(OutboxItem).order_by(OutboxItem.id)).all()
    assert len(items) == 5
    assert {i.state for i in items} == {OutboxState.PENDING}
    tried = [i.attempts for i in items]
    assert 1 <= sum(tried) <= 2, tried  # at most the two in flight were tried
    assert tried[0] == 1 and tried[-1] == 0  # queue order: the oldest goes first


@pytest.mark.parametrize("cut", [b"HTTP/1.1 200 OK\r\n",
                                 b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"])
def test_an_answer_cut_inside_its_headers_is_not_taken_for_an_empty_one(cut):
    """Cut inside the headers, no Content-Length arrives, so the empty body looks whole: the
    client must not read it as ``{}`` (a submission was once recorded without its code)."""
    import threading

    from app.services.portal_client import NetworkError

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def answer() -> None:
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(cut)
        conn.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    client = PortalClient(f"http://127.0.0.1:{server.getsockname()[1]}", timeout=(2, 2))
    with pytest.raises(NetworkError):
        client.submit("5f0c2d4e-0000-4000-8000-000000000000")
    thread.join(5)
    server.close()
