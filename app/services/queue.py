"""The durable local queue of dossiers.

Queueing is the promise: once :meth:`DossierQueue.enqueue` returns, the dossier, its attachment
records and its outbox item are in the SQLite file (one ``synchronous=FULL`` commit) and the
attachment bytes are fsynced in the blob store. Everything the sync engine does after that can be
repeated safely, because the dossier keeps the UUID it was given here.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from app.models import (
    Attachment,
    Dossier,
    DossierState,
    DossierVersion,
    OutboxItem,
    OutboxState,
    SyncCursor,
)
from app.models.base import utcnow
from app.services.records import OutboxInfo
from dvc_core import lifecycle
from dvc_core.blobs import AttachmentError, BlobInfo, BlobStore
from dvc_core.catalog import Catalog, Procedure
from dvc_core.rules import FieldError, ValidationFailed, check_attachments, validate_dossier

# Crockford-style alphabet without 0/O, 1/I/L and U: a reference read aloud at a counter or
# over the phone cannot be misheard as another.
REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

STATE_TEXT_VI = {
    DossierState.DRAFT: "Bản nháp",
    DossierState.QUEUED: "Đã lưu trên máy – chờ gửi",
    DossierState.SENDING: "Đang gửi",
    DossierState.SUBMITTED: "Đã gửi lên cổng",
    DossierState.NEEDS_ACTION: "Cần xử lý",
}


def new_local_ref() -> str:
    """Eight characters in two groups, e.g. ``K7QM-3XPD``."""
    chars = "".join(secrets.choice(REF_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


@dataclass(frozen=True)
class QueuedDossier:
    id: str
    local_ref: str
    state: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "local_ref": self.local_ref, "state": self.state}


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


@dataclass(frozen=True)
class AttachmentSource:
    """A file the person chose for a component; ``path`` is read once, when queueing.

    With ``sha256`` (and ``media_type``) the file is already a blob of the store (a draft's or
    a supplemented dossier's file): it is referred to as it is, not read, checked or copied
    again.
    """

    component: str
    path: Path
    filename: str | None = None  # the name to keep when ``path`` is a stored blob
    sha256: str | None = None
    media_type: str | None = None


@dataclass(frozen=True)
class QueuedAction:
    """An action waiting in the outbox (:meth:`DossierQueue.queue_officer_action`)."""

    dossier_id: str
    action: str
    expected_version: int | None
    item_id: int


#: What an officer may decide on a dossier through the outbox (the kernel's lifecycle table).
OFFICER_ACTIONS = frozenset(lifecycle.OFFICER_ACTIONS)

# A supplement can only be answered while the portal's status says one was asked for.
SUPPLEMENT_STATUS = lifecycle.YEU_CAU_BO_SUNG
WITHDRAWABLE = lifecycle.TRANSITIONS["withdraw"].sources


class DossierQueue:
    """Creates, queues and lists dossiers in the local database."""

    def __init__(self, sessions: sessionmaker[Session], blobs: BlobStore, catalog: Catalog):
        self.sessions = sessions
        self.blobs = blobs
        self.catalog = catalog

    # ----------------------------------------------------------------------------- queueing
    def procedure(self, code: str) -> Procedure:
        procedure = self.catalog.get(code)
        if procedure is None:
            raise ValidationFailed([FieldError("procedure", "Thủ tục", "choice",
                                               {"choices": ", ".join(p.code for p in self.catalog)})])
        return procedure

    def check(
        self, procedure: Procedure, applicant: Any, fields: Any, components: Iterable[str]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Validate everything the wizard and ``dvc dossier new`` check; raise with every error."""
        checked = validate_dossier(procedure.field_specs, applicant, fields)
        errors = list(checked.errors)
        errors += check_attachments(
            ((c.id, c.name, c.required) for c in procedure.components), components
        )
        if errors:
            raise ValidationFailed(errors)
        return checked.applicant, checked.fields

    def import_attachments(self, sources: Sequence[AttachmentSource]) -> list[tuple[str, BlobInfo]]:
        """Copy each file into the blob store; AttachmentError names the first bad file.

        Files are copied in parallel: hashing, writing and fsync all release the GIL, and the
        fsyncs of several files overlap on the disk (about half the time for three 1 MB scans).
        """
        if len(sources) <= 1:
            return [(s.component, _named(self._import(s), s.filename)) for s in sources]
        infos = list(_copier().map(self._import, sources))
        return [(s.component, _named(info, s.filename)) for s, info in zip(sources, infos, strict=True)]

    def _import(self, source: AttachmentSource) -> BlobInfo:
        if source.sha256 is None:
            return self.blobs.import_file(source.path)
        stored = self._stored(source)
        return BlobInfo(source.sha256, stored.stat().st_size,
                        source.media_type or "application/octet-stream",
                        source.filename or source.sha256)

    def _stored(self, source: AttachmentSource) -> Path:
        """The blob a stored source names; AttachmentError when the store no longer has it."""
        assert source.sha256 is not None
        if not self.blobs.has(source.sha256):
            name = source.filename or source.component
            raise AttachmentError(
                "unreadable", f"Không còn tệp “{name}” trong kho trên máy. Hãy đính kèm lại.",
                f"The file “{name}” is no longer in this computer's store. Attach it again.")
        return self.blobs.path(source.sha256)

    def enqueue(
        self,
        procedure_code: str,
        applicant: Any,
        fields: Any,
        attachments: Sequence[AttachmentSource] = (),
        *,
        mode: str = "desk",
        dossier_id: str | None = None,
    ) -> QueuedDossier:
        """Validate, store the files, and queue the dossier durably in one commit.

        Raises:
            ValidationFailed: a field or a component is wrong (every error listed).
            AttachmentError: a file is empty, unreadable, too large or not PDF/JPEG/PNG.
        """
        procedure = self.procedure(procedure_code)
        clean_applicant, clean_fields = self._validated(procedure, applicant, fields, attachments)
        stored = self.import_attachments(attachments)
        for _ in range(5):
            try:
                return self._write(procedure, clean_applicant, clean_fields, stored, mode, dossier_id)
            except IntegrityError:
                continue  # a local reference collided (1 in 6·10^11): draw another
        raise RuntimeError("could not draw a unique local reference")

    def _write(
        self,
        procedure: Procedure,
        applicant: dict[str, Any],
        fields: dict[str, Any],
        stored: list[tuple[str, BlobInfo]],
        mode: str,
        dossier_id: str | None,
    ) -> QueuedDossier:
        if dossier_id is None:
            return self._insert_new(procedure, applicant, fields, stored, mode)
        with self.sessions.begin() as session:
            dossier = session.get(Dossier, dossier_id) if dossier_id else None
            if dossier is None:
                dossier = Dossier(
                    id=dossier_id or str(uuid.uuid4()),
                    local_ref=new_local_ref(),
                    procedure_code=procedure.code,
                    schema_version=procedure.schema_version,
                    applicant={},
                    fields={},
                    state=DossierState.DRAFT,
                    mode=mode,
                )
                session.add(dossier)
            elif dossier.state not in (DossierState.DRAFT, DossierState.NEEDS_ACTION):
                raise ValidationFailed([FieldError("dossier", "Hồ sơ", "choice",
                                                   {"choices": "bản nháp"})])
            dossier.applicant = applicant
            dossier.fields = fields
            dossier.state = DossierState.QUEUED
            dossier.last_error = None
            dossier.attachments = [
                Attachment(component=component, sha256=info.sha256, size=info.size,
                           filename=info.filename, media_type=info.media_type)
                for component, info in stored
            ]
            session.flush()
            _supersede(session, dossier.id)
            session.add(OutboxItem(dossier_id=dossier.id, op="submit", state=OutboxState.PENDING))
            return QueuedDossier(dossier.id, dossier.local_ref, dossier.state)

    def _insert_new(self, procedure: Procedure, applicant: dict[str, Any], fields: dict[str, Any],
                    stored: list[tuple[str, BlobInfo]], mode: str) -> QueuedDossier:
        """The common case, a new dossier: three plain INSERTs in one durable commit."""
        from sqlalchemy import insert

        now = utcnow()
        dossier_id, local_ref = str(uuid.uuid4()), new_local_ref()
        # A Core connection, not an ORM session: nothing here needs one, and the commit that
        # waits for the disk is all the time this should take.
        with self.sessions.kw["bind"].begin() as session:
            session.execute(insert(Dossier).values(
                id=dossier_id, local_ref=local_ref, procedure_code=procedure.code,
                schema_version=procedure.schema_version, applicant=applicant, fields=fields,
                state=DossierState.QUEUED, mode=mode, created_at=now, updated_at=now))
            if stored:
                session.execute(insert(Attachment), [
                    {"dossier_id": dossier_id, "component": component, "sha256": info.sha256,
                     "size": info.size, "filename": info.filename, "media_type": info.media_type}
                    for component, info in stored])
            session.execute(insert(OutboxItem).values(
                dossier_id=dossier_id, op="submit", state=OutboxState.PENDING, attempts=0,
                next_attempt_at=now, created_at=now, updated_at=now))
        return QueuedDossier(dossier_id, local_ref, DossierState.QUEUED)

    # ----------------------------------------------------------------------------- supplement
    def resubmit(
        self, dossier_id: str, applicant: Any, fields: Any, attachments: Sequence[AttachmentSource],
    ) -> QueuedDossier:
        """Answer a supplement request (status 5): keep the old content, queue the new one.

        The previous applicant, fields and attachments are kept as a ``DossierVersion``; the
        dossier keeps its UUID, local reference and official code, and an outbox item
        ``resubmit`` sends the new content (PUT, uploads, submit → status 1 again).
        """
        current = self.get(dossier_id)
        if current is None or current.status != SUPPLEMENT_STATUS:
            raise ValidationFailed([FieldError("dossier", "Hồ sơ", "not_supplement")])
        waiting = self.outbox_info(dossier_id)
        if waiting and waiting.withdrawing:
            raise ValidationFailed([FieldError("dossier", "Hồ sơ", "withdrawal_pending")])
        procedure = self.procedure(current.procedure_code)
        clean_applicant, clean_fields = self._validated(procedure, applicant, fields, attachments)
        stored = self.import_attachments(attachments)
        with self.sessions.begin() as session:
            dossier = session.get(Dossier, dossier_id)
            number = session.scalar(select(func.count()).select_from(DossierVersion)
                                    .where(DossierVersion.dossier_id == dossier_id)) or 0
            session.add(DossierVersion(
                dossier_id=dossier_id, number=number + 1, applicant=dossier.applicant,
                fields=dossier.fields, reason=dossier.status_note,
                attachments={"items": [
                    {"component": a.component, "sha256": a.sha256, "size": a.size,
                     "filename": a.filename, "media_type": a.media_type}
                    for a in dossier.attachments]},
            ))
            dossier.applicant = clean_applicant
            dossier.fields = clean_fields
            dossier.schema_version = procedure.schema_version
            dossier.attachments = [
                Attachment(component=component, sha256=info.sha256, size=info.size,
                           filename=info.filename, media_type=info.media_type)
                for component, info in stored
            ]
            dossier.state = DossierState.QUEUED
            dossier.last_error = None
            _supersede(session, dossier_id)
            session.add(OutboxItem(dossier_id=dossier_id, op="resubmit", state=OutboxState.PENDING))
            return QueuedDossier(dossier.id, dossier.local_ref, dossier.state)

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
                             expected_version: int | None = None) -> QueuedAction:
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

        Raises:
            ValidationFailed: an unknown action, a missing reason where one is required, or a
                dossier not on this machine.
        """
        transition = lifecycle.TRANSITIONS.get(action)
        if action not in OFFICER_ACTIONS or transition is None:
            raise ValidationFailed([FieldError("action", "Thao tác", "choice",
                                               {"choices": ", ".join(sorted(OFFICER_ACTIONS))})])
        note = (note or "").strip() or None
        if transition.note_required and not note:
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
            item = OutboxItem(dossier_id=dossier_id, op="action", state=OutboxState.PENDING,
                              payload={"action": action, "note": note,
                                       "expected_version": expected_version})
            session.add(item)
            session.flush()
            return QueuedAction(dossier_id, action, expected_version, item.id)

    def versions(self, dossier_id: str) -> list[DossierVersion]:
        with self.sessions() as session:
            return list(session.scalars(select(DossierVersion)
                                        .where(DossierVersion.dossier_id == dossier_id)
                                        .order_by(DossierVersion.number)))

    def _validated(self, procedure: Procedure, applicant: Any, fields: Any,
                   attachments: Sequence[AttachmentSource]) -> tuple[dict[str, Any], dict[str, Any]]:
        file_errors = []
        for source in attachments:
            try:
                if source.sha256 is None:
                    self.blobs.check_file(source.path)
                else:
                    self._stored(source)  # checked when it was stored
            except AttachmentError as exc:
                component = procedure.component(source.component)
                file_errors.append(FieldError(
                    f"attachments.{source.component}",
                    component.name if component else source.component,
                    "attachment_file", {"reason": exc.message, "reason_en": exc.message_en}))
        try:
            checked = self.check(procedure, applicant, fields, [a.component for a in attachments])
        except ValidationFailed as exc:
            raise ValidationFailed(exc.errors + file_errors) from None
        if file_errors:
            raise ValidationFailed(file_errors)
        return checked

    # ----------------------------------------------------------------------------- recovery
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
        """Send a dossier that needed attention again (the person pressed “Gửi lại”)."""
        with self.sessions.begin() as session:
            item = session.scalar(
                select(OutboxItem).where(OutboxItem.dossier_id == dossier_id,
                                         OutboxItem.state == OutboxState.ATTENTION)
            )
            if item is None:
                return False
            item.state = OutboxState.PENDING
            item.attempts = 0
            item.next_attempt_at = utcnow()
            dossier = session.get(Dossier, dossier_id)
            if dossier is not None and dossier.code is None:
                dossier.state = DossierState.QUEUED
            return True

    # ----------------------------------------------------------------------------- reading
    def listing(self) -> list[DossierListing]:
        """Every dossier, newest first, as the list screen shows it.

        Reads only the columns the list shows and the applicant's name out of its JSON: no
        form fields, no attachments, no ORM objects. Ten thousand dossiers then cost a few MB
        and a few hundred ms; loading them as ORM objects (:meth:`list`) costs a hundred MB,
        seconds, and garbage-collector pauses that stall the GUI thread.
        """
        stmt = select(
            Dossier.id, Dossier.local_ref, Dossier.procedure_code,
            func.coalesce(Dossier.applicant["full_name"].as_string(), ""), Dossier.state,
            Dossier.code, Dossier.status, Dossier.status_text, Dossier.created_at,
            Dossier.updated_at, Dossier.portal_version,
        ).order_by(Dossier.created_at.desc())
        with self.sessions() as session:
            return [DossierListing(*row) for row in session.execute(stmt)]

    def list(self, limit: int | None = None) -> list[Dossier]:
        """Dossiers, newest first, with their applicant and fields.

        Their attachments and history are not loaded (no caller of a whole list reads them,
        and for ten thousand dossiers they were half the time and memory): :meth:`get` reads
        one dossier with both.
        """
        with self.sessions() as session:
            stmt = select(Dossier).order_by(Dossier.created_at.desc())
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


def _supersede(session: Session, dossier_id: str) -> None:
    """A new send of the dossier replaces sends that were given up on (they block nothing
    more and are no longer offered for "Gửi lại")."""
    session.execute(
        update(OutboxItem)
        .where(OutboxItem.dossier_id == dossier_id, OutboxItem.state == OutboxState.ATTENTION,
               OutboxItem.op.in_(["submit", "resubmit"]))
        .values(state=OutboxState.DONE, last_error="Đã thay bằng lần gửi mới.")
    )


_COPIER: ThreadPoolExecutor | None = None


def _copier() -> ThreadPoolExecutor:
    """Threads that copy attachments into the blob store (kept: starting them costs each time)."""
    global _COPIER
    if _COPIER is None:
        _COPIER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dvc-blob-copy")
    return _COPIER


def _named(info: BlobInfo, filename: str | None) -> BlobInfo:
    if not filename:
        return info
    from dvc_core.blobs import display_name

    return BlobInfo(info.sha256, info.size, info.media_type, display_name(filename))


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


__all__ = [
    "OFFICER_ACTIONS", "AttachmentError", "AttachmentSource", "DossierListing", "DossierQueue",
    "QueuedAction", "QueuedDossier",
    "STATE_TEXT_VI", "dossier_json", "new_local_ref",
]
