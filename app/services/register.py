"""Mẫu 06 of Thông tư 01/2018/TT-VPCP, Sổ theo dõi hồ sơ: the dossiers received in a date range,
one row each, on A4 landscape — or as CSV for a spreadsheet.

The rows come from the officer's worklists (read from the portal when it answers, else the copy
kept on this machine), completed by the dossiers held on this machine (their address, telephone
and answers). The columns, and what of them could not be confirmed, are data
(``resources/office_forms.json``, ``mau06``).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from app.services.office_forms import Sheet, form_data, header, table
from app.services.printing import ReceivingUnit, t
from dvc_core.lifecycle import CHANNEL_TEXT, DA_TRA_KET_QUA, status_text
from dvc_core.vntime import to_vn


@dataclass(frozen=True)
class RegisterRow:
    """One dossier of the register (the values as printed, dates in Vietnam's time)."""

    uuid: str
    code: str
    procedure: str
    applicant: str
    contact: str
    channel: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    returned_at: dt.datetime | None
    status: str
    fee_vnd: int | None
    note: str = ""

    def cells(self, number: int) -> dict[str, str]:
        """The row by the columns' keys (``mau06.columns``)."""
        return {"stt": str(number), "code": self.code, "procedure": self.procedure,
                "sets": "01", "applicant": self.applicant, "contact": self.contact,
                "channel": self.channel, "received": _when(self.received_at),
                "due": _when(self.due_at), "returned": _when(self.returned_at),
                "status": self.status,
                "fee": "" if self.fee_vnd is None else _vnd(self.fee_vnd), "note": self.note}


def _vnd(amount: int) -> str:
    from dvc_core.fees import format_vnd

    return format_vnd(amount)


def _when(value: dt.datetime | None) -> str:
    return f"{to_vn(value):%H:%M %d/%m/%Y}" if value is not None else ""


def worklist_uuid(services: Any, ref: str) -> str | None:
    """A dossier's UUID from this machine's copy of the worklists, by code or UUID."""
    from app.models.worklist import WorklistItem

    ref = (ref or "").strip()
    if not ref:
        return None
    with services.sessions() as session:
        return session.scalar(select(WorklistItem.uuid).where(
            WorklistItem.server == services.config.server_key,
            or_(WorklistItem.code == ref, WorklistItem.uuid == ref)).limit(1))


def _in_range(moment: dt.datetime | None, start: dt.date, end: dt.date) -> bool:
    return moment is not None and start <= to_vn(moment).date() <= end


def collect(services: Any, start: dt.date, end: dt.date, *,
            refresh: bool = True) -> tuple[list[RegisterRow], str]:
    """The dossiers received from ``start`` to ``end`` (Vietnam's dates, both included), by
    receipt time; and, when the portal could not be read, a sentence saying which copy."""
    from app.models.worklist import WorklistItem
    from app.services.portal_client import NetworkError, PortalError

    said = ""
    if refresh:
        try:
            services.ensure_embedded_login()
            counts = services.worklists.refresh_all()
            if not counts.copy.online:
                said = f"{counts.copy.error or 'Không đọc được cổng.'} Theo bản lưu trên máy."
        except (NetworkError, PortalError) as exc:
            said = f"{getattr(exc, 'detail', None) or exc} Theo bản lưu trên máy."
    seen: dict[str, RegisterRow] = {}
    local = {d.id: d for d in services.queue.list() if d.code}
    with services.sessions() as session:
        items = session.execute(select(WorklistItem).where(
            WorklistItem.server == services.config.server_key)).scalars().all()
        for item in items:
            received = _aware(item.received_at)
            if item.uuid in seen or not _in_range(received, start, end):
                continue
            seen[item.uuid] = _row(
                item.uuid, item.code, item.procedure_name or item.procedure_code,
                item.applicant_name or "", item.channel, received,
                _aware(item.due_at), _aware(item.updated_at), item.status,
                getattr(item, "fee_vnd", None), local.get(item.uuid), services)
    for dossier in local.values():
        received = _aware(dossier.received_at)
        if dossier.id in seen or not _in_range(received, start, end):
            continue
        procedure = services.catalog.get(dossier.procedure_code)
        seen[dossier.id] = _row(
            dossier.id, dossier.code, procedure.name if procedure else dossier.procedure_code,
            (dossier.applicant or {}).get("full_name", ""), None, received,
            _aware(dossier.due_at), _aware(dossier.updated_at), dossier.status, None, dossier,
            services)
    rows = sorted(seen.values(), key=lambda r: (r.received_at or dt.datetime.max.replace(
        tzinfo=dt.UTC), r.code))
    return rows, said


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _row(uuid: str, code: str | None, procedure: str, name: str, channel: int | None,
         received: dt.datetime | None, due: dt.datetime | None, updated: dt.datetime | None,
         status: int | None, fee_vnd: int | None, dossier: Any, services: Any) -> RegisterRow:
    contact = ""
    if dossier is not None:
        applicant = dossier.applicant or {}
        contact = ", ".join(str(v) for v in (applicant.get("address"), applicant.get("phone"))
                            if v)
        if fee_vnd is None:
            procedure_ = services.catalog.get(dossier.procedure_code)
            if procedure_ is not None:
                filed = to_vn(received).date() if received else None
                fee_vnd = procedure_.quote_fee(dossier.fields or {}, filed_on=filed).total_vnd
    returned = updated if status == DA_TRA_KET_QUA else None
    return RegisterRow(uuid, t(code or ""), t(procedure), t(name), t(contact),
                       CHANNEL_TEXT.get(channel or 0, ""), received, due, returned,
                       status_text(status), fee_vnd)


def headings() -> list[tuple[str, str]]:
    return [(key, label) for key, label in form_data()["mau06"]["columns"]]


def write_csv(rows: Sequence[RegisterRow], out: Path) -> Path:
    """The register as CSV (UTF-8 with BOM, so a spreadsheet opens the diacritics right; one
    heading row with the form's column names)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    columns = headings()
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([label for _, label in columns])
        for number, row in enumerate(rows, start=1):
            cells = row.cells(number)
            writer.writerow([cells[key] for key, _ in columns])
    return out


_WIDTHS = {"stt": 4, "code": 23, "procedure": 17, "sets": 6, "applicant": 14, "contact": 15,
           "channel": 8, "received": 10, "due": 10, "returned": 10, "status": 11, "fee": 9,
           "note": 9}


def render_mau06(rows: Iterable[RegisterRow], out: Path, *, unit: ReceivingUnit,
                 start: dt.date, end: dt.date) -> Path:
    """Mẫu 06 on A4 landscape: the header, the title and the period, the table."""
    from reportlab.lib.pagesizes import A4, landscape

    from dvc_core.vntime import vn_today

    data = form_data()["mau06"]
    rows = list(rows)
    sheet = Sheet(out, f"Sổ theo dõi hồ sơ {start:%d/%m/%Y} – {end:%d/%m/%Y}", unit,
                  pagesize=landscape(A4))
    header(sheet, vn_today())
    sheet.centred(data["title"], size=13)
    sheet.centred(data["period"].format(start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"),
                  size=10)
    sheet.gap(2)
    columns = headings()
    cells = [row.cells(n) for n, row in enumerate(rows, start=1)]
    table(sheet, [label for _, label in columns], [_WIDTHS[key] for key, _ in columns],
          [[c[key] for key, _ in columns] for c in cells] or [["" for _ in columns]],
          size=7.5, centre=(0, 3))
    sheet.gap(3)
    sheet.text(f"Tổng số: {len(rows)} hồ sơ.", size=9)
    sheet.save()
    return Path(out)
