"""The change feed: what the portal decided about this machine's dossiers, applied locally.

``GET /changes?since=N`` lists status changes in the portal's order; the cursor is stored per
portal, so each change is applied once (its ``seq`` is kept with the status event it made).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Dossier, StatusEvent, SyncCursor
from app.services.portal_client import PortalClient
from dvc_core.blobs import BlobStore
from dvc_core.wire import Change


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A local dossier the portal moved to a new status: what to tell the person.

    Attributes:
        id: the dossier's UUID.
        local_ref: its reference on this machine.
        code: the portal's official code.
        status: the new status (``dvc_core.lifecycle``).
        status_text: its Vietnamese name.
        note: the officer's note, if any (what to supplement, why it was refused).
    """

    id: str
    local_ref: str
    code: str | None
    status: int | None
    status_text: str | None
    note: str | None

    def to_json(self) -> dict[str, Any]:
        """One entry of ``changed`` in ``dvc sync --once --json``."""
        return {"id": self.id, "local_ref": self.local_ref, "code": self.code,
                "status": self.status, "status_text": self.status_text, "note": self.note}


def parse_time(value: Any) -> dt.datetime | None:
    """An ISO 8601 time from the portal as an aware UTC datetime; None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def apply_status(session: Session, dossier: Dossier, status: Any, text: Any, note: Any,
                 at: dt.datetime, seq: int | None,
                 detail: dict[str, Any] | None = None) -> None:
    """Record a status the portal reported (a submit or action answer, or a feed entry) once,
    with its ``detail`` (a supplement request's items, a returned result)."""
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
                dossier.status_note = last.note
                last.detail = detail or last.detail
            return
    dossier.status = status
    dossier.status_text = text if isinstance(text, str) else dossier.status_text
    dossier.status_note = note if isinstance(note, str) else None
    session.add(StatusEvent(dossier_id=dossier.id, status=status,
                            status_text=dossier.status_text or str(status),
                            note=dossier.status_note, at=at, seq=seq, detail=detail))


class ChangeFeed:
    """Reads one portal's change feed from the stored cursor (keyed by ``server``)."""

    def __init__(self, sessions: sessionmaker[Session], client: PortalClient, server: str,
                 clock: Callable[[], dt.datetime], blobs: BlobStore | None = None):
        self.sessions = sessions
        self.client = client
        self.server = server
        self.clock = clock
        self.blobs = blobs

    def _fetch_results(self, changes: Iterable[Change]) -> None:
        """Bring each electronic result of a local dossier into the blob store before its
        change is applied (offline: the page is read again at the next pass)."""
        if self.blobs is None:
            return
        for change in changes:
            sha = (change.result or {}).get("sha256")
            if not isinstance(sha, str) or self.blobs.has(sha):
                continue
            with self.sessions() as session:
                if session.get(Dossier, change.uuid) is None:
                    continue
            data = self.client.request("GET", f"/dossiers/{change.uuid}/result/{sha}").content
            if hashlib.sha256(data).hexdigest() == sha:
                self.blobs.put_bytes(data)

    def pull(self, changed: list[StatusChange] | None = None) -> int:
        """Read ``/changes`` from the stored cursor; apply each change to the local copy.

        Each change that moved a local dossier to a new status is appended to ``changed`` so
        the app can tell the person. Returns how many changes concerned local dossiers.
        """
        applied = 0
        with self.sessions() as session:
            cursor = session.get(SyncCursor, self.server)
            since = cursor.since if cursor else 0
        while True:
            page = self.client.changes(since)
            self._fetch_results(page.changes)
            with self.sessions.begin() as session:
                for change in page.changes:
                    dossier = session.get(Dossier, change.uuid)
                    if dossier is None:
                        continue  # not filed from this machine
                    if change.code and not dossier.code:
                        dossier.code = change.code
                    if change.version is not None:
                        dossier.portal_version = max(dossier.portal_version or 0, change.version)
                    before = dossier.status
                    apply_status(session, dossier, change.status, change.status_text,
                                 change.note, parse_time(change.at) or self.clock(), change.seq,
                                 change.detail())
                    if changed is not None and dossier.status != before:
                        changed.append(StatusChange(dossier.id, dossier.local_ref, dossier.code,
                                                    dossier.status, dossier.status_text,
                                                    dossier.status_note))
                    applied += 1
                next_since = since if page.next is None else page.next
                cursor = session.get(SyncCursor, self.server)
                if cursor is None:
                    cursor = SyncCursor(server=self.server, since=0)
                    session.add(cursor)
                cursor.since = max(since, next_since)
                cursor.last_success_at = self.clock()
            if not page.changes or next_since <= since:
                return applied
            since = next_since
