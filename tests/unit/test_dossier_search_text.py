"""Every person of a dossier is kept, folded, beside it — for new dossiers, drafts and
supplements, and for the dossiers of a data folder made before the column existed."""

from __future__ import annotations

import json
import sqlite3

from app.models import Dossier
from app.models.db import MIGRATIONS, make_engine, migrate, open_database
from dvc_core.catalog import default_catalog


def test_an_older_data_folder_gets_the_search_text_of_its_dossiers(tmp_path):
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    example = default_catalog().get("1.001193").example
    fields = dict(example["fields"], **{"father.full_name": "Đỗ Văn Hùng"})
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into dossiers (id, local_ref, procedure_code, schema_version, applicant, fields,"
            " state, mode, created_at, updated_at) values (?, ?, '1.001193', 1, ?, ?, 'queued',"
            " 'desk', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [("d1", "AAAA-BBBB", json.dumps(example["applicant"]), json.dumps(fields)),
             ("d2", "CCCC-DDDD", "{}", "not json")])
    migrate(engine)
    engine.dispose()
    rows = dict(sqlite3.connect(path).execute("select id, search_text from dossiers"))
    assert {"do", "van", "hung", "le", "thi", "hoa", "038195012345"} <= set(rows["d1"].split())
    assert rows["d2"] == ""


def test_the_search_text_follows_the_answers_whatever_writes_them(tmp_path):
    engine, sessions = open_database(tmp_path / "q.sqlite3")
    with sessions.begin() as session:
        session.add(Dossier(id="d1", local_ref="AAAA-BBBB", procedure_code="1.001193",
                            schema_version=1, applicant={"full_name": "Lê Thị Hoa"},
                            fields={}, state="draft"))
    with sessions.begin() as session:
        dossier = session.get(Dossier, "d1")
        assert dossier.search_text == "le thi hoa"
        dossier.fields = {"father.full_name": "Trần Văn Đông"}
    with sessions() as session:
        assert session.get(Dossier, "d1").search_text == "le thi hoa tran van dong"
    engine.dispose()
