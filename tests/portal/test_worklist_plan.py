"""The worklists' counts and pages read the (unit_code, status, due_at) index — never a scan of
every commune's dossiers (SQLite's query plan, over the migrated schema)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event
from sqlalchemy.orm import Session

from portal import worklist
from portal.db import create_schema, make_engine
from portal.visibility import worklist_filter
from portal.workflow import Actor

NOW = dt.datetime(2026, 12, 9, 3, 0, tzinfo=dt.UTC)
OFFICER = Actor("o", "Cán bộ", "officer", "000.99.99.H56")


def _plans(tmp_path, run) -> list[str]:
    engine = make_engine(f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    create_schema(engine)
    seen: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    with Session(engine) as session:
        run(session)
    event.remove(engine, "before_cursor_execute", capture)
    plans = []
    with engine.connect() as connection:
        for statement, parameters in seen:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            plans.append(" / ".join(str(r[-1]) for r in rows))
    engine.dispose()
    return plans


def test_counts_read_one_index_range_per_query(tmp_path):
    plans = _plans(tmp_path, lambda s: worklist.counts(s, worklist_filter(OFFICER),
                                                       worklist.Filters(), NOW))
    assert len(plans) == 3  # the status queues grouped, then the two timed queues
    for plan in plans:
        assert "ix_dossiers_unit_status_due" in plan and "SCAN dossiers" not in plan, plan


def test_a_page_of_a_queue_reads_the_index(tmp_path):
    plans = _plans(tmp_path, lambda s: worklist.page(s, worklist_filter(OFFICER), "qua_han",
                                                     worklist.Filters(), NOW, limit=50))
    assert plans and all("ix_dossiers_unit_status_due" in p for p in plans), plans
    assert not any("SCAN dossiers" in p for p in plans), plans

