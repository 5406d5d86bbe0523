"""The sync engine: push the outbox to the portal, pull the change feed back.

One engine runs at a time (a QThread in the app, the same code under ``dvc sync``). It is safe to
kill at any instant: every step is either recorded in the database before the next starts, or
repeatable on the portal (the dossier's UUID makes ``PUT`` and ``submit`` idempotent).

For one outbox item the steps are::

    PUT /dossiers/{uuid}          → which attachment hashes the portal lacks
    HEAD /blobs/{sha}, tus upload → each missing blob, resumable, offset stored as it goes
    POST /dossiers/{uuid}/submit  → official code, status, due date

The engine composes the parts: :class:`~app.services.outbox.Outbox` (which items are due and
each outcome), :class:`~app.services.uploads.Uploads` (the tus bookkeeping),
:class:`~app.services.changes.ChangeFeed` (what the portal reports back) and
:func:`~app.services.purge.purge_dossier` (a kiosk keeps nothing once the portal has it).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.models.base import utcnow
from app.services.changes import ChangeFeed, StatusChange, parse_time
from app.services.outbox import MAX_ATTEMPTS, UNEXPECTED, Outbox, OutboxWork, backoff_delay
from app.services.portal_client import (
    TRUNCATED,
    AuthRequired,
    NetworkError,
    PortalClient,
    PortalError,
)
from app.services.purge import clean_up, purge_dossier
from app.services.sync_report import Sent, SyncReport, Unsent
from app.services.uploads import Uploads
from dvc_core import lifecycle
from dvc_core.blobs import BlobStore
from dvc_core.vntime import format_vn
from dvc_core.wire import PutAnswer

log = logging.getLogger(__name__)

SEND_PARALLEL = 2  # dossiers in flight at once: one's round trips overlap another's bytes

__all__ = ["MAX_ATTEMPTS", "SEND_PARALLEL", "Sent", "StatusChange", "SyncEngine", "SyncReport",
           "Unsent", "action_conflict_message", "backoff_delay"]


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


def _message(exc: NetworkError | PortalError) -> str:
    return exc.message if isinstance(exc, NetworkError) else exc.detail


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
        # The embedded portal gets a new port each start, so it is keyed by name, not address.
        self.server = server_key or client.base_url
        self.outbox = Outbox(sessions, clock, self.rng)
        self.uploads = Uploads(sessions, client, blobs, self.server)
        self.feed = ChangeFeed(sessions, client, self.server, clock, blobs)
        self._scrub_due = False  # a purge in this pass: the WAL is to be emptied at its end

    # ----------------------------------------------------------------------------- one pass
    def run_once(self, *, pull: bool = True, ignore_backoff: bool = False) -> SyncReport:
        """Send every due outbox item, then read the change feed."""
        report = SyncReport()
        try:
            # Rounds: an item held back behind an earlier one of its dossier (an action behind
            # its submission) goes in the same pass once that one is done.
            attempted: set[int] = set()
            while due := [i for i in self.outbox.due(ignore_backoff) if i not in attempted]:
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
        self._clean_up()
        return report

    def _clean_up(self) -> None:
        """After a pass: purge what the portal confirmed that a crash kept from being purged,
        and empty the WAL after any purge (nothing of a purged citizen stays in it)."""
        try:
            self._scrub_due = not clean_up(self.sessions, self.blobs,
                                           scrub_anyway=self._scrub_due)
        except Exception:  # noqa: BLE001 — the next pass, or the next start, does it again
            log.exception("could not clean up after a sync pass")
            self._scrub_due = True

    def pull_changes(self, changed: list[StatusChange] | None = None) -> int:
        """Read the change feed and apply it (see :meth:`ChangeFeed.pull`)."""
        return self.feed.pull(changed)

    def purge(self, dossier_id: str) -> None:
        """Delete a dossier and every trace of it on this machine (see :func:`purge_dossier`)."""
        purge_dossier(self.sessions, self.blobs, dossier_id)
        self._scrub_due = True

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

    def _send(self, item_id: int, report: SyncReport) -> None:
        work = self.outbox.take(item_id)
        if work is None:
            return
        if work.op == "action":
            self._send_action(work, report)
        else:
            self._send_dossier(work, report)

    # ----------------------------------------------------------------------------- submissions
    def _send_dossier(self, work: OutboxWork, report: SyncReport) -> None:
        item_id, dossier_id, local_ref, op = work.item_id, work.dossier_id, work.local_ref, work.op
        try:
            try:
                answer = self.client.put_dossier(dossier_id, work.document)
            except PortalError as exc:
                if exc.status != 409 or not _already_submitted(exc, op):
                    raise
                # A replay after a crash or a lost answer: the portal already has this dossier
                # submitted. Submitting again is idempotent and gives back the same code.
                answer = PutAnswer()
            missing = set(answer.missing_blobs)
            attachments = work.document.attachments
            # Uploads this machine started for files the portal now holds (a creation whose
            # answer was lost, say) are finished business: forget them.
            self.uploads.forget_all({a.sha256 for a in attachments} - missing)
            # One upload per distinct content, whatever names the same file was attached under.
            distinct = {a.sha256: (a.sha256, a.size, a.filename, a.media_type)
                        for a in attachments if a.sha256 in missing}
            self.uploads.upload_all(list(distinct.values()), self._on_bytes(dossier_id))
            result = self.client.submit(dossier_id)
            if not result.code:
                # A submission is recorded only with the portal's code; an answer without one
                # is not an answer to this request (cut short, or not the portal's). Submitting
                # again is harmless: the portal gives back the same code.
                log.warning("submit of %s answered without a code: %r", dossier_id, result)
                raise PortalError(502, TRUNCATED)
        except Exception as exc:  # noqa: BLE001 — one odd answer must not strand the item
            if not isinstance(exc, NetworkError | PortalError):
                log.exception("unexpected failure sending %s", dossier_id)
                gave_up = self.outbox.requeue(item_id, UNEXPECTED, count_attempt=True)
                report.unsent(Unsent(dossier_id, local_ref, UNEXPECTED), gave_up=gave_up)
                return
            if isinstance(exc, AuthRequired):
                self.outbox.requeue(item_id, exc.detail, count_attempt=False)
                raise
            if isinstance(exc, NetworkError) or exc.retryable:
                message = _message(exc)
                gave_up = self.outbox.requeue(item_id, message, count_attempt=True)
                report.unsent(Unsent(dossier_id, local_ref, message), gave_up=gave_up)
                if isinstance(exc, NetworkError):
                    raise
                return
            self.outbox.needs_action(item_id, exc)
            report.attention.append(Unsent(dossier_id, local_ref, exc.detail,
                                           tuple(exc.field_errors)))
            return
        try:
            if self.outbox.submitted(item_id, result):
                self.purge(dossier_id)  # a kiosk keeps nothing once the portal has it
        except Exception:  # noqa: BLE001 — e.g. the file locked: the portal has it, try again
            log.exception("could not record the submission of %s", dossier_id)
            self.outbox.requeue(item_id, UNEXPECTED, count_attempt=True)
            report.retry_later.append(Unsent(dossier_id, local_ref, UNEXPECTED))
            return
        report.sent.append(Sent(dossier_id, local_ref, result.status, op=op, code=result.code))

    def _on_bytes(self, dossier_id: str) -> Callable[[str, int, int, int, int], None]:
        def on_bytes(filename: str, sent: int, size: int, done: int, total: int) -> None:
            if self.progress:
                self.progress(dossier_id, done, total)
            if self.file_progress:
                self.file_progress(dossier_id, filename, sent, size)

        return on_bytes

    # ----------------------------------------------------------------------------- actions
    def _send_action(self, work: OutboxWork, report: SyncReport) -> None:
        try:
            self._send_action_inner(work, report)
        except (NetworkError, AuthRequired):
            raise
        except Exception:  # noqa: BLE001 — never leave the item in flight
            log.exception("unexpected failure sending an action for %s", work.dossier_id)
            gave_up = self.outbox.requeue(work.item_id, UNEXPECTED, count_attempt=True,
                                          action=True)
            report.unsent(Unsent(work.dossier_id, work.local_ref, UNEXPECTED), gave_up=gave_up)

    def _conflict(self, dossier_id: str, exc: PortalError) -> dict[str, Any]:
        """Where a dossier stands after a 409, and what was last done to it (who, when, what),
        read from the portal (offline: what the problem said)."""
        current = exc.problem.get("current")
        out: dict[str, Any] = dict(current) if isinstance(current, dict) else {}
        try:
            fresh = self.client.get_dossier(dossier_id)
        except (NetworkError, PortalError):
            return out
        out.update(status=fresh.get("status"), status_text=fresh.get("status_text"),
                   version=fresh.get("version"))
        history = fresh.get("history") or []
        if history:
            last = history[-1]
            when = parse_time(last.get("at"))
            out["last"] = (f"Lần thay đổi cuối: “{last.get('action_text') or ''}” — "
                           f"{last.get('by') or ''}, {format_vn(when) if when else ''}"
                           + (f" ({last['note']})" if last.get("note") else "") + ".")
            out["history"] = history[-5:]
        return out

    def _send_action_inner(self, work: OutboxWork, report: SyncReport) -> None:
        item_id, dossier_id, local_ref, payload = (work.item_id, work.dossier_id, work.local_ref,
                                                   work.payload)
        try:
            version = payload.get("expected_version")
            if not isinstance(version, int):
                version = self.client.get_dossier(dossier_id).get("version", 0)
            result = payload.get("result")
            if isinstance(result, dict) and not self.client.has_blob(result["sha256"]):
                # The electronic result goes first, by tus, like a dossier's files.
                self.uploads.upload(result["sha256"], int(result["size"]),
                                    str(result.get("filename") or ""),
                                    str(result["media_type"]), lambda _n: None)
            answer = self.client.action(
                dossier_id, payload["action"], version, payload.get("note"),
                items=tuple(payload.get("items") or ()), delivery=payload.get("delivery"),
                result=result if isinstance(result, dict) else None,
                payment=payload.get("payment"))
        except (NetworkError, PortalError) as exc:
            if isinstance(exc, AuthRequired):
                self.outbox.requeue(item_id, exc.detail, count_attempt=False, action=True)
                raise
            if isinstance(exc, NetworkError) or exc.retryable:
                message = _message(exc)
                gave_up = self.outbox.requeue(item_id, message, count_attempt=True, action=True)
                report.unsent(Unsent(dossier_id, local_ref, message), gave_up=gave_up)
                if isinstance(exc, NetworkError):
                    raise
                return
            # 409 (someone changed the dossier first, or the action no longer applies) and
            # other refusals: shown to the person, never retried blindly.
            conflict = self._conflict(dossier_id, exc) if exc.status == 409 else None
            message = (action_conflict_message(payload["action"], exc) if exc.status == 409
                       else exc.detail)
            if conflict is not None and conflict.get("last"):
                message += " " + str(conflict["last"])
            if conflict is not None:
                conflict["message"] = message
            self.outbox.refuse_action(item_id, message, conflict)
            report.attention.append(Unsent(dossier_id, local_ref, message,
                                           tuple(exc.field_errors)))
            return
        self.outbox.action_done(item_id, answer, payload.get("note"))
        report.sent.append(Sent(dossier_id, local_ref, answer.status, action=payload["action"]))
