"""Database plumbing: the declarative base, a UTC-aware datetime type and the engine factory.

The models must run on SQLite (default, embedded, tests) and on PostgreSQL (production), so no
SQLite-only SQL appears anywhere; SQLite-specific tuning lives only in :func:`make_engine`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    String,
    TypeDecorator,
    create_engine,
    event,
    inspect,
    text,
)
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
    # Each worker serves many requests at once (a thread pool): keep enough connections ready.
    return create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=20)


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The revision a database made by the old ``create_all`` start-up (before alembic) matches.
BASELINE_REVISION = "0001"
# pg_advisory_xact_lock keys (any 64-bit numbers, fixed for the portal).
MIGRATION_LOCK = 0x4456_4350_0001
FEED_LOCK = 0x4456_4350_0002


def create_schema(engine: Engine) -> None:
    """Bring the database to the newest schema with alembic (``portal/migrations``).

    A database created by an older portal with ``create_all`` (tables, but no
    ``alembic_version``) is stamped with the baseline first, then upgraded. On PostgreSQL an
    advisory lock makes several processes starting at once migrate one after the other.
    """
    from alembic import command
    from alembic.config import Config

    from portal import models  # noqa: F401  (registers the tables on Base.metadata)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        tables = set(inspect(connection).get_table_names())
        if "dossiers" in tables and "alembic_version" not in tables:
            command.stamp(config, BASELINE_REVISION)
        command.upgrade(config, "head")


def make_sessionmaker(engine: Engine) -> sessionmaker:
    """Sessions that keep loaded objects usable after commit (handlers build replies late)."""
    return sessionmaker(engine, expire_on_commit=False)
