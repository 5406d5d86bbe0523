"""The upload endpoints: ``OPTIONS``/``POST /uploads``, ``HEAD``/``PATCH``/``DELETE
/uploads/{id}`` and ``HEAD /blobs/{sha256}``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from dvc_core.blobs import MEDIA_TYPES, display_name
from dvc_core.rules import nfc
from portal import possession
from portal.api.uploads.storage import discard, locked, partial_path, receive
from portal.api.uploads.tus import (
    APPEND_DOC,
    APPEND_RESPONSES,
    CHECKSUM_ALGORITHMS,
    CREATE_DOC,
    CREATE_RESPONSES,
    NO_BODY,
    OPTIONS_RESPONSES,
    STATUS_RESPONSES,
    TERMINATE_RESPONSES,
    TUS_EXTENSIONS,
    TUS_VERSION,
    VERSION_DOC,
    drain,
    has_body,
    http_date,
    int_header,
    parse_checksum,
    parse_metadata,
    require_octet_stream,
    require_version,
    tus_headers,
)
from portal.context import (
    Caller,
    Ctx,
    CurrentCaller,
    DbSession,
    PortalContext,
)
from portal.models import Upload, new_id
from portal.problems import Problem
from portal.workflow import Actor

router = APIRouter(tags=["uploads"])

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
UploadId = Annotated[str, Path(min_length=1, max_length=64,
                               description="Mã phiên tải (phần cuối của Location khi tạo).")]
Sha256 = Annotated[str, Path(pattern="^[0-9a-fA-F]{64}$",
                             description="Mã băm SHA-256 của tệp, 64 ký tự thập lục phân.")]


def _holder(caller: Caller) -> str | None:
    """An upload's ``session``: the kiosk's token digest, None for any other account."""
    return possession.holder_session(caller.role, caller.token_hash) or None


def expires_at(ctx: PortalContext, upload: Upload) -> dt.datetime:
    """When an unfinished upload expires: ``upload_ttl`` after its last activity."""
    return (upload.touched_at or upload.created_at) + ctx.settings.upload_ttl


def _expiry(ctx: PortalContext, upload: Upload) -> dict[str, str]:
    """``Upload-Expires`` for an unfinished upload (tus "expiration"); nothing once complete."""
    return {} if upload.completed else {"Upload_Expires": http_date(expires_at(ctx, upload))}


def _owned(session: Session, caller: Caller, upload_id: str, ctx: PortalContext | None = None
           ) -> Upload:
    """The caller's upload (a kiosk's: of this session), else 404; expired (with ``ctx``): 410."""
    upload = session.get(Upload, upload_id[:64])
    if upload is None or upload.owner_id != caller.id or upload.session != _holder(caller):
        raise Problem(404, "upload-not-found",
                      "Không tìm thấy phiên tải tệp này (có thể đã bị hủy). Hãy bắt đầu tải lại.",
                      headers=tus_headers())
    if ctx is not None and not upload.completed and expires_at(ctx, upload) <= ctx.now():
        raise Problem(410, "upload-expired",
                      "Phiên tải tệp này đã hết hạn vì lâu không có dữ liệu gửi lên. "
                      "Hãy bắt đầu tải lại tệp.", headers=tus_headers())
    return upload


def _owned_released(session: Session, caller: Caller, upload_id: str, ctx: PortalContext
                    ) -> Upload:
    """``_owned``, then the connection goes back to the pool while the body streams in."""
    try:
        return _owned(session, caller, upload_id, ctx)
    finally:
        session.commit()


@router.options("/uploads", status_code=204, responses=OPTIONS_RESPONSES, **NO_BODY)
def tus_options(ctx: Ctx) -> Response:
    """Server capabilities (no authentication, as tus clients probe before they log in)."""
    return Response(status_code=204, headers=tus_headers(
        Tus_Version=TUS_VERSION, Tus_Extension=TUS_EXTENSIONS,
        Tus_Checksum_Algorithm=CHECKSUM_ALGORITHMS, Tus_Max_Size=ctx.settings.max_file_bytes))


@router.options("/uploads/{upload_id}", status_code=204, responses=OPTIONS_RESPONSES, **NO_BODY)
def tus_options_upload(upload_id: UploadId, ctx: Ctx) -> Response:
    """The same capabilities, asked at an upload's address."""
    return tus_options(ctx)


@router.post("/uploads", status_code=201, openapi_extra=CREATE_DOC, responses=CREATE_RESPONSES,
             **NO_BODY)
async def create_upload(request: Request, caller: CurrentCaller,
                        session: DbSession,
                        ctx: Ctx) -> Response:
    """Start an upload; complete at once when it carries bytes the caller already holds.

    With ``Content-Type: application/offset+octet-stream`` the body is the file's first bytes
    (all of it, for a file that fits one request); the answer's ``Upload-Offset`` says how many
    were kept. Such a creation for bytes the caller already holds — it uploaded them itself, or
    a dossier it may see holds them — is complete at once (the body is not needed); a file the
    portal holds for somebody else is uploaded again, from offset 0. A creation without a body
    always starts at offset 0, as tus clients expect (they send the first chunk at 0 next),
    unless it repeats an ``Idempotency-Key``: then it answers that upload and what it holds.

    ``Upload-Metadata`` may name the file's ``sha256`` (checked when the bytes are whole, and
    what lets a held file skip the upload), ``filename`` and ``media_type``; without ``sha256``
    the file's hash is computed once its bytes are whole.
    """
    require_version(request)
    with_body = has_body(request)
    if with_body:
        require_octet_stream(request)
    checksum = parse_checksum(request) if with_body else None
    # With a body the row is written only once the body is in (one write transaction, the
    # upload already complete in the usual case of a whole small file); until then it is a
    # transient object nobody else can reach.
    upload = await run_in_threadpool(_create, request, caller, session, ctx, with_body)
    offset = upload.offset
    if with_body and not upload.completed and upload.offset == 0:
        offset = await receive(request, ctx, session, upload, 0, checksum)
    elif with_body:
        # The portal holds this file already, or this is a creation asked again that has
        # bytes already: the body is not needed; the offset says where to go on.
        await drain(request)
    return Response(status_code=201, headers=tus_headers(
        Location=f"/api/v1/uploads/{upload.id}", Upload_Offset=offset,
        **({} if offset == upload.length else _expiry(ctx, upload))))


def _create(request: Request, caller: Caller, session: Session, ctx: PortalContext,
            with_body: bool = False) -> Upload:
    """The upload a creation asks for: an earlier one with the same key, or a new one.

    ``with_body``: the creation carries bytes; a new upload still missing bytes is then
    returned unsaved (its row is written by :func:`_store_new` once the body is in).
    """
    if "upload-defer-length" in request.headers:
        raise Problem(400, "tus-defer", "Cổng cần biết trước kích thước tệp (Upload-Length).",
                      headers=tus_headers())
    length = int_header(request, "upload-length")
    if length > ctx.settings.max_file_bytes:
        mb = ctx.settings.max_file_bytes // (1024 * 1024)
        raise Problem(413, "too-large", f"Tệp lớn hơn giới hạn {mb} MB cho mỗi tệp.",
                      headers=tus_headers(Tus_Max_Size=ctx.settings.max_file_bytes))
    if length == 0:
        raise Problem(422, "empty-file", "Tệp rỗng (0 byte). Hãy chọn lại tệp.", headers=tus_headers())
    raw_meta = request.headers.get("upload-metadata", "").strip()
    meta = parse_metadata(raw_meta)
    sha = meta.get("sha256", "").strip().lower()
    if "sha256" in meta and not _SHA256.match(sha):
        raise Problem(400, "tus-metadata",
                      "Upload-Metadata: khóa sha256 phải là mã băm SHA-256 của cả tệp (64 ký tự "
                      "thập lục phân).", headers=tus_headers(),
                      errors=[{"field": "sha256", "code": "sha256",
                               "message": "Mã băm SHA-256 phải gồm 64 ký tự thập lục phân."}])
    media_type = meta.get("media_type", "")
    if media_type and media_type not in MEDIA_TYPES:
        raise Problem(415, "media-type", "Chỉ nhận tệp PDF, JPEG hoặc PNG.", headers=tus_headers())
    if not media_type and meta.get("filetype") in MEDIA_TYPES:  # as Uppy and others name it
        media_type = meta["filetype"]
    given_name = meta.get("filename") or meta.get("name")
    filename = display_name(nfc(given_name)) if given_name else "tep"
    now = ctx.now()
    # Skipping the bytes needs a creation whose answer's Upload-Offset the client reads (one
    # with a body), a declared hash, and a holding of it.
    done = (with_body and bool(sha) and ctx.blobs.has(sha)
            and ctx.blobs.path(sha).stat().st_size == length
            and sha in possession.held(session, Actor.of(caller.account, caller.token_hash), [sha]))
    upload = Upload(id=new_id(), owner_id=caller.id, sha256=sha, length=length,
                    offset=length if done else 0, filename=filename, media_type=media_type,
                    created_at=now, completed=done, create_key=None, session=_holder(caller),
                    touched_at=None, tus_metadata=raw_meta or None)
    key = request.headers.get("idempotency-key")
    if key is not None:
        key = key.strip().strip('"')
        if not _KEY.match(key):
            raise Problem(400, "idempotency-key",
                          "Tiêu đề Idempotency-Key phải gồm 1–64 ký tự chữ, số, “-” hoặc “_”.",
                          headers=tus_headers(), errors=[{
                              "field": "Idempotency-Key", "code": "idempotency_key",
                              "message": "Idempotency-Key: 1–64 ký tự chữ, số, “-” hoặc “_”."}])
        earlier = session.scalars(select(Upload).where(
            Upload.owner_id == caller.id, Upload.create_key == key)).first()
        if earlier is not None and not earlier.completed and expires_at(ctx, earlier) <= now:
            # Expired: gone for good, as the clean-up would have made it; the key starts afresh.
            with locked(partial_path(ctx, earlier.id)):
                discard(ctx, session, earlier)
            earlier = None
        if earlier is not None:
            # The same creation asked again (its answer was lost, perhaps with its bytes half
            # sent): the same upload, with the offset it holds now.
            session.commit()
            if (sha and earlier.sha256 and earlier.sha256 != sha) or earlier.length != length or (
                    earlier.session != _holder(caller)):  # a kiosk's key, of another session
                raise Problem(422, "idempotency-key",
                              "Idempotency-Key này đã dùng cho một tệp khác.",
                              headers=tus_headers(), errors=[{
                                  "field": "Idempotency-Key", "code": "idempotency_key_reused",
                                  "message": "Mỗi lần tải một tệp cần một Idempotency-Key riêng."}])
            return earlier
        upload.create_key = key
    if not done:
        _check_quota(session, ctx, caller, length, now)
    if with_body and not done:
        session.commit()  # hand the connection back while the body streams in
        return upload
    session.add(upload)
    # The partial file is made by the first chunk that needs one (a whole-file PATCH never does).
    try:
        session.commit()
    except IntegrityError:  # the same key raced in twice: the other one created it
        session.rollback()
        raise Problem(409, "tus-offset", "Phiên tải tệp này đang được tạo; hãy hỏi lại vị trí.",
                      headers=tus_headers()) from None
    return upload


def _check_quota(session: Session, ctx: PortalContext, caller: Caller, length: int,
                 now: dt.datetime) -> None:
    """413 when this upload would take the account's pending bytes past its quota."""
    quota = ctx.settings.upload_quota_bytes
    pending = possession.pending_bytes(session, caller.id, now - ctx.settings.upload_ttl)
    if pending + length > quota:
        raise Problem(413, "upload-quota",
                      f"Tài khoản đang có {_mb(pending)} MB tệp đã tải lên nhưng chưa gắn vào hồ "
                      f"sơ nào; thêm tệp này ({_mb(length)} MB) sẽ vượt giới hạn {_mb(quota)} MB. "
                      "Hãy nộp hồ sơ dùng các tệp đó, hoặc chờ chúng hết hạn, rồi tải tiếp.",
                      headers=tus_headers(), extra={"quota_bytes": quota,
                                                    "pending_bytes": pending})


def _mb(size: int) -> str:
    """Megabytes the Vietnamese way (a decimal comma): ``1,5``."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",")


@router.head("/uploads/{upload_id}", openapi_extra=VERSION_DOC, responses=STATUS_RESPONSES,
             **NO_BODY)
def upload_status(upload_id: UploadId, request: Request, caller: CurrentCaller,
                  session: DbSession, ctx: Ctx) -> Response:
    """How many bytes the portal holds (where to resume), and until when."""
    require_version(request)
    upload = _owned(session, caller, upload_id, ctx)
    return Response(status_code=200, headers=tus_headers(
        Upload_Offset=upload.offset, Upload_Length=upload.length, Cache_Control="no-store",
        **_expiry(ctx, upload),
        **({"Upload_Metadata": upload.tus_metadata} if upload.tus_metadata else {})))


@router.delete("/uploads/{upload_id}", status_code=204, openapi_extra=VERSION_DOC,
               responses=TERMINATE_RESPONSES, **NO_BODY)
def terminate(upload_id: UploadId, request: Request, caller: CurrentCaller,
              session: DbSession,
              ctx: Ctx) -> Response:
    """Abandon an upload and free its space."""
    require_version(request)
    upload = _owned(session, caller, upload_id)
    with locked(partial_path(ctx, upload.id)):
        discard(ctx, session, upload)
    return Response(status_code=204, headers=tus_headers())


@router.patch("/uploads/{upload_id}", status_code=204, openapi_extra=APPEND_DOC,
              responses=APPEND_RESPONSES, **NO_BODY)
async def append(upload_id: UploadId, request: Request, caller: CurrentCaller,
                 session: DbSession,
                 ctx: Ctx) -> Response:
    """Append a chunk at ``Upload-Offset``; the last chunk completes and verifies the file."""
    require_version(request)
    require_octet_stream(request)
    offset = int_header(request, "upload-offset")
    checksum = parse_checksum(request)
    upload = await run_in_threadpool(_owned_released, session, caller, upload_id, ctx)
    new_offset = await receive(request, ctx, session, upload, offset, checksum)
    return Response(status_code=204, headers=tus_headers(
        Upload_Offset=new_offset, **({} if new_offset == upload.length else _expiry(ctx, upload))))


@router.head("/blobs/{sha256}", response_class=Response, responses={
    404: {"description": "Cổng chưa có tệp này: hãy tải lên (không có nội dung)."}})
def blob_exists(sha256: Sha256, caller: CurrentCaller, session: DbSession,
                ctx: Ctx) -> Response:
    """200 when the caller need not send this file (it holds it, and the portal has the
    bytes), else 404 — also for a file the portal holds for somebody else."""
    sha = sha256.lower()
    if (not _SHA256.match(sha) or not ctx.blobs.has(sha) or sha not in possession.held(
            session, Actor.of(caller.account, caller.token_hash), [sha])):
        return Response(status_code=404)
    return Response(status_code=200, headers={"X-Blob-Size": str(ctx.blobs.path(sha).stat().st_size)})
