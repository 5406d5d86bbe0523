"""Upload bookkeeping: sending the blobs a dossier's portal copy lacks, resumably (tus).

Each file's upload is recorded locally (server, SHA-256, upload URL, offset, the creation's
``Idempotency-Key``) as it goes, so a sync killed at any instant resumes where the portal stands
instead of starting over, and never sends a file twice when two dossiers share it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import UploadProgress
from app.services.lightdb import light_session
from app.services.portal_client import UPLOAD_CHUNK, PortalClient, PortalError
from dvc_core.blobs import BlobStore

log = logging.getLogger(__name__)

UPLOAD_PARALLEL = 3

#: (sha256, size, filename, media_type) of one file to send.
FileToSend = tuple[str, int, str, str]
#: Called as ``on_bytes(filename, sent, size, dossier_sent, dossier_total)`` as bytes go.
BytesSent = Callable[[str, int, int, int, int], None]


class Uploads:
    """Sends blobs to one portal; ``server`` keys the stored uploads (see ``SyncEngine``)."""

    def __init__(self, sessions: sessionmaker[Session], client: PortalClient, blobs: BlobStore,
                 server: str):
        self.sessions = sessions
        self.client = client
        self.blobs = blobs
        self.server = server
        # A file two dossiers in flight share is sent once: the second waits for the first.
        self._uploading: dict[str, threading.Event] = {}
        self._uploading_lock = threading.Lock()

    def upload_all(self, files: list[FileToSend], on_bytes: BytesSent) -> None:
        """Upload a dossier's missing files side by side (up to three at once).

        On a slow line the round trips of one file overlap the bytes of another; on a fast one
        the portal works on several files at once. The first failure is raised once all stop.
        """
        total = sum(size for _, size, _, _ in files)
        sent = dict.fromkeys((sha for sha, _, _, _ in files), 0)
        lock = threading.Lock()

        def one(item: FileToSend) -> None:
            sha, size, filename, media_type = item

            def progress(n: int) -> None:
                with lock:
                    sent[sha] = n
                    done = sum(sent.values())
                on_bytes(filename, n, size, done, total)

            self.upload(sha, size, filename, media_type, progress)

        if len(files) <= 1:
            for item in files:
                one(item)
            return
        with ThreadPoolExecutor(max_workers=min(UPLOAD_PARALLEL, len(files)),
                                thread_name_prefix="dvc-upload") as pool:
            futures = [pool.submit(one, item) for item in files]
            errors = [f.exception() for f in futures]
        for error in errors:
            if error is not None:
                raise error

    def upload(self, sha: str, size: int, filename: str, media_type: str,
               progress: Callable[[int], None]) -> None:
        """Send one blob the portal lacks (the PUT just said so); resume a stored upload.

        No ``HEAD /blobs`` first: the PUT's ``missing_blobs`` is that answer, fresh, and each
        round trip costs a tenth of a second on a rural line. A file sent for the first time
        goes with its creation request (tus creation-with-upload): one request for a file up
        to a chunk's size. The local row written just before says "started", so after a crash
        in the middle the next attempt asks the portal for that upload instead of starting over.
        """
        with self._uploading_lock:
            busy = self._uploading.get(sha)
            if busy is None:
                self._uploading[sha] = threading.Event()
        if busy is not None:
            # Another dossier in flight is sending this very file: wait for it, then ask.
            busy.wait()
            if self.client.has_blob(sha):
                progress(size)
                return
            self.upload(sha, size, filename, media_type, progress)
            return
        try:
            self._upload_once(sha, size, filename, media_type, progress)
        finally:
            with self._uploading_lock:
                self._uploading.pop(sha).set()

    def _upload_once(self, sha: str, size: int, filename: str, media_type: str,
                     progress: Callable[[int], None]) -> None:
        for _ in range(3):
            sent_last_chunk = False
            try:
                url, offset, stored = self._position(sha, size, filename, media_type, progress)

                def remember(new_offset: int, url: str = url) -> None:
                    if new_offset < size:  # the last chunk's row is removed right after anyway
                        self._store(sha, url=url, length=size, offset=new_offset)
                    progress(new_offset)

                if offset < size:
                    self.client.upload_chunks(url, self.blobs.path(sha), offset, size, remember)
                    # The portal answers the last chunk only after checking and storing the
                    # whole file, so a success here means the blob is there.
                    sent_last_chunk = True
                else:
                    # A creation that carried the whole file was checked and stored before its
                    # answer; an offset merely reported as complete (HEAD, a key asked again)
                    # is checked below: all bytes there does not yet mean a stored file.
                    sent_last_chunk = stored
            except PortalError as exc:
                # 409: the portal holds a different offset (a chunk landed although its answer
                # was lost); 404/410: the upload expired; 460: a chunk arrived damaged. Ask the
                # portal where it stands and go on from there.
                if exc.status in (404, 409, 410, 460):
                    if exc.status in (404, 410):
                        self.forget(sha)
                    continue
                raise
            self.forget(sha)
            if sent_last_chunk or self.client.has_blob(sha):
                return
            # The upload claims every byte but the portal holds no such file (it refused the
            # whole file, or never finished it): start that file again from zero.
            log.warning("upload of %s ended without a stored blob; starting it again", sha)
        raise PortalError(503, "Chưa tải được tệp đính kèm lên cổng; sẽ thử lại sau.")

    def _position(self, sha: str, size: int, filename: str, media_type: str,
                  progress: Callable[[int], None]) -> tuple[str, int, bool]:
        """Where this file's upload stands on the portal: (URL, offset, stored), creating it if
        need be; ``stored``: a creation carrying the whole file was answered, so the portal
        has checked and stored it.

        The first creation carries the file's first bytes and an ``Idempotency-Key`` stored
        just before it goes (with an empty URL). If its answer never comes back, the next
        attempt asks again with that key, without bytes, and the portal hands back the same
        upload with the offset it kept.
        """
        with self.sessions() as session:
            stored = session.scalar(select(UploadProgress).where(
                UploadProgress.server == self.server, UploadProgress.sha256 == sha))
            url, key = (stored.url, stored.create_key) if stored else (None, None)
        if url is None:
            key = uuid.uuid4().hex
            self._store(sha, url="", length=size, offset=0, key=key)
            with self.blobs.path(sha).open("rb") as handle:
                first = handle.read(min(UPLOAD_CHUNK, size))
            url, offset = self.client.create_upload(sha, size, filename, media_type,
                                                    first=first, key=key)
            if offset < size:
                self._store(sha, url=url, length=size, offset=offset)
            progress(offset)
            return url, offset, offset >= size and len(first) == size
        offset = self.client.upload_offset(url) if url else None
        if not url or offset is None:
            # A cut-off creation (same key: the same upload) or an expired one (a new key).
            key = key if not url else uuid.uuid4().hex
            url, offset = self.client.create_upload(sha, size, filename, media_type, key=key)
        self._store(sha, url=url, length=size, offset=offset)
        return url, offset, False

    def _store(self, sha: str, *, url: str | None, length: int, offset: int,
               key: str | None = None) -> None:
        with light_session(self.sessions) as session:
            row = session.scalar(select(UploadProgress).where(
                UploadProgress.server == self.server, UploadProgress.sha256 == sha))
            if row is None:
                if url is None:
                    return
                session.add(UploadProgress(server=self.server, sha256=sha, url=url,
                                           length=length, offset=offset, create_key=key))
            else:
                if url is not None:
                    row.url = url
                if key is not None:
                    row.create_key = key
                row.offset = offset

    def forget_all(self, shas: set[str]) -> None:
        """Drop the stored uploads of files the portal now holds (finished business)."""
        if not shas:
            return
        with self.sessions() as session:  # a read first: usually there is nothing to forget
            known = session.scalar(select(UploadProgress.id).where(
                UploadProgress.server == self.server, UploadProgress.sha256.in_(shas)).limit(1))
        if known is not None:
            with light_session(self.sessions) as session:
                session.execute(delete(UploadProgress).where(
                    UploadProgress.server == self.server, UploadProgress.sha256.in_(shas)))

    def forget(self, sha: str) -> None:
        with light_session(self.sessions) as session:
            row = session.scalar(select(UploadProgress).where(
                UploadProgress.server == self.server, UploadProgress.sha256 == sha))
            if row is not None:
                session.delete(row)
