"""The officer's worklists on the desk: read from the portal, kept in the local SQLite for
reading offline, with how old that copy is.

The portal decides what is in each queue (``GET /api/v1/worklist``); the desk keeps what it
last read, queue by queue (``app.models.worklist``, light commits: it is a copy, the portal
holds the dossiers), and the working-day calendar the portal counts due dates in
(``GET /api/v1/calendar``), so the days left and the "not moved" alert stay right offline.
No Qt here: the officer view calls it through the task runner, ``dvc worklist`` directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from app.models.worklist import WorklistCalendar, WorklistItem, WorklistQueue
from app.services.lightdb import light_session
from app.services.portal_client import NetworkError, PortalClient, PortalError
from dvc_core.lifecycle import CHANNEL_TEXT, ON_THE_CLOCK, WORKLISTS, status_text
from dvc_core.rules.text import fold
from dvc_core.vntime import format_vn, to_vn
from dvc_core.workdays import WorkingCalendar

#: Dossiers read per request (the portal's largest page).
PAGE = 500
#: Working days without a change of status after which a dossier on the clock is flagged
#: (``settings.json``: ``"worklist_idle_days"``).
DEFAULT_IDLE_DAYS = 2


def idle_days(settings: dict[str, Any]) -> int:
    """The "not moved" alert's working days from the data folder's settings (1–60)."""
    value = settings.get("worklist_idle_days", DEFAULT_IDLE_DAYS)
    return value if isinstance(value, int) and 1 <= value <= 60 else DEFAULT_IDLE_DAYS


def _utc(value: Any) -> dt.datetime | None:
    if not value:
        return None
    moment = dt.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One dossier of a worklist as the desk shows it (frozen: built off the GUI thread).

    Attributes:
        search_key: the code, the names and the ID numbers of the answers, folded — what
            the search box matches, offline too.
    """

    uuid: str
    code: str | None
    status: int | None
    version: int | None
    due_at: dt.datetime | None
    received_at: dt.datetime | None
    updated_at: dt.datetime | None
    applicant_name: str
    applicant_id_number: str | None
    procedure_code: str
    procedure_name: str
    channel: int | None
    search_key: str
    fee_vnd: int | None = None
    fee_label: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WorkItem:
        return cls.make(
            uuid=str(data["uuid"]), code=data.get("code"), status=data.get("status"),
            version=data.get("version"), due_at=_utc(data.get("due_at")),
            received_at=_utc(data.get("received_at")), updated_at=_utc(data.get("updated_at")),
            applicant_name=data.get("applicant_name") or "",
            applicant_id_number=data.get("applicant_id_number"),
            procedure_code=str(data.get("procedure_code") or ""),
            procedure_name=data.get("procedure_name") or str(data.get("procedure_code") or ""),
            channel=data.get("channel"), search_key=data.get("search_key") or "",
            fee_vnd=data.get("fee_vnd") if isinstance(data.get("fee_vnd"), int) else None,
            fee_label=str(data.get("fee_label") or ""))

    @classmethod
    def make(cls, *, search_key: str = "", **values: Any) -> WorkItem:
        """An item whose search key also holds its code, its applicant and ID number."""
        extra = " ".join(str(values.get(k) or "") for k in
                         ("code", "applicant_name", "applicant_id_number"))
        return cls(search_key=fold(f"{extra} {search_key}"), **values)

    @property
    def status_text(self) -> str:
        return status_text(self.status)

    @property
    def channel_text(self) -> str:
        return CHANNEL_TEXT.get(self.channel or 0, "")

    @property
    def on_the_clock(self) -> bool:
        """The office owes an answer by the due date (not waiting for the applicant)."""
        return self.status in ON_THE_CLOCK

    def to_json(self) -> dict[str, Any]:
        """What ``dvc worklist QUEUE --json`` prints for one dossier."""
        return {"uuid": self.uuid, "code": self.code, "status": self.status,
                "status_text": self.status_text,
                "due_at": self.due_at.isoformat() if self.due_at else None,
                "applicant_name": self.applicant_name, "procedure_code": self.procedure_code,
                "procedure_name": self.procedure_name, "channel": self.channel,
                "received_at": self.received_at.isoformat() if self.received_at else None,
                "updated_at": self.updated_at.isoformat() if self.updated_at else None,
                "version": self.version, "fee_vnd": self.fee_vnd,
                "fee_label": self.fee_label or None}


@dataclass(frozen=True, slots=True)
class QueueCount:
    queue: str
    label: str
    count: int


@dataclass(frozen=True)
class Copy:
    """Where what is shown comes from.

    Attributes:
        fetched_at: when it was read from the portal (None: never).
        online: read from the portal just now.
        error: why the portal could not be read (the copy is shown instead).
    """

    fetched_at: dt.datetime | None
    online: bool
    error: str | None = None


@dataclass(frozen=True)
class WorklistCounts:
    """Every worklist with its count, and the calendar the days left are counted in."""

    counts: list[QueueCount]
    copy: Copy
    calendar: WorkingCalendar

    def count(self, queue: str) -> int:
        return next((c.count for c in self.counts if c.queue == queue), 0)


@dataclass(frozen=True)
class QueueItems:
    """One worklist's dossiers, in the portal's order (due date first)."""

    queue: str
    label: str
    count: int
    items: list[WorkItem]
    copy: Copy

    def to_json(self) -> dict[str, Any]:
        """``dvc worklist QUEUE --json``."""
        return {"queue": self.queue, "label": self.label, "count": self.count,
                "items": [i.to_json() for i in self.items], **_copy_json(self.copy)}


def _copy_json(copy: Copy, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or dt.datetime.now(dt.UTC)
    return {"as_of": copy.fetched_at.isoformat() if copy.fetched_at else None,
            "age_seconds": int((now - copy.fetched_at).total_seconds()) if copy.fetched_at
            else None, "cached": not copy.online}


def counts_json(counts: WorklistCounts) -> dict[str, Any]:
    """``dvc worklist --json`` (no queue)."""
    return {"queues": [{"queue": c.queue, "label": c.label, "count": c.count}
                       for c in counts.counts], **_copy_json(counts.copy)}


def copy_age(fetched_at: dt.datetime, now: dt.datetime) -> str:
    """``bản lưu lúc 14:05, 12 phút trước`` — the copy's time in Vietnam and its age."""
    seconds = max(0, int((now - fetched_at).total_seconds()))
    when = format_vn(fetched_at, "%H:%M")
    if to_vn(fetched_at).date() != to_vn(now).date():
        when = format_vn(fetched_at, "%H:%M ngày %d/%m/%Y")
    if seconds < 60:
        ago = "vừa xong"
    elif seconds < 3600:
        ago = f"{seconds // 60} phút trước"
    elif seconds < 86400:
        ago = f"{seconds // 3600} giờ {seconds % 3600 // 60} phút trước"
    else:
        ago = f"{seconds // 86400} ngày trước"
    return f"bản lưu lúc {when}, {ago}"


class UnknownQueue(ValueError):
    """Not one of the nine worklist names (the message names them)."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f"Không có danh sách “{name}”. Các danh sách: {', '.join(WORKLISTS)}.")


class DeskWorklists:
    """The worklists of one portal, read through ``client`` and kept in ``sessions``' database.

    Args:
        sessions: the local database (the cache tables are in it).
        client: the portal (an officer's session).
        server_key: which portal the copy belongs to.
        clock: now, as an aware UTC datetime.
    """

    def __init__(self, sessions: sessionmaker[Session], client: PortalClient | Callable[[], Any],
                 server_key: str, clock: Callable[[], dt.datetime] | None = None):
        self._sessions = sessions
        self._client = client
        self.server_key = server_key
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    @property
    def client(self) -> PortalClient:
        # Given as a callable by the app, so the embedded portal starts on first use only.
        return self._client if isinstance(self._client, PortalClient) else self._client()

    # ----------------------------------------------------------------------------- reading
    def counts(self, refresh: bool = True) -> WorklistCounts:
        """Every worklist's count: from the portal (kept), or the copy when it cannot answer.

        Raises:
            PortalError: the portal refused (an account that is not an officer: 403;
                ``AuthRequired``: sign in again).
        """
        error = None
        if refresh:
            try:
                return self._fetch_counts()
            except NetworkError as exc:
                error = exc.message
        return self._cached_counts(error)

    def queue(self, name: str, refresh: bool = True) -> QueueItems:
        """One worklist's dossiers, all of them: from the portal, or the copy offline.

        Raises:
            UnknownQueue: not a worklist name.
            PortalError: the portal refused.
        """
        if name not in WORKLISTS:
            raise UnknownQueue(name)
        error = None
        if refresh:
            try:
                return self._fetch_queue(name)
            except NetworkError as exc:
                error = exc.message
        return self._cached_queue(name, error)

    def refresh_all(self) -> WorklistCounts:
        """Counts, every queue's dossiers and the calendar, read and kept (the desk's
        refresh; offline, the copy as it is, with the reason)."""
        try:
            counts = self._fetch_counts()
            for name in WORKLISTS:
                self._fetch_queue(name)
            return counts
        except NetworkError as exc:
            return self._cached_counts(exc.message)

    def details(self, uuid: str) -> dict[str, Any] | None:
        """One dossier as the portal has it (content and history); None offline."""
        try:
            return self.client.get_dossier(uuid)
        except NetworkError:
            return None

    def calendar(self) -> WorkingCalendar:
        """The portal's working days as last read (weekdays only before the first read)."""
        with self._sessions() as session:
            row = session.get(WorklistCalendar, self.server_key)
            return WorkingCalendar.from_json(row.data) if row else WorkingCalendar()

    # ----------------------------------------------------------------------------- portal
    def _fetch_counts(self) -> WorklistCounts:
        body = self.client.json("GET", "/worklist")
        now = self._clock()
        counts = [QueueCount(str(q["queue"]), str(q.get("label") or q["queue"]),
                             int(q.get("count") or 0)) for q in body.get("queues", [])]
        calendar = self._fetch_calendar(now)
        with light_session(self._sessions) as session:
            for c in counts:
                row = session.get(WorklistQueue, (self.server_key, c.queue))
                if row is None:
                    session.add(WorklistQueue(server=self.server_key, queue=c.queue,
                                              label=c.label, count=c.count, fetched_at=now))
                else:
                    row.label, row.count, row.fetched_at = c.label, c.count, now
        return WorklistCounts(counts, Copy(now, True), calendar)

    def _fetch_calendar(self, now: dt.datetime) -> WorkingCalendar:
        try:
            data = self.client.json("GET", "/calendar")
        except PortalError:  # an older portal without it: the copy, or weekdays only
            return self.calendar()
        calendar = WorkingCalendar.from_json(data)
        with light_session(self._sessions) as session:
            row = session.get(WorklistCalendar, self.server_key)
            if row is None:
                session.add(WorklistCalendar(server=self.server_key, data=data, fetched_at=now))
            else:
                row.data, row.fetched_at = data, now
        return calendar

    def _fetch_queue(self, name: str) -> QueueItems:
        items: list[WorkItem] = []
        params: dict[str, Any] = {"queue": name, "limit": PAGE}
        label, count = WORKLISTS[name].label, 0
        while True:
            body = self.client.json("GET", "/worklist", params=params)
            label, count = body.get("label") or label, int(body.get("count") or 0)
            items += [WorkItem.from_json(i) for i in body.get("items", [])]
            cursor = body.get("next_cursor")
            if not cursor:
                break
            params["cursor"] = cursor
        now = self._clock()
        self._keep(name, label, count, items, now)
        return QueueItems(name, label, count, items, Copy(now, True))

    def _keep(self, name: str, label: str, count: int, items: Iterable[WorkItem],
              now: dt.datetime) -> None:
        rows = [{"server": self.server_key, "queue": name, "position": i, "uuid": it.uuid,
                 "code": it.code, "status": it.status, "version": it.version,
                 "due_at": it.due_at, "received_at": it.received_at,
                 "updated_at": it.updated_at, "applicant_name": it.applicant_name,
                 "applicant_id_number": it.applicant_id_number,
                 "procedure_code": it.procedure_code, "procedure_name": it.procedure_name,
                 "channel": it.channel, "search_key": it.search_key,
                 "fee_vnd": it.fee_vnd, "fee_label": it.fee_label or None}
                for i, it in enumerate(items)]
        with light_session(self._sessions) as session:
            session.execute(delete(WorklistItem).where(WorklistItem.server == self.server_key,
                                                       WorklistItem.queue == name))
            if rows:
                session.execute(insert(WorklistItem), rows)
            row = session.get(WorklistQueue, (self.server_key, name))
            if row is None:
                session.add(WorklistQueue(server=self.server_key, queue=name, label=label,
                                          count=count, fetched_at=now, items_at=now))
            else:
                row.label, row.count, row.fetched_at, row.items_at = label, count, now, now

    # ----------------------------------------------------------------------------- the copy
    def _cached_counts(self, error: str | None) -> WorklistCounts:
        with self._sessions() as session:
            rows = {r.queue: r for r in session.scalars(
                select(WorklistQueue).where(WorklistQueue.server == self.server_key))}
        counts = [QueueCount(name, rows[name].label if name in rows else w.label,
                             rows[name].count if name in rows else 0)
                  for name, w in WORKLISTS.items()]
        fetched = min((r.fetched_at for r in rows.values()), default=None)
        return WorklistCounts(counts, Copy(fetched, False, error), self.calendar())

    def _cached_queue(self, name: str, error: str | None) -> QueueItems:
        # Read as plain SQLite rows, the dates parsed by ``fromisoformat`` (C): ten thousand
        # dossiers in a fraction of what the ORM's type processing costs, on a worker that
        # shares the GIL with the window.
        with self._sessions() as session:
            row = session.get(WorklistQueue, (self.server_key, name))
            result = session.connection().exec_driver_sql(_CACHED_ITEMS, (self.server_key, name))
            items = [WorkItem(r[0], r[1], r[2], r[3], _stored(r[4]), _stored(r[5]),
                              _stored(r[6]), r[7] or "", r[8], r[9], r[10] or r[9], r[11],
                              r[12] or "", r[13], r[14] or "") for r in result]
        label = row.label if row else WORKLISTS[name].label
        # Only the count is known when the items were never read: the items say what is here.
        count = row.count if row is not None and row.items_at is not None else len(items)
        fetched = row.items_at if row is not None else None
        return QueueItems(name, label, count, items, Copy(fetched, False, error))


_CACHED_ITEMS = (
    "SELECT uuid, code, status, version, due_at, received_at, updated_at, applicant_name, "
    "applicant_id_number, procedure_code, procedure_name, channel, search_key, fee_vnd, "
    "fee_label FROM worklist_items WHERE server = ? AND queue = ? ORDER BY position")


def _stored(value: str | None) -> dt.datetime | None:
    """A date the cache stored (naive UTC text, as ``UTCDateTime`` writes it) → aware UTC."""
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC) if value else None


@dataclass(frozen=True, slots=True)
class WorkRow:
    """A worklist dossier with what the desk works out of its dates (off the GUI thread).

    Attributes:
        days_left: working days to the due date (0: due today; negative: late); None when
            the office is not on the clock for it (waiting for the applicant, or closed).
        idle_days: working days since its last change of status.
        idle: on the clock, not yet late, and unmoved for at least the alert's days.
    """

    item: WorkItem
    days_left: int | None
    idle_days: int | None
    idle: bool

    @property
    def late(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def annotate(items: Iterable[WorkItem], calendar: WorkingCalendar, now: dt.datetime,
             idle_after: int) -> list[WorkRow]:
    """Days left and the "not moved" alert for each dossier, in the office's working days."""
    today = to_vn(now).date()
    out = []
    spans: dict[dt.date, int] = {}  # many dossiers share a date: count each date once

    def between(day: dt.date) -> int:
        if day not in spans:
            spans[day] = calendar.working_days_between(today, day)
        return spans[day]

    for item in items:
        days_left = idle_days = None
        idle = False
        if item.on_the_clock and item.due_at is not None:
            days_left = between(to_vn(item.due_at).date())
            if days_left == 0 and now > item.due_at:
                days_left = -1
            if item.updated_at is not None:
                idle_days = -between(to_vn(item.updated_at).date())
                idle = days_left >= 0 and idle_days >= idle_after
        out.append(WorkRow(item, days_left, idle_days, idle))
    return out
