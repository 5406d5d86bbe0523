"""The local queue: dossiers, their attachments, the outbox and what came back from the portal."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, created_at, str32, str64, str200, utcnow


class DossierState(enum.StrEnum):
    """Where a dossier is on this machine (the portal's status is kept beside it)."""

    DRAFT = "draft"
    QUEUED = "queued"  # "Đã lưu trên máy – chờ gửi"
    SENDING = "sending"
    SUBMITTED = "submitted"
    NEEDS_ACTION = "needs_action"


class OutboxState(enum.StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DONE = "done"
    ATTENTION = "attention"


class Dossier(Base):
    __tablename__ = "dossiers"

    id: Mapped[str64] = mapped_column(primary_key=True)  # the client-made UUID, kept forever
    local_ref: Mapped[str32] = mapped_column(unique=True)
    procedure_code: Mapped[str64]
    schema_version: Mapped[int]
    applicant: Mapped[dict[str, Any]]
    fields: Mapped[dict[str, Any]]
    state: Mapped[str32] = mapped_column(index=True)
    mode: Mapped[str32] = mapped_column(default="desk")
    code: Mapped[str64 | None] = mapped_column(index=True)  # the portal's official code
    status: Mapped[int | None]
    status_text: Mapped[str200 | None]
    status_note: Mapped[str | None] = mapped_column(Text)
    portal_version: Mapped[int | None]
    received_at: Mapped[dt.datetime | None]
    due_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    synced_at: Mapped[dt.datetime | None]
    # Every person of the dossier, folded, for the list's lookup box (the applicant, the
    # child, the parents, the spouse…: names and ID numbers); kept by the listener below.
    search_text: Mapped[str | None] = mapped_column(Text)

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    history: Mapped[list[StatusEvent]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="StatusEvent.id"
    )


@event.listens_for(Dossier, "before_insert")
@event.listens_for(Dossier, "before_update")
def _keep_search_text(_mapper: Any, _connection: Any, dossier: Dossier) -> None:
    """Whatever writes a dossier's answers (queueing, a draft, a supplement), the text the
    list looks people up by follows them."""
    from dvc_core.catalog.search import dossier_search_text

    dossier.search_text = dossier_search_text(dossier.applicant, dossier.fields)


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str64] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    component: Mapped[str64]
    sha256: Mapped[str64] = mapped_column(index=True)
    size: Mapped[int]
    filename: Mapped[str200]
    media_type: Mapped[str64]

    dossier: Mapped[Dossier] = relationship(back_populates="attachments")


class OutboxItem(Base):
    """One operation to send; written in the same transaction as the change it sends."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str64] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    op: Mapped[str32]  # "submit", "resubmit" or "action"
    payload: Mapped[dict[str, Any] | None]  # for "action": {"action", "note", "expected_version"}
    state: Mapped[str32]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DossierVersion(Base):
    """A previous content of a dossier, kept when it is changed for a supplement request."""

    __tablename__ = "dossier_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str64] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    applicant: Mapped[dict[str, Any]]
    fields: Mapped[dict[str, Any]]
    attachments: Mapped[dict[str, Any]]  # {"items": [{component, sha256, size, filename, media_type}]}
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]


class StatusEvent(Base):
    """A status the portal reported for a dossier (its history as this machine saw it)."""

    __tablename__ = "status_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str64] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    status: Mapped[int]
    status_text: Mapped[str200]
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime]
    seq: Mapped[int | None] = mapped_column(Integer)
    #: What the portal sent with the status: a supplement request's ``items``, a returned
    #: result's ``delivery`` and ``result`` (its file kept in the blob store).
    detail: Mapped[dict[str, Any] | None]

    dossier: Mapped[Dossier] = relationship(back_populates="history")


class UploadProgress(Base):
    """A resumable upload in progress: where it lives on the portal and how far it got.

    ``url`` is empty while the creation request (which carries the file's first bytes) has not
    answered; ``create_key`` is that request's ``Idempotency-Key``, with which the portal finds
    the upload again if the answer was lost.
    """

    __tablename__ = "uploads"
    __table_args__ = (UniqueConstraint("server", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    server: Mapped[str200]
    sha256: Mapped[str64]
    url: Mapped[str] = mapped_column(String(500))
    length: Mapped[int]
    offset: Mapped[int] = mapped_column(default=0)
    create_key: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SyncCursor(Base):
    """How far this machine has read a portal's change feed."""

    __tablename__ = "sync_cursors"

    server: Mapped[str200] = mapped_column(primary_key=True)
    since: Mapped[int] = mapped_column(default=0)
    last_success_at: Mapped[dt.datetime | None]
