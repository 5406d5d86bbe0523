"""Upgrading a portal records who held which blob before holdings existed (migration 0010):
the owners of submitted dossiers (a kiosk: the session that filed them) and the senders of
finished uploads — never a draft's owner, whose attachment may name a stranger's hash."""

from __future__ import annotations

import datetime as dt

import sqlalchemy
from alembic import command
from alembic.config import Config

from portal.db import MIGRATIONS, make_engine
from portal.models import Account, Attachment, Commune, Dossier, Upload

NOW = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)
UNIT = "000.99.99.H56"


def _sha(letter: str) -> str:
    return letter * 64


def _dossier(conn, dossier_id: str, owner: str, session: str, status: int | None,
             shas: list[str]) -> None:
    conn.execute(sqlalchemy.insert(Dossier.__table__).values(
        id=dossier_id, owner_id=owner, unit_code=UNIT, procedure_code="1.001193",
        schema_version=1, applicant={}, fields={}, created_session=session, status=status,
        code=f"code-{dossier_id}" if status else None, version=1, created_at=NOW,
        updated_at=NOW))
    for i, sha in enumerate(shas):
        conn.execute(sqlalchemy.insert(Attachment.__table__).values(
            dossier_id=dossier_id, position=i, component=f"c{i}", sha256=sha, size=100 + i,
            filename="a.pdf", media_type="application/pdf"))


def test_holdings_are_back_filled_from_submitted_dossiers_and_finished_uploads(tmp_path,
                                                                               database_url):
    url = database_url or f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0009")
            conn.execute(sqlalchemy.insert(Commune.__table__).values(unit_code=UNIT, name="Xã"))
            for account_id, role in (("citizen", "citizen"), ("thief", "citizen"),
                                     ("kiosk", "kiosk")):
                conn.execute(sqlalchemy.insert(Account.__table__).values(
                    id=account_id, role=role, full_name=account_id, created_at=NOW))
            _dossier(conn, "d-submitted", "citizen", "tok-c", 1, [_sha("a"), _sha("b")])
            _dossier(conn, "d-draft", "thief", "tok-t", None, [_sha("a")])
            _dossier(conn, "d-kiosk", "kiosk", "tok-k1", 1, [_sha("c")])
            _dossier(conn, "d-kiosk-draft", "kiosk", "tok-k2", None, [_sha("a")])
            for upload_id, owner, sha, completed in (
                    ("u1", "citizen", "a", True), ("u2", "citizen", "d", True),
                    ("u3", "thief", "e", False), ("u4", "kiosk", "f", True)):
                conn.execute(sqlalchemy.insert(Upload.__table__).values(
                    id=upload_id, owner_id=owner, sha256=_sha(sha), length=500, offset=500,
                    filename="a.pdf", media_type="application/pdf", created_at=NOW,
                    completed=completed))
            command.upgrade(config, "head")
            held = set(conn.execute(sqlalchemy.text(
                "SELECT sha256, account_id, session FROM blob_holders")).all())
            used = set(conn.execute(sqlalchemy.text(
                "SELECT sha256, account_id FROM blob_holders WHERE used")).all())
    finally:
        engine.dispose()
    assert held == {
        (_sha("a"), "citizen", ""), (_sha("b"), "citizen", ""),  # a submitted dossier's files
        (_sha("c"), "kiosk", "tok-k1"),  # a kiosk's: for the session that filed it only
        (_sha("d"), "citizen", ""),  # a finished upload
    }  # not the drafts' hashes, an unfinished upload, nor a kiosk upload of no known session
    # What a submitted dossier of the holder attaches no longer counts against the quota.
    assert used == {(_sha("a"), "citizen"), (_sha("b"), "citizen"), (_sha("c"), "kiosk")}
