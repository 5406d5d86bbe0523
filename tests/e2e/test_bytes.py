"""Byte accounting: an interrupted sync resends (almost) nothing; a shared file crosses once."""

from __future__ import annotations

import json
import os

from app.services.catalog import default_catalog
from app.services.portal_client import PortalClient
from app.services.queue import AttachmentSource
from app.services.sync import SyncEngine
from tests.e2e.conftest import account
from tests.faultproxy import FaultProxy

MB = 1024 * 1024


def _scans(tmp_path, count: int) -> list:
    paths = []
    for i in range(count):
        path = tmp_path / f"scan-{i}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + os.urandom(MB - 9))
        paths.append(path)
    return paths


def _engine(services, proxy) -> SyncEngine:
    client = PortalClient(proxy.url, token=services.tokens.token)
    return SyncEngine(services.sessions, client, services.blobs, server_key="proxy")


def test_interrupted_upload_resumes_without_resending(live_portal, make_services, tmp_path):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    ex = default_catalog().get("1.001193").example
    scans = _scans(tmp_path, 3)
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", scans[0]), AttachmentSource("giay_chung_sinh", scans[1]),
        AttachmentSource("uy_quyen", scans[2])])
    document = len(json.dumps({"applicant": ex["applicant"], "fields": ex["fields"]}).encode())
    payload = 3 * MB + document

    with FaultProxy("127.0.0.1", int(live_portal.url.rsplit(":", 1)[1])) as proxy:
        proxy.cut_once_after = int(1.6 * MB)  # the line drops in the middle of the second file
        first = _engine(services, proxy).run_once()
        assert first.online is False and first.sent == []
        second = _engine(services, proxy).run_once(ignore_backoff=True)
        assert [s["id"] for s in second.sent] == [queued.id]
        ratio = proxy.bytes_up / payload
    assert ratio <= 1.05, f"sent {proxy.bytes_up} bytes for a {payload}-byte payload ({ratio:.3f}×)"
    assert services.queue.get(queued.id).code


def test_a_file_shared_by_many_dossiers_crosses_the_wire_once(live_portal, make_services, tmp_path):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    ex = default_catalog().get("1.001193").example
    shared, *own = _scans(tmp_path, 4)
    for path in own:
        services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
            AttachmentSource("to_khai", path), AttachmentSource("giay_chung_sinh", shared)])
    with FaultProxy("127.0.0.1", int(live_portal.url.rsplit(":", 1)[1])) as proxy:
        report = _engine(services, proxy).run_once()
        assert len(report.sent) == 3
        sent = proxy.bytes_up
    # 4 distinct files of 1 MB; three dossiers' JSON and HTTP headers on top.
    assert 4 * MB <= sent <= 4.1 * MB, sent
