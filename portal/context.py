"""The per-instance objects every handler needs, and the FastAPI dependencies that hand them out."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, lazyload, sessionmaker

from app.services.blobs import BlobStore
from app.services.catalog import Catalog
from portal.models import Account, RateEvent, SessionToken
from portal.notify import Notifier
from portal.problems import Problem
from portal.scheduling import WorkingCalendar, default_calendar
from portal.security import token_digest
from portal.settings import PortalSettings


@dataclass
class PortalContext:
    """What one portal instance is made of (built once by ``create_app``)."""

    settings: PortalSettings
    engine: Engine
    sessions: sessionmaker
    catalog: Catalog
    blobs: BlobStore
    notifier: Notifier
    calendar: WorkingCalendar = field(default_factory=default_calendar)

    def now(self) -> dt.datetime:
        return self.settings.clock()

    @property
    def uploads_dir(self):
        return self.settings.storage_dir / "uploads"


# These two are ``async`` on purpose: FastAPI runs each plain ``def`` dependency in its own
# thread-pool hop, and neither does any I/O worth a thread (a session opens its connection
# lazily, inside the handler's thread; closing it is one quick rollback).
async def get_context(request: Request) -> PortalContext:
    return request.app.state.portal


Ctx = Annotated[PortalContext, Depends(get_context)]


async def get_session(ctx: Ctx) -> AsyncIterator[Session]:
    with ctx.sessions() as session:
        yield session


DbSession = Annotated[Session, Depends(get_session)]


@dataclass
class Caller:
    """The logged-in account behind a request."""

    account: Account
    token_hash: str

    @property
    def id(self) -> str:
        return self.account.id

    @property
    def role(self) -> str:
        return self.account.role


_LOGIN_NEEDED = "Bạn cần đăng nhập để dùng chức năng này (thiếu mã phiên đăng nhập Bearer)."
_LOGIN_EXPIRED = "Phiên đăng nhập đã hết hạn hoặc đã đăng xuất. Vui lòng đăng nhập lại."


def get_caller(
    request: Request,
    session: DbSession,
    ctx: Ctx,
) -> Caller:
    """Resolve ``Authorization: Bearer <token>`` to an account, or answer 401."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "unauthenticated", _LOGIN_NEEDED,
                      headers={"WWW-Authenticate": 'Bearer realm="dvc"'})
    digest = token_digest(token.strip())
    # One round trip for the token and its account (this runs on every authenticated request).
    found = session.execute(
        select(Account, SessionToken.expires_at, SessionToken.revoked_at)
        .join(SessionToken, SessionToken.account_id == Account.id)
        .where(SessionToken.token_hash == digest)
        .options(lazyload(Account.commune))  # the commune's name is rarely needed
    ).first()
    # Hand the connection back before the handler's own thread hop: a request waiting for a
    # thread (or for its body) must not sit on a pooled connection, or a burst of requests
    # can take them all while the threads that would free them wait for one.
    session.commit()
    if (found is None or found.revoked_at is not None or found.expires_at <= ctx.now()
            or found.Account.revoked_at is not None):  # a revoked device, even mid-login
        raise Problem(401, "invalid-token", _LOGIN_EXPIRED,
                      headers={"WWW-Authenticate": 'Bearer realm="dvc", error="invalid_token"'})
    return Caller(found.Account, digest)


CurrentCaller = Annotated[Caller, Depends(get_caller)]


def count_events(session: Session, key: str, since: dt.datetime) -> int:
    return session.scalar(
        select(func.count()).select_from(RateEvent).where(RateEvent.key == key, RateEvent.at > since)
    ) or 0


def record_event(session: Session, key: str, at: dt.datetime) -> None:
    # Events older than any window are useless: drop this key's old ones as we go.
    session.execute(delete(RateEvent).where(RateEvent.key == key,
                                            RateEvent.at < at - dt.timedelta(days=1)))
    session.add(RateEvent(key=key, at=at))


def oldest_event(session: Session, key: str, since: dt.datetime) -> dt.datetime | None:
    return session.scalar(
        select(func.min(RateEvent.at)).where(RateEvent.key == key, RateEvent.at > since)
    )


def retry_after(session: Session, key: str, now: dt.datetime, window: dt.timedelta) -> int:
    """Seconds until the oldest counted event leaves the window."""
    oldest = oldest_event(session, key, now - window)
    if oldest is None:
        return 1
    return max(1, math.ceil((oldest + window - now).total_seconds()))
