"""The officer desk's worklists as SQL: counts, one queue's page, search and filters.

Which dossiers are in a queue is the kernel's data (:data:`dvc_core.lifecycle.WORKLISTS`);
which of them the caller may work on is :func:`portal.visibility.worklist_filter`. This module
only turns both into statements that read the ``(unit_code, status, due_at)`` index.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from dvc_core import lifecycle
from dvc_core.catalog import Catalog, Procedure
from dvc_core.catalog.search import dossier_search_text
from dvc_core.rules import nfc
from dvc_core.rules.text import fold
from portal.db import UTCDateTime
from portal.models import Dossier
from portal.scheduling import VN

SORTS = ("due_at", "-due_at", "received_at", "-received_at")
# Sorting puts dossiers without a date last (ascending) or first (descending).
_FAR = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


def search_text(procedure: Procedure | None, applicant: Mapping[str, Any] | None,
                fields: Mapping[str, Any] | None) -> str:
    """The applicant's and every other person's name and ID number in the answers, folded
    (the kernel's :func:`~dvc_core.catalog.search.dossier_search_text`, which the desk's own
    list reads too)."""
    return dossier_search_text(applicant, fields, procedure.field_specs if procedure else ())


@dataclass(frozen=True)
class Filters:
    """What the officer narrowed the list to (every part optional).

    Attributes:
        q: words to find in the code, the names and the ID numbers (any diacritics or none).
        procedure: one procedure's code.
        channel: 1 trực tiếp, 2 trực tuyến, 3 bưu chính.
        received_from: first day received (office's local date), inclusive.
        received_to: last day received, inclusive.
    """

    q: str | None = None
    procedure: str | None = None
    channel: int | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        for word in fold(nfc(self.q or "")).split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            out.append(or_(Dossier.search_text.like(pattern, escape="\\"),
                           func.lower(Dossier.code).like(pattern, escape="\\")))
        if self.procedure:
            out.append(Dossier.procedure_code == self.procedure)
        if self.channel is not None:
            out.append(Dossier.channel == self.channel)
        if self.received_from is not None:
            out.append(Dossier.received_at >= _day_start(self.received_from))
        if self.received_to is not None:
            out.append(Dossier.received_at < _day_start(self.received_to + dt.timedelta(days=1)))
        return out


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), VN).astimezone(dt.UTC)


def queue_clause(name: str, now: dt.datetime) -> ColumnElement[bool]:
    """``WHERE`` of one worklist at ``now``, from the kernel's definition."""
    worklist = lifecycle.WORKLISTS[name]
    terms: list[ColumnElement[bool]] = [Dossier.status.in_(sorted(worklist.statuses))]
    start, end = worklist.window(now)
    if worklist.due is not None:
        terms.append(Dossier.due_at.is_not(None))
    if start is not None:
        terms.append(Dossier.due_at >= start)
    if end is not None:
        terms.append(Dossier.due_at < end)
    return and_(*terms)


def counts(session: Session, visible: ColumnElement[bool], filters: Filters,
           now: dt.datetime) -> dict[str, int]:
    """Every queue's count: one grouped read for the status queues, one each for the two
    timed ones (all within the caller's ``visible`` rows)."""
    where = and_(visible, *filters.clauses())
    by_status = dict(session.execute(
        select(Dossier.status, func.count()).where(where, Dossier.status.is_not(None))
        .group_by(Dossier.status)).all())
    out: dict[str, int] = {}
    for name, worklist in lifecycle.WORKLISTS.items():
        if worklist.due is None:
            out[name] = sum(by_status.get(s, 0) for s in worklist.statuses)
        else:
            out[name] = session.scalar(select(func.count()).select_from(Dossier)
                                       .where(where, queue_clause(name, now))) or 0
    return out


#: The columns a worklist row shows (no ORM objects: their attachments and history would be
#: loaded with them).
LISTED = (Dossier.id, Dossier.code, Dossier.status, Dossier.version, Dossier.procedure_code,
          Dossier.applicant, Dossier.applicant_id_number, Dossier.channel, Dossier.search_text,
          Dossier.received_at, Dossier.due_at, Dossier.updated_at, Dossier.fields)


@dataclass(frozen=True)
class Page:
    """One page of a queue: its dossiers, the queue's whole count and where the next starts."""

    items: list[Row[Any]]
    count: int
    next_cursor: str | None


def _sort_key(sort: str) -> tuple[ColumnElement[Any], bool]:
    column = Dossier.received_at if sort.lstrip("-") == "received_at" else Dossier.due_at
    return func.coalesce(column, _far()), sort.startswith("-")


def _far() -> Any:
    return literal(_FAR, UTCDateTime())


def encode_cursor(key: dt.datetime | None, dossier_id: str) -> str:
    raw = json.dumps([(key or _FAR).isoformat(), dossier_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, str] | None:
    """The (sort key, id) a cursor stands for; None when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, dossier_id = json.loads(raw)
        moment = dt.datetime.fromisoformat(key)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None
    if moment.tzinfo is None or not isinstance(dossier_id, str) or len(dossier_id) > 36:
        return None
    return moment, dossier_id


def page(session: Session, visible: ColumnElement[bool], queue: str, filters: Filters,
         now: dt.datetime, *, sort: str = "due_at", limit: int = 100,
         after: tuple[dt.datetime, str] | None = None, offset: int = 0) -> Page:
    """One page of ``queue``: sorted by ``sort`` then id, after the cursor ``after`` (keyset)
    or from ``offset``."""
    where = and_(visible, queue_clause(queue, now), *filters.clauses())
    count = session.scalar(select(func.count()).select_from(Dossier).where(where)) or 0
    key, descending = _sort_key(sort)
    query: Select[Any] = select(*LISTED).where(where)
    if after is not None:
        position = tuple_(key, Dossier.id)
        mark = tuple_(_bound(after[0]), after[1])
        query = query.where(position < mark if descending else position > mark)
    order = (key.desc(), Dossier.id.desc()) if descending else (key.asc(), Dossier.id.asc())
    query = query.order_by(*order).limit(limit + 1)
    if after is None and offset:
        query = query.offset(offset)
    rows = list(session.execute(query).all())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        value = last.received_at if sort.lstrip("-") == "received_at" else last.due_at
        next_cursor = encode_cursor(value, last.id)
    return Page(rows, count, next_cursor)


def _bound(moment: dt.datetime) -> Any:
    return literal(moment, UTCDateTime())


def procedure_names(catalog: Catalog, codes: Iterable[str]) -> dict[str, str]:
    names = {}
    for code in set(codes):
        procedure = catalog.get(code)
        names[code] = procedure.name if procedure else code
    return names

