"""The kiosk's slip: ESC/POS bytes for a thermal printer (python-escpos's Dummy printer) and the
Qt print path (a PDF read back with pdftotext), with the code, the QR and the provisional mark."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime

import pytest

pytest.importorskip("escpos", reason="python-escpos (the kiosk extra) is not installed")

from app.services.slip import PAPER_DOTS, Slip, escpos_bytes, slip_image, slip_lines  # noqa: E402

CODE = "000.99.99.H56-261206-0001"


def make_slip(code: str | None = CODE) -> Slip:
    return Slip(procedure="Đăng ký khai sinh", local_ref="HS-7K2Q", code=code,
                time_limit="Trong ngày làm việc; hẹn trả 07/12/2026",
                collect="Tại Trung tâm Phục vụ hành chính công xã Quảng Phú",
                fee="Miễn lệ phí", issued_at=datetime(2026, 12, 6, 9, 30),
                unit="UBND xã Quảng Phú")


def qr_store_command(text: str) -> bytes:
    """ESC/POS "store the QR code's data" (GS ( k, cn 49, fn 80) for ``text``."""
    data = text.encode("ascii")
    size = len(data) + 3
    return b"\x1d(k" + bytes([size % 256, size // 256]) + b"1P0" + data


def test_the_thermal_slip_carries_the_code_as_text_and_as_a_qr_code():
    data = escpos_bytes(make_slip())
    assert data.startswith(b"\x1b@")                     # initialise
    assert CODE.encode("ascii") + b"\n" in data          # the code in large type
    assert qr_store_command(CODE) in data                 # the printer's own QR code
    assert b"\x1d(k\x03\x001Q0" in data                   # ... and the command printing it
    assert b"\x1dv0" in data                              # the Vietnamese lines, as a raster
    assert b"\x1dV" in data[-8:]                          # and cut
    assert b"TAM THOI" not in data and b"HS-7K2Q" not in data


def test_offline_the_local_reference_is_printed_marked_provisional():
    slip = make_slip(code=None)
    data = escpos_bytes(slip)
    assert b"HS-7K2Q\n" in data and qr_store_command("HS-7K2Q") in data
    assert b"(TAM THOI - CHO GUI)" in data
    assert slip_lines(slip)[0] == ("Mã tạm thời", "HS-7K2Q (tạm thời – chờ gửi)")


def test_the_raster_is_paper_wide_and_has_ink():
    image = slip_image(make_slip())
    assert image.width == PAPER_DOTS and image.mode == "1"
    black = image.histogram()[0]
    assert 0.02 < black / (image.width * image.height) < 0.5


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_print_dialog_path_draws_the_slip(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from app.views.common.slip_painter import print_slip

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "slip.pdf"))
    print_slip(make_slip(code=None), printer)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "slip.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "PHIẾU HẸN TRẢ KẾT QUẢ" in flat
    assert "HS-7K2Q (tạm thời – chờ gửi)" in flat
    assert "Đăng ký khai sinh" in flat and "Miễn lệ phí" in flat
