"""The outbox's commands on the local queue: actions to send, "Gửi lại", crash recovery."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.models import Dossier, DossierState, OutboxItem, OutboxState
from app.models.base import utcnow
from dvc_core import lifecycle
from dvc_core.lifecycle import OFFICER_ACTIONS
from dvc_core.rules import FieldError, ValidationFailed

#: Statuses a citizen may withdraw from (the lifecycle table's sources of ``withdraw``).
WITHDRAWABLE = lifecycle.TRANSITIONS["withdraw"].sources


@dataclass(frozen=True)
class QueuedAction:
    """An action waiting in the outbox (:meth:`DossierQueue.queue_officer_action`)."""

    dossier_id: str
    action: str
    expected_version: int | None
    item_id: int


class OutboxCommands:
    """The outbox half of :class:`~app.services.queue.DossierQueue`."""

    sessions: sessionmaker[Session]

    def queue_action(self, dossier_id: str, action: str, note: str | None = None,
                     expected_version: int | None = None) -> None:
        """Queue a portal action (a citizen's withdrawal, an officer's decision taken offline).

        ``expected_version`` is the portal version the person saw when deciding; None means
        "the newest" (read just before sending). A stale version comes back as needing
        attention, never applied blindly.
        """
        with self.sessions.begin() as session:
            dossier = session.get(Dossier, dossier_id)
            if dossier is None:
                raise ValidationFailed([FieldError("dossier", "Hồ sơ", "not_found")])
            if action == "withdraw" and dossier.status not in WITHDRAWABLE and dossier.code:
                raise ValidationFailed([FieldError("dossier", "Hồ sơ", "not_withdrawable")])
            session.add(OutboxItem(dossier_id=dossier_id, op="action", state=OutboxState.PENDING,
                                   payload={"action": action, "note": note,
                                            "expected_version": expected_version}))

    def queue_officer_action(self, dossier_id: str, action: str, note: str | None = None, *,
                             expected_version: int | None = None,
                             items: list[dict[str, str]] | None = None,
                             delivery: str | None = None,
                             result: dict[str, Any] | None = None,
                             payment: str | None = None) -> QueuedAction:
        """Queue an officer's decision on a dossier; the sync engine sends it with the outbox.

        The one road for officer actions (``receive``, ``refuse``, ``start``,
        ``request_supplement``, ``fee_required``, ``fee_paid``, ``stop``, ``finish``,
        ``return``): the decision is durable the moment this returns and is sent in order
        after anything still waiting for the dossier (its submission, say). It carries the
        portal version the officer decided on — ``expected_version``, by default the local
        copy's, which is what the screen showed — so a dossier someone changed meanwhile comes
        back as a conflict to look at (409), never as a decision applied to what the officer
        did not see. Asking again for the same action while it waits queues nothing more (a
        double click is one decision).

        ``items`` (a supplement request's components with their reasons), ``delivery`` and
        ``result`` (a returned result's way and its electronic file, already in the blob
        store) and ``payment`` (how a fee was paid: ``online`` or ``counter``) go with the
        action (:mod:`app.services.officer_actions` checks them). A new
        decision supersedes an earlier one the portal refused (it holds nothing back).

        Raises:
            ValidationFailed: an unknown action, a missing reason where one is required, or a
                dossier not on this machine.
        """
        transition = lifecycle.TRANSITIONS.get(action)
        if action not in OFFICER_ACTIONS or transition is None:
            raise ValidationFailed([FieldError("action", "Thao tác", "choice",
                                               {"choices": ", ".join(sorted(OFFICER_ACTIONS))})])
        note = (note or "").strip() or None
        if transition.note_required and not note and not items:
            raise ValidationFailed([FieldError("note", "Lý do", "required")])
        with self.sessions.begin() as session:
            dossier = session.get(Dossier, dossier_id)
            if dossier is None:
                raise ValidationFailed([FieldError("dossier", "Hồ sơ", "not_found")])
            if expected_version is None:
                expected_version = dossier.portal_version
            waiting = session.scalars(select(OutboxItem).where(
                OutboxItem.dossier_id == dossier_id, OutboxItem.op == "action",
                OutboxItem.state.in_([OutboxState.PENDING, OutboxState.IN_FLIGHT]))).all()
            for item in waiting:
                if (item.payload or {}).get("action") == action:
                    return QueuedAction(dossier_id, action, (item.payload or {}).get(
                        "expected_version"), item.id)
            for old in session.scalars(select(OutboxItem).where(
                    OutboxItem.dossier_id == dossier_id, OutboxItem.op == "action",
                    OutboxItem.state == OutboxState.ATTENTION)):
                old.state = OutboxState.DONE  # decided again, on what the portal has now
            payload: dict[str, Any] = {"action": action, "note": note,
                                       "expected_version": expected_version}
            if items:
                payload["items"] = [dict(i) for i in items]
            if delivery:
                payload["delivery"] = delivery
            if result:
                payload["result"] = dict(result)
            if payment:
                payload["payment"] = payment
            item = OutboxItem(dossier_id=dossier_id, op="action", state=OutboxState.PENDING,
                              payload=payload)
            session.add(item)
            session.flush()
            return QueuedAction(dossier_id, action, expected_version, item.id)

    def recover(self) -> int:
        """Put back what a crash left half-sent: in-flight items → pending, sending → queued."""
        with self.sessions.begin() as session:
            items = session.execute(
                update(OutboxItem)
                .where(OutboxItem.state == OutboxState.IN_FLIGHT)
                .values(state=OutboxState.PENDING, next_attempt_at=utcnow())
            ).rowcount
            session.execute(
                update(Dossier)
                .where(Dossier.state == DossierState.SENDING)
                .values(state=DossierState.QUEUED)
            )
        return items or 0

    def retry(self, dossier_id: str) -> bool:
        """Send a dossier that needed attention again (the person pressed “Gửi lại”).

        An action the portal refused because the dossier had moved on (409) is never sent
        again as it was: it named a version and a status that are gone.

        Raises:
            ValidationFailed: ``action_conflict`` — decide again on the new state instead.
        """
        with self.sessions.begin() as session:
            item = session.scalar(
                select(OutboxItem).where(OutboxItem.dossier_id == dossier_id,
                                         OutboxItem.state == OutboxState.ATTENTION)
            )
            if item is None:
                return False
            conflict = (item.payload or {}).get("conflict") if item.op == "action" else None
            if conflict:
                raise ValidationFailed([FieldError(
                    "dossier", "Hồ sơ", "action_conflict",
                    {"detail": str(conflict.get("message") or item.last_error or "")})])
            item.state = OutboxState.PENDING
            item.attempts = 0
            item.next_attempt_at = utcnow()
            dossier = session.get(Dossier, dossier_id)
            if dossier is not None and dossier.code is None:
                dossier.state = DossierState.QUEUED
            return True
