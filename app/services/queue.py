"""The durable local queue of dossiers.

Queueing is the promise: once :meth:`DossierQueue.enqueue` returns, the dossier, its attachment
records and its outbox item are in the SQLite file (one ``synchronous=FULL`` commit) and the
attachment bytes are fsynced in the blob store. Everything the sync engine does after that can be
repeated safely, because the dossier keeps the UUID it was given here.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.models import (
    Attachment,
    Dossier,
    DossierState,
    DossierVersion,
    OutboxItem,
    OutboxState,
)
from app.models.base import utcnow
from app.services.queue_actions import OFFICER_ACTIONS, WITHDRAWABLE, OutboxCommands, QueuedAction
from app.services.queue_reads import DossierListing, QueueReads, dossier_json
from dvc_core import lifecycle
from dvc_core.blobs import AttachmentError, BlobInfo, BlobStore
from dvc_core.catalog import Catalog, Procedure
from dvc_core.catalog.search import dossier_search_text
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


# A supplement can only be answered while the portal's status says one was asked for.
SUPPLEMENT_STATUS = lifecycle.YEU_CAU_BO_SUNG


class DossierQueue(QueueReads, OutboxCommands):
    """Creates, queues and lists dossiers in the local database.

    Reading (:class:`~app.services.queue_reads.QueueReads`) and the outbox's commands
    (:class:`~app.services.queue_actions.OutboxCommands`: actions, retry, recovery) live in
    modules of their own; this one creates and queues dossiers.
    """

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
        consent: Mapping[str, Any] | None = None,
    ) -> QueuedDossier:
        """Validate, store the files, and queue the dossier durably in one commit.

        ``consent`` (``{"notice", "accepted_at"}``, a kiosk's) rides on the submission's outbox
        item and goes to the portal with the dossier.

        Raises:
            ValidationFailed: a field or a component is wrong (every error listed).
            AttachmentError: a file is empty, unreadable, too large or not PDF/JPEG/PNG.
        """
        procedure = self.procedure(procedure_code)
        clean_applicant, clean_fields = self._validated(procedure, applicant, fields, attachments)
        stored = self.import_attachments(attachments)
        for _ in range(5):
            try:
                return self._write(procedure, clean_applicant, clean_fields, stored, mode,
                                   dossier_id, consent)
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
        consent: Mapping[str, Any] | None = None,
    ) -> QueuedDossier:
        payload = {"consent": dict(consent)} if consent else None
        if dossier_id is None:
            return self._insert_new(procedure, applicant, fields, stored, mode, payload)
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
            session.add(OutboxItem(dossier_id=dossier.id, op="submit", state=OutboxState.PENDING,
                                   payload=payload))
            return QueuedDossier(dossier.id, dossier.local_ref, dossier.state)

    def _insert_new(self, procedure: Procedure, applicant: dict[str, Any], fields: dict[str, Any],
                    stored: list[tuple[str, BlobInfo]], mode: str,
                    payload: dict[str, Any] | None = None) -> QueuedDossier:
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
                search_text=dossier_search_text(applicant, fields, procedure.field_specs),
                state=DossierState.QUEUED, mode=mode, created_at=now, updated_at=now))
            if stored:
                session.execute(insert(Attachment), [
                    {"dossier_id": dossier_id, "component": component, "sha256": info.sha256,
                     "size": info.size, "filename": info.filename, "media_type": info.media_type}
                    for component, info in stored])
            session.execute(insert(OutboxItem).values(
                dossier_id=dossier_id, op="submit", state=OutboxState.PENDING, attempts=0,
                payload=payload, next_attempt_at=now, created_at=now, updated_at=now))
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


__all__ = [
    "OFFICER_ACTIONS", "WITHDRAWABLE", "AttachmentError", "AttachmentSource", "DossierListing", "DossierQueue",
    "QueuedAction", "QueuedDossier",
    "STATE_TEXT_VI", "dossier_json", "new_local_ref",
]
