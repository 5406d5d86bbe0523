"""The kiosk's slip: what a citizen takes home after filing — Qt-free.

What it says (:func:`slip_lines`): the dossier's code — or, while the portal has not given one,
the local reference marked **"tạm thời – chờ gửi"** —, the procedure, the time limit, where and
how to collect the result, the fee, and a QR code to look the dossier up by.

Two renderings: ESC/POS bytes for an 80 mm thermal receipt printer (here, with python-escpos,
the optional ``kiosk`` extra), and a QPainter drawing for the Qt print dialog
(:mod:`app.views.common.slip_painter`), both from the same :func:`slip_lines`.

**Vietnamese on a thermal printer: printed as a raster image.** ESC/POS has no reliable way
to print Vietnamese text: CP1258 writes most toned letters as a base letter plus a combining
mark, which thermal printers overprint badly or not at all; TCVN3 is a font hack no printer
lists; and where a printer does carry a Vietnamese code page its number differs by maker. So
the Vietnamese lines are drawn with the app's font (Be Vietnam Pro) into a 1-bit image
(:data:`PAPER_DOTS` wide, 203 dpi) sent as a raster (``GS v 0``), which every ESC/POS printer
prints the same. The code and the local reference are ASCII and are also sent as plain text in
large type, and the QR code as the printer's own QR command (``GS ( k``), so both stay sharp.

API::

    slip = Slip(procedure=..., code=None, local_ref="HS-7K2Q", time_limit=..., collect=...,
                fee=..., issued_at=datetime)
    slip.reference / slip.provisional / slip.qr_text
    slip_lines(slip) -> list[tuple[str, str]]     # (label, value), Vietnamese
    slip_image(slip) -> PIL.Image.Image           # the raster part, mode "1"
    escpos_bytes(slip) -> bytes                   # everything, through escpos' Dummy printer
    print_escpos(slip, printer)                   # to any python-escpos printer (Usb, Network, File…)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

PAPER_DOTS = 576        # 80 mm paper, 72 mm printable at 203 dpi
PROVISIONAL = "tạm thời – chờ gửi"
TITLE = "PHIẾU HẸN TRẢ KẾT QUẢ"


@dataclass(frozen=True)
class Slip:
    procedure: str
    local_ref: str
    time_limit: str             # "5 ngày làm việc, hẹn trả ngày 12/12/2026"
    collect: str                # where and how: "Tại Trung tâm Phục vụ hành chính công xã …"
    fee: str                    # "Miễn lệ phí" / "8.000 đồng"
    issued_at: datetime
    code: str | None = None     # the portal's official code, once given
    unit: str = ""              # who receives it: the commune's one-stop centre
    lookup: str | None = None   # what the QR code holds; default: the reference itself

    @property
    def provisional(self) -> bool:
        return not self.code

    @property
    def reference(self) -> str:
        return self.code or self.local_ref

    @property
    def qr_text(self) -> str:
        return self.lookup or self.reference


def slip_lines(slip: Slip) -> list[tuple[str, str]]:
    """What the slip says, label and value, in print order (the code comes first)."""
    if slip.provisional:
        reference = ("Mã tạm thời", f"{slip.local_ref} ({PROVISIONAL})")
    else:
        reference = ("Mã hồ sơ", slip.code or "")
    return [
        reference,
        ("Thủ tục", slip.procedure),
        ("Thời hạn", slip.time_limit),
        ("Nhận kết quả", slip.collect),
        ("Lệ phí", slip.fee),
        ("Nộp lúc", slip.issued_at.strftime("%H:%M ngày %d/%m/%Y")),
    ]


def footer_lines(slip: Slip) -> list[str]:
    lines = ["Quét mã QR hoặc nhập mã hồ sơ để tra cứu."]
    if slip.provisional:
        lines.insert(0, "Hồ sơ đã lưu trên máy và sẽ được gửi khi có mạng; mã chính thức "
                        "có khi tra cứu bằng mã tạm thời.")
    return lines


def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    name = "BeVietnamPro-SemiBold.ttf" if bold else "BeVietnamPro-Regular.ttf"
    folder = resources.files("fontpkg_be_vietnam_pro") / "files"
    with resources.as_file(folder / name) as path:
        return ImageFont.truetype(str(path), size)


def _wrap(text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if line and font.getlength(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def _draw_block(parts: list[tuple[str, Any, bool]], width: int) -> Any:
    """Lines (text, font, centred) wrapped to ``width`` and drawn black on white, 1-bit."""
    from PIL import Image, ImageDraw

    rows: list[tuple[str, Any, bool]] = []
    for text, font, centred in parts:
        rows += [(line, font, centred) for line in _wrap(text, font, width - 8)]
    heights = [int(font.size * 1.35) for _, font, _ in rows]
    image = Image.new("L", (width, sum(heights) + 8), 255)
    draw = ImageDraw.Draw(image)
    y = 4
    for (line, font, centred), height in zip(rows, heights, strict=True):
        x = (width - font.getlength(line)) / 2 if centred else 4
        draw.text((x, y), line, font=font, fill=0)
        y += height
    return image.point(lambda v: 0 if v < 160 else 255, mode="1")


def slip_image(slip: Slip, width: int = PAPER_DOTS) -> Any:
    """The slip's Vietnamese text (everything but the code in large type and the QR)."""
    regular, bold, title = _font(24), _font(24, bold=True), _font(30, bold=True)
    parts: list[tuple[str, Any, bool]] = []
    if slip.unit:
        parts.append((slip.unit, bold, True))
    parts.append((TITLE, title, True))
    for label, value in slip_lines(slip):
        parts.append((f"{label}: {value}", bold if label.startswith("Mã") else regular, False))
    for line in footer_lines(slip):
        parts.append((line, regular, False))
    return _draw_block(parts, width)


def print_escpos(slip: Slip, printer: Any) -> None:
    """Print the slip on a python-escpos printer object."""
    _know_paper_width(printer)
    printer._raw(b"\x1b@")  # ESC @: start from the printer's defaults
    printer.set(align="center")
    printer.image(slip_image(slip), impl="bitImageRaster", center=False)
    printer.set(align="center", bold=True, double_height=True)
    printer.text(_ascii(slip.reference) + "\n")
    printer.set(align="center", bold=False, double_height=False)
    if slip.provisional:
        printer.text("(TAM THOI - CHO GUI)\n")
    printer.qr(slip.qr_text, native=True, size=8)
    printer.text("\n")
    printer.cut()


def _know_paper_width(printer: Any) -> None:
    """A generic profile does not know the paper's width: tell it (80 mm), on a copy."""
    import copy

    data = printer.profile.profile_data
    if data.get("media", {}).get("width", {}).get("pixels") in (None, "Unknown"):
        data = copy.deepcopy(data)
        data.setdefault("media", {}).setdefault("width", {})["pixels"] = PAPER_DOTS
        printer.profile.profile_data = data


def escpos_bytes(slip: Slip) -> bytes:
    """The slip as the bytes an ESC/POS printer is sent (python-escpos's Dummy printer)."""
    from escpos.printer import Dummy

    printer = Dummy()
    print_escpos(slip, printer)
    return printer.output


def _ascii(text: str) -> str:
    """Codes and references are ASCII; anything else would print as a code page's guess."""
    return text.encode("ascii", "replace").decode("ascii")


__all__ = ["PAPER_DOTS", "PROVISIONAL", "Slip", "escpos_bytes", "footer_lines", "print_escpos",
           "slip_image", "slip_lines"]
