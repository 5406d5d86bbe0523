"""Database plumbing: the declarative base, a UTC-aware datetime type and the engine factory.

The models must run on SQLite (default, embedded, tests) and on PostgreSQL (production), so no
SQLite-only SQL appears anywhere; SQLite-specific tuning lives only in :func:`make_engine`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, String, TypeDecorator, create_engine, event
from sqlalchemy.orm import DeclarativeBase, sessionmaker


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime on both sides.

    SQLite has no time zones: values go in as naive UTC and come back with ``tzinfo=UTC``
    attached, so application code only ever sees aware datetimes. Naive input is refused
    because guessing its zone is how due dates end up seven hours off.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base for every portal table."""

    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        str: String(),
    }


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL, foreign keys and a busy timeout.

    WAL lets readers run while one writer commits; the busy timeout makes concurrent writers
    (several uvicorn workers, the ``action`` command beside a running server) wait instead of
    failing at once with "database is locked".
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def create_schema(engine: Engine) -> None:
    """Create the tables.

    The portal's schema is still young, so ``create_all`` is enough today. When the first
    change to an existing table comes, this is the one place to swap for ``alembic upgrade
    head`` (a ``portal/migrations`` folder beside this module).
    """
    from portal import models  # noqa: F401  (registers the tables on Base.metadata)

    Base.metadata.create_all(engine)


def make_sessionmaker(engine: Engine) -> sessionmaker:
    """Sessions that keep loaded objects usable after commit (handlers build replies late)."""
    return sessionmaker(engine, expire_on_commit=False)
