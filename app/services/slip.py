"""The kiosk's slip as ESC/POS bytes for an 80 mm thermal receipt printer — Qt-free.

The slip is :class:`app.services.kiosk.KioskSlip` (what it says: :meth:`KioskSlip.lines` — the
code, or the local reference marked **"tạm thời – chờ gửi"** while the portal has not given
one, the procedure, the time limit, where and how to collect the result, the fee — and a QR
code of the reference for the lookup). The Qt print dialog draws the same slip
(:mod:`app.views.kiosk.slip`); this module makes what a thermal printer is sent, with
python-escpos (the optional ``kiosk`` extra). :mod:`app.services.slip_printer` opens the
printer configured in ``settings.json``.

**Vietnamese on a thermal printer: printed as a raster image.** ESC/POS has no reliable way
to print Vietnamese text: CP1258 writes most toned letters as a base letter plus a combining
mark, which thermal printers overprint badly or not at all; TCVN3 is a font hack no printer
lists; and where a printer does carry a Vietnamese code page its number differs by maker. So
the Vietnamese lines are drawn with the app's font (Be Vietnam Pro) into a 1-bit image
(:data:`PAPER_DOTS` wide, 203 dpi) sent as a raster (``GS v 0``), which every ESC/POS printer
prints the same. The code and the local reference are ASCII and are also sent as plain text in
large type, and the QR code as the printer's own QR command (``GS ( k``), so both stay sharp.

API::

    slip_image(slip) -> PIL.Image.Image     # the raster part, mode "1", PAPER_DOTS wide
    escpos_bytes(slip) -> bytes             # everything, through escpos' Dummy printer
    print_escpos(slip, printer)             # to any python-escpos printer (Usb, Network, File…)
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.kiosk import KioskSlip

PAPER_DOTS = 576        # 80 mm paper, 72 mm printable at 203 dpi
TITLE = "PHIẾU NỘP HỒ SƠ"


def footer_lines(slip: KioskSlip) -> list[str]:
    """What follows the rows: while provisional, that the dossier waits on this machine."""
    if slip.provisional:
        return ["Hồ sơ đã lưu trên máy này và sẽ được gửi ngay khi có mạng."]
    return []


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


def slip_image(slip: KioskSlip, width: int = PAPER_DOTS) -> Any:
    """The slip's Vietnamese text (everything but the code in large type and the QR)."""
    regular, bold, title = _font(24), _font(24, bold=True), _font(30, bold=True)
    parts: list[tuple[str, Any, bool]] = []
    parts.append((TITLE, title, True))
    for label, value in slip.lines():
        parts.append((f"{label}: {value}", bold if label.startswith("Mã") else regular, False))
    for line in footer_lines(slip):
        parts.append((line, regular, False))
    return _draw_block(parts, width)


def print_escpos(slip: KioskSlip, printer: Any) -> None:
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
    printer.qr(slip.qr_payload, native=True, size=8)
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


def escpos_bytes(slip: KioskSlip) -> bytes:
    """The slip as the bytes an ESC/POS printer is sent (python-escpos's Dummy printer)."""
    from escpos.printer import Dummy

    printer = Dummy()
    print_escpos(slip, printer)
    return printer.output


def _ascii(text: str) -> str:
    """Codes and references are ASCII; anything else would print as a code page's guess."""
    return text.encode("ascii", "replace").decode("ascii")


__all__ = ["PAPER_DOTS", "TITLE", "escpos_bytes", "footer_lines", "print_escpos", "slip_image"]
