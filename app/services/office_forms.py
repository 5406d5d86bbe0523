"""The one-stop slips of Thông tư 01/2018/TT-VPCP beside the receipt, on A5: Mẫu 02 Phiếu yêu
cầu bổ sung, hoàn thiện hồ sơ (every item asked for, each with its reason), Mẫu 03 Phiếu từ
chối tiếp nhận giải quyết hồ sơ, Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả, Mẫu 05
Phiếu kiểm soát quá trình giải quyết hồ sơ (from the history), and the desk's notice of the fee
to pay with its VietQR code.

Each names the commune and its Trung tâm Phục vụ hành chính công (Nghị định 118/2025/NĐ-CP
Art. 7(3)), the place and date, and carries the training mark in training, like the receipt;
fonts, text and drawing come from :mod:`app.services.printing`. The wording, and what of the
layouts could not be confirmed, is data (``resources/office_forms.json``).

A form is drawn from a :class:`FormDossier`: the portal's whole dossier (what the officer's
worklist opens, with who did each step) or the copy on this machine.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from app.services import printing
from app.services.printing import BLANK, BOLD, FONT, ITALIC, ReceivingUnit, t
from dvc_core.catalog import Catalog, Procedure, fold
from dvc_core.units import ONE_STOP_UNIT
from dvc_core.vntime import to_vn, vn_today

#: The forms drawn here, by the name ``dvc form`` takes.
FORMS = ("mau02", "mau03", "mau04", "mau05", "phi")


@functools.cache
def form_data() -> dict[str, Any]:
    """The slips' wording (``resources/office_forms.json``)."""
    text = (resources.files("resources") / "office_forms.json").read_text(encoding="utf-8")
    return json.loads(unicodedata.normalize("NFC", text))


# ------------------------------------------------------------------------------- the dossier
def _utc(value: Any) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Step:
    """One line of a dossier's history: when, what, by whom, the status it left, the note."""

    at: dt.datetime
    action: str = ""
    action_text: str = ""
    status: int | None = None
    status_text: str = ""
    note: str = ""
    by: str = ""
    items: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FormDossier:
    """What the forms print of one dossier, whichever copy it comes from."""

    uuid: str
    code: str | None
    local_ref: str
    procedure_code: str
    applicant: Mapping[str, Any]
    fields: Mapping[str, Any]
    attachments: tuple[Any, ...] = ()
    history: tuple[Step, ...] = ()
    status: int | None = None
    received_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    version: int | None = None
    fee: Mapping[str, Any] | None = field(default=None)

    @classmethod
    def from_portal(cls, data: Mapping[str, Any]) -> FormDossier:
        """From ``GET /api/v1/dossiers/{uuid}``."""
        from types import SimpleNamespace

        history = []
        for event in data.get("history") or ():
            items = tuple((str(i.get("component") or ""), str(i.get("reason") or ""))
                          for i in event.get("items") or () if isinstance(i, Mapping))
            history.append(Step(
                at=_utc(event.get("at")) or dt.datetime.now(dt.UTC),
                action=str(event.get("action") or ""),
                action_text=str(event.get("action_text") or event.get("action") or ""),
                status=event.get("status"), status_text=str(event.get("status_text") or ""),
                note=str(event.get("note") or ""), by=str(event.get("by") or ""), items=items))
        return cls(
            uuid=str(data.get("uuid") or ""), code=data.get("code"),
            local_ref=str(data.get("local_ref") or ""),
            procedure_code=str(data.get("procedure_code") or ""),
            applicant=dict(data.get("applicant") or {}), fields=dict(data.get("fields") or {}),
            attachments=tuple(SimpleNamespace(component=a.get("component"),
                                              filename=a.get("filename"))
                              for a in data.get("attachments") or ()),
            history=tuple(history), status=data.get("status"),
            received_at=_utc(data.get("received_at")), due_at=_utc(data.get("due_at")),
            version=data.get("version"), fee=data.get("fee"))

    @classmethod
    def from_local(cls, dossier: Any) -> FormDossier:
        """From the dossier kept on this machine (its history as this machine saw it)."""
        from dvc_core.lifecycle import status_text

        def items(event: Any) -> tuple[tuple[str, str], ...]:
            detail = getattr(event, "detail", None) or {}
            return tuple((str(i.get("component") or ""), str(i.get("reason") or ""))
                         for i in detail.get("items") or () if isinstance(i, Mapping))

        history = tuple(
            Step(at=_utc(e.at), status=e.status,
                 status_text=e.status_text or status_text(e.status),
                 action_text=e.status_text or status_text(e.status), note=e.note or "",
                 items=items(e))
            for e in getattr(dossier, "history", None) or ())
        return cls(
            uuid=dossier.id, code=dossier.code, local_ref=dossier.local_ref,
            procedure_code=dossier.procedure_code, applicant=dict(dossier.applicant or {}),
            fields=dict(dossier.fields or {}), attachments=tuple(dossier.attachments or ()),
            history=history, status=dossier.status, received_at=_utc(dossier.received_at),
            due_at=_utc(dossier.due_at), version=dossier.portal_version)

    @property
    def name(self) -> str:
        return t(self.applicant.get("full_name") or "")

    @property
    def first_received(self) -> dt.datetime | None:
        """When it was first submitted (a resubmission restarts ``received_at``)."""
        first = next((s.at for s in self.history if s.action == "submit"), None)
        return first or self.received_at

    def last(self, action: str, status: int | None = None) -> Step | None:
        """The latest step of this action (or, in a local copy, that left this status)."""
        for step in reversed(self.history):
            if step.action == action or (not step.action and status is not None
                                         and step.status == status):
                return step
        return None


# ------------------------------------------------------------------------------- items asked for
@dataclass(frozen=True)
class SupplementItem:
    """One thing a supplement request asks for: the component (None when the officer wrote
    something that is not one of the procedure's), its name as printed, the reason."""

    component: Any
    name: str
    reason: str


_BULLET = re.compile(r"^\s*(?:[-•*+]|\d+[.)]|[a-z][.)])\s*")
_SPLIT = re.compile(r"\s*(?::|—|–| - )\s*")


def supplement_items(procedure: Procedure, step: Step | None) -> list[SupplementItem]:
    """What a supplement request asked for, item by item.

    The request's ``items`` (component, reason) when the portal carries them; otherwise its
    note, one item a line (``Giấy chứng sinh: bản chụp mờ``), each line's head matched to the
    procedure's components by id or name (with or without diacritics). A line that names no
    component is kept whole as a reason of its own.
    """
    if step is None:
        return []
    pairs: list[tuple[str, str]] = list(step.items)
    if not pairs:
        for line in re.split(r"[\n;]+", step.note or ""):
            line = _BULLET.sub("", line).strip()
            if line:
                parts = _SPLIT.split(line, maxsplit=1)
                head, reason = (parts[0], parts[1]) if len(parts) == 2 else ("", line)
                pairs.append((head, reason))
    by_key = {}
    for component in procedure.components:
        by_key[fold(component.id)] = component
        by_key[fold(component.name)] = component
        by_key[fold(re.sub(r"\s*\([^)]*\)", "", component.name))] = component
    out = []
    for head, reason in pairs:
        component = by_key.get(fold(head)) if head else None
        if component is None and head:
            out.append(SupplementItem(None, t(head), t(reason)))
        elif component is None:
            out.append(SupplementItem(None, "", t(reason)))
        else:
            out.append(SupplementItem(component, t(component.name), t(reason)))
    return out


# ------------------------------------------------------------------------------- drawing
A5 = (148 * 72 / 25.4, 210 * 72 / 25.4)
_MM = 72 / 25.4
MARGIN = 12 * _MM


class Sheet:
    """One form being drawn: the canvas, the page's frame, the running y, page breaks that
    carry the training mark over."""

    def __init__(self, out: Path, title: str, unit: ReceivingUnit, pagesize: Any = A5):
        self.pdf = printing.new_canvas(out, title, pagesize=pagesize)
        self.unit = unit
        self.width, self.height = pagesize
        self.left, self.right = MARGIN, self.width - MARGIN
        self.bottom = 12 * _MM
        self.y = self.start()

    def start(self) -> float:
        if self.unit.training:
            printing.training_mark(self.pdf)
        return self.height - 12 * _MM

    def new_page(self) -> None:
        self.pdf.showPage()
        self.y = self.start()

    def room(self, needed: float) -> None:
        if self.y - needed < self.bottom:
            self.new_page()

    def text(self, text: str, *, font: str = FONT, size: float = 9.5, indent: float = 5 * _MM,
             x: float | None = None, step: float | None = None) -> None:
        """A paragraph from the left margin, wrapped; later lines indented."""
        x = self.left if x is None else x
        step = step or size * 1.45
        self.pdf.setFont(font, size)
        for number, line in enumerate(printing.wrapped_lines(self.pdf, text,
                                                             self.right - x - indent)):
            self.room(step)
            self.pdf.setFont(font, size)
            self.pdf.drawString(x + (indent if number else 0), self.y, line)
            self.y -= step

    def centred(self, text: str, *, font: str = BOLD, size: float = 12) -> None:
        self.room(size * 1.6)
        self.pdf.setFont(font, size)
        for line in printing.wrapped_lines(self.pdf, text, self.right - self.left):
            self.pdf.drawCentredString(self.width / 2, self.y, line)
            self.y -= size * 1.35

    def gap(self, mm: float) -> None:
        self.y -= mm * _MM

    def save(self) -> None:
        self.pdf.showPage()
        self.pdf.save()


def header(sheet: Sheet, when: dt.date | None, number: str = "") -> None:
    """The forms' header: the commune's People's Committee and its one-stop centre top left
    (with the slip's number under them), the national motto top right with the place and date."""
    pdf, unit = sheet.pdf, sheet.unit
    span = (sheet.right - sheet.left) / 2
    left_c, right_c = sheet.left + span * 0.45, sheet.left + span * 1.45
    size = 7.6 if sheet.width < 500 else 10
    y = sheet.y
    pdf.setFont(FONT, size)
    pdf.drawCentredString(left_c, y, t(unit.committee))
    pdf.setFont(BOLD, size)
    lines = printing.wrapped_lines(pdf, ONE_STOP_UNIT.upper(), span * 0.95)
    for i, line in enumerate(lines):
        pdf.drawCentredString(left_c, y - (i + 1) * size * 1.3, line)
    under = y - len(lines) * size * 1.3 - size * 0.5
    pdf.line(left_c - 10 * _MM, under, left_c + 10 * _MM, under)
    pdf.drawCentredString(right_c, y, t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    pdf.drawCentredString(right_c, y - size * 1.3, t("Độc lập - Tự do - Hạnh phúc"))
    motto = pdf.stringWidth(t("Độc lập - Tự do - Hạnh phúc"), BOLD, size) / 2
    pdf.line(right_c - motto, y - size * 1.8, right_c + motto, y - size * 1.8)
    low = under - size * 1.6
    if number:
        pdf.setFont(FONT, size)
        pdf.drawCentredString(left_c, low, t(number))
    pdf.setFont(ITALIC, size)
    pdf.drawCentredString(right_c, low, t(printing.date_line(unit.place, when)))
    sheet.y = low - size * 3


def table(sheet: Sheet, headers: Sequence[str], widths: Sequence[float],
          rows: Sequence[Sequence[str]], *, size: float = 8.5,
          groups: Sequence[tuple[int, int, str]] = (), centre: Sequence[int] = (0,)) -> None:
    """A ruled table from the running y, rows wrapped in their cells; the header is drawn
    again on each new page. ``widths`` are shares of the text width; ``groups`` put a title
    over columns ``start..end`` (``Số lượng`` over Bản chính / Bản chứng thực / Bản photo)."""
    pdf = sheet.pdf
    total = sum(widths)
    columns = [w / total * (sheet.right - sheet.left) for w in widths]
    xs = [sheet.left]
    for w in columns:
        xs.append(xs[-1] + w)
    step, pad = size * 1.3, 1.2 * _MM

    def cell_lines(text: str, width: float, font: str) -> list[str]:
        pdf.setFont(font, size)
        return printing.wrapped_lines(pdf, text, width - 2 * pad)

    def draw_row(cells: Sequence[str], font: str, centred: bool = False) -> None:
        wrapped = [cell_lines(c, w, font) for c, w in zip(cells, columns, strict=True)]
        height = max(len(w) for w in wrapped) * step + 2 * pad
        sheet.room(height)
        top = sheet.y
        pdf.setFont(font, size)
        for i, lines in enumerate(wrapped):
            for n, line in enumerate(lines):
                baseline = top - pad - size - n * step + size * 0.15
                if centred or i in centre:
                    pdf.drawCentredString((xs[i] + xs[i + 1]) / 2, baseline, line)
                else:
                    pdf.drawString(xs[i] + pad, baseline, line)
        pdf.line(xs[0], top - height, xs[-1], top - height)
        for x in xs:
            pdf.line(x, top, x, top - height)
        sheet.y = top - height

    def draw_header() -> None:
        band = (step + 2 * pad) if groups else 0
        wrapped = [cell_lines(c, w, BOLD) for c, w in zip(headers, columns, strict=True)]
        low = max(len(w) for w in wrapped) * step + 2 * pad
        sheet.room(band + low + 3 * step)
        top = sheet.y
        grouped = {c for start, end, _ in groups for c in range(start, end + 1)}
        pdf.setFont(BOLD, size)
        pdf.line(xs[0], top, xs[-1], top)
        for start, end, title in groups:
            pdf.drawCentredString((xs[start] + xs[end + 1]) / 2, top - pad - size * 0.85,
                                  t(title))
            pdf.line(xs[start], top - band, xs[end + 1], top - band)
        for i, lines in enumerate(wrapped):
            # An ungrouped heading spans both bands, centred in them.
            cell_top, height = (top - band, low) if i in grouped else (top, band + low)
            first = cell_top - (height - len(lines) * step) / 2 - size * 0.85
            for n, line in enumerate(lines):
                pdf.drawCentredString((xs[i] + xs[i + 1]) / 2, first - n * step, line)
        for i, x in enumerate(xs):
            inner = 0 < i < len(xs) - 1 and i in grouped and i - 1 in grouped and not any(
                i == start for start, _, _ in groups)
            pdf.line(x, top - band if inner else top, x, top - band - low)
        pdf.line(xs[0], top - band - low, xs[-1], top - band - low)
        sheet.y = top - band - low

    draw_header()
    for row in rows:
        height = max(len(cell_lines(c, w, FONT)) for c, w in
                     zip(row, columns, strict=True)) * step + 2 * pad
        if sheet.y - height < sheet.bottom:
            sheet.new_page()
            draw_header()
        draw_row(row, FONT)


def signatures(sheet: Sheet, left: tuple[str, str, str] | None,
               right: tuple[str, str, str] | None, space: float = 16) -> None:
    """Signature blocks: (title, note, name printed under the space) left and right."""
    pdf = sheet.pdf
    sheet.room((space + 14) * _MM)
    span = (sheet.right - sheet.left) / 4
    for block, x in ((left, sheet.left + span), (right, sheet.right - span)):
        if block is None:
            continue
        title, note, name = block
        pdf.setFont(BOLD, 9)
        pdf.drawCentredString(x, sheet.y, t(title))
        pdf.setFont(ITALIC, 8)
        pdf.drawCentredString(x, sheet.y - 4 * _MM, t(note))
        if name:
            pdf.setFont(FONT, 9)
            pdf.drawCentredString(x, sheet.y - (space + 6) * _MM, t(name))
    sheet.y -= (space + 12) * _MM


def applicant_block(sheet: Sheet, dossier: FormDossier, procedure: Procedure,
                    first: str = "Hồ sơ của") -> None:
    a = dossier.applicant
    for text in (
        f"{first}: {dossier.name or BLANK}",
        f"Mã hồ sơ: {dossier.code or '(chưa có)'}",
        f"Nội dung yêu cầu giải quyết: {procedure.name}",
        f"Địa chỉ: {a.get('address') or BLANK}",
        f"Số điện thoại: {a.get('phone') or BLANK}    Email: {a.get('email') or BLANK}",
    ):
        sheet.text(text)


def _footer(sheet: Sheet) -> None:
    sheet.pdf.setFont(FONT, 7)
    sheet.pdf.drawString(sheet.left, 7 * _MM, t(
        f"Mã tham chiếu trên máy: {'…' if not hasattr(sheet, 'ref') else sheet.ref}. "
        f"In ngày {vn_today():%d/%m/%Y}."))


def _moment(value: dt.datetime | None) -> str:
    if value is None:
        return BLANK
    local = to_vn(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _day_words(day: dt.date) -> str:
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


# ------------------------------------------------------------------------------- Mẫu 02
_COPY_COLUMN = {"original": 0, "certified": 1, "copy": 2}


def render_mau02(dossier: FormDossier, procedure: Procedure, out: Path, *,
                 unit: ReceivingUnit, items: Sequence[SupplementItem] | None = None) -> Path:
    """Mẫu 02: every item the supplement request asks for, each with its reason."""
    data = form_data()["mau02"]
    step = dossier.last("request_supplement", 5)
    items = list(items) if items is not None else supplement_items(procedure, step)
    when = to_vn(step.at).date() if step else vn_today()
    sheet = Sheet(out, f"Phiếu yêu cầu bổ sung hồ sơ {dossier.code or dossier.local_ref}", unit)
    sheet.ref = dossier.local_ref
    header(sheet, when, data["number"])
    sheet.centred(data["title"], size=11.5)
    sheet.gap(3)
    applicant_block(sheet, dossier, procedure)
    sheet.gap(1)
    sheet.text(data["intro"], font=BOLD)
    sheet.gap(1)
    rows = []
    for number, item in enumerate(items, start=1):
        counts = ["", "", ""]
        if item.component is not None:
            counts[_COPY_COLUMN.get(item.component.copy, 0)] = "01"
        rows.append([str(number), item.name or "(nội dung khác)", *counts, item.reason])
    if not rows:
        rows.append(["1", BLANK, "", "", "", BLANK])
    columns = data["columns"]
    table(sheet, [columns[0], columns[1], *data["count_columns"], columns[3]],
          [7, 34, 11, 13, 11, 34], rows, size=8, groups=[(2, 4, columns[2])],
          centre=(0, 2, 3, 4))
    sheet.gap(3)
    sheet.text(data["rules"].format(unit=unit.centre), font=ITALIC, size=8.5)
    officer = unit.officer or BLANK
    sheet.text(data["contact"].format(officer=officer), font=ITALIC, size=8.5)
    sheet.gap(4)
    signatures(sheet, None, (data["signature"], "(Ký và ghi rõ họ tên)", unit.officer))
    _footer(sheet)
    sheet.save()
    return Path(out)


# ------------------------------------------------------------------------------- Mẫu 03
def render_mau03(dossier: FormDossier, procedure: Procedure, out: Path, *,
                 unit: ReceivingUnit, reason: str | None = None) -> Path:
    """Mẫu 03: the refusal to receive, with its reason (the ``refuse`` step's note)."""
    data = form_data()["mau03"]
    step = dossier.last("refuse", 3)
    reason = t(reason if reason is not None else (step.note if step else "")) or BLANK * 3
    when = to_vn(step.at).date() if step else vn_today()
    sheet = Sheet(out, f"Phiếu từ chối tiếp nhận hồ sơ {dossier.code or dossier.local_ref}",
                  unit)
    sheet.ref = dossier.local_ref
    header(sheet, when, data["number"])
    sheet.centred(data["title"], size=11.5)
    sheet.gap(3)
    applicant_block(sheet, dossier, procedure, first="Tiếp nhận hồ sơ của")
    sheet.gap(1)
    sheet.text(data["body"].format(unit=unit.centre))
    for line in reason.splitlines() or [reason]:
        sheet.text(f"- {line}", x=sheet.left + 4 * _MM, indent=3 * _MM)
    sheet.gap(1)
    sheet.text(data["closing"])
    sheet.gap(5)
    signatures(sheet, None, (data["signature"], "(Ký và ghi rõ họ tên)", unit.officer))
    _footer(sheet)
    sheet.save()
    return Path(out)


# ------------------------------------------------------------------------------- Mẫu 04
def new_return_date(procedure: Procedure, fields: Mapping[str, Any], calendar: Any,
                    today: dt.date | None = None) -> dt.date:
    """The new date, when the officer gives none: as many working days after today as the
    procedure allows (at least one)."""
    from dvc_core.workdays import WorkingCalendar

    calendar = calendar or WorkingCalendar()
    limit = procedure.time_limit_for(fields)
    days = max(1, int(limit.get("working_days") or 0))
    return calendar.add_working_days(today or vn_today(), days)


def render_mau04(dossier: FormDossier, procedure: Procedure, out: Path, *,
                 unit: ReceivingUnit, new_date: dt.date, reason: str = "") -> Path:
    """Mẫu 04: the apology for an overdue dossier, with the new date of return."""
    data = form_data()["mau04"]
    centre = unit.centre
    sheet = Sheet(out, f"Phiếu xin lỗi và hẹn lại ngày trả {dossier.code or dossier.local_ref}",
                  unit)
    sheet.ref = dossier.local_ref
    header(sheet, vn_today(), data["number"])
    sheet.centred(data["title"], size=11.5)
    sheet.gap(2)
    sheet.centred(data["to"].format(name=dossier.name or BLANK), font=FONT, size=10)
    sheet.gap(2)
    received = dossier.received_at
    received_text = f"{to_vn(received):%d} tháng {to_vn(received):%m} năm {to_vn(received):%Y}" \
        if received else f"{BLANK} tháng {BLANK} năm {BLANK}"
    due_text = _moment(dossier.due_at)
    for text in (
        data["received"].format(received=received_text, unit=centre,
                                procedure=procedure.name.lower()),
        f"Mã hồ sơ: {dossier.code or '(chưa có)'}",
        data["due"].format(due=due_text),
        data["late"].format(unit=centre),
        f"Lý do: {t(reason) or BLANK * 3}",
        data["apology"].format(unit=centre, new_date=_day_words(new_date)),
        data["thanks"],
    ):
        sheet.text(text, indent=0)
        sheet.gap(0.8)
    sheet.gap(4)
    signatures(sheet, None, (data["signature"], data["signature_note"], ""), space=18)
    _footer(sheet)
    sheet.save()
    return Path(out)


# ------------------------------------------------------------------------------- Mẫu 05
def timing(at: dt.datetime, due_at: dt.datetime | None) -> str:
    """Trước hạn / Đúng hạn / Quá hạn of a step done at ``at`` (the due date's day: on time)."""
    words = form_data()["mau05"]["timing"]
    if due_at is None:
        return ""
    day, due = to_vn(at).date(), to_vn(due_at).date()
    if at > due_at:
        return words["late"]
    return words["on_time"] if day == due else words["early"]


def render_mau05(dossier: FormDossier, procedure: Procedure, out: Path, *,
                 unit: ReceivingUnit, fee_line: str = "") -> Path:
    """Mẫu 05: the dossier's way through the office, one row per step of its history."""
    data = form_data()["mau05"]
    sheet = Sheet(out, f"Phiếu kiểm soát quá trình giải quyết {dossier.code or dossier.local_ref}",
                  unit)
    sheet.ref = dossier.local_ref
    header(sheet, to_vn(dossier.first_received).date() if dossier.first_received else None)
    sheet.centred(data["title"], size=11)
    sheet.centred(f"Mã hồ sơ: {dossier.code or '(chưa có)'}", size=9.5)
    sheet.centred(data["attached"].format(name=dossier.name or BLANK), font=ITALIC, size=9)
    sheet.gap(2)
    for text in (
        f"Thủ tục: {procedure.name} ({procedure.code})",
        f"Cơ quan giải quyết hồ sơ: {unit.centre}",
        f"Thời gian nhận hồ sơ: {_moment(dossier.first_received)}",
        f"Thời gian trả kết quả theo quy định: {_moment(dossier.due_at)}",
        f"Phí, lệ phí: {fee_line or BLANK}",
    ):
        sheet.text(text)
    sheet.gap(2)
    rows = []
    for number, step in enumerate(dossier.history, start=1):
        local = to_vn(step.at)
        rows.append([str(number), f"{local:%H:%M} {local:%d/%m/%Y}",
                     step.action_text or step.status_text,
                     step.by, step.status_text, timing(step.at, dossier.due_at) + (
                         f" — {step.note}" if step.note else "")])
    if not rows:
        rows.append(["1", "", "", "", "", ""])
    table(sheet, data["columns"], [6, 17, 22, 19, 18, 26], rows, size=7.5)
    sheet.gap(3)
    sheet.text("Người lập phiếu và những người tham gia giải quyết ký nhận theo từng bước "
               "trên bản giấy kèm hồ sơ.", font=ITALIC, size=7.5)
    _footer(sheet)
    sheet.save()
    return Path(out)


# ------------------------------------------------------------------------------- fee notice
def render_fee_notice(dossier: FormDossier, procedure: Procedure, out: Path, *,
                      unit: ReceivingUnit, due: Any) -> Path:
    """The notice of the fee to pay, with the VietQR code for a level-4 procedure
    (``due``: :class:`app.services.fee_payment.FeeDue`)."""
    data = form_data()["fee_notice"]
    sheet = Sheet(out, f"Thông báo nộp phí, lệ phí {dossier.code or dossier.local_ref}", unit)
    sheet.ref = dossier.local_ref
    header(sheet, vn_today())
    sheet.centred(data["title"], size=11.5)
    sheet.gap(3)
    applicant_block(sheet, dossier, procedure)
    sheet.gap(1)
    sheet.text(f"Phí, lệ phí: {due.label}", font=BOLD)
    if due.payload:
        from app.services.fee_payment import purpose_for
        from dvc_core.fees import format_vnd

        size = 42 * _MM
        sheet.room(size + 20 * _MM)
        sheet.gap(2)
        printing.draw_qr(sheet.pdf, due.payload, (sheet.width - size) / 2, sheet.y - size, size)
        sheet.y -= size + 4 * _MM
        sheet.text(data["scan"].format(amount=format_vnd(due.total_vnd),
                                       purpose=purpose_for(dossier.code or "")), size=9)
        sheet.text(data["account"].format(account=due.account.account, name=due.account.name,
                                          bank=due.account.bank or f"BIN {due.account.bin}"),
                   size=9)
    elif due.problem:
        sheet.text(due.problem, font=ITALIC, size=8.5)
    sheet.text(data["counter"].format(unit=unit.centre), size=9)
    sheet.gap(4)
    signatures(sheet, None, ("NGƯỜI THÔNG BÁO", "(Ký và ghi rõ họ tên)", unit.officer))
    _footer(sheet)
    sheet.save()
    return Path(out)


def procedure_of(catalog: Catalog, dossier: FormDossier) -> Procedure:
    procedure = catalog.get(dossier.procedure_code)
    if procedure is None:
        raise ValueError(f"Không có thủ tục mã “{dossier.procedure_code}” trong danh mục.")
    return procedure


# ------------------------------------------------------------------------------- the desk's printer
#: The slips the desk offers for a dossier, with their names on the menu.
FORM_LABELS = {
    "mau02": "Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "mau03": "Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "mau04": "Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "mau05": "Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "phi": "Thông báo nộp phí, lệ phí (mã VietQR)",
}


class OfficePrinter:
    """The slips and the fee of a dossier the officer has open (the portal's dossier JSON), for
    the desk's print menu and fee dialog. No Qt: the desk calls it through the task runner.

    Args:
        catalog, session, settings, calendar: callables giving the procedures, the signed-in
            session (names the commune and officer), the data folder's settings (the bank
            account) and the working-day calendar, each read when used.
        training: the mode marks its printouts.
    """

    def __init__(self, catalog: Any, session: Any, settings: Any, calendar: Any, *,
                 training: bool = False, collect: Any = None):
        self._catalog, self._session = catalog, session
        self._settings, self._calendar = settings, calendar
        self.training = training
        self._collect = collect  # (start, end) → (register rows, which copy): Mẫu 06

    def render_register(self, start: dt.date, end: dt.date, out: Path) -> tuple[Path, int, str]:
        """Mẫu 06 of the dossiers received from ``start`` to ``end``: CSV when ``out`` ends in
        ``.csv``, else the A4 landscape PDF. Returns the file, how many dossiers, and which
        copy was read when the portal could not be ("" when it answered)."""
        from app.services import register

        if self._collect is None:
            raise ValueError("Không đọc được danh sách hồ sơ để lập sổ.")
        rows, said = self._collect(start, end)
        unit = printing.unit_for(None, self._session(), training=self.training)
        if Path(out).suffix.lower() == ".csv":
            return register.write_csv(rows, out), len(rows), said
        return register.render_mau06(rows, out, unit=unit, start=start, end=end), len(rows), said

    def dossier(self, raw: Mapping[str, Any]) -> tuple[FormDossier, Procedure]:
        dossier = FormDossier.from_portal(raw)
        return dossier, procedure_of(self._catalog(), dossier)

    def unit(self, dossier: FormDossier) -> ReceivingUnit:
        return printing.unit_for(dossier, self._session(), training=self.training)

    def fee(self, raw: Mapping[str, Any]) -> Any:
        """What the dossier owes, with its VietQR (:class:`~app.services.fee_payment.FeeDue`)."""
        from app.services.fee_payment import fee_due
        from dvc_core.fees import today_vn

        dossier, procedure = self.dossier(raw)
        first = dossier.first_received
        return fee_due(procedure, dossier.fields, dossier.code, self._settings(),
                       today_vn(first) if first else None)

    def offered(self, raw: Mapping[str, Any]) -> list[str]:
        """The slips that fit the dossier now: Mẫu 02 after a supplement request, Mẫu 03 after
        a refusal, Mẫu 04 while the office owes an answer, Mẫu 05 always, the fee notice while
        a fee is owed."""
        from dvc_core.lifecycle import ON_THE_CLOCK, YEU_CAU_NGHIA_VU_TAI_CHINH

        dossier = FormDossier.from_portal(raw)
        out = []
        if dossier.last("request_supplement", 5) is not None:
            out.append("mau02")
        if dossier.last("refuse", 3) is not None:
            out.append("mau03")
        if dossier.status in ON_THE_CLOCK:
            out.append("mau04")
        out.append("mau05")
        if dossier.status == YEU_CAU_NGHIA_VU_TAI_CHINH:
            out.append("phi")
        return out

    def render(self, form: str, raw: Mapping[str, Any], out: Path, *,
               new_date: dt.date | None = None, reason: str = "") -> Path:
        """Write slip ``form`` of the dossier to ``out``.

        Raises:
            ValueError: an unknown form, or no such procedure in the catalog.
            OSError: ``out`` cannot be written.
        """
        dossier, procedure = self.dossier(raw)
        unit = self.unit(dossier)
        if form == "mau02":
            return render_mau02(dossier, procedure, out, unit=unit)
        if form == "mau03":
            return render_mau03(dossier, procedure, out, unit=unit, reason=reason or None)
        if form == "mau04":
            when = new_date or new_return_date(procedure, dossier.fields, self._calendar())
            return render_mau04(dossier, procedure, out, unit=unit, new_date=when,
                                reason=reason)
        if form == "mau05":
            return render_mau05(dossier, procedure, out, unit=unit,
                                fee_line=self.fee(raw).label)
        if form == "phi":
            return render_fee_notice(dossier, procedure, out, unit=unit, due=self.fee(raw))
        raise ValueError(f"Không có biểu mẫu “{form}”.")
