"""The sync engine: push the outbox to the portal, pull the change feed back.

One engine runs at a time (a QThread in the app, the same code under ``dvc sync``). It is safe to
kill at any instant: every step is either recorded in the database before the next starts, or
repeatable on the portal (the dossier's UUID makes ``PUT`` and ``submit`` idempotent).

For one outbox item the steps are::

    PUT /dossiers/{uuid}          → which attachment hashes the portal lacks
    HEAD /blobs/{sha}, tus upload → each missing blob, resumable, offset stored as it goes
    POST /dossiers/{uuid}/submit  → official code, status, due date
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import (
    Attachment,
    Dossier,
    DossierState,
    DossierVersion,
    OutboxItem,
    OutboxState,
    StatusEvent,
    SyncCursor,
    UploadProgress,
)
from app.models.base import utcnow
from app.services.portal_client import (
    TRUNCATED,
    UPLOAD_CHUNK,
    AuthRequired,
    NetworkError,
    PortalClient,
    PortalError,
)
from dvc_core import lifecycle
from dvc_core.blobs import BlobStore

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
UNEXPECTED = "Có lỗi không mong đợi khi gửi hồ sơ; hồ sơ vẫn được giữ trên máy và sẽ được gửi lại."
UPLOAD_PARALLEL = 3
SEND_PARALLEL = 2  # dossiers in flight at once: one's round trips overlap another's bytes
BACKOFF_BASE = 2.0  # seconds
BACKOFF_CAP = 600.0


@dataclass
class SyncReport:
    """What one pass did; ``to_json`` is the output of ``dvc sync --once --json``."""

    sent: list[dict[str, Any]] = field(default_factory=list)
    retry_later: list[dict[str, Any]] = field(default_factory=list)
    attention: list[dict[str, Any]] = field(default_factory=list)
    changes: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)  # what to tell the person
    online: bool = True
    auth_required: bool = False
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "online": self.online,
            "auth_required": self.auth_required,
            "sent": self.sent,
            "retry_later": self.retry_later,
            "attention": self.attention,
            "changes": self.changes,
            "changed": self.changed,
            "error": self.error,
        }


def backoff_delay(attempts: int, rng: random.Random) -> float:
    """Exponential backoff with full jitter: up to base·2^(n-1) seconds, capped."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** max(0, attempts - 1)))
    return rng.uniform(ceiling / 2, ceiling)


def _already_submitted(exc: PortalError, op: str) -> bool:
    """A PUT refused because the portal already holds this dossier submitted: our own replay?

    For a first ``submit`` the UUID is ours alone, so yes. For a ``resubmit`` only if the
    dossier stands where a resubmission puts it (received again or further on); if it left
    status 5 some other way (withdrawn, refused, stopped), the new content never arrived.
    """
    current = exc.problem.get("current")
    if not (isinstance(current, dict) and current.get("code")):
        return False
    return op == "submit" or current.get("status") in lifecycle.RESUBMITTED


def action_conflict_message(action: str, exc: PortalError) -> str:
    """What the person reads when the portal refused an action with 409: the dossier changed.

    Names the action and where the dossier stands now (from the problem's ``current``), so the
    officer knows the decision was not applied and why; the portal's own sentence follows.
    """
    transition = lifecycle.TRANSITIONS.get(action)
    label = transition.label if transition else action
    current = exc.problem.get("current")
    status_text = current.get("status_text") if isinstance(current, dict) else None
    now = f" (hiện nay: “{status_text}”)" if isinstance(status_text, str) and status_text else ""
    return (f"Chưa thực hiện “{label}”: hồ sơ trên cổng đã thay đổi trước khi thao tác được "
            f"gửi{now}. Hãy xem lại hồ sơ rồi làm lại nếu vẫn cần. Cổng trả lời: {exc.detail}")


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


class SyncEngine:
    """Delivers queued dossiers exactly once and applies what the portal reports back.

    Args:
        sessions: the local database.
        client: the portal client (its token callable decides who is signed in).
        blobs: where attachment bytes are.
        clock: returns the current aware UTC time (tests pin it).
        rng: jitter source (tests seed it).
        progress: called as ``progress(dossier_id, sent_bytes, total_bytes)`` during uploads.
        server_key: what the change cursor and stored uploads are keyed by (default: the URL).
        file_progress: called as ``file_progress(dossier_id, filename, sent, size)`` per file.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        client: PortalClient,
        blobs: BlobStore,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        rng: random.Random | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        server_key: str | None = None,
        file_progress: Callable[[str, str, int, int], None] | None = None,
        send_parallel: int = SEND_PARALLEL,
    ):
        self.sessions = sessions
        self.client = client
        self.blobs = blobs
        self.clock = clock
        self.rng = rng or random.Random()
        self.progress = progress
        self.file_progress = file_progress
        self.send_parallel = send_parallel
        # A file two dossiers in flight share is sent once: the second waits for the first.
        self._uploading: dict[str, threading.Event] = {}
        self._uploading_lock = threading.Lock()
        # The embedded portal gets a new port each start, so it is keyed by name, not address.
        self.server = server_key or client.base_url

    # ----------------------------------------------------------------------------- one pass
    def run_once(self, *, pull: bool = True, ignore_backoff: bool = False) -> SyncReport:
        """Send every due outbox item, then read the change feed."""
        report = SyncReport()
        try:
            # Rounds: an item held back behind an earlier one of its dossier (an action behind
            # its submission) goes in the same pass once that one is done.
            attempted: set[int] = set()
            while due := [i for i in self._due_items(ignore_backoff) if i not in attempted]:
                attempted.update(due)
                self._send_round(due, report)
            if pull:
                report.changes = self.pull_changes(report.changed)
        except AuthRequired as exc:
            report.auth_required = True
            report.error = exc.detail
        except NetworkError as exc:
            report.online = False
            report.error = exc.message
        except PortalError as exc:  # the feed failed (e.g. 5xx): read it again next pass
            report.error = exc.detail
        return report

    def _send_round(self, due: list[int], report: SyncReport) -> None:
        """Send items of different dossiers, up to ``SEND_PARALLEL`` at once, in queue order.

        The first network failure or sign-in request stops the round: items not yet started
        stay pending, the ones in flight finish (each records its own outcome), and the error
        is raised as a sequential pass would raise it. The report lists items in queue order.
        """
        if self.send_parallel <= 1 or len(due) <= 1:
            for item_id in due:
                self._send(item_id, report)
            return
        parts = {item_id: SyncReport() for item_id in due}
        failure: list[BaseException] = []
        pending = list(due)
        lock = threading.Lock()

        def worker() -> None:
            while True:
                with lock:
                    if failure or not pending:
                        return
                    item_id = pending.pop(0)
                try:
                    self._send(item_id, parts[item_id])
                except BaseException as exc:  # noqa: BLE001 — handed to the caller below
                    with lock:
                        failure.append(exc)
                    return

        with ThreadPoolExecutor(max_workers=min(self.send_parallel, len(due)),
                                thread_name_prefix="dvc-send") as pool:
            for future in [pool.submit(worker) for _ in range(min(self.send_parallel, len(due)))]:
                future.result()
        for item_id in due:
            part = parts[item_id]
            report.sent += part.sent
            report.retry_later += part.retry_later
            report.attention += part.attention
        if failure:
            raise failure[0]

    def _due_items(self, ignore_backoff: bool) -> list[int]:
        """Pending items that are due, in order; an item waits while an earlier item of the
        same dossier is unfinished (an action never overtakes the submission it acts on)."""
        now = self.clock()
        with self.sessions() as session:
            rows = session.execute(
                select(OutboxItem.id, OutboxItem.dossier_id, OutboxItem.state,
                       OutboxItem.next_attempt_at)
                .where(OutboxItem.state != OutboxState.DONE).order_by(OutboxItem.id)
            ).all()
        blocked: set[str] = set()
        due = []
        for item_id, dossier_id, state, next_at in rows:
            if dossier_id in blocked:
                continue
            if state == OutboxState.ATTENTION:
                continue  # given up and shown to the person; it holds nothing back
            blocked.add(dossier_id)
            if state == OutboxState.PENDING and (ignore_backoff or next_at <= now):
                due.append(item_id)
        return due

    def _send(self, item_id: int, report: SyncReport) -> None:
        # "In flight" need not reach the disk: after a power cut an item in flight goes back
        # to pending anyway, which is what a lost write leaves. Saves an fsync per item.
        with self._light() as session:
            item = session.get(OutboxItem, item_id)
            if item is None or item.state != OutboxState.PENDING:
                return
            item.state = OutboxState.IN_FLIGHT
            dossier = session.get(Dossier, item.dossier_id)
            assert dossier is not None
            if item.op == "action":
                payload = dict(item.payload or {})
                dossier_id, local_ref = dossier.id, dossier.local_ref
                op = "action"
            else:
                op = item.op
                dossier.state = DossierState.SENDING
            document = self._document(dossier)
            dossier_id, local_ref = dossier.id, dossier.local_ref
            attachments = [(a.sha256, a.size, a.filename, a.media_type) for a in dossier.attachments]
        if op == "action":
            self._send_action(item_id, dossier_id, local_ref, payload, report)
            return
        try:
            try:
                answer = self.client.put_dossier(dossier_id, document)
            except PortalError as exc:
                if exc.status != 409 or not _already_submitted(exc, op):
                    raise
                # A replay after a crash or a lost answer: the portal already has this dossier
                # submitted. Submitting again is idempotent and gives back the same code.
                answer = {"missing_blobs": []}
            missing = set(answer.get("missing_blobs") or [])
            # Uploads this machine started for files the portal now holds (a creation whose
            # answer was lost, say) are finished business: forget them.
            self._forget_uploads({a[0] for a in attachments} - missing)
            # One upload per distinct content, whatever names the same file was attached under.
            distinct = {a[0]: a for a in attachments if a[0] in missing}
            self._upload_all(dossier_id, list(distinct.values()))
            result = self.client.submit(dossier_id)
            if not isinstance(result, dict) or not result.get("code"):
                # A submission is recorded only with the portal's code; an answer without one
                # is not an answer to this request (cut short, or not the portal's). Submitting
                # again is harmless: the portal gives back the same code.
                log.warning("submit of %s answered without a code: %r", dossier_id, result)
                raise PortalError(502, TRUNCATED)
        except Exception as exc:  # noqa: BLE001 — one odd answer must not strand the item
            if not isinstance(exc, NetworkError | PortalError):
                log.exception("unexpected failure sending %s", dossier_id)
                message = UNEXPECTED
                gave_up = self._requeue(item_id, message, count_attempt=True)
                entry = {"id": dossier_id, "local_ref": local_ref, "error": message}
                (report.attention if gave_up else report.retry_later).append(entry)
                return
            if isinstance(exc, AuthRequired):
                self._requeue(item_id, exc.detail, count_attempt=False)
                raise
            if isinstance(exc, NetworkError) or exc.retryable:
                message = exc.message if isinstance(exc, NetworkError) else exc.detail
                gave_up = self._requeue(item_id, message, count_attempt=True)
                entry = {"id": dossier_id, "local_ref": local_ref, "error": message}
                (report.attention if gave_up else report.retry_later).append(entry)
                if isinstance(exc, NetworkError):
                    raise
                return
            self._needs_action(item_id, exc)
            report.attention.append({"id": dossier_id, "local_ref": local_ref, "error": exc.detail,
                                     "errors": exc.field_errors})
            return
        try:
            self._submitted(item_id, result)
        except Exception:  # noqa: BLE001 — e.g. the file locked: the portal has it, try again
            log.exception("could not record the submission of %s", dossier_id)
            self._requeue(item_id, UNEXPECTED, count_attempt=True)
            report.retry_later.append({"id": dossier_id, "local_ref": local_ref,
                                       "error": UNEXPECTED})
            return
        report.sent.append({"id": dossier_id, "local_ref": local_ref, "code": result.get("code"),
                            "status": result.get("status"), "op": op})

    def _send_action(self, item_id: int, dossier_id: str, local_ref: str,
                     payload: dict[str, Any], report: SyncReport) -> None:
        try:
            self._send_action_inner(item_id, dossier_id, local_ref, payload, report)
        except (NetworkError, AuthRequired):
            raise
        except Exception:  # noqa: BLE001 — never leave the item in flight
            log.exception("unexpected failure sending an action for %s", dossier_id)
            gave_up = self._requeue(item_id, UNEXPECTED, count_attempt=True, action=True)
            entry = {"id": dossier_id, "local_ref": local_ref, "error": UNEXPECTED}
            (report.attention if gave_up else report.retry_later).append(entry)

    def _send_action_inner(self, item_id: int, dossier_id: str, local_ref: str,
                           payload: dict[str, Any], report: SyncReport) -> None:
        try:
            version = payload.get("expected_version")
            if not isinstance(version, int):
                version = self.client.get_dossier(dossier_id).get("version", 0)
            answer = self.client.action(dossier_id, payload["action"], version, payload.get("note"))
        except (NetworkError, PortalError) as exc:
            if isinstance(exc, AuthRequired):
                self._requeue(item_id, exc.detail, count_attempt=False, action=True)
                raise
            if isinstance(exc, NetworkError) or exc.retryable:
                message = exc.message if isinstance(exc, NetworkError) else exc.detail
                gave_up = self._requeue(item_id, message, count_attempt=True, action=True)
                entry = {"id": dossier_id, "local_ref": local_ref, "error": message}
                (report.attention if gave_up else report.retry_later).append(entry)
                if isinstance(exc, NetworkError):
                    raise
                return
            # 409 (someone changed the dossier first, or the action no longer applies) and
            # other refusals: shown to the person, never retried blindly.
            message = (action_conflict_message(payload["action"], exc) if exc.status == 409
                       else exc.detail)
            with self.sessions.begin() as session:
                item = session.get(OutboxItem, item_id)
                item.state = OutboxState.ATTENTION
                item.last_error = message
                session.get(Dossier, dossier_id).last_error = message
            report.attention.append({"id": dossier_id, "local_ref": local_ref, "error": message,
                                     "errors": exc.field_errors})
            return
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            item.state = OutboxState.DONE
            item.last_error = None
            dossier = session.get(Dossier, dossier_id)
            dossier.last_error = None
            if isinstance(answer.get("version"), int):
                dossier.portal_version = answer["version"]
            self._apply_status(session, dossier, answer.get("status"), answer.get("status_text"),
                               payload.get("note"), self.clock(), None)
        report.sent.append({"id": dossier_id, "local_ref": local_ref, "action": payload["action"],
                            "status": answer.get("status")})

    def _report_progress(self, dossier_id: str, sent: int, total: int) -> None:
        if self.progress:
            self.progress(dossier_id, sent, total)

    @staticmethod
    def _document(d: Dossier) -> dict[str, Any]:
        return {
            "procedure_code": d.procedure_code,
            "schema_version": d.schema_version,
            "applicant": d.applicant,
            "fields": d.fields,
            "attachments": [
                {"component": a.component, "sha256": a.sha256, "size": a.size,
                 "filename": a.filename, "media_type": a.media_type}
                for a in d.attachments
            ],
            "local_ref": d.local_ref,
        }

    # ----------------------------------------------------------------------------- uploads
    def _upload_all(self, dossier_id: str, files: list[tuple[str, int, str, str]]) -> None:
        """Upload a dossier's missing files side by side (up to three at once).

        On a slow line the round trips of one file overlap the bytes of another; on a fast one
        the portal works on several files at once. The first failure is raised once all stop.
        """
        total = sum(size for _, size, _, _ in files)
        sent = dict.fromkeys((sha for sha, _, _, _ in files), 0)
        lock = threading.Lock()

        def one(item: tuple[str, int, str, str]) -> None:
            sha, size, filename, media_type = item

            def on_bytes(n: int) -> None:
                with lock:
                    sent[sha] = n
                    done = sum(sent.values())
                self._report_progress(dossier_id, done, total)
                if self.file_progress:
                    self.file_progress(dossier_id, filename, n, size)

            self._upload(sha, size, filename, media_type, on_bytes)

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

    def _upload(self, sha: str, size: int, filename: str, media_type: str,
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
            self._upload(sha, size, filename, media_type, progress)
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
                url, offset, stored = self._upload_position(sha, size, filename, media_type,
                                                            progress)

                def remember(new_offset: int, url: str = url) -> None:
                    if new_offset < size:  # the last chunk's row is removed right after anyway
                        self._store_upload(sha, url=url, length=size, offset=new_offset)
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
                        self._forget_upload(sha)
                    continue
                raise
            self._forget_upload(sha)
            if sent_last_chunk or self.client.has_blob(sha):
                return
            # The upload claims every byte but the portal holds no such file (it refused the
            # whole file, or never finished it): start that file again from zero.
            log.warning("upload of %s ended without a stored blob; starting it again", sha)
        raise PortalError(503, "Chưa tải được tệp đính kèm lên cổng; sẽ thử lại sau.")

    def _upload_position(self, sha: str, size: int, filename: str, media_type: str,
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
            self._store_upload(sha, url="", length=size, offset=0, key=key)
            with self.blobs.path(sha).open("rb") as handle:
                first = handle.read(min(UPLOAD_CHUNK, size))
            url, offset = self.client.create_upload(sha, size, filename, media_type,
                                                    first=first, key=key)
            if offset < size:
                self._store_upload(sha, url=url, length=size, offset=offset)
            progress(offset)
            return url, offset, offset >= size and len(first) == size
        offset = self.client.upload_offset(url) if url else None
        if not url or offset is None:
            # A cut-off creation (same key: the same upload) or an expired one (a new key).
            key = key if not url else uuid.uuid4().hex
            url, offset = self.client.create_upload(sha, size, filename, media_type, key=key)
        self._store_upload(sha, url=url, length=size, offset=offset)
        return url, offset, False

    @contextmanager
    def _light(self) -> Iterator[Session]:
        """A transaction whose commit need not reach the disk that instant.

        For upload bookkeeping only: losing the newest offset to a power cut costs asking the
        portal (HEAD) or, at worst, sending one file again — never a dossier. A later durable
        commit writes it out anyway (WAL). It saves an fsync per chunk.
        """
        engine = self.sessions.kw["bind"]
        with engine.connect() as connection:
            # The safety level cannot change inside a transaction: set it, end the (empty)
            # transaction, do the work in one of its own, and put FULL back the same way.
            connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
            connection.commit()
            try:
                with connection.begin():
                    session = Session(bind=connection)  # joins the connection's transaction
                    try:
                        yield session
                        session.flush()
                    finally:
                        session.close()
            finally:
                connection.exec_driver_sql("PRAGMA synchronous=FULL")
                connection.commit()

    def _store_upload(self, sha: str, *, url: str | None, length: int, offset: int,
                      key: str | None = None) -> None:
        with self._light() as session:
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

    def _forget_uploads(self, shas: set[str]) -> None:
        if not shas:
            return
        with self.sessions() as session:  # a read first: usually there is nothing to forget
            known = session.scalar(select(UploadProgress.id).where(
                UploadProgress.server == self.server, UploadProgress.sha256.in_(shas)).limit(1))
        if known is not None:
            with self._light() as session:
                session.execute(delete(UploadProgress).where(
                    UploadProgress.server == self.server, UploadProgress.sha256.in_(shas)))

    def _forget_upload(self, sha: str) -> None:
        with self._light() as session:
            row = session.scalar(select(UploadProgress).where(
                UploadProgress.server == self.server, UploadProgress.sha256 == sha))
            if row is not None:
                session.delete(row)

    # ----------------------------------------------------------------------------- outcomes
    def _requeue(self, item_id: int, message: str, *, count_attempt: bool,
                 action: bool = False) -> bool:
        """Back to pending with a backoff; True when the retries are used up (attention).

        An action's retries leave the dossier's own state alone (it is already submitted).
        """
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            dossier = session.get(Dossier, item.dossier_id)
            item.last_error = message
            dossier.last_error = message
            if count_attempt:
                item.attempts += 1
            if item.attempts >= MAX_ATTEMPTS:
                item.state = OutboxState.ATTENTION
                if not action:
                    dossier.state = DossierState.NEEDS_ACTION
                return True
            item.state = OutboxState.PENDING
            item.next_attempt_at = self.clock() + dt.timedelta(
                seconds=backoff_delay(item.attempts, self.rng))
            if not action:
                dossier.state = DossierState.QUEUED
            return False

    def _needs_action(self, item_id: int, exc: PortalError) -> None:
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            dossier = session.get(Dossier, item.dossier_id)
            messages = [exc.detail] + [e.get("message", "") for e in exc.field_errors
                                       if isinstance(e, dict)]
            item.state = OutboxState.ATTENTION
            item.last_error = "\n".join(m for m in messages if m)
            dossier.state = DossierState.NEEDS_ACTION
            dossier.last_error = item.last_error

    def _submitted(self, item_id: int, result: dict[str, Any]) -> None:
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            dossier = session.get(Dossier, item.dossier_id)
            item.state = OutboxState.DONE
            item.last_error = None
            dossier.state = DossierState.SUBMITTED
            dossier.last_error = None
            dossier.code = result.get("code")
            if isinstance(result.get("version"), int):
                dossier.portal_version = result["version"]
            dossier.received_at = _parse_time(result.get("received_at"))
            dossier.due_at = _parse_time(result.get("due_at"))
            dossier.synced_at = self.clock()
            self._apply_status(session, dossier, result.get("status"), result.get("status_text"),
                               None, dossier.received_at or self.clock(), None)
            purge = dossier.mode == "kiosk"
            dossier_id = dossier.id
        if purge:
            self.purge(dossier_id)

    def purge(self, dossier_id: str) -> None:
        """Delete a dossier and every trace of it on this machine (a kiosk's, once confirmed).

        Its rows go in one transaction (``secure_delete`` overwrites the freed pages); then
        each blob no other dossier uses is deleted. The citizen keeps the printed slip; the
        portal keeps the dossier.
        """
        with self.sessions.begin() as session:
            dossier = session.get(Dossier, dossier_id)
            if dossier is None:
                return
            shas = {a.sha256 for a in dossier.attachments}
            for version in session.scalars(select(DossierVersion).where(
                    DossierVersion.dossier_id == dossier_id)):
                shas |= {a.get("sha256") for a in (version.attachments or {}).get("items", [])}
            session.execute(delete(OutboxItem).where(OutboxItem.dossier_id == dossier_id))
            session.execute(delete(DossierVersion).where(DossierVersion.dossier_id == dossier_id))
            session.delete(dossier)
            session.execute(delete(UploadProgress).where(UploadProgress.sha256.in_(shas)))
        with self.sessions() as session:
            still_used = set(session.scalars(select(Attachment.sha256).where(
                Attachment.sha256.in_(shas))))
        for sha in shas - still_used:
            if sha:
                self.blobs.delete(sha)

    @staticmethod
    def _apply_status(session: Session, dossier: Dossier, status: Any, text: Any, note: Any,
                      at: dt.datetime, seq: int | None) -> None:
        if not isinstance(status, int):
            return
        if seq is not None and session.scalar(select(StatusEvent.id).where(
                StatusEvent.dossier_id == dossier.id, StatusEvent.seq == seq)):
            return  # this change was already applied
        if dossier.status == status:
            # The submit answer already recorded this status; the feed's copy only adds its
            # sequence number (and note), so the history shows it once.
            last = session.scalar(select(StatusEvent).where(StatusEvent.dossier_id == dossier.id)
                                  .order_by(StatusEvent.id.desc()).limit(1))
            if last is not None and last.status == status and (seq is None or last.seq is None):
                if seq is not None:
                    last.seq = seq
                    last.note = note if isinstance(note, str) else last.note
                return
        dossier.status = status
        dossier.status_text = text if isinstance(text, str) else dossier.status_text
        dossier.status_note = note if isinstance(note, str) else None
        session.add(StatusEvent(dossier_id=dossier.id, status=status,
                                status_text=dossier.status_text or str(status),
                                note=dossier.status_note, at=at, seq=seq))

    # ----------------------------------------------------------------------------- pull
    def pull_changes(self, changed: list[dict[str, Any]] | None = None) -> int:
        """Read ``/changes`` from the stored cursor; apply each change to the local copy.

        Each change that moved a local dossier to a new status is appended to ``changed``
        (id, local reference, code, status, text, note) so the app can tell the person.
        """
        applied = 0
        with self.sessions() as session:
            cursor = session.get(SyncCursor, self.server)
            since = cursor.since if cursor else 0
        while True:
            page = self.client.changes(since)
            changes = page.get("changes") or []
            with self.sessions.begin() as session:
                for change in changes:
                    dossier = session.get(Dossier, str(change.get("uuid")))
                    if dossier is None:
                        continue  # not filed from this machine
                    if change.get("code") and not dossier.code:
                        dossier.code = change["code"]
                    if isinstance(change.get("version"), int):
                        dossier.portal_version = max(dossier.portal_version or 0, change["version"])
                    before = dossier.status
                    self._apply_status(session, dossier, change.get("status"),
                                       change.get("status_text"), change.get("note"),
                                       _parse_time(change.get("at")) or self.clock(),
                                       change.get("seq"))
                    if changed is not None and dossier.status != before:
                        changed.append({"id": dossier.id, "local_ref": dossier.local_ref,
                                        "code": dossier.code, "status": dossier.status,
                                        "status_text": dossier.status_text,
                                        "note": dossier.status_note})
                    applied += 1
                next_since = int(page.get("next", since))
                cursor = session.get(SyncCursor, self.server)
                if cursor is None:
                    cursor = SyncCursor(server=self.server, since=0)
                    session.add(cursor)
                cursor.since = max(since, next_since)
                cursor.last_success_at = self.clock()
            if not changes or next_since <= since:
                return applied
            since = next_since
