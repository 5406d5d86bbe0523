"""The kiosk's slip drawn with QPainter: for the Qt print dialog (any printer, a PDF).

The same content as the thermal printer's slip (:func:`app.services.slip.slip_lines`), laid out
on a strip 72 mm wide at the top left of the page, so an 80 mm roll and an A4 sheet both work.

API::

    paint_slip(painter, slip, width) -> float   # draws from (0, 0), returns the height used
    slip_image(slip, width=576) -> QImage       # a preview (what the screen may show)
    print_slip(slip, printer) -> None           # onto a configured QPrinter
    print_slip_dialog(slip, parent) -> bool     # the print dialog; False when cancelled
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from app.services.slip import TITLE, Slip, footer_lines, slip_lines
from app.views.common.theme import FALLBACK_FAMILY, FONT_FAMILY

STRIP_MM = 72.0


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([FONT_FAMILY, FALLBACK_FAMILY])
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


def _qr_modules(text: str) -> list[list[bool]]:
    from reportlab.graphics.barcode.qr import QrCodeWidget

    qr = QrCodeWidget(text).qr
    qr.make()
    return [[bool(cell) for cell in row] for row in qr.modules]


def paint_slip(painter: QPainter, slip: Slip, width: float) -> float:
    """Draw the slip ``width`` device pixels wide from (0, 0); returns its height."""
    unit = width / 24.0  # one "line" of type; the whole slip scales with the strip
    y = 0.0
    flags_wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    flags_centre = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
    painter.setPen(QColor("black"))

    def block(text: str, font: QFont, flags: int) -> None:
        nonlocal y
        painter.setFont(font)
        box = painter.boundingRect(QRectF(0, y, width, 10_000), flags, text)
        painter.drawText(QRectF(0, y, width, box.height()), flags, text)
        y += box.height() + unit * 0.25

    if slip.unit:
        block(slip.unit, _font(unit, bold=True), flags_centre)
    block(TITLE, _font(unit * 1.25, bold=True), flags_centre)
    block(slip.reference, _font(unit * 1.35, bold=True), flags_centre)
    for label, value in slip_lines(slip):
        block(f"{label}: {value}", _font(unit, bold=label.startswith("Mã")), flags_wrap)
    modules = _qr_modules(slip.qr_text)
    side = width * 0.5
    cell = side / (len(modules) + 8)
    left, top = (width - cell * len(modules)) / 2, y + cell * 4
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(left + c * cell, top + r * cell, cell, cell))
    painter.setPen(QColor("black"))
    y += side
    for line in footer_lines(slip):
        block(line, _font(unit * 0.9), flags_wrap)
    return y


def slip_image(slip: Slip, width: int = 576) -> QImage:
    """The slip as a white image ``width`` pixels wide (a preview)."""
    image = QImage(width, width * 3, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    height = paint_slip(painter, slip, width)
    painter.end()
    return image.copy(0, 0, width, int(height) + 8)


def print_slip(slip: Slip, printer: QPrinter) -> None:
    painter = QPainter(printer)
    try:
        dpi = printer.resolution()
        paint_slip(painter, slip, STRIP_MM / 25.4 * dpi)
    finally:
        painter.end()


def print_slip_dialog(slip: Slip, parent: QWidget | None = None) -> bool:
    """Ask where to print (the Qt print dialog), then print; False when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_slip(slip, printer)
    return True


__all__ = ["paint_slip", "print_slip", "print_slip_dialog", "slip_image"]
