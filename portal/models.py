"""The portal's tables (SQLAlchemy 2.0 typed models).

Everything the portal must remember between requests lives here — OTP challenges, rate-limit
counters, upload offsets — so several workers (or a restart) never lose or duplicate state.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base


def new_id() -> str:
    return str(uuid.uuid4())


class Commune(Base):
    """A receiving unit (xã/phường), identified by its unit code (``000.99.99.H56``)."""

    __tablename__ = "communes"

    unit_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Account(Base):
    """A person or a device that may log in: citizen, officer, kiosk or admin.

    Citizens log in with their phone number or ID number; staff and kiosks with ``username``.
    ``password_hash`` stays empty until the sign-up's OTP and password steps are done.
    """

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    role: Mapped[str] = mapped_column(String(16))
    account_type: Mapped[str | None] = mapped_column(String(32))
    username: Mapped[str | None] = mapped_column(String(64), unique=True)
    id_number: Mapped[str | None] = mapped_column(String(16), unique=True)
    phone: Mapped[str | None] = mapped_column(String(16), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(300))  # the sign-up's "additional information"
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None]
    sex: Mapped[str | None] = mapped_column(String(8))
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("communes.unit_code"))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    verified_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    # Who provisioned a kiosk device over the API, and who revoked it when (migration 0004).
    # Plain account ids, no foreign key: adding one would make SQLite rebuild ``accounts``,
    # which every other table refers to.
    created_by: Mapped[str | None] = mapped_column(String(36))
    revoked_at: Mapped[dt.datetime | None]
    revoked_by: Mapped[str | None] = mapped_column(String(36))

    commune: Mapped[Commune | None] = relationship(lazy="joined")


class OtpChallenge(Base):
    """One OTP sent by SMS. Only its hash is kept; it dies after 5 minutes, 5 wrong tries or one use."""

    __tablename__ = "otp_challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[dt.datetime | None]


class SignupRequest(Base):
    """One ``POST /accounts``: the details typed, the SMS code sent for them, and — once the code
    was proved — the digest of the one-time token that alone may set the password.

    Every sign-up is a request of its own (a re-registration never hands out another
    requester's), so several may name one ID number or phone; the account is created only when
    one of them sets its password, and the others are dropped then. ``blocked`` marks a request
    whose ID number or phone already has an account: it looks like any other, but no code was
    sent for it (the owner was told by SMS instead), so it can never complete.
    """

    __tablename__ = "signup_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    account_type: Mapped[str] = mapped_column(String(32))
    id_number: Mapped[str] = mapped_column(String(16), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date]
    sex: Mapped[str] = mapped_column(String(8))
    phone: Mapped[str] = mapped_column(String(16), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(300))
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime]
    # The current SMS code (only its digest): 5 minutes, 5 tries, one use.
    code_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[dt.datetime | None]
    verified_at: Mapped[dt.datetime | None]
    token_hash: Mapped[str | None] = mapped_column(String(64))
    token_expires_at: Mapped[dt.datetime | None]


class SessionToken(Base):
    """A bearer token, stored as its SHA-256 so a leaked database does not leak sessions."""

    __tablename__ = "session_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class RateEvent(Base):
    """One counted event (failed login, public lookup) for sliding-window rate limits."""

    __tablename__ = "rate_events"
    __table_args__ = (Index("ix_rate_events_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime]


class Message(Base):
    """An SMS or e-mail to send: the notifier's durable outbox (and the sandbox's record)."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(8))  # sms | email
    to: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    # pending | sending (claimed by a worker) | sent | failed
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When pending: the next try is due. When sending: the worker's claim lapses.
    next_attempt_at: Mapped[dt.datetime | None]
    sent_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    # After this the body is worthless (an OTP's five minutes): given up, the body removed
    # (migration 0008).
    expires_at: Mapped[dt.datetime | None]


class Dossier(Base):
    """A dossier, keyed by the UUID the client generated when the draft was created.

    ``status`` is None until the first submit; ``version`` grows with every change so officer
    actions can be checked against the version the officer saw (optimistic concurrency).
    """

    __tablename__ = "dossiers"
    # The worklists count and list one commune's dossiers by status and due date (migration
    # 0013): one index range per queue, the timed queues included.
    __table_args__ = (Index("ix_dossiers_unit_status_due", "unit_code", "status", "due_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("communes.unit_code"))
    procedure_code: Mapped[str] = mapped_column(String(64))
    schema_version: Mapped[int] = mapped_column(Integer)
    applicant: Mapped[dict[str, Any]] = mapped_column(JSON)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    applicant_id_number: Mapped[str | None] = mapped_column(String(16))
    local_ref: Mapped[str | None] = mapped_column(String(64))
    # The digest of the session token that created the dossier: a kiosk device reads only what
    # it created in its current session (the next citizen at the kiosk must not see it).
    created_session: Mapped[str | None] = mapped_column(String(64), index=True)
    code: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[dt.datetime | None]
    due_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    # How it reached the office (``dvc_core.lifecycle.CHANNEL_TEXT``), from the filer's role.
    channel: Mapped[int | None] = mapped_column(Integer)
    # What the worklist search reads: every person's name and ID number in the answers,
    # folded (no diacritics, lower case) — ``portal.worklist.search_text``. The code is
    # matched on its own column.
    search_text: Mapped[str | None] = mapped_column(Text)

    __mapper_args__ = {"version_id_col": version}

    attachments: Mapped[list[Attachment]] = relationship(
        cascade="all, delete-orphan", order_by="Attachment.position", lazy="selectin"
    )
    events: Mapped[list[DossierEvent]] = relationship(
        cascade="all, delete-orphan", order_by="DossierEvent.id", lazy="selectin"
    )


class Attachment(Base):
    """One attached file of a dossier, by content hash (the bytes live in the blob store)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    component: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(64))


class DossierEvent(Base):
    """One line of a dossier's history: who did what, when, with which note."""

    __tablename__ = "dossier_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    status: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("accounts.id"))
    actor_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime]
    # For a supplement: the dossier as it was before the applicant replaced it.
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # An action's detail: ``items`` of a supplement request, ``delivery`` and ``result`` of a
    # returned result (the wire shapes in portal/README.md).
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Change(Base):
    """The change feed: one row per status change, read by clients with a ``since`` cursor."""

    __tablename__ = "changes"
    # Never reuse a sequence number, even if the last rows were deleted: clients hold cursors.
    __table_args__ = {"sqlite_autoincrement": True}

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    unit_code: Mapped[str] = mapped_column(String(32), index=True)
    code: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime]
    #: The action's detail, as on its history line (read by the applicant's app from the feed).
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class DailySequence(Base):
    """The last number issued per unit and receipt day (the NNNN of an official code)."""

    __tablename__ = "daily_sequences"
    __table_args__ = (UniqueConstraint("unit_code", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[str] = mapped_column(String(6))  # YYMMDD, local date
    last: Mapped[int] = mapped_column(Integer)


class Upload(Base):
    """A tus upload in progress. The offset is committed only after the bytes are fsynced."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_owner_create_key", "owner_id", "create_key", unique=True),
                      Index("ix_uploads_owner_completed", "owner_id", "completed"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    # The SHA-256 the creation declared, checked against the bytes when they are whole; ""
    # when it declared none (a plain tus client): the hash of the bytes, once whole.
    sha256: Mapped[str] = mapped_column(String(64))
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    filename: Mapped[str] = mapped_column(String(255), default="")
    media_type: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime]
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The client's ``Idempotency-Key`` of the creation request: asking again with the same key
    # finds this upload (its answer may have been lost with its bytes half sent).
    create_key: Mapped[str | None] = mapped_column(String(64))
    # A kiosk's uploads belong to the session that made them (the digest of its token): the
    # next citizen at the kiosk must not continue, or learn about, the previous one's upload.
    # None for every other account (an upload follows its account across logins).
    session: Mapped[str | None] = mapped_column(String(64))
    # The last time bytes arrived (None: never since the creation). An unfinished upload
    # expires ``upload_ttl`` after it (tus "expiration").
    touched_at: Mapped[dt.datetime | None]
    # The creation's ``Upload-Metadata`` header as the client sent it (tus: HEAD echoes it);
    # None when it carried none.
    tus_metadata: Mapped[str | None] = mapped_column(String(4096))


class BlobHolder(Base):
    """Who has proved they hold a blob: an account (or one kiosk session) that uploaded it.

    The blob store keeps each file once, by hash, but knowing a hash is not having the file:
    only a holder may skip an upload, attach the blob or read it through a dossier it owns.
    ``session`` is ``""`` for an account (any of its logins) and the token digest for a kiosk
    (that session only). A holding no dossier of its holder uses expires ``upload_ttl`` after
    ``at``; a blob nobody holds any more is deleted by the clean-up.
    """

    __tablename__ = "blob_holders"
    __table_args__ = (Index("ix_blob_holders_account", "account_id", "session"),
                      Index("ix_blob_holders_pending", "account_id", "used", "at"))

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"),
                                            primary_key=True)
    session: Mapped[str] = mapped_column(String(64), primary_key=True, default="")
    size: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[dt.datetime]
    # Set once a submitted dossier of the holder attaches the blob: what the upload quota no
    # longer counts, read by one index range instead of a join per holding and per upload.
    used: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
