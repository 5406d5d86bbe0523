"""Byte accounting: an interrupted sync resends (almost) nothing; a shared file crosses once."""

from __future__ import annotations

import json
import os

from app.services.portal_client import PortalClient
from app.services.queue import AttachmentSource
from app.services.sync import SyncEngine
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import account
from tests.helpers.faultproxy import FaultProxy

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
        assert [s.id for s in second.sent] == [queued.id]
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


def test_an_upload_that_only_claims_every_byte_is_sent_again_in_the_same_pass(
        live_portal, make_services, tmp_path):
    """The portal reports an upload complete (offset = length) that it never finished (it
    stopped between the last chunk and the check): no blob. The engine must not submit on the
    strength of that offset, or the submission fails with "missing files" and waits a retry."""
    import base64
    import hashlib
    import sqlite3

    from sqlalchemy import insert

    from app.models import UploadProgress

    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    token = services.login(officer["username"], officer["password"]).token
    scan, other = _scans(tmp_path, 2)
    data = scan.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in (
        ("sha256", sha), ("filename", "a.pdf"), ("media_type", "application/pdf")))
    headers = {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}
    created = live_portal.http.post(f"{live_portal.api}/uploads", headers={
        **headers, "Upload-Length": str(len(data)), "Upload-Metadata": meta}, timeout=10)
    upload_id = created.headers["Location"].rsplit("/", 1)[1]
    (live_portal.storage / "uploads" / upload_id).write_bytes(data)  # every byte, unchecked
    with sqlite3.connect(live_portal.database_url.removeprefix("sqlite:///")) as db:
        db.execute("update uploads set \"offset\" = ? where id = ?", (len(data), upload_id))

    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", scan), AttachmentSource("giay_chung_sinh", other)])
    with services.sessions.begin() as session:  # this machine had started that upload
        session.execute(insert(UploadProgress).values(
            server="direct", sha256=sha, url=f"{live_portal.api}/uploads/{upload_id}",
            length=len(data), offset=len(data)))
    client = PortalClient(live_portal.url, token=services.tokens.token)
    report = SyncEngine(services.sessions, client, services.blobs, server_key="direct").run_once()
    assert [s.id for s in report.sent] == [queued.id], report.to_json()
    assert services.queue.get(queued.id).code
