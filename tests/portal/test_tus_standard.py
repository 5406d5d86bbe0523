"""tus 1.0 as a client that knows nothing of this portal speaks it: sha1 checksums, creations
without metadata, HEAD echoing the metadata, X-HTTP-Method-Override, a body-less creation for
bytes already held; and, for every route, 405 answers whose ``Allow`` lists every method."""

from __future__ import annotations

import base64
import hashlib
import uuid

import pytest

from tests.helpers.portal_api import (
    TUS,
    Api,
    assert_problem,
    attachment,
    auth,
    example_dossier,
    pdf_bytes,
    sha256,
    tus_metadata,
)

OCTETS = {"Content-Type": "application/offset+octet-stream"}


def _data(tag: str, size: int = 2000) -> bytes:
    head = pdf_bytes(tag)
    return head + b"%" + b"d" * (size - len(head) - 1)


def _checksum(algorithm: str, piece: bytes) -> dict[str, str]:
    digest = hashlib.new(algorithm, piece).digest()
    return {"Upload-Checksum": f"{algorithm} {base64.b64encode(digest).decode()}"}


def _create(api: Api, token: str, data: bytes, meta: str | None = None, **headers: str):
    return api.request("POST", "/uploads", headers={
        **TUS, **auth(token), "Upload-Length": str(len(data)),
        **({"Upload-Metadata": meta} if meta is not None else {}), **headers})


def _at(reply) -> str:
    return reply.headers["Location"].removeprefix("/api/v1")


def test_sha1_and_sha256_chunk_checksums(api: Api, citizen: str):
    options = api.request("OPTIONS", "/uploads")
    assert options.headers["Tus-Checksum-Algorithm"].split(",") == ["sha1", "sha256"]
    data = _data("sha1")
    location = _at(_create(api, citizen, data, tus_metadata(sha256=sha256(data))))
    patch = {**TUS, **auth(citizen), **OCTETS}
    wrong = api.request("PATCH", location, content=data[:700], headers={
        **patch, "Upload-Offset": "0", **_checksum("sha1", b"other bytes")})
    assert "sha1" in assert_problem(wrong, 460)["detail"]
    md5 = api.request("PATCH", location, content=data[:700], headers={
        **patch, "Upload-Offset": "0", **_checksum("md5", data[:700])})
    assert_problem(md5, 400)
    assert md5.headers["Tus-Checksum-Algorithm"] == "sha1,sha256"
    assert api.request("HEAD", location, headers={**TUS, **auth(citizen)}).headers[
        "Upload-Offset"] == "0"
    one = api.request("PATCH", location, content=data[:700], headers={
        **patch, "Upload-Offset": "0", **_checksum("sha1", data[:700])})
    assert one.status_code == 204 and one.headers["Upload-Offset"] == "700"
    two = api.request("PATCH", location, content=data[700:], headers={
        **patch, "Upload-Offset": "700", **_checksum("sha256", data[700:])})
    assert two.status_code == 204 and two.headers["Upload-Offset"] == str(len(data))
    assert api.request("HEAD", f"/blobs/{sha256(data)}", headers=auth(citizen)).status_code == 200


def test_a_creation_without_metadata_takes_the_hash_its_bytes_have(api: Api, citizen: str,
                                                                   officer: str):
    data = _data("no metadata")
    created = _create(api, citizen, data)
    assert created.status_code == 201 and created.headers["Upload-Offset"] == "0"
    location = _at(created)
    head = api.request("HEAD", location, headers={**TUS, **auth(citizen)})
    assert head.status_code == 200 and "Upload-Metadata" not in head.headers
    assert api.request("PATCH", location, content=data[:1000], headers={
        **TUS, **auth(citizen), **OCTETS, "Upload-Offset": "0"}).status_code == 204
    done = api.request("PATCH", location, content=data[1000:], headers={
        **TUS, **auth(citizen), **OCTETS, "Upload-Offset": "1000"})
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    # The uploader sent every byte, so it holds the file: a dossier of its own may use it ...
    assert api.request("HEAD", f"/blobs/{sha256(data)}", headers=auth(citizen)).status_code == 200
    dossier_id = str(uuid.uuid4())
    put = api.request("PUT", f"/dossiers/{dossier_id}", headers=auth(citizen), json=example_dossier(
        attachments=[attachment("to_khai", data), attachment("giay_chung_sinh", data)]))
    assert put.status_code == 201 and put.json()["missing_blobs"] == []
    # ... and nobody else gains it by naming the hash.
    assert api.request("HEAD", f"/blobs/{sha256(data)}", headers=auth(officer)).status_code == 404
    # A file sent whole in its creation, without metadata, is stored by its hash at once.
    small = _data("no metadata, one request", 900)
    whole = api.request("POST", "/uploads", content=small, headers={
        **TUS, **auth(citizen), **OCTETS, "Upload-Length": str(len(small))})
    assert whole.status_code == 201 and whole.headers["Upload-Offset"] == str(len(small))
    assert api.request("HEAD", f"/blobs/{sha256(small)}", headers=auth(citizen)).status_code == 200
    # Bytes that are no PDF, JPEG or PNG are refused by content, with or without a hash.
    junk = b"not a scan" * 50
    refused = api.request("POST", "/uploads", content=junk, headers={
        **TUS, **auth(citizen), **OCTETS, "Upload-Length": str(len(junk))})
    assert_problem(refused, 415)


def test_head_echoes_the_metadata_of_the_creation(api: Api, citizen: str):
    data = _data("echo")
    meta = tus_metadata(filename="giấy khai sinh.pdf", filetype="application/pdf") + ",is_scan"
    location = _at(_create(api, citizen, data, meta))
    head = api.request("HEAD", location, headers={**TUS, **auth(citizen)})
    assert head.headers["Upload-Metadata"] == meta
    too_long = _create(api, citizen, data, tus_metadata(note="x" * 4000))
    assert_problem(too_long, 400)
    assert "Upload-Metadata" in too_long.json()["detail"]


def test_x_http_method_override(api: Api, citizen: str):
    data = _data("override")
    location = _at(_create(api, citizen, data, tus_metadata(sha256=sha256(data))))
    post = {**TUS, **auth(citizen)}
    patched = api.request("POST", location, content=data[:500], headers={
        **post, **OCTETS, "X-HTTP-Method-Override": "PATCH", "Upload-Offset": "0"})
    assert patched.status_code == 204 and patched.headers["Upload-Offset"] == "500"
    head = api.request("POST", location, headers={**post, "X-HTTP-Method-Override": "head"})
    assert head.status_code == 200 and head.headers["Upload-Offset"] == "500"
    bad = api.request("POST", location, headers={**post, "X-HTTP-Method-Override": "TRACE"})
    assert_problem(bad, 400)
    assert bad.headers["Tus-Resumable"] == "1.0.0"
    deleted = api.request("POST", location, headers={**post, "X-HTTP-Method-Override": "DELETE"})
    assert deleted.status_code == 204
    assert api.request("HEAD", location, headers=post).status_code == 404


def test_a_bodyless_creation_for_held_bytes_starts_at_zero(api: Api, citizen: str):
    data = _data("held")
    assert api.upload(citizen, data).status_code == 204
    meta = tus_metadata(sha256=sha256(data))
    created = _create(api, citizen, data, meta)
    assert created.status_code == 201 and created.headers["Upload-Offset"] == "0"
    assert "Upload-Expires" in created.headers
    done = api.request("PATCH", _at(created), content=data, headers={
        **TUS, **auth(citizen), **OCTETS, "Upload-Offset": "0"})
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    # The client that reads the creation's offset (one with data) skips the bytes.
    skipped = api.request("POST", "/uploads", content=data, headers={
        **TUS, **auth(citizen), **OCTETS, "Upload-Length": str(len(data)), "Upload-Metadata": meta})
    assert skipped.status_code == 201 and skipped.headers["Upload-Offset"] == str(len(data))


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("GET", "/uploads/abc", "OPTIONS, HEAD, PATCH, DELETE"),
    ("PUT", "/uploads", "OPTIONS, POST"),
    ("PUT", "/devices", "GET, POST"),
    ("GET", "/devices/abc", "DELETE"),
    ("DELETE", f"/dossiers/{uuid.UUID(int=7)}", "GET, PUT"),
    ("PATCH", "/sessions/current", "GET, DELETE"),
])
def test_405_lists_every_method_of_the_path(api: Api, method: str, path: str, allowed: str):
    reply = api.request(method, path)
    assert_problem(reply, 405)
    assert reply.headers["Allow"] == allowed
