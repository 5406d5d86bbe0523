"""Printed forms: the receipt (Mẫu 01, Thông tư 01/2018/TT-VPCP) for a dossier.

Drawn with reportlab in Be Vietnam Pro (embedded as a subset, so every diacritic prints right;
reportlab's built-in fonts cannot draw Vietnamese). All text is NFC before drawing: reportlab
does no shaping, and decomposed marks would land in the wrong place.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

from dvc_core.catalog import Catalog, Procedure
from dvc_core.rules import format_date_vi
from dvc_core.vntime import VN, vn_today

VN_TZ = VN  # dvc_core.vntime: every moment shown in Vietnam's time
_FONTS_READY = False


def _register_fonts() -> None:
    global _FONTS_READY
    if _FONTS_READY:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources.files("fontpkg_be_vietnam_pro") / "files"
    for name, file in (("BVP", "BeVietnamPro-Regular.ttf"), ("BVP-Bold", "BeVietnamPro-Bold.ttf"),
                       ("BVP-Italic", "BeVietnamPro-Italic.ttf")):
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    _FONTS_READY = True


def _t(text: Any) -> str:
    return unicodedata.normalize("NFC", str(text))


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(VN_TZ) if value else None


def _when(value: dt.datetime | None) -> str:
    value = _local(value)
    if value is None:
        return "…giờ…phút, ngày…tháng…năm…"
    return f"{value:%H} giờ {value:%M} phút, ngày {value:%d} tháng {value:%m} năm {value:%Y}"


def render_receipt(dossier: Any, procedure: Procedure, out: Path, *, unit_name: str = "",
                   training: bool = False) -> Path:
    """Write the receipt of one dossier to ``out`` (two copies: Liên 1 and Liên 2).

    Args:
        dossier: a local ``Dossier`` (code, local_ref, applicant, attachments, received_at, due_at).
        procedure: its procedure (name, components, time limit).
        unit_name: the receiving commune's name, printed top left.
        training: print the "MÔI TRƯỜNG ĐÀO TẠO" mark (training mode).
    """
    _register_fonts()
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(out), pagesize=A4, pageCompression=1, initialFontName="BVP")
    pdf.setTitle(_t(f"Giấy tiếp nhận hồ sơ {dossier.code or dossier.local_ref}"))
    pdf.setAuthor("DVC Desk")
    width, height = A4
    applicant = dossier.applicant or {}
    code = dossier.code or ""

    left, right = 18 * mm, width - 18 * mm
    for copy in ("(Liên 1: Lưu)", "(Liên 2: Giao khách hàng)"):
        y = height - 20 * mm
        if training:
            pdf.saveState()
            pdf.setFillGray(0.85)
            pdf.setFont("BVP-Bold", 40)
            pdf.translate(width / 2, height / 2)
            pdf.rotate(30)
            pdf.drawCentredString(0, 0, _t("MÔI TRƯỜNG ĐÀO TẠO"))
            pdf.restoreState()
        pdf.setFont("BVP", 10)
        pdf.drawCentredString(55 * mm, y, _t((unit_name or "ỦY BAN NHÂN DÂN CẤP XÃ").upper()))
        pdf.setFont("BVP-Bold", 10)
        pdf.drawCentredString(55 * mm, y - 5 * mm, _t("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"))
        pdf.drawCentredString(140 * mm, y, _t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        pdf.drawCentredString(140 * mm, y - 5 * mm, _t("Độc lập - Tự do - Hạnh phúc"))
        pdf.line(118 * mm, y - 6.5 * mm, 162 * mm, y - 6.5 * mm)
        received = _local(dossier.received_at) or dt.datetime.now(VN_TZ)
        pdf.setFont("BVP-Italic", 10)
        pdf.drawCentredString(
            140 * mm, y - 12 * mm,
            _t(f"…, ngày {received:%d} tháng {received:%m} năm {received:%Y}"))

        y -= 26 * mm
        pdf.setFont("BVP-Bold", 14)
        pdf.drawCentredString(width / 2, y, _t("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"))
        pdf.setFont("BVP-Bold", 11)
        pdf.drawCentredString(width / 2, y - 7 * mm, _t(f"Mã hồ sơ: {code or '(chưa có – hồ sơ đang chờ gửi)'}"))
        pdf.setFont("BVP-Italic", 10)
        pdf.drawCentredString(width / 2, y - 12 * mm, _t(f"{copy}   Mã tham chiếu trên máy: {dossier.local_ref}"))

        if code or dossier.local_ref:
            qr = QrCodeWidget(code or dossier.local_ref)
            x0, y0, x1, y1 = qr.getBounds()
            size = 24 * mm
            drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
            drawing.add(qr)
            renderPDF.draw(drawing, pdf, right - size, y - 16 * mm)

        y -= 24 * mm
        pdf.setFont("BVP", 11)
        rows = [
            f"Tiếp nhận hồ sơ của: {applicant.get('full_name', '')}",
            f"Địa chỉ: {applicant.get('address', '')}",
            f"Số điện thoại: {applicant.get('phone', '')}  ·  Email: {applicant.get('email', '')}",
            f"Nội dung yêu cầu giải quyết: {procedure.name}",
            "1. Thành phần hồ sơ nộp gồm:",
        ]
        def wrapped(text: str, x: float, y: float, step: float, indent: float = 0) -> float:
            lines = simpleSplit(_t(text), pdf._fontname, pdf._fontsize, right - x - indent)
            for number, line in enumerate(lines):
                pdf.drawString(x + (indent if number else 0), y, line)
                y -= step
            return y

        for row in rows:
            y = wrapped(row, left, y, 6.5 * mm, indent=6 * mm)
        names = {c.id: c.name for c in procedure.components}
        for index, attachment in enumerate(dossier.attachments, start=1):
            y = wrapped(f"{index}) {names.get(attachment.component, attachment.component)} "
                        f"— tệp “{attachment.filename}”", left + 6 * mm, y, 6 * mm, indent=5 * mm)
        # The limit of the kind asked for (bổ sung hộ tịch is same-day, cải chính is not).
        limit = procedure.time_limit_for(getattr(dossier, "fields", None) or {}).get("text") or ""
        due = _local(dossier.due_at)
        for row in (
            "2. Số lượng hồ sơ: 01 (bộ)",
            f"3. Thời gian giải quyết hồ sơ theo quy định: {limit}",
            f"4. Thời gian nhận hồ sơ: {_when(dossier.received_at)}",
            f"5. Thời gian trả kết quả giải quyết hồ sơ: {_when(dossier.due_at) if due else '…'}",
            "6. Đăng ký nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả",
        ):
            y = wrapped(row, left, y, 6.5 * mm, indent=6 * mm)
        pdf.setFont("BVP-Italic", 10)
        pdf.drawString(left, y, _t("Vào Sổ theo dõi hồ sơ, Quyển số: …… Số thứ tự: ……"))
        y -= 14 * mm
        pdf.setFont("BVP-Bold", 11)
        pdf.drawCentredString(55 * mm, y, _t("NGƯỜI NỘP HỒ SƠ"))
        pdf.drawCentredString(150 * mm, y, _t("NGƯỜI TIẾP NHẬN HỒ SƠ"))
        pdf.setFont("BVP-Italic", 9)
        pdf.drawCentredString(55 * mm, y - 5 * mm, _t("(Ký và ghi rõ họ tên)"))
        pdf.drawCentredString(150 * mm, y - 5 * mm, _t("(Ký và ghi rõ họ tên)"))
        pdf.setFont("BVP", 11)
        pdf.drawCentredString(55 * mm, y - 28 * mm, _t(applicant.get("full_name", "")))
        pdf.setFont("BVP", 8)
        pdf.drawString(left, 12 * mm, _t(
            f"Tra cứu tình trạng hồ sơ bằng mã hồ sơ và số giấy tờ tùy thân. In ngày "
            f"{format_date_vi(vn_today())}."))
        pdf.showPage()
    pdf.save()
    return out


def receipt_for(catalog: Catalog, dossier: Any, out: Path, **kwargs: Any) -> Path:
    procedure = catalog.get(dossier.procedure_code)
    if procedure is None:
        raise ValueError(f"Không có thủ tục mã “{dossier.procedure_code}” trong danh mục.")
    return render_receipt(dossier, procedure, out, **kwargs)
