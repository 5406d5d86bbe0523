"""The kiosk's data rules: the exit PIN kept only as a salted slow hash and throttled, the
kiosk's settings, and the slip (no personal data; a temporary reference marked as such)."""

from __future__ import annotations

import json

import pytest

from app.modes import KIOSK
from app.services.kiosk import (
    FREE_TRIES,
    ExitPin,
    KioskSettings,
    KioskSlip,
    PinError,
    qr_matrix,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_the_pin_is_kept_only_as_a_salted_scrypt_hash(tmp_path):
    pin = ExitPin(tmp_path)
    assert not pin.is_set and not pin.check("246813").ok
    pin.set("246813")
    raw = (tmp_path / "kiosk_pin.json").read_text()
    assert "246813" not in raw
    data = json.loads(raw)
    assert data["algorithm"] == "scrypt" and data["n"] >= 2**14 and len(data["salt"]) == 32
    assert (tmp_path / "kiosk_pin.json").stat().st_mode & 0o077 == 0
    other = tmp_path / "other"
    ExitPin(other).set("246813")
    assert json.loads((other / "kiosk_pin.json").read_text())["hash"] != data["hash"]  # salted
    assert pin.check("246813").ok and not pin.check("246814").ok


@pytest.mark.parametrize("bad", ["", "12345", "12ab56", "1234567890123"])
def test_a_pin_must_be_six_to_twelve_digits(tmp_path, bad):
    with pytest.raises(PinError, match="Mã PIN"):
        ExitPin(tmp_path).set(bad)


def test_wrong_tries_make_the_next_wait_longer_and_survive_a_restart(tmp_path):
    clock = Clock()
    pin = ExitPin(tmp_path, clock)
    pin.set("246813")
    for _ in range(FREE_TRIES - 1):
        assert pin.check("000000").wait_seconds == 0
    first = pin.check("000000")
    assert not first.ok and first.wait_seconds == 30 and "30 giây" in first.message
    # During the wait even the right PIN is refused unchecked, also after a restart.
    again = ExitPin(tmp_path, clock)
    assert not again.check("246813").ok and again.wait_seconds() == 30
    clock.now += 30
    second = again.check("111111")
    assert second.wait_seconds == 60  # doubled
    clock.now += 60
    assert again.check("246813").ok
    assert again.check("000000").wait_seconds == 0  # counting starts again after success


def test_kiosk_settings_default_to_two_minutes_and_never_less_than_20_seconds(tmp_path):
    base = KioskSettings.from_settings({}, tmp_path, KIOSK)
    assert base.idle_seconds == 120 and base.warning_seconds >= 20
    assert base.folders == (tmp_path / "scans",)
    custom = KioskSettings.from_settings({"kiosk_idle_seconds": 300, "kiosk_warning_seconds": 5,
                                          "kiosk_document_folders": ["/media/usb"]},
                                         tmp_path, KIOSK)
    assert custom.idle_seconds == 300 and custom.warning_seconds == 20
    assert [str(p) for p in custom.folders] == [str(tmp_path / "scans"), "/media/usb"]


def test_the_scanner_folder_is_emptied_but_a_usb_stick_is_only_read(tmp_path):
    scans, usb = tmp_path / "scans", tmp_path / "usb"
    scans.mkdir()
    usb.mkdir()
    (scans / "CCCD Lê Thị Hoa.pdf").write_bytes(b"%PDF-1.4\n")
    (usb / "giay.png").write_bytes(b"x")
    settings = KioskSettings(scan_folder=scans, document_folders=(usb,))
    assert settings.empty_scan_folder() == 1
    assert list(scans.iterdir()) == [] and (usb / "giay.png").exists()


def test_the_slip_marks_a_temporary_reference_and_names_nobody():
    slip = KioskSlip(local_ref="K7QM-3XPD", procedure_code="1.001193",
                     procedure_name="Đăng ký khai sinh", time_limit="Trong ngày",
                     collect="Trung tâm Phục vụ hành chính công", fee="Miễn lệ phí")
    assert slip.provisional and "K7QM-3XPD (tạm thời – chờ gửi)" in slip.text()
    assert slip.qr_payload == "K7QM-3XPD"
    done = slip.with_code("000.99.99.H56-260105-0001", "Mới đăng ký")
    assert not done.provisional and "Mã hồ sơ: 000.99.99.H56-260105-0001" in done.text()
    assert "tạm thời" not in done.text() and done.qr_payload == done.code
    matrix = qr_matrix(done.qr_payload)
    assert len(matrix) >= 21 and all(len(row) == len(matrix) for row in matrix)
    assert matrix[0][0] and not matrix[7][7]  # a finder pattern and its separator
