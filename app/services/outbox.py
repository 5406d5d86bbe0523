"""The outbox's state machine: which items are due, taking one, and recording each outcome.

An item is ``pending`` → ``in_flight`` → ``done``; a failure puts it back to ``pending`` with a
backoff (or, once its retries are used up or the portal refused it, to ``attention``, shown to
the person). Every outcome is one durable commit, so a sync killed at any instant leaves each
item either where it was or where the portal's answer put it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Dossier, DossierState, OutboxItem, OutboxState
from app.services.changes import apply_status, parse_time
from app.services.lightdb import light_session
from app.services.portal_client import PortalError
from app.services.purge import purges_on_confirmation
from dvc_core.wire import ActionAnswer, AttachmentRef, DossierDocument, SubmitAnswer

MAX_ATTEMPTS = 8
BACKOFF_BASE = 2.0  # seconds
BACKOFF_CAP = 600.0
UNEXPECTED = "Có lỗi không mong đợi khi gửi hồ sơ; hồ sơ vẫn được giữ trên máy và sẽ được gửi lại."


def backoff_delay(attempts: int, rng: random.Random) -> float:
    """Exponential backoff with full jitter: up to base·2^(n-1) seconds, capped."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** max(0, attempts - 1)))
    return rng.uniform(ceiling / 2, ceiling)


@dataclass(frozen=True)
class OutboxWork:
    """One item taken for sending, with everything sending it needs, read in one go.

    Attributes:
        op: ``submit``, ``resubmit`` or ``action``.
        document: the dossier as ``PUT /dossiers/{uuid}`` takes it.
        payload: for an action: ``action``, ``note``, ``expected_version``.
    """

    item_id: int
    op: str
    dossier_id: str
    local_ref: str
    document: DossierDocument
    payload: Mapping[str, Any] = field(default_factory=dict)


def _document(d: Dossier, consent: Mapping[str, Any] | None = None) -> DossierDocument:
    return DossierDocument(
        procedure_code=d.procedure_code,
        schema_version=d.schema_version,
        applicant=d.applicant,
        fields=d.fields,
        attachments=tuple(AttachmentRef(a.component, a.sha256, a.size, a.filename, a.media_type)
                          for a in d.attachments),
        local_ref=d.local_ref,
        consent=consent,
    )


class Outbox:
    """The local outbox of one data folder."""

    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime],
                 rng: random.Random):
        self.sessions = sessions
        self.clock = clock
        self.rng = rng

    def due(self, ignore_backoff: bool) -> list[int]:
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

    def take(self, item_id: int) -> OutboxWork | None:
        """Mark a pending item in flight (and its dossier sending); None if it is not pending.

        "In flight" need not reach the disk: after a power cut an item in flight goes back to
        pending anyway, which is what a lost write leaves. Saves an fsync per item.
        """
        with light_session(self.sessions) as session:
            item = session.get(OutboxItem, item_id)
            if item is None or item.state != OutboxState.PENDING:
                return None
            item.state = OutboxState.IN_FLIGHT
            dossier = session.get(Dossier, item.dossier_id)
            assert dossier is not None
            payload = dict(item.payload or {}) if item.op == "action" else {}
            if item.op != "action":
                dossier.state = DossierState.SENDING
            consent = (item.payload or {}).get("consent") if item.op == "submit" else None
            return OutboxWork(item_id, item.op, dossier.id, dossier.local_ref,
                              _document(dossier, consent), payload)

    def requeue(self, item_id: int, message: str, *, count_attempt: bool,
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

    def needs_action(self, item_id: int, exc: PortalError) -> None:
        """The portal refused the dossier itself: the person must correct it."""
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            dossier = session.get(Dossier, item.dossier_id)
            messages = [exc.detail] + [e.get("message", "") for e in exc.field_errors
                                       if isinstance(e, dict)]
            item.state = OutboxState.ATTENTION
            item.last_error = "\n".join(m for m in messages if m)
            dossier.state = DossierState.NEEDS_ACTION
            dossier.last_error = item.last_error

    def refuse_action(self, item_id: int, message: str,
                      conflict: Mapping[str, Any] | None = None) -> None:
        """The portal refused an action: shown to the person, never retried blindly.

        ``conflict`` (a 409): where the dossier stands now and what was done to it, kept with
        the item so “Gửi lại” never sends the old version again; the local copy takes the
        portal's current status and version, so the next decision is made on them.
        """
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            item.state = OutboxState.ATTENTION
            item.last_error = message
            dossier = session.get(Dossier, item.dossier_id)
            dossier.last_error = message
            if conflict is not None:
                item.payload = {**(item.payload or {}), "conflict": dict(conflict)}
                version = conflict.get("version")
                if isinstance(version, int):
                    dossier.portal_version = max(dossier.portal_version or 0, version)

    def action_done(self, item_id: int, answer: ActionAnswer, note: Any) -> None:
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            item.state = OutboxState.DONE
            item.last_error = None
            dossier = session.get(Dossier, item.dossier_id)
            dossier.last_error = None
            if answer.version is not None:
                dossier.portal_version = answer.version
            payload = item.payload or {}
            detail = {k: payload[k] for k in ("items", "delivery", "result", "payment")
                      if payload.get(k)}
            apply_status(session, dossier, answer.status, answer.status_text, note, self.clock(),
                         None, detail or None)

    def submitted(self, item_id: int, answer: SubmitAnswer) -> bool:
        """Record the portal's code, status and dates; True if the dossier is then to be purged
        (a kiosk keeps nothing once the portal has it)."""
        with self.sessions.begin() as session:
            item = session.get(OutboxItem, item_id)
            dossier = session.get(Dossier, item.dossier_id)
            item.state = OutboxState.DONE
            item.last_error = None
            dossier.state = DossierState.SUBMITTED
            dossier.last_error = None
            dossier.code = answer.code
            if answer.version is not None:
                dossier.portal_version = answer.version
            dossier.received_at = parse_time(answer.received_at)
            dossier.due_at = parse_time(answer.due_at)
            dossier.synced_at = self.clock()
            apply_status(session, dossier, answer.status, answer.status_text, None,
                         dossier.received_at or self.clock(), None)
            return purges_on_confirmation(dossier.mode)
