"""The chip CCCD's QR payload → the person's fields."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.identity import QrError, looks_like_qr, parse_cccd_qr

SAMPLE = "038090123456|123456789|Nguyễn Văn A|01011990|Nam|Thôn 1, Xã X, Thanh Hóa|15042021"


def test_seven_fields():
    data = parse_cccd_qr(SAMPLE)
    assert (data.id_number, data.old_id_number, data.full_name, data.sex) == (
        "038090123456", "123456789", "Nguyễn Văn A", "nam")
    assert data.birth_date == dt.date(1990, 1, 1)
    assert data.issue_date == dt.date(2021, 4, 15)
    assert data.address == "Thôn 1, Xã X, Thanh Hóa"
    assert data.answers("applicant.")["applicant.birth_date"] == "01/01/1990"


def test_empty_old_id_and_six_field_variant_and_scanner_noise():
    empty = parse_cccd_qr("038190123456||Lê Thị Bích|05071990|Nữ|Thôn 2, xã Thiệu Hóa, Thanh Hóa|01012022")
    assert empty.old_id_number is None and empty.sex == "nu"
    six = parse_cccd_qr("038190123456|Lê Thị Bích|05071990|Nữ|Thôn 2|01012022\r\n")
    assert six.full_name == "Lê Thị Bích" and six.birth_date == dt.date(1990, 7, 5)
    nfd = parse_cccd_qr(unicodedata.normalize("NFD", "  " + SAMPLE + "\n"))
    assert nfd.full_name == "Nguyễn Văn A"


@pytest.mark.parametrize("text", [
    "", "hello", "038090123456|Nguyễn Văn A", SAMPLE.replace("01011990", "31021990"),
    SAMPLE.replace("Nam", "Khác"), SAMPLE.replace("038090123456", "38090123456"),
    SAMPLE.replace("123456789", "12345"), SAMPLE + "|extra|more",
    SAMPLE.replace("Nguyễn Văn A", " "),
])
def test_not_a_payload(text):
    with pytest.raises(QrError) as caught:
        parse_cccd_qr(text)
    assert caught.value.message and caught.value.message_en


def test_looks_like_qr():
    assert looks_like_qr(SAMPLE)
    assert not looks_like_qr("Nguyễn Văn A")


@given(st.text())
def test_no_input_crashes_the_parser(text):
    try:
        parse_cccd_qr(text)
    except QrError:
        pass
