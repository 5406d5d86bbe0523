"""Resumable attachment uploads: tus 1.0 core + creation (with upload) + checksum (sha256) +
termination.

Partial bytes live in ``storage_dir/uploads/<id>``; the committed offset lives in the database
and is only advanced after the bytes are fsynced, so a crash never claims data it lost. A
finished upload is checked against its declared SHA-256 and by content (magic bytes) before it
joins the content-addressed blob store. A hash the portal already holds is never sent again.

``POST /uploads`` may carry the file's first bytes (tus "creation-with-upload"): a small scan
then crosses in one request instead of two. A creation may carry an ``Idempotency-Key``; asking
again with the same key answers with that same upload and the offset it holds, so a client whose
creation was cut off mid-body (it never learnt the ``Location``) resumes instead of starting
again.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import re
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from dvc_core.blobs import MEDIA_TYPES, display_name, sniff_media_type
from dvc_core.rules import nfc
from portal.context import (
    Caller,
    Ctx,
    CurrentCaller,
    DbSession,
    PortalContext,
)
from portal.models import Upload, new_id
from portal.problems import Problem

try:  # POSIX: lock across worker processes too
    import fcntl
except ImportError:  # Windows (embedded portal, one process): the thread lock is enough
    fcntl = None  # type: ignore[assignment]

router = APIRouter(tags=["uploads"])

TUS_VERSION = "1.0.0"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


def _tus_headers(**extra: Any) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, **{k.replace("_", "-"): str(v) for k, v in extra.items()}}


def _require_version(request: Request) -> None:
    if request.headers.get("tus-resumable") != TUS_VERSION:
        raise Problem(412, "tus-version",
                      "Phiên bản giao thức tải tệp không được hỗ trợ (cần Tus-Resumable: 1.0.0).",
                      headers=_tus_headers(Tus_Version=TUS_VERSION))


def _int_header(request: Request, name: str) -> int:
    raw = request.headers.get(name, "")
    if not raw.isdigit() or len(raw) > 18:
        raise Problem(400, "tus-header", f"Thiếu hoặc sai tiêu đề {name} (phải là số nguyên không âm).",
                      errors=[{"field": name, "code": "int_parsing",
                               "message": f"Tiêu đề {name} phải là số nguyên không âm."}])
    return int(raw)


def parse_metadata(header: str) -> dict[str, str]:
    """``key base64,key2 base64`` → dict. Undecodable values → 400."""
    out: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in header.split(","))):
        key, _, value = item.partition(" ")
        try:
            out[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8") if value else ""
        except (binascii.Error, UnicodeDecodeError):
            raise Problem(400, "tus-metadata",
                          f"Upload-Metadata: giá trị của khóa “{key[:40]}” không phải base64 UTF-8.",
                          headers=_tus_headers()) from None
    return out


def _path(ctx: PortalContext, upload_id: str) -> Path:
    return ctx.uploads_dir / upload_id


def _owned(session: Session, caller: Caller, upload_id: str) -> Upload:
    upload = session.get(Upload, upload_id[:64])
    if upload is None or upload.owner_id != caller.id:
        raise Problem(404, "upload-not-found",
                      "Không tìm thấy phiên tải tệp này (có thể đã bị hủy). Hãy bắt đầu tải lại.",
                      headers=_tus_headers())
    return upload


def _owned_released(session: Session, caller: Caller, upload_id: str) -> Upload:
    """``_owned``, then the connection goes back to the pool while the body streams in."""
    try:
        return _owned(session, caller, upload_id)
    finally:
        session.commit()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer per upload: a thread lock in this process, ``flock`` across processes."""
    with _thread_locks_guard:
        lock = _thread_locks.setdefault(str(path), threading.Lock())
    with lock:
        if fcntl is None:
            yield
            return
        with open(str(path) + ".lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _discard(ctx: PortalContext, session: Session, upload: Upload) -> None:
    path = _path(ctx, upload.id)
    for p in (path, Path(str(path) + ".lock")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    session.delete(upload)
    session.commit()


_NO_BODY = {"response_class": Response}


def _header(name: str, schema: dict[str, Any], description: str, required: bool = False
            ) -> dict[str, Any]:
    return {"name": name, "in": "header", "required": required, "schema": schema,
            "description": description}


# The tus request headers, declared so that clients (and the schemathesis run in the tests) can
# see them; the handlers read and check them themselves, with Vietnamese problem details.
_TUS_RESUMABLE = _header("Tus-Resumable", {"type": "string", "enum": [TUS_VERSION]},
                         "Phiên bản giao thức tus (bắt buộc: 1.0.0).", required=True)
_BYTES = {"content": {"application/offset+octet-stream": {
    "schema": {"type": "string", "format": "binary"}}}}
_CREATE_DOC = {"parameters": [
    _TUS_RESUMABLE,
    _header("Upload-Length", {"type": "integer", "minimum": 0},
            "Kích thước cả tệp, byte.", required=True),
    _header("Upload-Metadata", {"type": "string"},
            "Cặp khóa–giá trị base64: sha256 (bắt buộc), filename, media_type.", required=True),
    _header("Upload-Checksum", {"type": "string"}, "sha256 <base64> của phần gửi kèm."),
    _header("Idempotency-Key", {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
            "Hỏi lại cùng khóa: cùng phiên tải, với số byte cổng đã giữ."),
], "requestBody": {"required": False, **_BYTES}}
_APPEND_DOC = {"parameters": [
    _TUS_RESUMABLE,
    _header("Upload-Offset", {"type": "integer", "minimum": 0},
            "Vị trí của phần gửi lên (phải bằng số byte cổng đang giữ).", required=True),
    _header("Upload-Checksum", {"type": "string"}, "sha256 <base64> của phần gửi lên."),
], "requestBody": {"required": True, **_BYTES}}
_VERSION_DOC = {"parameters": [_TUS_RESUMABLE]}


@router.options("/uploads", status_code=204, **_NO_BODY)
@router.options("/uploads/{upload_id}", status_code=204, **_NO_BODY)
def tus_options(ctx: Ctx) -> Response:
    """Server capabilities (no authentication, as tus clients probe before they log in)."""
    return Response(status_code=204, headers=_tus_headers(
        Tus_Version=TUS_VERSION, Tus_Extension="creation,creation-with-upload,checksum,termination",
        Tus_Checksum_Algorithm="sha256", Tus_Max_Size=ctx.settings.max_file_bytes))


@router.post("/uploads", status_code=201, openapi_extra=_CREATE_DOC, **_NO_BODY)
async def create_upload(request: Request, caller: CurrentCaller,
                        session: DbSession,
                        ctx: Ctx) -> Response:
    """Start an upload; when the portal already holds the hash it is complete at once.

    With ``Content-Type: application/offset+octet-stream`` the body is the file's first bytes
    (all of it, for a file that fits one request); the answer's ``Upload-Offset`` says how many
    were kept.
    """
    _require_version(request)
    with_body = _has_body(request)
    if with_body:
        _require_octet_stream(request)
    checksum = _parse_checksum(request) if with_body else None
    # With a body the row is written only once the body is in (one write transaction, the
    # upload already complete in the usual case of a whole small file); until then it is a
    # transient object nobody else can reach.
    upload = await run_in_threadpool(_create, request, caller, session, ctx, with_body)
    offset = upload.offset
    if with_body and not upload.completed and upload.offset == 0:
        offset = await _receive(request, ctx, session, upload, 0, checksum)
    elif with_body:
        # The portal holds this file already, or this is a creation asked again that has
        # bytes already: the body is not needed; the offset says where to go on.
        await _drain(request)
    return Response(status_code=201, headers=_tus_headers(
        Location=f"/api/v1/uploads/{upload.id}", Upload_Offset=offset))


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return "chunked" in request.headers.get("transfer-encoding", "").lower()


def _require_octet_stream(request: Request) -> None:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/offset+octet-stream":
        raise Problem(415, "tus-content-type",
                      "Nội dung gửi kèm phải có Content-Type: application/offset+octet-stream.",
                      headers=_tus_headers())


async def _drain(request: Request) -> None:
    with contextlib.suppress(ClientDisconnect):
        async for _piece in request.stream():
            pass


def _create(request: Request, caller: Caller, session: Session, ctx: PortalContext,
            defer: bool = False) -> Upload:
    """The upload a creation asks for: an earlier one with the same key, or a new one.

    ``defer``: a new upload still missing bytes is returned unsaved (its row is written by
    :func:`_store_new` once the creation's body is in).
    """
    if "upload-defer-length" in request.headers:
        raise Problem(400, "tus-defer", "Cổng cần biết trước kích thước tệp (Upload-Length).",
                      headers=_tus_headers())
    length = _int_header(request, "upload-length")
    if length > ctx.settings.max_file_bytes:
        mb = ctx.settings.max_file_bytes // (1024 * 1024)
        raise Problem(413, "too-large", f"Tệp lớn hơn giới hạn {mb} MB cho mỗi tệp.",
                      headers=_tus_headers(Tus_Max_Size=ctx.settings.max_file_bytes))
    if length == 0:
        raise Problem(422, "empty-file", "Tệp rỗng (0 byte). Hãy chọn lại tệp.", headers=_tus_headers())
    meta = parse_metadata(request.headers.get("upload-metadata", ""))
    sha = meta.get("sha256", "").strip().lower()
    if not _SHA256.match(sha):
        raise Problem(400, "tus-metadata",
                      "Upload-Metadata phải có khóa sha256 (mã băm SHA-256 của cả tệp, 64 ký tự "
                      "thập lục phân).", headers=_tus_headers(),
                      errors=[{"field": "sha256", "code": "sha256",
                               "message": "Mã băm SHA-256 phải gồm 64 ký tự thập lục phân."}])
    media_type = meta.get("media_type", "")
    if media_type and media_type not in MEDIA_TYPES:
        raise Problem(415, "media-type", "Chỉ nhận tệp PDF, JPEG hoặc PNG.", headers=_tus_headers())
    filename = display_name(nfc(meta.get("filename", ""))) if meta.get("filename") else "tep"
    done = ctx.blobs.has(sha) and ctx.blobs.path(sha).stat().st_size == length
    upload = Upload(id=new_id(), owner_id=caller.id, sha256=sha, length=length,
                    offset=length if done else 0, filename=filename, media_type=media_type,
                    created_at=ctx.now(), completed=done, create_key=None)
    key = request.headers.get("idempotency-key")
    if key is not None:
        key = key.strip().strip('"')
        if not _KEY.match(key):
            raise Problem(400, "idempotency-key",
                          "Tiêu đề Idempotency-Key phải gồm 1–64 ký tự chữ, số, “-” hoặc “_”.",
                          headers=_tus_headers(), errors=[{
                              "field": "Idempotency-Key", "code": "idempotency_key",
                              "message": "Idempotency-Key: 1–64 ký tự chữ, số, “-” hoặc “_”."}])
        earlier = session.scalars(select(Upload).where(
            Upload.owner_id == caller.id, Upload.create_key == key)).first()
        if earlier is not None:
            # The same creation asked again (its answer was lost, perhaps with its bytes half
            # sent): the same upload, with the offset it holds now.
            session.commit()
            if earlier.sha256 != sha or earlier.length != length:
                raise Problem(422, "idempotency-key",
                              "Idempotency-Key này đã dùng cho một tệp khác.",
                              headers=_tus_headers(), errors=[{
                                  "field": "Idempotency-Key", "code": "idempotency_key_reused",
                                  "message": "Mỗi lần tải một tệp cần một Idempotency-Key riêng."}])
            return earlier
        upload.create_key = key
    if defer and not done:
        session.commit()  # hand the connection back while the body streams in
        return upload
    session.add(upload)
    # The partial file is made by the first chunk that needs one (a whole-file PATCH never does).
    try:
        session.commit()
    except IntegrityError:  # the same key raced in twice: the other one created it
        session.rollback()
        raise Problem(409, "tus-offset", "Phiên tải tệp này đang được tạo; hãy hỏi lại vị trí.",
                      headers=_tus_headers()) from None
    return upload


@router.head("/uploads/{upload_id}", openapi_extra=_VERSION_DOC, **_NO_BODY)
def upload_status(upload_id: str, request: Request, caller: CurrentCaller,
                  session: DbSession) -> Response:
    """How many bytes the portal holds (where to resume)."""
    _require_version(request)
    upload = _owned(session, caller, upload_id)
    return Response(status_code=200, headers=_tus_headers(
        Upload_Offset=upload.offset, Upload_Length=upload.length, Cache_Control="no-store"))


@router.delete("/uploads/{upload_id}", status_code=204, openapi_extra=_VERSION_DOC, **_NO_BODY)
def terminate(upload_id: str, request: Request, caller: CurrentCaller,
              session: DbSession,
              ctx: Ctx) -> Response:
    """Abandon an upload and free its space."""
    _require_version(request)
    upload = _owned(session, caller, upload_id)
    with _locked(_path(ctx, upload.id)):
        _discard(ctx, session, upload)
    return Response(status_code=204, headers=_tus_headers())


def _parse_checksum(request: Request) -> bytes | None:
    header = request.headers.get("upload-checksum")
    if header is None:
        return None
    algorithm, _, value = header.strip().partition(" ")
    if algorithm.lower() != "sha256":
        raise Problem(400, "tus-checksum", "Chỉ hỗ trợ mã kiểm tra sha256 (Upload-Checksum).",
                      headers=_tus_headers(Tus_Checksum_Algorithm="sha256"))
    try:
        return base64.b64decode(value.strip(), validate=True)
    except binascii.Error:
        raise Problem(400, "tus-checksum", "Upload-Checksum: giá trị không phải base64.",
                      headers=_tus_headers()) from None


@router.patch("/uploads/{upload_id}", status_code=204, openapi_extra=_APPEND_DOC, **_NO_BODY)
async def append(upload_id: str, request: Request, caller: CurrentCaller,
                 session: DbSession,
                 ctx: Ctx) -> Response:
    """Append a chunk at ``Upload-Offset``; the last chunk completes and verifies the file."""
    _require_version(request)
    _require_octet_stream(request)
    offset = _int_header(request, "upload-offset")
    checksum = _parse_checksum(request)
    upload = await run_in_threadpool(_owned_released, session, caller, upload_id)
    new_offset = await _receive(request, ctx, session, upload, offset, checksum)
    return Response(status_code=204, headers=_tus_headers(Upload_Offset=new_offset))


async def _receive(request: Request, ctx: PortalContext, session: Session, upload: Upload,
                   offset: int, checksum: bytes | None) -> int:
    """Take the request body as the bytes at ``offset``; returns the offset now held.

    The body goes to a file of its own first and joins the upload only once it is whole (or,
    cut off, when no per-chunk checksum says it must be whole): a torn request never corrupts
    what an earlier one stored.
    """
    if offset != upload.offset:
        raise Problem(409, "tus-offset",
                      f"Vị trí tải tiếp không khớp: cổng đang giữ {upload.offset} byte.",
                      headers=_tus_headers(Upload_Offset=upload.offset))
    remaining = upload.length - upload.offset
    path = _path(ctx, upload.id)
    chunk_path = Path(f"{path}.chunk-{secrets.token_hex(8)}")
    digest = hashlib.sha256()
    received = 0
    disconnected = False
    try:
        with open(chunk_path, "wb") as out:
            try:
                async for piece in request.stream():
                    received += len(piece)
                    if received > remaining:
                        raise Problem(413, "tus-overflow",
                                      "Dữ liệu gửi lên vượt quá kích thước tệp đã khai (Upload-Length).",
                                      headers=_tus_headers(Upload_Offset=upload.offset))
                    digest.update(piece)
                    out.write(piece)
            except ClientDisconnect:
                disconnected = True
        if checksum is not None and not disconnected and digest.digest() != checksum:
            raise Problem(460, "checksum-mismatch",
                          "Mã kiểm tra (sha256) của phần dữ liệu vừa gửi không khớp; phần này "
                          "không được lưu. Hãy gửi lại.", headers=_tus_headers(Upload_Offset=upload.offset))
        if disconnected and checksum is not None:
            # An unverifiable partial chunk is dropped; the client resumes from the old offset.
            raise Problem(400, "tus-disconnected", "Kết nối bị ngắt giữa chừng; phần này không được lưu.",
                          headers=_tus_headers(Upload_Offset=upload.offset))
        if sa_inspect(upload).transient:
            return await run_in_threadpool(_store_new, ctx, session, upload, chunk_path,
                                           received, digest.hexdigest(), disconnected)
        if received == 0:
            if upload.offset == upload.length and not upload.completed:
                # Every byte is here but the file was never finished (the portal stopped
                # between the last chunk and the check): an empty PATCH finishes it.
                return await run_in_threadpool(_finish_stuck, ctx, session, upload)
            return upload.offset
        return await run_in_threadpool(_store, ctx, session, upload, offset, chunk_path,
                                       received, digest.hexdigest(), disconnected)
    finally:
        with contextlib.suppress(FileNotFoundError):
            chunk_path.unlink()


def _store(ctx: PortalContext, session: Session, upload: Upload, offset: int, chunk_path: Path,
           received: int, chunk_sha: str, disconnected: bool) -> int:
    """Keep a chunk (one thread hop for the whole PATCH). Returns the new offset."""
    if offset == 0 and received == upload.length and not disconnected:
        # The whole file in one PATCH, the usual case for scans of a few hundred KB: verify the
        # chunk itself and move it into the blob store, without copying it into a partial file
        # first and reading it back (one fsync and one commit instead of three of each).
        _finish_whole(ctx, session, upload, chunk_path, chunk_sha)
        return upload.length
    new_offset = _commit_chunk(ctx, session, upload, offset, chunk_path, received)
    if new_offset == upload.length:
        _finish(ctx, session, upload)
    return new_offset


def _finish_whole(ctx: PortalContext, session: Session, upload: Upload, chunk_path: Path,
                  chunk_sha: str) -> None:
    path = _path(ctx, upload.id)
    with _locked(path):
        session.refresh(upload)
        if upload.offset != 0:
            raise Problem(409, "tus-offset",
                          f"Vị trí tải tiếp không khớp: cổng đang giữ {upload.offset} byte.",
                          headers=_tus_headers(Upload_Offset=upload.offset))
        with open(chunk_path, "rb") as handle:
            head = handle.read(16)
        _verify(ctx, session, upload, chunk_sha, head)
        _into_blob_store(ctx, chunk_path, upload.sha256)
        for leftover in (path, Path(str(path) + ".lock")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        upload.offset = upload.length
        upload.completed = True
        session.commit()


def _into_blob_store(ctx: PortalContext, source: Path, sha: str, synced: bool = False) -> None:
    """Move a verified file into the content-addressed store, durably (data, folder, name)."""
    if not synced:
        with open(source, "rb+") as handle:
            os.fsync(handle.fileno())
    final = ctx.blobs.path(sha)
    ctx.blobs.make_folder(final.parent)
    os.replace(source, final)
    _fsync_dir(final.parent)


def _verify(ctx: PortalContext, session: Session, upload: Upload, sha: str, head: bytes) -> None:
    """The whole file's hash as declared, and PDF/JPEG/PNG by content; else discard it."""
    refusal = _refusal(upload, sha, head)
    if refusal is not None:
        _discard(ctx, session, upload)
        raise refusal


def _refusal(upload: Upload, sha: str, head: bytes) -> Problem | None:
    """Why a whole file cannot be kept (hash not as declared, not PDF/JPEG/PNG), or None."""
    if sha != upload.sha256:
        return Problem(460, "checksum-mismatch",
                      f"Tệp “{upload.filename}” nhận được không khớp mã băm SHA-256 đã khai "
                      "(tệp bị hỏng hoặc bị thay đổi khi gửi). Hãy tải lên lại từ đầu.",
                      headers=_tus_headers(), errors=[{
                          "field": "sha256", "code": "sha256_mismatch",
                          "message": "Mã băm của tệp không khớp."}])
    if sniff_media_type(head) is None:
        return Problem(415, "media-type",
                      f"Tệp “{upload.filename}” không phải PDF, JPEG hay PNG (kiểm tra theo nội "
                      "dung, không theo đuôi tệp). Hãy quét hoặc lưu lại thành PDF, JPEG hoặc PNG.",
                      headers=_tus_headers(), errors=[{
                          "field": "file", "code": "media_type",
                          "message": "Tệp không phải PDF, JPEG hay PNG."}])
    return None


_ADD_UPLOAD = insert(Upload.__table__)


def _store_new(ctx: PortalContext, session: Session, upload: Upload, chunk_path: Path,
               received: int, chunk_sha: str, disconnected: bool) -> int:
    """Keep a creation's body and write its upload row: one write transaction.

    Nobody knows the upload's id before this commits, so no lock is needed: the whole file
    (the usual case) is verified and moved into the blob store first and the row is written
    already complete; a first part (or what a dropped connection left) becomes the partial
    file, and the row holds its length.
    """
    path = _path(ctx, upload.id)
    # Every byte arrived (a connection dropped after the last one still brought them all):
    # verify and store it now, or it would sit complete but never finished.
    whole = received == upload.length
    if whole:
        with open(chunk_path, "rb") as handle:
            head = handle.read(16)
        refusal = _refusal(upload, chunk_sha, head)
        if refusal is not None:
            raise refusal
        _into_blob_store(ctx, chunk_path, upload.sha256)
        upload.offset, upload.completed = upload.length, True
    elif received:
        with open(chunk_path, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(chunk_path, path)
        _fsync_dir(path.parent)
        upload.offset = received
    try:
        session.execute(_ADD_UPLOAD, {
            "id": upload.id, "owner_id": upload.owner_id, "sha256": upload.sha256,
            "length": upload.length, "offset": upload.offset, "filename": upload.filename,
            "media_type": upload.media_type, "created_at": upload.created_at,
            "completed": upload.completed, "create_key": upload.create_key})
        session.commit()
    except IntegrityError:  # the same key raced in twice: the other one created it
        session.rollback()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise Problem(409, "tus-offset", "Phiên tải tệp này đang được tạo; hãy hỏi lại vị trí.",
                      headers=_tus_headers()) from None
    return upload.offset


def _commit_chunk(ctx: PortalContext, session: Session, upload: Upload, offset: int,
                  chunk_path: Path, received: int) -> int:
    path = _path(ctx, upload.id)
    with _locked(path):
        session.refresh(upload)
        if upload.offset != offset:
            raise Problem(409, "tus-offset",
                          f"Vị trí tải tiếp không khớp: cổng đang giữ {upload.offset} byte.",
                          headers=_tus_headers(Upload_Offset=upload.offset))
        if not path.exists():
            # The partial file vanished (disk cleaned, restored backup): start over from 0.
            path.touch()
            if upload.offset:
                session.execute(update(Upload).where(Upload.id == upload.id).values(offset=0))
                session.commit()
                raise Problem(409, "tus-offset",
                              "Phần tệp đã tải lên trước đó bị mất trên máy chủ; hãy tải lại từ đầu.",
                              headers=_tus_headers(Upload_Offset=0))
        with open(path, "r+b") as data, open(chunk_path, "rb") as chunk:
            # Bytes past the committed offset are leftovers of a crash mid-append: drop them.
            data.truncate(offset)
            data.seek(offset)
            while block := chunk.read(1024 * 1024):
                data.write(block)
            data.flush()
            os.fsync(data.fileno())
        moved = session.execute(
            update(Upload).where(Upload.id == upload.id, Upload.offset == offset)
            .values(offset=offset + received)
        ).rowcount
        session.commit()
        if not moved:
            raise Problem(409, "tus-offset", "Phiên tải tệp đã bị thay đổi cùng lúc. Hãy thử lại.",
                          headers=_tus_headers())
        session.refresh(upload)
        return upload.offset


def _finish_stuck(ctx: PortalContext, session: Session, upload: Upload) -> int:
    """Finish an upload that holds every byte but was never checked; returns its offset."""
    session.refresh(upload)
    if upload.completed or upload.offset != upload.length:
        return upload.offset
    if not _path(ctx, upload.id).exists():  # the partial file is gone: start again from 0
        session.execute(update(Upload).where(Upload.id == upload.id).values(offset=0))
        session.commit()
        return 0
    _finish(ctx, session, upload)
    return upload.length


def _finish(ctx: PortalContext, session: Session, upload: Upload) -> None:
    path = _path(ctx, upload.id)
    with _locked(path):
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            head = handle.read(16)
            handle.seek(0)
            while block := handle.read(1024 * 1024):
                digest.update(block)
        _verify(ctx, session, upload, digest.hexdigest(), head)
        _into_blob_store(ctx, path, upload.sha256, synced=True)
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + ".lock").unlink()
        upload.completed = True
        session.commit()


@router.head("/blobs/{sha256}", response_class=Response, responses={
    404: {"description": "Cổng chưa có tệp này: hãy tải lên (không có nội dung)."}})
def blob_exists(sha256: str, caller: CurrentCaller,
                ctx: Ctx) -> Response:
    """200 when the portal holds this file (so the client need not send it), else 404."""
    sha = sha256.lower()
    if not _SHA256.match(sha) or not ctx.blobs.has(sha):
        return Response(status_code=404)
    return Response(status_code=200, headers={"X-Blob-Size": str(ctx.blobs.path(sha).stat().st_size)})
