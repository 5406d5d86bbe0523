"""Who holds which blob: deduplication that never hands out another account's file.

The blob store keeps each file once, by its SHA-256, whoever sent it. Knowing a hash is not
having the file, so the store's contents are never answered by hash alone: a caller may skip
an upload, attach a blob to a dossier it submits, or be told the portal has it (``HEAD
/blobs``, ``missing_blobs``, a creation answered complete) only for bytes it *holds*:

- bytes it uploaded itself (an account, across its logins; a kiosk, in that session only —
  the next citizen at the kiosk holds nothing of the previous one's), or
- bytes attached to a dossier it may see (:mod:`portal.visibility`) whose owner holds them
  (an officer filing a scan of one of the commune's dossiers sends it no second time).

An attachment is downloadable only when the dossier's owner holds it: naming a stranger's
hash in one's own dossier gives nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from portal import visibility
from portal.models import Attachment, BlobHolder, Dossier, Upload

_holders = BlobHolder.__table__.c


def holder_session(role: str, token_hash: str | None) -> str:
    """The ``session`` a holding is recorded under: the token for a kiosk, else ``""``."""
    return (token_hash or "") if role == "kiosk" else ""


def held(session: Session, actor: Any, shas: Iterable[str]) -> set[str]:
    """Which of ``shas`` ``actor`` (a :class:`portal.workflow.Actor`) holds.

    Only the holding is answered here; whether the file is on disk is the store's question.
    """
    wanted = set(shas)
    if not wanted or actor.id is None and actor.role != "admin":
        return set()
    found: set[str] = set()
    if actor.id is not None:
        found = set(session.scalars(select(BlobHolder.sha256).where(
            BlobHolder.sha256.in_(wanted), BlobHolder.account_id == actor.id,
            BlobHolder.session == holder_session(actor.role, actor.session))))
    if found == wanted or actor.role not in ("officer", "admin"):
        # A citizen or a kiosk sees only its own dossiers: their owner is the caller, whose
        # holdings were just read.
        return found
    attached = (select(Attachment.sha256)
                .join(Dossier, Dossier.id == Attachment.dossier_id)
                .join(BlobHolder, and_(BlobHolder.sha256 == Attachment.sha256,
                                       BlobHolder.account_id == Dossier.owner_id,
                                       _session_matches(Dossier.created_session)))
                .where(Attachment.sha256.in_(wanted - found),
                       visibility.dossier_filter(actor)))
    return found | set(session.scalars(attached.distinct()))


def _session_matches(created_session: Any) -> Any:
    # An account's holding ("") backs all its dossiers; a kiosk's only those of its session.
    return or_(BlobHolder.session == "", BlobHolder.session == created_session)


def backed(session: Session, dossier: Dossier, shas: Iterable[str]) -> set[str]:
    """Which of ``shas`` the dossier's owner holds (for a kiosk: in the dossier's session)."""
    wanted = set(shas)
    if not wanted:
        return set()
    return set(session.scalars(select(BlobHolder.sha256).where(
        BlobHolder.sha256.in_(wanted), BlobHolder.account_id == dossier.owner_id,
        _session_matches(dossier.created_session or ""))))


def grant(session: Session, account_id: str, holder: str, sha: str, size: int,
          now: dt.datetime) -> None:
    """Record (or refresh) that ``account_id`` (in ``holder``) proved it holds ``sha``.

    One upsert inside the caller's transaction (two uploads of one file finishing at once
    cannot collide); the caller commits.
    """
    upsert = (pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert)
    statement = upsert(BlobHolder).values(sha256=sha, account_id=account_id, session=holder,
                                          size=size, at=now)
    session.execute(statement.on_conflict_do_update(
        index_elements=["sha256", "account_id", "session"], set_={"at": now, "size": size}))


def holding_used() -> Any:
    """SQL: a dossier of the holding's holder (of its session, for a kiosk) attaches it."""
    used = (select(Attachment.id)
            .join(Dossier, Dossier.id == Attachment.dossier_id)
            .where(Attachment.sha256 == BlobHolder.sha256,
                   Dossier.owner_id == BlobHolder.account_id,
                   _session_matches(Dossier.created_session)))
    return used.correlate(BlobHolder).exists()


def mark_used(session: Session, dossier: Dossier, shas: Iterable[str]) -> None:
    """A submitted dossier attaches ``shas``: its owner's holdings of them (for a kiosk, the
    dossier's session's) stop counting against the upload quota. Inside the caller's
    transaction."""
    wanted = set(shas)
    if not wanted:
        return
    session.execute(update(BlobHolder).where(
        BlobHolder.account_id == dossier.owner_id, BlobHolder.sha256.in_(wanted),
        BlobHolder.used.is_(False), _session_matches(dossier.created_session or ""))
        .values(used=True).execution_options(synchronize_session=False))


def pending_bytes(session: Session, account_id: str, since: dt.datetime) -> int:
    """The account's bytes that no dossier uses yet (what its upload quota counts).

    Unfinished uploads count at their declared length, holdings at their size until a
    submitted dossier of the account uses them (:func:`mark_used`; attaching a file to a draft
    does not free quota); both for ``upload_ttl`` after their last bytes (``since``). Older unattached
    ones have expired; ones a draft uses are kept but stop counting, so a draft left behind
    by a failed submission never blocks an account for good (what drafts can keep is bounded
    by the quota per ``upload_ttl``).
    """
    unfinished = session.scalar(select(func.coalesce(func.sum(Upload.length), 0)).where(
        Upload.owner_id == account_id, Upload.completed.is_(False),
        func.coalesce(Upload.touched_at, Upload.created_at) > since)) or 0
    unattached = session.scalar(select(func.coalesce(func.sum(BlobHolder.size), 0)).where(
        BlobHolder.account_id == account_id, BlobHolder.used.is_(False),
        BlobHolder.at > since)) or 0
    return int(unfinished) + int(unattached)
