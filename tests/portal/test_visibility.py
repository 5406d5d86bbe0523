"""Who may see a dossier: the check of one dossier and the SQL of lists and the change feed agree."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from portal.db import Base
from portal.models import Account, Change, Commune, Dossier
from portal.visibility import can_see, change_filter, dossier_filter, may_work, worklist_filter
from portal.workflow import SYSTEM, Actor

AT = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)
OWNERS = ("citizen-a", "citizen-b", "kiosk-k", "officer-o")
UNITS = ("X", "Y")
STATUSES = (None, 1, 5)
SESSIONS = (None, "s1", "s2")

ACTORS = {
    "citizen a": Actor("citizen-a", "A", "citizen", None),
    "citizen b (of commune X)": Actor("citizen-b", "B", "citizen", "X"),
    "officer of X": Actor("officer-o", "O", "officer", "X"),
    "officer of no commune": Actor("officer-o", "O", "officer", None),
    "kiosk, session s1": Actor("kiosk-k", "K", "kiosk", "X", "s1"),
    "kiosk, no session": Actor("kiosk-k", "K", "kiosk", "X", None),
    "admin": Actor("admin-z", "Z", "admin", None),
    "command line": SYSTEM,
}


@pytest.fixture
def db(database_url: str):
    """Every combination of owner, commune, status and creating session, on SQLite and on
    PostgreSQL (the ``database_url`` fixture's fresh schema)."""
    engine = create_engine(database_url or "sqlite://")
    Base.metadata.create_all(engine)
    rows = []
    for n, (owner, unit, status, created) in enumerate(
            itertools.product(OWNERS, UNITS, STATUSES, SESSIONS)):
        rows.append({"id": f"d{n:03d}", "owner_id": owner, "unit_code": unit, "status": status,
                     "created_session": created, "procedure_code": "1.001193",
                     "schema_version": 1, "applicant": {}, "fields": {}, "version": 1,
                     "code": f"C{n:03d}" if status else None, "created_at": AT, "updated_at": AT})
    with Session(engine) as session:
        session.execute(insert(Commune.__table__), [{"unit_code": u, "name": u} for u in UNITS])
        session.execute(insert(Account.__table__), [
            {"id": owner, "role": owner.split("-")[0], "full_name": owner, "created_at": AT}
            for owner in OWNERS])
        session.execute(insert(Dossier.__table__), rows)
        session.execute(insert(Change.__table__), [
            {"dossier_id": r["id"], "owner_id": r["owner_id"], "unit_code": r["unit_code"],
             "code": r["code"], "status": r["status"], "note": None, "at": AT}
            for r in rows if r["status"] is not None])
        session.commit()
        yield session
    engine.dispose()


def _seen_one_by_one(session: Session, actor: Actor) -> set[str]:
    return {d.id for d in session.scalars(select(Dossier)) if can_see(actor, d)}


@pytest.mark.parametrize("name", ACTORS)
def test_lists_and_the_change_feed_show_what_one_dossier_check_admits(db: Session, name: str):
    actor = ACTORS[name]
    seen = _seen_one_by_one(db, actor)
    listed = set(db.scalars(select(Dossier.id).where(dossier_filter(actor))))
    fed = set(db.scalars(select(Change.dossier_id).where(change_filter(actor))))
    assert listed == seen
    submitted = set(db.scalars(select(Dossier.id).where(Dossier.status.is_not(None))))
    assert fed == seen & submitted


def test_what_each_role_sees(db: Session):
    def seen(name: str) -> set[tuple]:
        return {(d.owner_id, d.unit_code, d.status, d.created_session)
                for d in db.scalars(select(Dossier)) if can_see(ACTORS[name], d)}

    everything = set(itertools.product(OWNERS, UNITS, STATUSES, SESSIONS))
    assert seen("citizen a") == {r for r in everything if r[0] == "citizen-a"}
    # A citizen's commune gives no right to see anyone else's dossiers.
    assert seen("citizen b (of commune X)") == {r for r in everything if r[0] == "citizen-b"}
    assert seen("officer of X") == {r for r in everything if r[0] == "officer-o"
                                    or (r[1] == "X" and r[2] is not None)}
    assert seen("officer of no commune") == {r for r in everything if r[0] == "officer-o"}
    assert seen("kiosk, session s1") == {r for r in everything
                                         if r[0] == "kiosk-k" and r[3] == "s1"}
    assert seen("kiosk, no session") == set()
    assert seen("admin") == seen("command line") == everything


@pytest.mark.parametrize("name", ACTORS)
def test_the_worklist_is_the_office_part_of_what_an_actor_sees(db: Session, name: str):
    actor = ACTORS[name]
    worked = {(d.owner_id, d.unit_code, d.status, d.created_session)
              for d in db.scalars(select(Dossier).where(worklist_filter(actor)))}
    everything = set(itertools.product(OWNERS, UNITS, STATUSES, SESSIONS))
    submitted = {r for r in everything if r[2] is not None}
    if name == "officer of X":
        # Never the officer's own filings elsewhere, nor anything not yet submitted.
        expected = {r for r in submitted if r[1] == "X"}
    elif name in ("admin", "command line"):
        expected = submitted
    else:
        expected = set()
    assert worked == expected
    assert may_work(actor) == bool(expected)
    ids = set(db.scalars(select(Dossier.id).where(worklist_filter(actor))))
    assert ids <= _seen_one_by_one(db, actor)
