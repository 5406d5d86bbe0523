"""The commune's figures from the portal's own records: every dossier's history, attachments
and due date turned into the kernel's plain records (:class:`dvc_core.stats.DossierFacts`),
then counted by :func:`dvc_core.stats.compute` — the one definition of what counts.

Read with three column queries (no ORM objects, so no attachment or history collections are
loaded per dossier): the dossiers that may have something in the period, their history lines
and the components their files are attached as.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from dvc_core.catalog import Catalog
from dvc_core.stats import DossierFacts, Figures, Period, compute
from portal.models import Attachment, Dossier, DossierEvent
from portal.scheduling import VN

#: The history lines the figures read.
COUNTED_ACTIONS = ("submit", "finish", "return", "fee_paid")
_CHUNK = 500


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), VN).astimezone(dt.UTC)


def facts(session: Session, visible: ColumnElement[bool], period: Period,
          catalog: Catalog) -> list[DossierFacts]:
    """The records of every dossier the caller works on that may count in ``period``:
    created before its end, and changed or due since its start (a dossier counts only through
    a moment in the period, and every such moment leaves ``updated_at`` or ``due_at`` at or
    after it)."""
    start, end = _day_start(period.start), _day_start(period.end + dt.timedelta(days=1))
    rows = session.execute(
        select(Dossier.id, Dossier.procedure_code, Dossier.channel, Dossier.status,
               Dossier.due_at)
        .where(visible, Dossier.status.is_not(None), Dossier.created_at < end,
               or_(Dossier.updated_at >= start, and_(Dossier.due_at.is_not(None),
                                                     Dossier.due_at >= start)))
        .order_by(Dossier.id)).all()
    out: list[DossierFacts] = []
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i:i + _CHUNK]
        ids = [r.id for r in chunk]
        events: dict[str, list[tuple[str, dt.datetime, Any]]] = defaultdict(list)
        for e in session.execute(
                select(DossierEvent.dossier_id, DossierEvent.action, DossierEvent.at,
                       DossierEvent.detail)
                .where(DossierEvent.dossier_id.in_(ids), DossierEvent.action.in_(COUNTED_ACTIONS))
                .order_by(DossierEvent.id)):
            events[e.dossier_id].append(
                (e.action, e.at, e.detail if isinstance(e.detail, dict) else None))
        components: dict[str, set[str]] = defaultdict(set)
        for a in session.execute(select(Attachment.dossier_id, Attachment.component)
                                 .where(Attachment.dossier_id.in_(ids))):
            components[a.dossier_id].add(a.component)
        for r in chunk:
            procedure = catalog.get(r.procedure_code)
            required = ([c.id for c in procedure.components if c.required]
                        if procedure is not None else None)
            out.append(DossierFacts.from_history(
                procedure_code=r.procedure_code, channel=r.channel, status=r.status,
                due_at=r.due_at, events=events.get(r.id, ()),
                components=components.get(r.id, ()), required=required))
    return out


def figures(session: Session, visible: ColumnElement[bool], period: Period, catalog: Catalog,
            now: dt.datetime) -> Figures:
    records = facts(session, visible, period, catalog)
    codes = {f.procedure_code for f in records}
    names = {}
    for code in codes:
        procedure = catalog.get(code)
        names[code] = procedure.name if procedure is not None else code
    return compute(records, period, now, names)
