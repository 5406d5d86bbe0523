"""The Tờ khai (declaration form) printed from the answers — generated, never scanned.

The app has just collected the declaration: asking the person for a scan of the same paper
form is what people call "online still means paper". One generator, driven by the catalog's
sections and fields, draws the Tờ khai of any procedure that has a ``to_khai`` component in
the layout of the Thông tư 04/2024/TT-BTP forms (national motto, title, "Kính gửi", the
requester, the declaration section by section, the pledge, place and date, the signatures).
What of that layout could not be confirmed is listed in ``resources/printed_forms.json``.

The filing attaches it to the dossier as its ``to_khai`` component (through the queue's
durable attachment path, so the sync uploads it like any file), unless the person attached a
signed paper form instead; the officer prints it for signature at the counter
(``dvc form tokhai``, or the dossier's details).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.services import printing
from app.services.printing import BOLD, FONT, ITALIC, ReceivingUnit, t
from dvc_core.rules import APPLICANT_FIELDS, FieldSpec, date_in_words, format_date_vi

if TYPE_CHECKING:
    from dvc_core.catalog import Procedure


def component_id() -> str:
    return printing.form_data()["tokhai"]["component"]


def generated_filename() -> str:
    """The name a generated Tờ khai is attached under (how a supplement recognises it)."""
    return printing.form_data()["tokhai"]["filename"]


def has_tokhai(procedure: Procedure) -> bool:
    """The procedure's dossier holds a Tờ khai the app can generate."""
    return procedure.component(component_id()) is not None


def title(procedure: Procedure) -> str:
    """``TỜ KHAI ĐĂNG KÝ KHAI SINH`` from the component's name, without its note."""
    component = procedure.component(component_id())
    name = component.name if component else f"Tờ khai {procedure.name}"
    return re.sub(r"\s*\([^)]*\)", "", name).strip().upper()


def answer_text(spec: FieldSpec, value: Any) -> str:
    """An answer as the paper form writes it (dates dd/mm/yyyy, choices by their label)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return printing.BLANK
    kind = spec.kind
    if kind == "date":
        text = format_date_vi(value) if isinstance(value, str | dt.date) else str(value)
        if spec.in_words and isinstance(value, str | dt.date):
            try:
                text += f" (bằng chữ: {date_in_words(value)})"
            except (ValueError, TypeError):
                pass
        return text
    if kind == "choice":
        return dict(spec.choices).get(str(value), str(value))
    if kind == "yes_no":
        return "Có" if value is True or str(value).lower() in ("true", "1", "có") else "Không"
    if kind == "address":
        if isinstance(value, Mapping):
            return str(value.get("text") or ", ".join(
                str(value[k]) for k in ("detail", "commune", "province") if value.get(k)))
        return str(value)
    if kind == "group" and isinstance(value, list | tuple):
        entries = []
        for number, entry in enumerate(value, start=1):
            if not isinstance(entry, Mapping):
                continue
            parts = [f"{item.label}: {answer_text(item, entry.get(item.id))}"
                     for item in spec.items if entry.get(item.id) not in (None, "")]
            entries.append(f"{spec.item_label or 'Mục'} {number}: " + "; ".join(parts))
        return " · ".join(entries) or printing.BLANK
    return str(value)


def _requester_rows(applicant: Mapping[str, Any]) -> list[tuple[str, str]]:
    specs = {s.id.removeprefix("applicant."): s for s in APPLICANT_FIELDS}
    rows = []
    for key, label in printing.form_data()["tokhai"]["requester_lines"]:
        value = applicant.get(key)
        if key == "email" and not value:
            continue
        rows.append((label, answer_text(specs[key], value) if key in specs else str(value or "")))
    return rows


def render_tokhai(procedure: Procedure, applicant: Mapping[str, Any] | None,
                  fields: Mapping[str, Any] | None, out: Path, *,
                  unit: ReceivingUnit | None = None, made_on: dt.date | None = None) -> Path:
    """Write the Tờ khai of these (checked) answers to ``out``.

    Args:
        applicant, fields: the dossier's answers as the rules normalised them (dates ISO).
        unit: the commune it is addressed to ("Kính gửi", place of the date line, training
            mark); blank lines to fill by hand when not known.
        made_on: the date of the declaration (default: today, Vietnam's time).
    """
    from reportlab.lib.units import mm

    data = printing.form_data()["tokhai"]
    unit = unit or ReceivingUnit()
    applicant, fields = dict(applicant or {}), dict(fields or {})
    made_on = made_on or dt.datetime.now(printing.VN_TZ).date()
    pdf = printing.new_canvas(out, title(procedure).capitalize())
    width, height = pdf._pagesize
    left, right, bottom = 25 * mm, width - 20 * mm, 18 * mm
    step = 5.6 * mm

    def new_page() -> float:
        if unit.training:
            printing.training_mark(pdf)
        return height - 16 * mm

    y = new_page()

    def room(y: float, need: float) -> float:
        if y - need < bottom:
            pdf.showPage()
            return new_page()
        return y

    def rows(items: list[tuple[str, str]], y: float) -> float:
        """``label: answer`` lines; two short ones share a line, as the paper forms do
        ("Dân tộc: Kinh    Quốc tịch: Việt Nam")."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        half = (right - left) / 2 - 3 * mm
        texts = [t(f"{label}: {value}") for label, value in items]
        short = [stringWidth(text, FONT, 11) <= half for text in texts]
        i = 0
        while i < len(texts):
            y = room(y, step)
            pdf.setFont(FONT, 11)
            if short[i] and i + 1 < len(texts) and short[i + 1]:
                pdf.drawString(left, y, texts[i])
                pdf.drawString(left + half + 6 * mm, y, texts[i + 1])
                y -= step
                i += 2
                continue
            y = printing.wrapped(pdf, texts[i], left, y, right - left, step, 6 * mm)
            i += 1
        return y

    def heading(text: str, y: float) -> float:
        y = room(y, 3 * step)
        pdf.setFont(BOLD, 11)
        pdf.drawString(left, y - 1.5 * mm, t(text))
        return y - 1.5 * mm - step

    pdf.setFont(BOLD, 12)
    pdf.drawCentredString(width / 2, y, t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    pdf.drawCentredString(width / 2, y - 5.5 * mm, t("Độc lập - Tự do - Hạnh phúc"))
    pdf.line(width / 2 - 25 * mm, y - 7.5 * mm, width / 2 + 25 * mm, y - 7.5 * mm)
    y -= 20 * mm
    pdf.setFont(BOLD, 14)
    for line in printing.wrapped_lines(pdf, title(procedure), right - left):
        pdf.drawCentredString(width / 2, y, line)
        y -= 7 * mm
    pdf.setFont(FONT, 12)
    pdf.drawCentredString(width / 2, y - 1 * mm, t(data["to"].format(agency=unit.agency)))
    y -= 12 * mm

    sections = list(procedure.sections)
    y = heading(data["requester_title"], y)
    requester = _requester_rows(applicant)
    if sections and sections[0].id == "requester":  # the form's own lines about the requester
        requester += [(spec.label, answer_text(spec, fields.get(spec.id)))
                      for spec in sections.pop(0).fields if spec.active(fields)]
    y = rows(requester, y)
    for section in sections:
        active = [s for s in section.fields if s.active(fields)]
        if not active:
            continue
        y = heading(section.title, y)
        y = rows([(spec.label, answer_text(spec, fields.get(spec.id))) for spec in active], y)

    y = room(y - 2 * mm, 2 * step)
    pdf.setFont(ITALIC, 11)
    y = printing.wrapped(pdf, data["pledge"], left, y - 2 * mm, right - left, step)
    signers = [(section, label) for section, label in data["signers"].get(procedure.code, ())]
    y = room(y, 48 * mm)
    pdf.setFont(ITALIC, 11)
    centre = (left + right) / 2 + 30 * mm
    pdf.drawCentredString(centre, y - 4 * mm, t(data["made_at"].format(
        place=unit.place or printing.BLANK, day=f"{made_on:%d}", month=f"{made_on:%m}",
        year=f"{made_on:%Y}")))
    y -= 12 * mm
    if signers:
        columns = [left + (right - left) * (2 * i + 1) / (2 * len(signers))
                   for i in range(len(signers))]
        people = [(label.upper(), fields.get(f"{section}.full_name", "")) for section, label in
                  signers]
    else:
        columns = [centre]
        people = [("NGƯỜI YÊU CẦU", applicant.get("full_name", ""))]
    for x, (who, name) in zip(columns, people, strict=True):
        pdf.setFont(BOLD, 11)
        pdf.drawCentredString(x, y, t(who))
        pdf.setFont(ITALIC, 9.5)
        pdf.drawCentredString(x, y - 5 * mm, t(data["signature"]))
        pdf.setFont(FONT, 11)
        pdf.drawCentredString(x, y - 28 * mm, t(name))
    pdf.setFont(FONT, 8)
    pdf.drawString(left, 10 * mm, t(
        f"Tờ khai được tạo từ thông tin đã khai khi nộp hồ sơ “{procedure.name}” "
        f"(mã thủ tục {procedure.code})."))
    pdf.showPage()
    pdf.save()
    return Path(out)


def tokhai_for(procedure: Procedure, dossier: Any, out: Path, *,
               unit: ReceivingUnit | None = None) -> Path:
    """The Tờ khai of a stored dossier, dated the day it was filed (to print for signature)."""
    if not has_tokhai(procedure):
        raise ValueError(f"Thủ tục “{procedure.name}” không có tờ khai theo mẫu.")
    filed = printing.local(getattr(dossier, "received_at", None)
                           or getattr(dossier, "created_at", None))
    return render_tokhai(procedure, dossier.applicant, dossier.fields, out, unit=unit,
                         made_on=filed.date() if filed else None)


__all__ = ["answer_text", "component_id", "generated_filename", "has_tokhai", "render_tokhai",
           "title", "tokhai_for"]
