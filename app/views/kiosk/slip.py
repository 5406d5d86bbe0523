"""The slip drawn with Qt: on the system's printer (an 80 mm roll or a sheet), or into an
image for the screen. The thermal printer module prints the same :class:`KioskSlip` as ESC/POS.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPaintDevice, QPainter
from PySide6.QtPrintSupport import QPrinter

from app.services.kiosk import KioskSlip, qr_matrix

ROLL_WIDTH_MM = 80
ROLL_LENGTH_MM = 200


def draw_slip(painter: QPainter, slip: KioskSlip, width: float) -> float:
    """Draw the slip from the top left, ``width`` device pixels wide; returns the height used."""
    pad = width * 0.04
    y = pad
    inner = width - 2 * pad

    def text(value: str, size: float, bold: bool = False) -> None:
        nonlocal y
        font = QFont(["Be Vietnam Pro", "DejaVu Sans"])
        font.setPixelSize(max(8, int(size)))
        font.setBold(bold)
        painter.setFont(font)
        rect = painter.boundingRect(QRectF(pad, y, inner, 10_000),
                                    int(Qt.TextFlag.TextWordWrap), value)
        painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), value)
        y = rect.bottom() + size * 0.35

    unit = width / 30
    painter.setPen(QColor("#000000"))
    text("PHIẾU NỘP HỒ SƠ", unit * 1.6, True)
    for label, value in slip.lines():
        big = label in ("Mã hồ sơ", "Mã tạm")
        text(f"{label}: {value}", unit * (1.3 if big else 1.0), big)
    matrix = qr_matrix(slip.qr_payload)
    cells = len(matrix) + 8  # the quiet zone
    side = min(inner * 0.5, width * 0.5)
    cell = side / cells
    left = (width - side) / 2 + 4 * cell
    top = y + 4 * cell
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                painter.fillRect(QRectF(left + c * cell, top + r * cell, cell, cell),
                                 QColor("#000000"))
    y += side
    text("Quét mã QR để tra cứu bằng mã hồ sơ.", unit * 0.9)
    return y + pad


def print_slip(slip: KioskSlip, device: QPaintDevice | None = None) -> None:
    """Print on ``device`` (a :class:`QPrinter`), by default the system's default printer set
    to an 80 mm roll."""
    printer = device if device is not None else roll_printer()
    painter = QPainter(printer)
    try:
        draw_slip(painter, slip, float(printer.width()))
    finally:
        painter.end()


def roll_printer(pdf: Path | None = None) -> QPrinter:
    """The default printer on an 80 mm roll; into ``pdf`` instead when given."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
    printer.setPageLayout(QPageLayout(
        QPageSize(QSizeF(ROLL_WIDTH_MM, ROLL_LENGTH_MM), QPageSize.Unit.Millimeter, "80mm"),
        QPageLayout.Orientation.Portrait, QMarginsF(3, 3, 3, 3), QPageLayout.Unit.Millimeter))
    return printer
