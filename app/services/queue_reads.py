"""Reading the local queue: the list, one dossier, what waits in its outbox, the last sync."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from app.models import Dossier, DossierVersion, OutboxItem, OutboxState, SyncCursor
from app.services.records import OutboxInfo


@dataclass(frozen=True, slots=True)
class DossierListing:
    """One dossier as the list screen shows it (:meth:`DossierQueue.listing`)."""

    id: str
    local_ref: str
    procedure_code: str
    applicant_name: str
    state: str
    code: str | None
    status: int | None
    status_text: str | None
    created_at: dt.datetime
    updated_at: dt.datetime | None
    portal_version: int | None
    search_text: str | None = None  # every person's name and ID number, folded


#: Dossiers filed elsewhere that an officer acted on from the worklists: their local copy only
#: carries the actions (``app.services.officer_actions``); the list of this machine's dossiers
#: leaves them out.
LOCAL_COPY_MODE = "worklist"


class QueueReads:
    """The reading half of :class:`~app.services.queue.DossierQueue`."""

    sessions: sessionmaker[Session]

    def listing(self) -> list[DossierListing]:
        """Every dossier, newest first, as the list screen shows it.

        Reads only the columns the list shows, the applicant's name out of its JSON and the
        folded names and ID numbers of everyone in the dossier (``search_text``, kept with
        the answers, so the lookup box finds the father by name without reading a form): no
        form fields, no attachments, no ORM objects. Ten thousand dossiers then cost a few MB
        and a few hundred ms; loading them as ORM objects (:meth:`list`) costs a hundred MB,
        seconds, and garbage-collector pauses that stall the GUI thread.
        """
        stmt = select(
            Dossier.id, Dossier.local_ref, Dossier.procedure_code,
            func.coalesce(Dossier.applicant["full_name"].as_string(), ""), Dossier.state,
            Dossier.code, Dossier.status, Dossier.status_text, Dossier.created_at,
            Dossier.updated_at, Dossier.portal_version, Dossier.search_text,
        ).where(Dossier.mode != LOCAL_COPY_MODE).order_by(Dossier.created_at.desc())
        with self.sessions() as session:
            return [DossierListing(*row) for row in session.execute(stmt)]

    def list(self, limit: int | None = None) -> list[Dossier]:
        """Dossiers, newest first, with their applicant and fields.

        Their attachments and history are not loaded (no caller of a whole list reads them,
        and for ten thousand dossiers they were half the time and memory): :meth:`get` reads
        one dossier with both.
        """
        with self.sessions() as session:
            stmt = (select(Dossier).where(Dossier.mode != LOCAL_COPY_MODE)
                    .order_by(Dossier.created_at.desc()))
            if limit:
                stmt = stmt.limit(limit)
            return list(session.scalars(stmt))

    def get(self, dossier_id: str) -> Dossier | None:
        with self.sessions() as session:
            return session.scalar(
                select(Dossier)
                .where(Dossier.id == dossier_id)
                .options(selectinload(Dossier.attachments), selectinload(Dossier.history))
            )

    def find(self, ref: str) -> Dossier | None:
        """By UUID, local reference or official code."""
        ref = ref.strip()
        with self.sessions() as session:
            return session.scalar(
                select(Dossier)
                .where((Dossier.id == ref) | (Dossier.local_ref == ref.upper()) | (Dossier.code == ref))
                .options(selectinload(Dossier.attachments), selectinload(Dossier.history))
            )

    def outbox_info(self, dossier_id: str) -> OutboxInfo | None:
        """The newest unfinished outbox item of a dossier: what is waiting and when it retries."""
        with self.sessions() as session:
            items = list(session.scalars(
                select(OutboxItem)
                .where(OutboxItem.dossier_id == dossier_id, OutboxItem.state != OutboxState.DONE)
                .order_by(OutboxItem.id)))
            # What the person must see first: something given up on, else what goes next.
            item = next((i for i in items if i.state == OutboxState.ATTENTION),
                        items[0] if items else None)
            if item is None:
                return None
            return OutboxInfo(op=item.op, state=str(item.state), attempts=item.attempts,
                              next_attempt_at=item.next_attempt_at, last_error=item.last_error,
                              action=(item.payload or {}).get("action"))

    def last_sync(self, server_key: str) -> dt.datetime | None:
        """When this machine last read the portal's change feed successfully."""
        with self.sessions() as session:
            cursor = session.get(SyncCursor, server_key)
            if cursor is not None:
                return cursor.last_success_at
            # Looked up with another portal address (or none reachable): the newest read of any.
            return session.scalar(select(func.max(SyncCursor.last_success_at)))

    def pending_count(self) -> int:
        with self.sessions() as session:
            return session.scalar(
                select(func.count()).select_from(OutboxItem)
                .where(OutboxItem.state.in_([OutboxState.PENDING, OutboxState.IN_FLIGHT]))
            ) or 0

    def versions(self, dossier_id: str) -> list[DossierVersion]:
        with self.sessions() as session:
            return list(session.scalars(select(DossierVersion)
                                        .where(DossierVersion.dossier_id == dossier_id)
                                        .order_by(DossierVersion.number)))


def dossier_json(d: Dossier) -> dict[str, Any]:
    """What ``dvc queue list --json`` prints for one dossier."""
    out: dict[str, Any] = {
        "id": d.id,
        "local_ref": d.local_ref,
        "state": d.state,
        "procedure_code": d.procedure_code,
        "created_at": d.created_at.isoformat() if d.created_at else None,
    }
    if d.code:
        out["code"] = d.code
    if d.status is not None:
        out["status"] = d.status
        out["status_text"] = d.status_text
    if d.due_at:
        out["due_at"] = d.due_at.isoformat()
    if d.last_error:
        out["last_error"] = d.last_error
    return out
