"""House-keeping: forget what has stopped serving a purpose (``dvc-portal cleanup``).

Run at every start-up and from the command line (a cron job or a systemd timer for a portal
that runs for weeks). Personal data is kept only as long as it serves (DESIGN.md): expired and
revoked tokens, used or expired OTPs, rate-limit events, expired uploads, files no dossier
uses, and old outbox messages (the sandbox's record of SMS and e-mails included) are deleted.

An upload expires ``upload_ttl`` after its last activity (the ``Upload-Expires`` it was
answered with); a holding (:mod:`portal.possession`) no dossier of its holder uses expires
``upload_ttl`` after the file arrived, and a blob nobody holds any more leaves the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from pathlib import Path

from sqlalchemy import delete, func, or_, select

from portal.context import PortalContext
from portal.models import (
    BlobHolder,
    Message,
    OtpChallenge,
    RateEvent,
    SessionToken,
    SignupRequest,
    Upload,
)
from portal.notify import expire_messages
from portal.possession import holding_used

log = logging.getLogger(__name__)

#: Rate-limit windows are at most an hour; a day of events is more than any window reads.
RATE_EVENT_TTL = dt.timedelta(days=1)
#: Kept a day after expiry/revocation, so "your session has ended" stays distinguishable in logs.
TOKEN_GRACE = dt.timedelta(days=1)
OTP_TTL = dt.timedelta(days=1)


def cleanup(ctx: PortalContext, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete what is no longer needed; returns how many of each kind went."""
    now = now or ctx.now()
    settings = ctx.settings
    counts: dict[str, int] = {}
    with ctx.sessions() as session:
        counts["tokens"] = session.execute(delete(SessionToken).where(or_(
            SessionToken.expires_at < now - TOKEN_GRACE,
            SessionToken.revoked_at < now - TOKEN_GRACE))).rowcount
        counts["otps"] = session.execute(delete(OtpChallenge).where(
            OtpChallenge.expires_at < now - OTP_TTL)).rowcount
        # A sign-up request lives a day after its last code (the code itself lives 5 minutes);
        # counted with the codes, as it is one.
        counts["otps"] += session.execute(delete(SignupRequest).where(
            SignupRequest.expires_at < now - OTP_TTL)).rowcount
        counts["rate_events"] = session.execute(delete(RateEvent).where(
            RateEvent.at < now - RATE_EVENT_TTL)).rowcount
        # Sends a crash interrupted go back to pending; OTPs that expired unsent are dropped.
        counts["messages"] = expire_messages(session, now, ctx.notifier.keep_bodies)
        counts["messages"] += session.execute(delete(Message).where(
            Message.status.in_(("sent", "failed")),
            Message.created_at < now - settings.message_ttl)).rowcount
        horizon = now - settings.upload_ttl
        stale = session.scalars(select(Upload).where(
            func.coalesce(Upload.touched_at, Upload.created_at) < horizon)).all()
        for upload in stale:
            # A completed upload's bytes are in the blob store already, and who sent them is a
            # holding: only the record goes.
            for path in _upload_files(ctx, upload.id):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            session.delete(upload)
        counts["uploads"] = len(stale)
        unused = (BlobHolder.at < horizon, ~holding_used())
        dropped = set(session.scalars(select(BlobHolder.sha256).where(*unused)))
        counts["holdings"] = session.execute(delete(BlobHolder).where(*unused)).rowcount
        session.commit()
        known = set(session.scalars(select(Upload.id)).all())
        held = set(session.scalars(select(BlobHolder.sha256).distinct()))
    counts["orphan_files"] = _orphan_files(ctx, known, settings.upload_ttl)
    counts["blobs"] = _unheld_blobs(ctx, dropped - held, held, settings.upload_ttl)
    if any(counts.values()):
        log.info("cleanup: %s", counts)
    return counts


def _upload_files(ctx: PortalContext, upload_id: str) -> list[Path]:
    base = ctx.uploads_dir / upload_id
    return [base, Path(f"{base}.lock"), *ctx.uploads_dir.glob(f"{upload_id}.chunk-*")]


def _unheld_blobs(ctx: PortalContext, released: set[str], held: set[str],
                  ttl: dt.timedelta) -> int:
    """Delete the blobs nobody holds: at once those whose last holding just expired, and any
    other unheld file once its modification time is ``ttl`` old (a file from before holdings
    were recorded, or one whose upload failed after the move; by the wall clock, see
    :func:`_orphan_files`, which also keeps a file an upload is just finishing).

    A file somebody is uploading again at this very moment may go with it; their next PUT
    lists it in ``missing_blobs`` (the store is asked, not only the holding), and it is sent
    again.
    """
    removed = 0
    root = ctx.blobs.root
    if not root.is_dir():
        return 0
    limit = time.time() - ttl.total_seconds()
    for path in root.glob("??/*"):
        sha = path.name
        if sha in held or len(sha) != 64 or path.parent.name != sha[:2]:
            continue
        with contextlib.suppress(FileNotFoundError):
            if sha in released or path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
    return removed


def _orphan_files(ctx: PortalContext, known: set[str], ttl: dt.timedelta) -> int:
    """Partial files no upload row refers to (a crash between file and row), once old enough.

    Judged by the file's modification time: the portal's clock may be pinned in tests, but a
    file on disk only ever ages by the wall clock.
    """
    removed = 0
    if not ctx.uploads_dir.is_dir():
        return 0
    limit = time.time() - ttl.total_seconds()
    for path in ctx.uploads_dir.iterdir():
        upload_id = path.name.split(".", 1)[0]
        if upload_id in known or not path.is_file():
            continue
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
    return removed
