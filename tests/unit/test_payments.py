"""VietQR payloads: EMVCo structure, CRC, and bad input named field by field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.payments import (
    check_request,
    crc16_ccitt,
    parse_tlv,
    vietqr_payload,
)
from dvc_core.rules import ValidationFailed

ROOT = Path(__file__).resolve().parents[2]


def test_crc_is_ccitt_false():
    assert crc16_ccitt(b"123456789") == 0x29B1


def test_payload_fields_and_checksum():
    payload = vietqr_payload(check_request("970436", "0011 0012 3456", "8.000",
                                           "Lệ phí khai sinh 0001"))
    fields = parse_tlv(payload)
    assert fields["00"] == "01" and fields["01"] == "12"
    merchant = parse_tlv(fields["38"])
    assert merchant["00"] == "A000000727" and merchant["02"] == "QRIBFTTA"
    assert parse_tlv(merchant["01"]) == {"00": "970436", "01": "001100123456"}
    assert fields["53"] == "704" and fields["54"] == "8000" and fields["58"] == "VN"
    assert parse_tlv(fields["62"]) == {"08": "Le phi khai sinh 0001"}
    assert payload[-8:-4] == "6304"
    assert int(payload[-4:], 16) == crc16_ccitt(payload[:-4].encode())


def test_bad_input_names_each_field():
    with pytest.raises(ValidationFailed) as info:
        check_request("97043", "số tài khoản", "-5", "")
    assert [e.field for e in info.value.errors] == ["bin", "account", "amount", "purpose"]
    assert all(e.message() for e in info.value.errors)
    with pytest.raises(ValidationFailed) as info:
        check_request("970436", "123", "1000", "x" * 26)
    assert info.value.errors[0].field == "purpose"


def test_cli_prints_the_payload_and_exits_2_on_bad_input(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path), "payment",
                         "qr", "--bin", "970436", "--account", "0011001234567", "--amount",
                         "15000", "--purpose", "Phí xác nhận hôn nhân", "--json"],
                        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["payload"].startswith("000201010212") and data["amount"] == 15000
    bad = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path), "payment",
                          "qr", "--bin", "x", "--account", "1", "--amount", "0", "--purpose", "a"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "bin" in bad.stderr and "amount" in bad.stderr


# Payloads published by independent VietQR generators and decoders (a library's README, a
# C# adapter's test, a code a bank accepted, a NAPAS sample): ours must match byte for byte.
VECTORS = [
    ("970416", "257678859", "1.000", "Chuyen tien",
     "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN"
     "62150811Chuyen tien6304BBB8"),
    ("970416", "257678859", "10000", "Chuyển tiền",
     "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN"
     "62150811Chuyen tien630453E6"),
    ("970415", "0011001932418", "120.000", "ủng hộ lũ lụt",
     "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA5303704540612000058"
     "02VN62170813ung ho lu lut6304C15C"),
    ("970436", "0011001800879", "100.000", "nhận tiền",
     "00020101021238570010A00000072701270006970436011300110018008790208QRIBFTTA5303704540610000058"
     "02VN62130809nhan tien6304D1EF"),
]


@pytest.mark.parametrize("bin_, account, amount, purpose, expected", VECTORS)
def test_published_vectors_byte_for_byte(bin_, account, amount, purpose, expected):
    assert vietqr_payload(check_request(bin_, account, amount, purpose)) == expected


@pytest.mark.parametrize("text, value", [
    ("8000", 8000), ("8.000", 8000), ("1.250.000", 1_250_000), (" 15000 ", 15000), (8000, 8000),
])
def test_amounts_in_whole_dong(text, value):
    assert check_request("970436", "123", text, "Le phi").amount == value


@pytest.mark.parametrize("text", [
    "8.000,00", "10,5", "1.5", "1,000", "8 000", "8.000đ", "1.2500", "12.50.000", ".500",
    "٨٠٠٠", "８０００", "1e3", "-5", "", "x" * 10_000,
])
def test_amounts_that_are_not_whole_dong_are_refused(text):
    with pytest.raises(ValidationFailed) as info:
        check_request("970436", "123", text, "Le phi")
    [error] = info.value.errors
    assert error.field == "amount"
    message = error.message()
    assert "không phải số tiền hợp lệ" in message and "8.000" in message
    assert len(message) < 300  # a huge value is not echoed whole


def test_purpose_folds_eth_and_names_an_emoji():
    assert check_request("970436", "123", "8000", "ÐĂNG KÝ KHAI SINH").purpose == "DANG KY KHAI SINH"
    assert check_request("970436", "123", "8000", "ðóng phí").purpose == "dong phi"
    assert check_request("970436", "123", "8000", "“Lệ phí” – 0001").purpose == '"Le phi" - 0001'
    for purpose, code in (("Lệ phí 🎉", "text_emoji"), ("👍🏽", "text_emoji"),
                          ("Lệ phí ✅ hồ sơ", "text_emoji"), ("漢字", "text_not_latin")):
        with pytest.raises(ValidationFailed) as info:
            check_request("970436", "123", "8000", purpose)
        [error] = info.value.errors
        assert (error.field, error.code) == ("purpose", code), purpose
        assert "dài quá" not in error.message()


def _cli(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path), "payment",
                           "qr", "--bin", "970436", "--account", "0011001234567", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("amount", ["8.000,00", "10,5", "1.5"])
def test_cli_refuses_a_decimal_amount_with_exit_2(tmp_path, amount):
    bad = _cli(tmp_path, "--amount", amount, "--purpose", "Le phi")
    assert bad.returncode == 2, bad.stdout
    assert bad.stdout == ""
    assert "amount: Số tiền (đồng)" in bad.stderr and f"“{amount}”" in bad.stderr


def test_cli_thousands_groups_and_an_emoji(tmp_path):
    ok = _cli(tmp_path, "--amount", "1.250.000", "--purpose", "ÐÓNG PHÍ", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["amount"] == 1_250_000
    assert json.loads(ok.stdout)["purpose"] == "DONG PHI"
    emoji = _cli(tmp_path, "--amount", "8000", "--purpose", "Lệ phí 🎉")
    assert emoji.returncode == 2 and "purpose" in emoji.stderr and "biểu tượng cảm xúc" in emoji.stderr
