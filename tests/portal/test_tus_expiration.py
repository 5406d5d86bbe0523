"""Uploads no dossier uses do not stay forever: they expire (tus "expiration", counted from the
last activity), the clean-up removes them and their files, and an account's pending upload
bytes have a quota."""

from __future__ import annotations

import datetime as dt
import uuid
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from portal.app import create_app
from portal.maintenance import cleanup
from portal.settings import PortalSettings
from tests.helpers.portal_api import (
    TUS,
    Api,
    Clock,
    assert_problem,
    attachment,
    auth,
    example_dossier,
    pdf_bytes,
    sha256,
    tus_metadata,
)

KB = 1024


@pytest.fixture
def settings(tmp_path: Path, clock: Clock, database_url: str) -> PortalSettings:
    return PortalSettings(storage_dir=tmp_path / "portal", sandbox=True, clock=clock,
                          database_url=database_url, max_file_bytes=64 * KB,
                          max_dossier_bytes=160 * KB, upload_quota_bytes=100 * KB,
                          upload_ttl=dt.timedelta(hours=24),
                          token_ttl=dt.timedelta(days=7))  # the clock moves by days


@pytest.fixture
def client(settings: PortalSettings) -> Any:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _big(tag: str, size: int) -> bytes:
    head = pdf_bytes(tag)
    return head + b"%" + b"x" * (size - len(head) - 1)


def _create(api: Api, token: str, data: bytes, body: bytes | None = None):
    extra = {"Content-Type": "application/offset+octet-stream"} if body is not None else {}
    return api.request("POST", "/uploads", content=body, headers={
        **TUS, **auth(token), **extra, "Upload-Length": str(len(data)),
        "Upload-Metadata": tus_metadata(sha256=sha256(data), filename="a.pdf")})


def _expires(reply: Any) -> dt.datetime:
    header = reply.headers["Upload-Expires"]
    assert header.endswith(" GMT"), header  # RFC 7231 IMF-fixdate
    return parsedate_to_datetime(header)


def test_an_unfinished_upload_announces_when_it_expires_counted_from_its_last_bytes(
        client, api: Api, citizen: str, clock: Clock, settings: PortalSettings):
    assert "expiration" in api.request("OPTIONS", "/uploads").headers["Tus-Extension"].split(",")
    data = _big("expiring", 4 * KB)
    created = _create(api, citizen, data, body=data[:1000])
    assert created.status_code == 201
    assert _expires(created) == clock.now + dt.timedelta(hours=24)
    location = created.headers["Location"].removeprefix("/api/v1")
    patch = {**TUS, **auth(citizen), "Content-Type": "application/offset+octet-stream"}

    clock.advance(hours=20)
    head = api.request("HEAD", location, headers={**TUS, **auth(citizen)})
    assert _expires(head) == clock.now + dt.timedelta(hours=4)  # asking is not activity
    more = api.request("PATCH", location, content=data[1000:2000],
                       headers={**patch, "Upload-Offset": "1000"})
    assert more.status_code == 204 and _expires(more) == clock.now + dt.timedelta(hours=24)

    clock.advance(hours=24, seconds=1)
    assert api.request("HEAD", location, headers={**TUS, **auth(citizen)}).status_code == 410
    assert_problem(api.request("PATCH", location, content=data[2000:],
                               headers={**patch, "Upload-Offset": "2000"}), 410)
    partial = settings.storage_dir / "uploads" / location.rsplit("/", 1)[1]
    assert partial.exists()
    assert cleanup(client.app.state.portal)["uploads"] == 1
    assert not partial.exists()
    assert api.request("HEAD", location, headers={**TUS, **auth(citizen)}).status_code == 404
    # A finished upload says nothing about expiring.
    done = _create(api, citizen, data, body=data)
    assert done.status_code == 201 and "Upload-Expires" not in done.headers


def test_files_no_dossier_uses_are_removed_by_the_clean_up(client, api: Api, citizen: str,
                                                           clock: Clock):
    ctx = client.app.state.portal
    files = {"to_khai": _big("used-a", 20 * KB), "giay_chung_sinh": _big("used-b", 20 * KB)}
    stray = _big("stray", 30 * KB)
    for data in (*files.values(), stray):
        assert api.upload(citizen, data).status_code in (201, 204)
    dossier_id = str(uuid.uuid4())
    body = example_dossier(attachments=[attachment(c, d) for c, d in files.items()])
    assert api.request("PUT", f"/dossiers/{dossier_id}", json=body,
                       headers=auth(citizen)).status_code == 201

    clock.advance(hours=23)
    assert cleanup(ctx)["blobs"] == 0 and ctx.blobs.has(sha256(stray))
    clock.advance(hours=2)
    counts = cleanup(ctx)
    assert counts["holdings"] == 1 and counts["blobs"] == 1
    assert not ctx.blobs.has(sha256(stray))
    assert all(ctx.blobs.has(sha256(d)) for d in files.values())
    # The dossier's files are still the citizen's: nothing to send, and the dossier submits.
    again = api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(citizen))
    assert again.json()["missing_blobs"] == []
    assert api.request("POST", f"/dossiers/{dossier_id}/submit",
                       headers=auth(citizen)).status_code == 200
    # The stray file has to be sent again: the portal no longer holds it for anyone.
    assert api.request("HEAD", f"/blobs/{sha256(stray)}", headers=auth(citizen)).status_code == 404


def test_pending_upload_bytes_have_a_quota_per_account(client, api: Api, citizen: str,
                                                       officer: str):
    first, second = _big("quota-1", 40 * KB), _big("quota-2", 40 * KB)
    assert api.upload(citizen, first).status_code in (201, 204)
    # An unfinished upload counts at its declared length.
    started = _create(api, citizen, second, body=second[:5 * KB])
    assert started.status_code == 201
    third = _big("quota-3", 40 * KB)
    refused = _create(api, citizen, third)
    problem = assert_problem(refused, 413)
    assert "MB" in problem["detail"] and "giới hạn" in problem["detail"]
    assert problem["quota_bytes"] == 100 * KB and problem["pending_bytes"] == 80 * KB
    # Bytes the account holds already are not new: sending them again is no problem.
    assert _create(api, citizen, first, body=first).headers["Upload-Offset"] == str(len(first))
    # The quota is per account: another one is not held back.
    assert _create(api, officer, third).status_code == 201
    # Attached to a draft, the files are still pending (drafts stay until submitted) ...
    location = started.headers["Location"].removeprefix("/api/v1")
    assert api.request("PATCH", location, content=second[5 * KB:], headers={
        **TUS, **auth(citizen), "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": str(5 * KB)}).status_code == 204
    dossier_id = str(uuid.uuid4())
    body = example_dossier(attachments=[attachment("to_khai", first),
                                        attachment("giay_chung_sinh", second)])
    assert api.request("PUT", f"/dossiers/{dossier_id}", json=body,
                       headers=auth(citizen)).status_code == 201
    assert_problem(_create(api, citizen, third), 413)
    # ... and no longer once the dossier is submitted.
    assert api.request("POST", f"/dossiers/{dossier_id}/submit",
                       headers=auth(citizen)).status_code == 200
    assert _create(api, citizen, third).status_code == 201
