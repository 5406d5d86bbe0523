"""The kiosk's slip on an 80 mm thermal printer: ESC/POS bytes (python-escpos's Dummy printer,
and a device file through the configured printer) with the code, the QR and the mark."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("escpos", reason="python-escpos (the kiosk extra) is not installed")

from app.services.kiosk import KioskSlip  # noqa: E402
from app.services.slip import PAPER_DOTS, escpos_bytes, slip_image  # noqa: E402
from app.services.slip_printer import SlipPrinterError, from_settings  # noqa: E402

CODE = "000.99.99.H56-261206-0001"


def make_slip(code: str | None = CODE) -> KioskSlip:
    return KioskSlip(local_ref="HS-7K2Q", procedure_code="1.001193",
                     procedure_name="Đăng ký khai sinh", code=code,
                     time_limit="Trong ngày làm việc; hẹn trả 07/12/2026",
                     collect="Tại Trung tâm Phục vụ hành chính công xã Quảng Phú",
                     fee="Miễn lệ phí",
                     filed_at=dt.datetime(2026, 12, 6, 2, 30, tzinfo=dt.UTC))


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
    data = escpos_bytes(make_slip(code=None))
    assert b"HS-7K2Q\n" in data and qr_store_command("HS-7K2Q") in data
    assert b"(TAM THOI - CHO GUI)" in data


def test_the_raster_is_paper_wide_and_has_ink():
    image = slip_image(make_slip())
    assert image.width == PAPER_DOTS and image.mode == "1"
    black = image.histogram()[0]
    assert 0.02 < black / (image.width * image.height) < 0.5
    longer = slip_image(make_slip(code=None))  # the provisional notice adds lines
    assert longer.height > image.height


def test_the_configured_printer_receives_the_same_bytes(tmp_path):
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    printer = from_settings({"kiosk_printer": f"file:{device}"})
    printer.print_slip(make_slip())
    assert device.read_bytes() == escpos_bytes(make_slip())
    assert from_settings({}) is None


def test_a_wrong_printer_setting_is_named_at_start():
    with pytest.raises(SlipPrinterError, match="kiosk_printer"):
        from_settings({"kiosk_printer": "lpt1"})
    with pytest.raises(SlipPrinterError, match="kiosk_printer"):
        from_settings({"kiosk_printer": "network:printer:port"})


def test_a_usb_printer_without_its_driver_package_says_which_to_install():
    from escpos.printer import Usb

    if Usb.is_usable():
        pytest.skip("pyusb is installed here")
    with pytest.raises(SlipPrinterError, match="pyusb"):
        from_settings({"kiosk_printer": "usb:04b8:0202"})
