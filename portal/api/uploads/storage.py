"""The files behind uploads: partial files, chunks made durable before the offset moves, and a
finished file verified (declared SHA-256, PDF/JPEG/PNG by content) before it joins the blob
store."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

from fastapi import Request
from sqlalchemy import insert, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from dvc_core.blobs import sniff_media_type
from portal import possession
from portal.api.uploads.tus import CHECKSUMS, tus_headers
from portal.context import PortalContext
from portal.models import Upload
from portal.problems import Problem

try:  # POSIX: lock across worker processes too
    import fcntl
except ImportError:  # Windows (embedded portal, one process): the thread lock is enough
    fcntl = None  # type: ignore[assignment]

_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


def partial_path(ctx: PortalContext, upload_id: str) -> Path:
    """Where an upload's bytes wait until the file is whole."""
    return ctx.uploads_dir / upload_id


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
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


def discard(ctx: PortalContext, session: Session, upload: Upload) -> None:
    path = partial_path(ctx, upload.id)
    for p in (path, Path(str(path) + ".lock")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    session.delete(upload)
    session.commit()


async def receive(request: Request, ctx: PortalContext, session: Session, upload: Upload,
                   offset: int, checksum: tuple[str, bytes] | None) -> int:
    """Take the request body as the bytes at ``offset``; returns the offset now held.

    ``checksum``: the request's ``Upload-Checksum`` (algorithm, digest), if it had one.

    The body goes to a file of its own first and joins the upload only once it is whole (or,
    cut off, when no per-chunk checksum says it must be whole): a torn request never corrupts
    what an earlier one stored.
    """
    if offset != upload.offset:
        raise Problem(409, "tus-offset",
                      f"Vị trí tải tiếp không khớp: cổng đang giữ {upload.offset} byte.",
                      headers=tus_headers(Upload_Offset=upload.offset))
    remaining = upload.length - upload.offset
    path = partial_path(ctx, upload.id)
    chunk_path = Path(f"{path}.chunk-{secrets.token_hex(8)}")
    digest = hashlib.sha256()  # the whole file's hash, when this chunk is the whole file
    algorithm, expected = checksum or ("", b"")
    check = CHECKSUMS[algorithm]() if checksum is not None and algorithm != "sha256" else digest
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
                                      headers=tus_headers(Upload_Offset=upload.offset))
                    digest.update(piece)
                    if check is not digest:
                        check.update(piece)
                    out.write(piece)
            except ClientDisconnect:
                disconnected = True
        if checksum is not None and not disconnected and check.digest() != expected:
            raise Problem(460, "checksum-mismatch",
                          f"Mã kiểm tra ({algorithm}) của phần dữ liệu vừa gửi không khớp; phần "
                          "này không được lưu. Hãy gửi lại.",
                          headers=tus_headers(Upload_Offset=upload.offset))
        if disconnected and checksum is not None:
            # An unverifiable partial chunk is dropped; the client resumes from the old offset.
            raise Problem(400, "tus-disconnected", "Kết nối bị ngắt giữa chừng; phần này không được lưu.",
                          headers=tus_headers(Upload_Offset=upload.offset))
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
    path = partial_path(ctx, upload.id)
    with locked(path):
        session.refresh(upload)
        if upload.offset != 0:
            raise Problem(409, "tus-offset",
                          f"Vị trí tải tiếp không khớp: cổng đang giữ {upload.offset} byte.",
                          headers=tus_headers(Upload_Offset=upload.offset))
        with open(chunk_path, "rb") as handle:
            head = handle.read(16)
        _verify(ctx, session, upload, chunk_sha, head)
        ctx.blobs.adopt(chunk_path, upload.sha256)
        for leftover in (path, Path(str(path) + ".lock")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        upload.offset = upload.length
        upload.completed = True
        upload.touched_at = ctx.now()
        _grant(ctx, session, upload)
        session.commit()


def _grant(ctx: PortalContext, session: Session, upload: Upload) -> None:
    """The uploader proved it holds these bytes (they arrived whole and verified)."""
    possession.grant(session, upload.owner_id, upload.session or "", upload.sha256,
                     upload.length, ctx.now())


def _verify(ctx: PortalContext, session: Session, upload: Upload, sha: str, head: bytes) -> None:
    """The whole file's hash (``sha``) as declared, and PDF/JPEG/PNG by content; else discard
    it. An upload that declared no hash takes the one its bytes have."""
    refusal = _refusal(upload, sha, head)
    if refusal is not None:
        discard(ctx, session, upload)
        raise refusal
    upload.sha256 = sha


def _refusal(upload: Upload, sha: str, head: bytes) -> Problem | None:
    """Why a whole file cannot be kept (hash not as declared, not PDF/JPEG/PNG), or None."""
    if upload.sha256 and sha != upload.sha256:
        return Problem(460, "checksum-mismatch",
                      f"Tệp “{upload.filename}” nhận được không khớp mã băm SHA-256 đã khai "
                      "(tệp bị hỏng hoặc bị thay đổi khi gửi). Hãy tải lên lại từ đầu.",
                      headers=tus_headers(), errors=[{
                          "field": "sha256", "code": "sha256_mismatch",
                          "message": "Mã băm của tệp không khớp."}])
    if sniff_media_type(head) is None:
        return Problem(415, "media-type",
                      f"Tệp “{upload.filename}” không phải PDF, JPEG hay PNG (kiểm tra theo nội "
                      "dung, không theo đuôi tệp). Hãy quét hoặc lưu lại thành PDF, JPEG hoặc PNG.",
                      headers=tus_headers(), errors=[{
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
    path = partial_path(ctx, upload.id)
    # Every byte arrived (a connection dropped after the last one still brought them all):
    # verify and store it now, or it would sit complete but never finished.
    whole = received == upload.length
    if whole:
        with open(chunk_path, "rb") as handle:
            head = handle.read(16)
        refusal = _refusal(upload, chunk_sha, head)
        if refusal is not None:
            raise refusal
        upload.sha256 = chunk_sha
        ctx.blobs.adopt(chunk_path, upload.sha256)
        upload.offset, upload.completed = upload.length, True
        _grant(ctx, session, upload)
    elif received:
        with open(chunk_path, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(chunk_path, path)
        _fsync_dir(path.parent)
        upload.offset = received
    if received:
        upload.touched_at = ctx.now()
    try:
        session.execute(_ADD_UPLOAD, {
            "id": upload.id, "owner_id": upload.owner_id, "sha256": upload.sha256,
            "length": upload.length, "offset": upload.offset, "filename": upload.filename,
            "media_type": upload.media_type, "created_at": upload.created_at,
            "completed": upload.completed, "create_key": upload.create_key,
            "session": upload.session, "touched_at": upload.touched_at,
            "tus_metadata": upload.tus_metadata})
        session.commit()
    except IntegrityError:  # the same key raced in twice: the other one created it
        session.rollback()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise Problem(409, "tus-offset", "Phiên tải tệp này đang được tạo; hãy hỏi lại vị trí.",
                      headers=tus_headers()) from None
    return upload.offset


def _commit_chunk(ctx: PortalContext, session: Session, upload: Upload, offset: int,
                  chunk_path: Path, received: int) -> int:
    path = partial_path(ctx, upload.id)
    with locked(path):
        session.refresh(upload)
        if upload.offset != offset:
            raise Problem(409, "tus-offset",
                          f"Vị trí tải tiếp không khớp: cổng đang giữ {upload.offset} byte.",
                          headers=tus_headers(Upload_Offset=upload.offset))
        if not path.exists():
            # The partial file vanished (disk cleaned, restored backup): start over from 0.
            path.touch()
            if upload.offset:
                session.execute(update(Upload).where(Upload.id == upload.id).values(offset=0))
                session.commit()
                raise Problem(409, "tus-offset",
                              "Phần tệp đã tải lên trước đó bị mất trên máy chủ; hãy tải lại từ đầu.",
                              headers=tus_headers(Upload_Offset=0))
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
            .values(offset=offset + received, touched_at=ctx.now())
        ).rowcount
        session.commit()
        if not moved:
            raise Problem(409, "tus-offset", "Phiên tải tệp đã bị thay đổi cùng lúc. Hãy thử lại.",
                          headers=tus_headers())
        session.refresh(upload)
        return upload.offset


def _finish_stuck(ctx: PortalContext, session: Session, upload: Upload) -> int:
    """Finish an upload that holds every byte but was never checked; returns its offset."""
    session.refresh(upload)
    if upload.completed or upload.offset != upload.length:
        return upload.offset
    if not partial_path(ctx, upload.id).exists():  # the partial file is gone: start again from 0
        session.execute(update(Upload).where(Upload.id == upload.id).values(offset=0))
        session.commit()
        return 0
    _finish(ctx, session, upload)
    return upload.length


def _finish(ctx: PortalContext, session: Session, upload: Upload) -> None:
    path = partial_path(ctx, upload.id)
    with locked(path):
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            head = handle.read(16)
            handle.seek(0)
            while block := handle.read(1024 * 1024):
                digest.update(block)
        _verify(ctx, session, upload, digest.hexdigest(), head)
        ctx.blobs.adopt(path, upload.sha256, synced=True)
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + ".lock").unlink()
        upload.completed = True
        upload.touched_at = ctx.now()
        _grant(ctx, session, upload)
        session.commit()
