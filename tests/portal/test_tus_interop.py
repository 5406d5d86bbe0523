"""Interoperability: an independent tus client (``tuspy``, used only here) uploads to the portal
in chunks with sha256 chunk checksums, resumes after an interruption, and the dossier that lists
the file can then be submitted; stock tuspy (its default sha1 checksums, no metadata at all)
uploads too. The second independent client, tus-js-client, is in ``test_tus_js_client``."""

from __future__ import annotations

import hashlib
import io

import pytest

from tests.helpers.portal_api import Api, auth, example_dossier, pdf_bytes

tusclient = pytest.importorskip("tusclient.client")
from tusclient.uploader import Uploader  # noqa: E402


class Sha256Uploader(Uploader):
    """tuspy's uploader with sha256 chunk checksums (its default is sha1, which the portal
    takes too)."""

    CHECKSUM_ALGORITHM_PAIR = ("sha256", hashlib.sha256)


def _uploader(live_portal, token: str, data: bytes, **kw):
    client = tusclient.TusClient(f"{live_portal.api}/uploads", headers=auth(token))
    return Sha256Uploader(
        file_stream=io.BytesIO(data), client=client, chunk_size=700, upload_checksum=True,
        metadata={"sha256": hashlib.sha256(data).hexdigest(), "filename": "giấy chứng sinh.pdf",
                  "media_type": "application/pdf"}, **kw)


def test_tuspy_uploads_in_chunks_and_resumes(live_portal, live_api: Api):
    token = live_portal.token_for("citizen")
    files = {"to_khai": pdf_bytes("tus-a") + b"%" + b"a" * 3000,
             "giay_chung_sinh": pdf_bytes("tus-b") + b"%" + b"b" * 2500}
    first = _uploader(live_portal, token, files["to_khai"])
    first.upload()
    assert first.offset == len(files["to_khai"])

    # Send two chunks, then a new uploader resumes at the portal's offset (HEAD) and finishes.
    second = _uploader(live_portal, token, files["giay_chung_sinh"])
    second.upload_chunk()
    second.upload_chunk()
    assert second.offset == 1400
    resumed = _uploader(live_portal, token, files["giay_chung_sinh"], url=second.url)
    assert resumed.offset == 1400  # asked the portal with HEAD
    resumed.upload()
    assert resumed.offset == len(files["giay_chung_sinh"])

    for data in files.values():
        head = live_api.request("HEAD", f"/blobs/{hashlib.sha256(data).hexdigest()}",
                                headers=auth(token))
        assert head.status_code == 200 and int(head.headers["X-Blob-Size"]) == len(data)
    body = example_dossier(attachments=[
        {"component": c, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d),
         "filename": f"{c}.pdf", "media_type": "application/pdf"} for c, d in files.items()])
    import uuid

    dossier_id = str(uuid.uuid4())
    put = live_api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(token))
    assert put.status_code == 201 and put.json()["missing_blobs"] == []
    submitted = live_api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(token))
    assert submitted.status_code == 200 and submitted.json()["code"]


def test_stock_tuspy_without_metadata_uploads_with_sha1_checksums(live_portal, live_api: Api):
    token = live_portal.token_for("citizen")
    data = pdf_bytes("tus-stock") + b"%" + b"s" * 2000
    client = tusclient.TusClient(f"{live_portal.api}/uploads", headers=auth(token))
    uploader = client.uploader(file_stream=io.BytesIO(data), chunk_size=600, upload_checksum=True)
    assert uploader.metadata == {}
    uploader.upload()
    assert uploader.offset == len(data)
    # The portal computed the hash of what arrived: the file is the uploader's.
    head = live_api.request("HEAD", f"/blobs/{hashlib.sha256(data).hexdigest()}",
                            headers=auth(token))
    assert head.status_code == 200 and int(head.headers["X-Blob-Size"]) == len(data)
