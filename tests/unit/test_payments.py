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
