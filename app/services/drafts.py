"""Drafts ("Lưu nháp") of dossiers being filed at the desk — Qt-free.

A draft is a :class:`~app.models.Dossier` in state ``draft`` holding the answers exactly as
typed (not yet valid) and its files already in the content-addressed blob store. Queueing the
draft later (``DossierQueue.enqueue(..., dossier_id=draft.id)``) turns the same row into a
queued dossier, so its UUID and local reference never change.

Personal data is kept only as long as it serves (Luật Bảo vệ dữ liệu cá nhân 2025): drafts are
deleted after a retention period (``draft_retention_days`` in the settings) at start-up, with
their files when no other dossier uses them. The kiosk never saves drafts, and any draft found
with the kiosk mode is deleted at start-up.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from app.models import Attachment, Dossier, DossierState
from app.models.base import utcnow
from dvc_core.blobs import BlobStore
from dvc_core.catalog import Catalog

APPLICANT_PREFIX = "applicant."


@dataclass(frozen=True)
class DraftFile:
    """A file to keep with a draft: its component, where it is now, and the name to show.

    With ``sha256`` (and ``media_type``) it is a blob of the store already — a file of the
    draft being saved again — and is referred to, not read and copied again.
    """

    component: str
    path: Path
    name: str
    sha256: str | None = None
    media_type: str | None = None


@dataclass(frozen=True)
class StoredFile:
    """A draft's file as it is kept: a blob of the store, by its hash."""

    component: str
    sha256: str
    name: str
    size: int
    media_type: str


@dataclass(frozen=True)
class DraftSummary:
    id: str
    local_ref: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    saved_at: dt.datetime
    delete_after: dt.datetime
    files: int


@dataclass(frozen=True)
class LoadedDraft:
    id: str
    procedure_code: str
    answers: dict[str, Any]
    files: list[StoredFile]


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class DraftStore:
    """Save, list, load and delete drafts; purge the old ones."""

    def __init__(self, sessions: sessionmaker[Session], blobs: BlobStore, catalog: Catalog,
                 retention_days: int = 30):
        self.sessions = sessions
        self.blobs = blobs
        self.catalog = catalog
        self.retention_days = retention_days

    def save(self, procedure_code: str, answers: Mapping[str, Any],
             files: Sequence[DraftFile] = (), *, draft_id: str | None = None,
             mode: str = "desk") -> tuple[str, str]:
        """Keep the answers as typed and the files in the blob store; returns (id, local ref).

        Raises:
            ValueError: in kiosk mode (the kiosk keeps nothing beyond the session).
            AttachmentError: a file can no longer be read.
        """
        from app.modes import ModePolicy
        from app.services.queue import new_local_ref

        if not ModePolicy.for_name(mode).keeps_drafts:
            raise ValueError(f"the {mode} mode keeps no drafts")

        procedure = self.catalog.get(procedure_code)
        if procedure is None:
            raise ValueError(f"unknown procedure {procedure_code}")
        applicant = {k.removeprefix(APPLICANT_PREFIX): v for k, v in answers.items()
                     if k.startswith(APPLICANT_PREFIX) and v is not None}
        fields = {k: v for k, v in answers.items()
                  if not k.startswith(APPLICANT_PREFIX) and v is not None}
        stored = [(f, self._store(f)) for f in files]
        with self.sessions.begin() as session:
            dossier = session.get(Dossier, draft_id) if draft_id else None
            if dossier is not None and dossier.state != DossierState.DRAFT:
                raise ValueError("this dossier is no longer a draft")
            if dossier is None:
                dossier = Dossier(id=draft_id or str(uuid.uuid4()), local_ref=new_local_ref(),
                                  procedure_code=procedure.code,
                                  schema_version=procedure.schema_version, applicant={},
                                  fields={}, state=DossierState.DRAFT, mode=mode)
                session.add(dossier)
            dossier.procedure_code = procedure.code
            dossier.schema_version = procedure.schema_version
            dossier.applicant = applicant
            dossier.fields = fields
            dossier.updated_at = utcnow()
            replaced = {a.sha256 for a in dossier.attachments}
            dossier.attachments = [
                Attachment(component=f.component, sha256=info.sha256, size=info.size,
                           filename=f.name or info.filename, media_type=info.media_type)
                for f, info in stored
            ]
            session.flush()
            result = dossier.id, dossier.local_ref
        # A scan the person took out of the draft is not kept on disk with nothing pointing at it.
        self._drop_unused(replaced - {info.sha256 for _, info in stored})
        return result

    def _store(self, file: DraftFile):
        if file.sha256 is not None and self.blobs.has(file.sha256):
            from dvc_core.blobs import BlobInfo

            return BlobInfo(file.sha256, self.blobs.path(file.sha256).stat().st_size,
                            file.media_type or "application/octet-stream", file.name)
        return self.blobs.import_file(file.path)

    def list(self) -> list[DraftSummary]:
        with self.sessions() as session:
            rows = session.scalars(
                select(Dossier).where(Dossier.state == DossierState.DRAFT)
                .order_by(Dossier.updated_at.desc()).options(selectinload(Dossier.attachments))
            ).all()
            out = []
            for d in rows:
                procedure = self.catalog.get(d.procedure_code)
                saved = _aware(d.updated_at)
                out.append(DraftSummary(
                    d.id, d.local_ref, d.procedure_code,
                    procedure.name if procedure else d.procedure_code,
                    str((d.applicant or {}).get("full_name") or ""), saved,
                    saved + dt.timedelta(days=self.retention_days), len(d.attachments)))
            return out

    def count(self) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(Dossier)
                                  .where(Dossier.state == DossierState.DRAFT)) or 0

    def load(self, draft_id: str) -> LoadedDraft | None:
        """The answers as typed, and the draft's files as the blobs they are (nothing is
        copied out: resuming and queueing refer to the stored files)."""
        with self.sessions() as session:
            d = session.scalar(select(Dossier).where(Dossier.id == draft_id,
                                                     Dossier.state == DossierState.DRAFT)
                               .options(selectinload(Dossier.attachments)))
            if d is None:
                return None
            answers = {APPLICANT_PREFIX + k: v for k, v in (d.applicant or {}).items()}
            answers.update(d.fields or {})
            files = [StoredFile(a.component, a.sha256, a.filename, a.size, a.media_type)
                     for a in d.attachments]
            return LoadedDraft(d.id, d.procedure_code, answers, files)

    def delete(self, draft_id: str) -> bool:
        with self.sessions.begin() as session:
            d = session.get(Dossier, draft_id)
            if d is None or d.state != DossierState.DRAFT:
                return False
            hashes = {a.sha256 for a in d.attachments}
            session.delete(d)
        self._drop_unused(hashes)
        return True

    def purge(self, now: dt.datetime | None = None) -> int:
        """Delete drafts older than the retention period, and every kiosk draft."""
        now = now or utcnow()
        cutoff = now - dt.timedelta(days=self.retention_days)
        with self.sessions.begin() as session:
            old = session.scalars(
                select(Dossier).where(Dossier.state == DossierState.DRAFT,
                                      (Dossier.updated_at < cutoff) | (Dossier.mode == "kiosk"))
                .options(selectinload(Dossier.attachments))
            ).all()
            hashes = {a.sha256 for d in old for a in d.attachments}
            for d in old:
                session.delete(d)
            count = len(old)
        self._drop_unused(hashes)
        return count

    def _drop_unused(self, hashes: set[str]) -> None:
        if not hashes:
            return
        with self.sessions() as session:
            used = set(session.scalars(select(Attachment.sha256)
                                       .where(Attachment.sha256.in_(hashes))).all())
        for sha in hashes - used:
            self.blobs.delete(sha)


__all__ = ["DraftFile", "DraftStore", "DraftSummary", "LoadedDraft", "StoredFile"]
