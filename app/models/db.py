"""Opening the local SQLite file: pragmas for durability and privacy, migrations at start-up."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


def _set_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the GUI read while the sync worker writes; synchronous=FULL makes every commit
    # durable the instant it returns, so "saved" is true even across a power cut.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted personal data is overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (an old data folder always opens)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def checkpoint(engine: Engine) -> bool:
    """Copy every page of the WAL into the database file and empty the WAL (``TRUNCATE``).

    Deleted rows are overwritten in the database file (``secure_delete``), but their earlier
    versions stay in the ``-wal`` file until a checkpoint; a kiosk runs this after each purge
    so nothing of a purged citizen is left there while the app keeps the database open. It
    waits (``busy_timeout``) for readers on an older snapshot to finish.

    Returns:
        True when the WAL is empty now; False when a reader or writer kept it (try again later).
    """
    with engine.connect() as connection:
        busy, _frames, _copied = connection.exec_driver_sql(
            "PRAGMA wal_checkpoint(TRUNCATE)").one()
        connection.rollback()
    return busy == 0


def open_database(path: Path) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(path)
    migrate(engine)
    return engine, sessionmaker(engine, expire_on_commit=False)
