"""The per-instance objects every handler needs, and the FastAPI dependencies that hand them out."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine, bindparam, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from dvc_core.blobs import BlobStore
from dvc_core.catalog import Catalog
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

    @functools.cached_property
    def reader(self) -> Engine:
        """The engine for a lone SELECT outside any transaction (the token check).

        On PostgreSQL it runs in autocommit: no BEGIN and ROLLBACK round trips around the one
        statement. pysqlite opens a transaction only at the first write, so SQLite needs nothing.
        """
        if self.engine.dialect.name == "postgresql":
            return self.engine.execution_options(isolation_level="AUTOCOMMIT")
        return self.engine


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


@dataclass(frozen=True, slots=True)
class CallerAccount:
    """What handlers need of the logged-in account (read afresh on every request)."""

    id: str
    role: str
    full_name: str
    commune_code: str | None


@dataclass
class Caller:
    """The logged-in account behind a request."""

    account: CallerAccount
    token_hash: str

    @property
    def id(self) -> str:
        return self.account.id

    @property
    def role(self) -> str:
        return self.account.role


_LOGIN_NEEDED = "Bạn cần đăng nhập để dùng chức năng này (thiếu mã phiên đăng nhập Bearer)."
_LOGIN_EXPIRED = "Phiên đăng nhập đã hết hạn hoặc đã đăng xuất. Vui lòng đăng nhập lại."

_accounts, _tokens = Account.__table__.c, SessionToken.__table__.c
# Built once: a Core select of the few columns needed, run on every authenticated request
# (no ORM objects, no statement construction or cache-key computation per request).
_CALLER_QUERY = (
    select(_accounts.id, _accounts.role, _accounts.full_name, _accounts.commune_code,
           _accounts.revoked_at.label("account_revoked_at"), _tokens.expires_at,
           _tokens.revoked_at)
    .select_from(SessionToken.__table__.join(Account.__table__,
                                             _tokens.account_id == _accounts.id))
    .where(_tokens.token_hash == bindparam("digest"))
)


def get_caller(
    request: Request,
    ctx: Ctx,
) -> Caller:
    """Resolve ``Authorization: Bearer <token>`` to an account, or answer 401.

    The token and its account are read on every request (never cached), so a logout or a
    revoked device is refused at once by every worker.
    """
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "unauthenticated", _LOGIN_NEEDED,
                      headers={"WWW-Authenticate": 'Bearer realm="dvc"'})
    digest = token_digest(token.strip())
    # One round trip for the token and its account, on a connection of its own that goes
    # back to the pool at once: a request waiting for a thread (or for its body) must not sit
    # on a pooled connection, or a burst of requests can take them all while the threads that
    # would free them wait for one.
    with ctx.reader.connect() as connection:
        found = connection.execute(_CALLER_QUERY, {"digest": digest}).first()
    if (found is None or found.revoked_at is not None or found.expires_at <= ctx.now()
            or found.account_revoked_at is not None):  # a revoked device, even mid-login
        raise Problem(401, "invalid-token", _LOGIN_EXPIRED,
                      headers={"WWW-Authenticate": 'Bearer realm="dvc", error="invalid_token"'})
    return Caller(CallerAccount(found.id, found.role, found.full_name, found.commune_code), digest)


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
