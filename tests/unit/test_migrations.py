"""Schema changes only through migrations: the migrated file equals the models, old files open."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.models import Base
from app.models.db import make_engine, migrate, open_database


def test_migrations_build_exactly_the_models(tmp_path):
    engine, _ = open_database(tmp_path / "new.sqlite3")
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_a_data_file_of_the_first_version_opens_and_keeps_its_dossiers(tmp_path):
    from alembic import command
    from alembic.config import Config

    from app.models.db import MIGRATIONS

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into dossiers (id, local_ref, procedure_code, schema_version, applicant, fields,"
            " state, mode, created_at, updated_at) values ('d1', 'AAAA-BBBB', '1.001193', 1, '{}',"
            " '{}', 'queued', 'desk', '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
        connection.exec_driver_sql(
            "insert into outbox (dossier_id, op, state, attempts, next_attempt_at, created_at,"
            " updated_at) values ('d1', 'submit', 'pending', 0, '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    migrate(engine)
    engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("select local_ref from dossiers").fetchall() == [("AAAA-BBBB",)]
    assert con.execute("select op, payload from outbox").fetchall() == [("submit", None)]
    head = con.execute("select version_num from alembic_version").fetchone()[0]
    assert head == sorted(p.name[:4] for p in MIGRATIONS.joinpath("versions").glob("0*.py"))[-1]
