"""The receipt (Mẫu 01, Thông tư 01/2018/TT-VPCP): Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

Two copies (Liên 1 kept with the dossier, Liên 2 for the person), each naming the receiving
commune and its one-stop unit — since 1/7/2025 the commune's Trung tâm Phục vụ hành chính
công (Nghị định 118/2025/NĐ-CP Art. 7(3)) —, the place and date, the documents by component
(bản chính / bản sao, how many), the time limit, the fee from the kernel's rules, the way the
result is received as the person chose it, the receiving officer, and the form's notes. The
wording is data (``resources/printed_forms.json``); the drawing helpers are
:mod:`app.services.printing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.services import printing
from app.services.printing import BOLD, FONT, ITALIC, ReceivingUnit, t
from dvc_core.catalog import Catalog, Procedure
from dvc_core.units import ONE_STOP_UNIT
from dvc_core.vntime import vn_today

VN_TZ = printing.VN_TZ


def _when(value: dt.datetime | None) -> str:
    value = printing.local(value)
    if value is None:
        return "…giờ…phút, ngày…tháng…năm…"
    return f"{value:%H} giờ {value:%M} phút, ngày {value:%d} tháng {value:%m} năm {value:%Y}"


def fee_text(procedure: Procedure, fields: Mapping[str, Any] | None,
             filed_on: dt.date | None = None) -> str:
    """The fee of this dossier in one line, from the kernel's fee rules and the answers."""
    from dvc_core import fees

    try:
        quote = fees.quote(procedure.fee, fields or {}, filed_on=filed_on)
    except TypeError:  # a kernel whose rules do not read the filing date
        quote = fees.quote(procedure.fee, fields or {})
    summary = getattr(fees, "fee_summary_vi", None)
    if summary is not None:
        return t(summary(quote))
    if not quote.total_vnd:
        return "Không"
    parts = [f"{label}: {fees.format_vnd(amount)} đồng" for label, amount in quote.lines if label]
    text = f"{fees.format_vnd(quote.total_vnd)} đồng"
    if parts:
        text += f" ({'; '.join(parts)})"
    if quote.free_when:
        text += f" — {quote.free_when}"
    return text


def document_lines(dossier: Any, procedure: Procedure) -> list[str]:
    """``1.1. Tờ khai … — bản chính, số lượng: 01``: one line per component submitted."""
    data = printing.form_data()
    kinds = data["mau01"]["copy_kinds"]
    generated = data["tokhai"]["filename"]
    by_component: dict[str, list[Any]] = {}
    for attachment in getattr(dossier, "attachments", None) or ():
        by_component.setdefault(attachment.component, []).append(attachment)
    order = [c.id for c in procedure.components]
    lines = []
    for number, component_id in enumerate(
            sorted(by_component, key=lambda c: (order.index(c) if c in order else len(order), c)),
            start=1):
        component = procedure.component(component_id)
        name = component.name if component else component_id
        kind = kinds.get(component.copy if component else "original", "bản chính")
        files = by_component[component_id]
        made = all(getattr(f, "filename", "") == generated for f in files)
        how = "bản điện tử tạo từ thông tin đã khai" if made else kind
        lines.append(f"1.{number}. {name} — {how}, số lượng: {len(files):02d}")
    return lines


def render_receipt(dossier: Any, procedure: Procedure, out: Path, *, unit_name: str = "",
                   training: bool = False, unit: ReceivingUnit | None = None) -> Path:
    """Write the receipt of one dossier to ``out`` (two pages: Liên 1 and Liên 2).

    Args:
        dossier: a local ``Dossier`` (code, local_ref, applicant, fields, attachments,
            received_at, due_at).
        procedure: its procedure (name, components, time limit, fee).
        unit: the receiving unit (commune, officer, training mark); see
            :func:`app.services.printing.unit_for`.
        unit_name, training: the commune's name and the mark, when no ``unit`` is given.
    """
    from reportlab.lib.units import mm

    from dvc_core import delivery

    unit = unit or ReceivingUnit(commune=unit_name, training=training)
    if training and not unit.training:
        unit = ReceivingUnit(unit.code, unit.commune, unit.officer, True)
    data = printing.form_data()["mau01"]
    code = dossier.code or ""
    pdf = printing.new_canvas(out, f"Giấy tiếp nhận hồ sơ {code or dossier.local_ref}")
    width, height = pdf._pagesize
    applicant = dossier.applicant or {}
    fields = getattr(dossier, "fields", None) or {}
    received = printing.local(dossier.received_at) or dt.datetime.now(VN_TZ)
    left, right, bottom = 18 * mm, width - 18 * mm, 16 * mm
    centre_left, centre_right = 55 * mm, 145 * mm

    def new_page() -> float:
        if unit.training:
            printing.training_mark(pdf)
        return height - 18 * mm

    def line(text: str, y: float, *, font: str = FONT, size: float = 10.5, x: float = left,
             indent: float = 6 * mm, step: float = 5.6 * mm) -> float:
        if y < bottom + 30 * mm:  # a long list of documents: carry on over the page
            pdf.showPage()
            y = new_page()
        pdf.setFont(font, size)
        return printing.wrapped(pdf, text, x, y, right - x, step, indent)

    for copy in data["copies"]:
        y = new_page()
        pdf.setFont(FONT, 10)
        pdf.drawCentredString(centre_left, y, t(unit.committee))
        pdf.setFont(BOLD, 10)
        pdf.drawCentredString(centre_left, y - 5 * mm,
                              t(ONE_STOP_UNIT.upper()))
        pdf.line(centre_left - 15 * mm, y - 7.5 * mm, centre_left + 15 * mm, y - 7.5 * mm)
        pdf.drawCentredString(centre_right, y, t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        pdf.drawCentredString(centre_right, y - 5 * mm, t("Độc lập - Tự do - Hạnh phúc"))
        pdf.line(centre_right - 22 * mm, y - 7.5 * mm, centre_right + 22 * mm, y - 7.5 * mm)
        pdf.setFont(ITALIC, 10)
        pdf.drawCentredString(centre_right, y - 13 * mm,
                              t(printing.date_line(unit.place, received.date())))

        y -= 24 * mm
        pdf.setFont(BOLD, 13.5)
        pdf.drawCentredString(width / 2, y, t(data["title"]))
        pdf.setFont(BOLD, 11)
        pdf.drawCentredString(width / 2, y - 6.5 * mm,
                              t(f"Mã hồ sơ: {code or '(chưa có – hồ sơ đang chờ gửi)'}"))
        pdf.setFont(ITALIC, 10)
        pdf.drawCentredString(width / 2, y - 11.5 * mm,
                              t(f"{copy}   Mã tham chiếu trên máy: {dossier.local_ref}"))
        if code or dossier.local_ref:
            printing.draw_qr(pdf, code or dossier.local_ref, right - 22 * mm, y - 15 * mm, 22 * mm)

        y -= 21 * mm
        for text in (
            f"Đơn vị tiếp nhận: {unit.centre}",
            f"Tiếp nhận hồ sơ của: {applicant.get('full_name', '')}",
            f"Địa chỉ: {applicant.get('address', '')}",
            f"Số điện thoại: {applicant.get('phone', '')}    Email: {applicant.get('email', '')}",
            f"Nội dung yêu cầu giải quyết: {procedure.name}",
            "1. Thành phần hồ sơ nộp gồm:",
        ):
            y = line(text, y)
        for text in document_lines(dossier, procedure) or ["(chưa có giấy tờ nào)"]:
            y = line(text, y, x=left + 5 * mm, indent=8 * mm, size=10)
        way = delivery.describe(fields, unit.centre) or printing.BLANK * 3
        limit = procedure.time_limit_for(fields)  # e.g. bổ sung same day, cải chính 3 days
        for text in (
            "2. Số lượng hồ sơ: 01 (bộ)",
            f"3. Thời gian giải quyết hồ sơ theo quy định: {limit.get('text') or ''}",
            f"4. Thời gian nhận hồ sơ: {_when(dossier.received_at)}",
            f"5. Thời gian trả kết quả giải quyết hồ sơ: {_when(dossier.due_at)}",
            f"6. Phí, lệ phí (nếu có): {fee_text(procedure, fields, received.date())}",
            f"7. Đăng ký nhận kết quả tại: {way}",
        ):
            y = line(text, y)
        y = line("Vào Sổ theo dõi hồ sơ, Quyển số: …… Số thứ tự: ……", y, font=ITALIC, size=10)

        if y < bottom + 62 * mm:
            pdf.showPage()
            y = new_page()
        y -= 6 * mm
        pdf.setFont(BOLD, 10.5)
        pdf.drawCentredString(centre_left, y, t("NGƯỜI NỘP HỒ SƠ"))
        pdf.drawCentredString(centre_right, y, t("NGƯỜI TIẾP NHẬN HỒ SƠ"))
        pdf.setFont(ITALIC, 9)
        pdf.drawCentredString(centre_left, y - 4.5 * mm, t("(Ký và ghi rõ họ tên)"))
        pdf.drawCentredString(centre_right, y - 4.5 * mm, t("(Ký và ghi rõ họ tên)"))
        pdf.setFont(FONT, 10.5)
        pdf.drawCentredString(centre_left, y - 24 * mm, t(applicant.get("full_name", "")))
        if unit.officer:
            pdf.drawCentredString(centre_right, y - 24 * mm, t(unit.officer))
        y -= 34 * mm
        pdf.setFont(BOLD, 9.5)
        pdf.drawString(left, y, t("Ghi chú:"))
        y -= 4.8 * mm
        for note in data["notes"]:
            y = line("- " + note.format(unit=unit.centre), y, font=ITALIC, size=9,
                     step=4.5 * mm, indent=2.5 * mm)
        pdf.setFont(FONT, 8)
        pdf.drawString(left, 10 * mm, t(
            "Tra cứu tình trạng hồ sơ bằng mã hồ sơ và số giấy tờ tùy thân. In ngày "
            f"{vn_today():%d/%m/%Y}."))
        pdf.showPage()
    pdf.save()
    return Path(out)


def receipt_for(catalog: Catalog, dossier: Any, out: Path, **kwargs: Any) -> Path:
    procedure = catalog.get(dossier.procedure_code)
    if procedure is None:
        raise ValueError(f"Không có thủ tục mã “{dossier.procedure_code}” trong danh mục.")
    return render_receipt(dossier, procedure, out, **kwargs)
