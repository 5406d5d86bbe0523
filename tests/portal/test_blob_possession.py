"""Deduplication never reveals or grants another account's file (against the real portal).

The portal stores each file once by its SHA-256, but knowing a hash is not having the file: an
account (a kiosk: one session) may skip an upload, be told "the portal has it", attach it or
read it only for bytes it uploaded itself or that a dossier it may see holds.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

import sqlalchemy
from sqlalchemy.orm import Session

from portal.models import Account
from portal.security import hash_password
from portal.seed import ensure_commune
from tests.helpers.portal_api import (
    TUS,
    Api,
    attachment,
    auth,
    example_dossier,
    pdf_bytes,
    sha256,
    tus_metadata,
)


def _account(live_portal, live_api: Api, role: str, commune: str | None = None) -> str:
    """A further account, written straight into the portal's database; returns its token."""
    password = "Aa1!" + secrets.token_urlsafe(12)
    name = f"{role}-{uuid.uuid4().hex[:8]}"
    engine = sqlalchemy.create_engine(live_portal.database_url)
    try:
        with Session(engine) as session:
            if commune is not None:
                ensure_commune(session, commune, "Xã Bên Cạnh")
            session.add(Account(role=role, username=name, full_name="Trần Văn Khác",
                                commune_code=commune, password_hash=hash_password(password),
                                created_at=dt.datetime.now(dt.UTC)))
            session.commit()
    finally:
        engine.dispose()
    return live_api.login(name, password)


def _create(live_api: Api, token: str, data: bytes, body: bytes | None = None, **headers: str):
    extra = {"Content-Type": "application/offset+octet-stream"} if body is not None else {}
    return live_api.request("POST", "/uploads", content=body, headers={
        **TUS, **auth(token), **extra, **headers, "Upload-Length": str(len(data)),
        "Upload-Metadata": tus_metadata(sha256=sha256(data), filename="scan.pdf",
                                        media_type="application/pdf")})


def _files(tag: str) -> dict[str, bytes]:
    return {"to_khai": pdf_bytes(tag + "-to-khai"), "giay_chung_sinh": pdf_bytes(tag + "-gcs")}


def _put(live_api: Api, token: str, files: dict[str, bytes], dossier_id: str | None = None):
    dossier_id = dossier_id or str(uuid.uuid4())
    body = example_dossier(attachments=[attachment(c, d, f"{c}.pdf") for c, d in files.items()])
    return dossier_id, live_api.request("PUT", f"/dossiers/{dossier_id}", json=body,
                                        headers=auth(token))


def test_another_account_can_neither_learn_attach_nor_read_a_file_by_its_hash(
        live_portal, live_api: Api):
    victim = live_portal.token_for("citizen")
    files = _files("victim")
    scan = files["giay_chung_sinh"]
    for data in files.values():
        assert live_api.upload(victim, data).status_code in (201, 204)
    blob = f"/blobs/{sha256(scan)}"
    assert live_api.request("HEAD", blob, headers=auth(victim)).status_code == 200

    thief = _account(live_portal, live_api, "citizen")
    # Asking by hash reveals nothing: no "the portal has it", no complete offset.
    assert live_api.request("HEAD", blob, headers=auth(thief)).status_code == 404
    created = _create(live_api, thief, scan)
    assert created.status_code == 201 and created.headers["Upload-Offset"] == "0"
    # Naming the hash in a dossier of one's own grants nothing either.
    dossier_id, put = _put(live_api, thief, files)
    assert put.status_code == 201
    assert sorted(put.json()["missing_blobs"]) == sorted(sha256(d) for d in files.values())
    refused = live_api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(thief))
    assert refused.status_code == 409 and refused.json()["missing_blobs"] == sorted(
        sha256(d) for d in files.values())
    download = live_api.request("GET", f"/dossiers/{dossier_id}/attachments/{sha256(scan)}",
                                headers=auth(thief))
    assert download.status_code == 404 and scan not in download.content

    # Sending the bytes proves it: then the file is the thief's to use (stored once on disk).
    for data in files.values():
        assert live_api.upload(thief, data).status_code in (201, 204)
    assert live_api.request("HEAD", blob, headers=auth(thief)).status_code == 200
    again = live_api.request("PUT", f"/dossiers/{dossier_id}",
                             json=example_dossier(attachments=[
                                 attachment(c, d, f"{c}.pdf") for c, d in files.items()]),
                             headers=auth(thief))
    assert again.status_code == 200 and again.json()["missing_blobs"] == []
    assert live_api.request("POST", f"/dossiers/{dossier_id}/submit",
                            headers=auth(thief)).status_code == 200
    read = live_api.request("GET", f"/dossiers/{dossier_id}/attachments/{sha256(scan)}",
                            headers=auth(thief))
    assert read.status_code == 200 and read.content == scan
    # The same account sending its own bytes again skips them, as before.
    assert _create(live_api, victim, scan, body=scan).headers["Upload-Offset"] == str(len(scan))


def test_the_next_kiosk_session_gets_nothing_of_the_previous_citizens_scans(
        live_portal, live_api: Api):
    first = live_portal.token_for("kiosk")
    files = _files("kiosk-citizen-1")
    scan = files["giay_chung_sinh"]
    for data in files.values():
        assert live_api.upload(first, data).status_code in (201, 204)
    dossier_id, put = _put(live_api, first, files)
    assert put.status_code == 201 and put.json()["missing_blobs"] == []
    # An upload the first citizen left half done, created with a key.
    unfinished = pdf_bytes("kiosk-citizen-1-half") + b"%" + b"h" * 500
    key = {"Idempotency-Key": "kiosk-" + uuid.uuid4().hex}
    half = _create(live_api, first, unfinished, body=unfinished[:100], **key)
    assert half.status_code == 201 and half.headers["Upload-Offset"] == "100"
    location = half.headers["Location"].removeprefix("/api/v1")

    second = live_portal.token_for("kiosk")  # the next citizen: a fresh kiosk login
    assert live_api.request("HEAD", f"/blobs/{sha256(scan)}", headers=auth(second)).status_code == 404
    assert _create(live_api, second, scan).headers["Upload-Offset"] == "0"
    _, theirs = _put(live_api, second, files)
    assert theirs.status_code == 201
    assert sorted(theirs.json()["missing_blobs"]) == sorted(sha256(d) for d in files.values())
    # The previous session's upload is out of reach, by its address and by its key.
    assert live_api.request("HEAD", location, headers={**TUS, **auth(second)}).status_code == 404
    cont = live_api.request("PATCH", location, content=unfinished[100:], headers={
        **TUS, **auth(second), "Upload-Offset": "100",
        "Content-Type": "application/offset+octet-stream"})
    assert cont.status_code == 404
    assert _create(live_api, second, unfinished, **key).status_code == 422
    # The first session still has its own, and its dossier reads its scan.
    assert live_api.request("HEAD", location, headers={**TUS, **auth(first)}).status_code == 200
    read = live_api.request("GET", f"/dossiers/{dossier_id}/attachments/{sha256(scan)}",
                            headers=auth(first))
    assert read.status_code == 200 and read.content == scan


def test_an_officer_holds_what_a_dossier_it_may_see_holds(live_portal, live_api: Api):
    citizen = live_portal.token_for("citizen")
    files = _files("commune-dossier")
    scan = files["to_khai"]
    for data in files.values():
        assert live_api.upload(citizen, data).status_code in (201, 204)
    dossier_id, put = _put(live_api, citizen, files)
    assert put.status_code == 201
    assert live_api.request("POST", f"/dossiers/{dossier_id}/submit",
                            headers=auth(citizen)).status_code == 200

    officer = live_portal.token_for("officer")
    assert live_api.request("HEAD", f"/blobs/{sha256(scan)}", headers=auth(officer)).status_code == 200
    read = live_api.request("GET", f"/dossiers/{dossier_id}/attachments/{sha256(scan)}",
                            headers=auth(officer))
    assert read.status_code == 200 and read.content == scan
    # An officer of another commune sees neither the dossier nor the file.
    elsewhere = _account(live_portal, live_api, "officer", commune="000.98.98.H56")
    assert live_api.request("HEAD", f"/blobs/{sha256(scan)}",
                            headers=auth(elsewhere)).status_code == 404
    assert _create(live_api, elsewhere, scan).headers["Upload-Offset"] == "0"
