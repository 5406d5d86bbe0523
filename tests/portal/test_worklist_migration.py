"""Upgrading a portal gives existing dossiers their channel and the worklist's search text
(migration 0013): names and ID numbers anywhere in the answers, folded."""

from __future__ import annotations

import datetime as dt

import sqlalchemy
from alembic import command
from alembic.config import Config

from portal.db import MIGRATIONS, make_engine
from portal.models import Account, Commune, Dossier

NOW = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)
UNIT = "000.99.99.H56"


def test_existing_dossiers_get_their_channel_and_search_text(tmp_path, database_url):
    url = database_url or f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0012")
            conn.execute(sqlalchemy.insert(Commune.__table__).values(unit_code=UNIT, name="Xã"))
            for account_id, role in (("citizen", "citizen"), ("officer", "officer")):
                conn.execute(sqlalchemy.insert(Account.__table__).values(
                    id=account_id, role=role, full_name=account_id, created_at=NOW))
            for dossier_id, owner in (("online", "citizen"), ("counter", "officer")):
                conn.execute(sqlalchemy.insert(Dossier.__table__).values(
                    id=dossier_id, owner_id=owner, unit_code=UNIT, procedure_code="1.001193",
                    schema_version=1, applicant={"full_name": "Lê Thị Hoa",
                                                 "id_number": "038195012345"},
                    fields={"child.full_name": "Đặng Thùy Dương", "child.sex": "nu",
                            "documents": [{"document.name": "Giấy tờ"}]},
                    status=1, code=f"c-{dossier_id}", version=1, created_at=NOW,
                    updated_at=NOW))
            command.upgrade(config, "head")
            rows = {r.id: r for r in conn.execute(sqlalchemy.text(
                "SELECT id, channel, search_text FROM dossiers"))}
    finally:
        engine.dispose()
    assert rows["online"].channel == 2 and rows["counter"].channel == 1
    assert rows["online"].search_text == "le thi hoa 038195012345 dang thui duong"
