"""What the officer's dossier detail shows, worked out off the GUI thread (no Qt): the answers
by the catalog's sections and labels, the attachments fetched for preview, the history and
the due date in working days.

The due date is the portal's (``portal/scheduling.py``: 17:00 on the due day; a same-day
procedure received after its cut-off, 15:00 unless the catalog says otherwise, or on a day off,
is due the next working day); the desk counts the days left in the calendar the portal sent
(holidays and bridge days, ``GET /calendar``), so the count stays right offline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.services import tokhai
from app.services.changes import parse_time
from app.services.portal_client import NetworkError, PortalClient
from dvc_core import delivery, lifecycle
from dvc_core.blobs import BlobStore
from dvc_core.catalog import Catalog
from dvc_core.vntime import format_vn, to_vn
from dvc_core.workdays import WorkingCalendar

#: The same-day cut-off when the catalog names none (``portal/scheduling.py``).
DEFAULT_CUTOFF = dt.time(15, 0)


@dataclass(frozen=True)
class AttachmentView:
    """One attachment: its component, and where its bytes are on this machine (None: the
    portal could not be read)."""

    component: str
    component_name: str
    filename: str
    media_type: str
    size: int
    sha256: str
    path: Path | None

    @property
    def is_image(self) -> bool:
        return self.media_type in ("image/jpeg", "image/png")


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime | None
    action_text: str
    status_text: str
    by: str
    note: str
    items: tuple[Mapping[str, str], ...] = ()
    result: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class DueFacts:
    """The due date as the detail says it.

    Attributes:
        days_left: working days to the due day (0: today; negative: late); None off the clock.
        after_cutoff: received after the same-day cut-off (counted from the next working day).
        days_off: holidays and weekends between now and the due day (the count skips them).
    """

    received_at: dt.datetime | None
    due_at: dt.datetime | None
    days_left: int | None
    cutoff: dt.time
    after_cutoff: bool
    days_off: tuple[dt.date, ...]
    unconfirmed: tuple[dt.date, ...]


@dataclass(frozen=True)
class DossierDetail:
    """Everything the detail pane shows of one dossier, read from the portal."""

    uuid: str
    code: str | None
    status: int | None
    status_text: str
    version: int | None
    procedure_code: str
    procedure_name: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    attachments: tuple[AttachmentView, ...]
    history: tuple[HistoryLine, ...]
    due: DueFacts
    allowed_actions: tuple[str, ...]
    components: tuple[tuple[str, str], ...]
    result_ways: tuple[str, ...]
    fee: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


def answer_sections(procedure: Any, applicant: Mapping[str, Any],
                    fields: Mapping[str, Any]) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The answers as the form asks them: the requester, then each of the catalog's sections
    with its labels (answers left empty are not listed), then how the result is received."""
    out: list[tuple[str, tuple[tuple[str, str], ...]]] = [
        ("Người yêu cầu", tuple(tokhai._requester_rows(applicant)))]  # noqa: SLF001
    if procedure is not None:
        for section in procedure.sections:
            rows = tuple((spec.label, tokhai.answer_text(spec, fields.get(spec.id)))
                         for spec in section.fields
                         if fields.get(spec.id) not in (None, "", [], {}))
            if rows:
                out.append((section.title, rows))
    way = delivery.describe(fields)
    if way:
        out.append((delivery.SECTION_TITLE, ((delivery.METHOD_LABEL, way),)))
    return tuple(out)


def due_facts(received_at: dt.datetime | None, due_at: dt.datetime | None, status: int | None,
              now: dt.datetime, calendar: WorkingCalendar,
              time_limit: Mapping[str, Any] | None = None) -> DueFacts:
    """The due date in the office's working days, with the cut-off and the days off."""
    text = str((time_limit or {}).get("same_day_cutoff") or "")
    try:
        hours, minutes = text.split(":")
        cutoff = dt.time(int(hours), int(minutes))
    except ValueError:
        cutoff = DEFAULT_CUTOFF
    after = received_at is not None and to_vn(received_at).time() > cutoff
    left = None
    off: list[dt.date] = []
    if due_at is not None and status in lifecycle.ON_THE_CLOCK:
        left = calendar.working_days_left(due_at, now)
        day, end = to_vn(now).date(), to_vn(due_at).date()
        while day < end and len(off) < 31:
            day += dt.timedelta(days=1)
            if not calendar.is_working_day(day):
                off.append(day)
    return DueFacts(received_at, due_at, left, cutoff, after, tuple(off),
                    tuple(d for d in off if d in calendar.unconfirmed))


class DetailReader:
    """Reads one dossier for the detail pane, its attachments into the blob store.

    Args:
        client: the portal (a callable: the embedded portal starts on first use only).
        blobs: where fetched attachments are kept (by hash: fetched once).
        catalog: the procedures (a callable).
        calendar: the working days the portal counts in (a callable: the worklists' copy).
    """

    def __init__(self, client: Callable[[], PortalClient], blobs: BlobStore,
                 catalog: Callable[[], Catalog], calendar: Callable[[], WorkingCalendar],
                 clock: Callable[[], dt.datetime] | None = None):
        self._client = client
        self.blobs = blobs
        self._catalog = catalog
        self._calendar = calendar
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def read(self, uuid: str) -> DossierDetail | None:
        """The dossier with its attachments on this machine; None offline."""
        client = self._client()
        try:
            data = client.get_dossier(uuid)
        except NetworkError:
            return None
        return self.from_json(data, fetch=lambda sha: self._fetch(client, uuid, sha))

    def _fetch(self, client: PortalClient, uuid: str, sha: str) -> Path | None:
        if not self.blobs.has(sha):
            try:
                data = client.request("GET", f"/dossiers/{uuid}/attachments/{sha}").content
            except NetworkError:
                return None
            self.blobs.put_bytes(data)
        return self.blobs.path(sha) if self.blobs.has(sha) else None

    def from_json(self, data: Mapping[str, Any],
                  fetch: Callable[[str], Path | None] = lambda _sha: None) -> DossierDetail:
        proc = self._catalog().get(str(data.get("procedure_code") or ""))
        names = {c.id: c.name for c in proc.components} if proc else {}
        fields = data.get("fields") or {}
        attachments = tuple(
            AttachmentView(a.get("component", ""), names.get(a.get("component", ""),
                                                             a.get("component", "")),
                           a.get("filename") or "", a.get("media_type") or "",
                           int(a.get("size") or 0), a.get("sha256", ""),
                           fetch(a.get("sha256", "")))
            for a in data.get("attachments") or [])
        history = tuple(
            HistoryLine(parse_time(h.get("at")), h.get("action_text") or
                        lifecycle.EVENT_LABELS.get(h.get("action"), h.get("action") or ""),
                        h.get("status_text") or "", h.get("by") or "", h.get("note") or "",
                        tuple(h.get("items") or ()), h.get("result"))
            for h in data.get("history") or [])
        status = data.get("status")
        due = due_facts(parse_time(data.get("received_at")), parse_time(data.get("due_at")),
                        status, self._clock(), self._calendar(),
                        proc.time_limit_for(fields) if proc else None)
        ways = delivery.offered(proc.result_delivery, proc.level) if proc else ("counter",)
        return DossierDetail(
            str(data.get("uuid")), data.get("code"), status, lifecycle.status_text(status),
            data.get("version"), str(data.get("procedure_code") or ""),
            proc.name if proc else str(data.get("procedure_code") or ""),
            answer_sections(proc, data.get("applicant") or {}, fields), attachments, history,
            due, tuple(a for a in data.get("allowed_actions") or ()
                       if a in lifecycle.OFFICER_ACTIONS),
            tuple((c.id, c.name) for c in proc.components) if proc else (), tuple(ways),
            data.get("fee"), data)


def due_text(due: DueFacts) -> str:
    """``17:00 thứ Hai 08/12/2026 — còn 2 ngày làm việc`` and why, in Vietnamese."""
    if due.due_at is None:
        return "—"
    text = format_vn(due.due_at)
    if due.days_left is not None:
        if due.days_left < 0:
            text += " — quá hạn"
        elif due.days_left == 0:
            text += " — hạn là hôm nay"
        else:
            text += f" — còn {due.days_left} ngày làm việc"
    return text
