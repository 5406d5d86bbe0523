"""Database plumbing: the declarative base, a UTC-aware datetime type and the engine factory.

The models must run on SQLite (default, embedded, tests) and on PostgreSQL (production), so no
SQLite-only SQL appears anywhere; SQLite-specific tuning lives only in :func:`make_engine`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
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

try:  # POSIX: the writer lock also spans worker processes
    import fcntl
except ImportError:  # Windows (the embedded portal: one process)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


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
        # As many connections as request threads (anyio's default pool has 40), so a request
        # never waits for a connection while the writers take their turns.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               pool_size=40, max_overflow=10)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        _serialize_sqlite_writers(engine)
        return engine
    # Each worker serves many requests at once (a thread pool): keep enough connections ready.
    return create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=20)


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class _WriterLock:
    """One writer at a time: a thread lock in this process, ``flock`` across processes.

    ``flock`` waits in the kernel and wakes the next writer the moment the holder lets go, so
    several uvicorn workers on one SQLite file queue up fairly instead of polling.
    """

    def __init__(self, path: str | None):
        self._thread_lock = threading.Lock()
        self._handle = None
        if path and fcntl is not None:
            self._handle = open(path, "a+b")  # noqa: SIM115 (lives as long as the engine)

    def acquire(self, timeout: float) -> bool:
        if not self._thread_lock.acquire(timeout=timeout):
            return False
        if self._handle is not None:
            try:
                fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX)
            except OSError:
                log.warning("SQLite writer flock failed; relying on the busy timeout", exc_info=True)
        return True

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._thread_lock.release()


def _serialize_sqlite_writers(engine: Engine, wait: float = 30.0) -> None:
    """Queue writers on a lock instead of SQLite's busy handler.

    SQLite lets one connection write at a time; the others wait in its busy handler, which
    sleeps 1, 2, 5 … up to 100 ms between tries. Under a burst of submissions most of a
    request's time went into those sleeps (p95 of seconds at 20 submissions/s). Here the first
    write statement of a transaction takes a writer lock (this process and, through ``flock``
    on ``<database>.writer-lock``, the other workers) that is handed over as soon as the holder
    commits or rolls back, so writers follow each other with no sleep. PostgreSQL needs none
    of this. pysqlite opens its transaction at the first write, so nothing that ran before it
    holds a snapshot that could go stale while waiting. After ``wait`` seconds a writer goes
    ahead anyway and SQLite's busy timeout decides, so a mistake can never hang a request.
    """
    database = engine.url.database
    path = f"{database}.writer-lock" if database and database != ":memory:" else None
    lock = _WriterLock(path)
    holders: set[int] = set()
    guard = threading.Lock()

    @event.listens_for(engine, "before_cursor_execute")
    def _take(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        key = id(conn.connection.dbapi_connection)
        if key in holders or not statement.lstrip()[:7].upper().startswith(_WRITES):
            return
        if lock.acquire(timeout=wait):
            with guard:
                holders.add(key)
        else:
            log.warning("SQLite writer lock not released within %.0f s; going ahead", wait)

    def _release(connection: Any) -> None:
        # The dialect is handed the pool's proxy, the pool events the DB-API connection.
        key = id(getattr(connection, "dbapi_connection", None) or connection)
        with guard:
            held = key in holders
            holders.discard(key)
        if held:
            lock.release()

    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(dbapi_connection: Any) -> None:
        try:
            commit(dbapi_connection)
        finally:
            _release(dbapi_connection)

    def do_rollback(dbapi_connection: Any) -> None:
        try:
            rollback(dbapi_connection)
        finally:
            _release(dbapi_connection)

    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]

    @event.listens_for(engine, "close", named=False)
    def _closed(dbapi_connection: Any, _record: Any) -> None:
        _release(dbapi_connection)


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
