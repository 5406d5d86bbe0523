"""Transactions whose commit need not reach the disk that instant.

For bookkeeping only: upload offsets and "in flight" marks. Losing the newest of them to a power
cut costs asking the portal (HEAD) or, at worst, sending one file again — never a dossier. A later
durable commit writes them out anyway (WAL). Each saves an fsync.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker


@contextmanager
def light_session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session in a transaction committed with ``synchronous=NORMAL``, then FULL again."""
    engine = sessions.kw["bind"]
    with engine.connect() as connection:
        # The safety level cannot change inside a transaction: set it, end the (empty)
        # transaction, do the work in one of its own, and put FULL back the same way.
        connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
        connection.commit()
        try:
            with connection.begin():
                session = Session(bind=connection)  # joins the connection's transaction
                try:
                    yield session
                    session.flush()
                finally:
                    session.close()
        finally:
            connection.exec_driver_sql("PRAGMA synchronous=FULL")
            connection.commit()
