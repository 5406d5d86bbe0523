"""The chip ID card's QR payload (CCCD 2021, thẻ căn cước 2024) → the person's fields: the
layouts scanners really send, and the scans that must be refused with a message saying why."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvc_core.rules.cccd_qr import QrError, looks_like_qr, lost_diacritics, parse_cccd_qr

ADDRESS = "Thôn 1, Xã Thiệu Hóa, Thanh Hóa"
SAMPLE = f"038090123456|123456789|Nguyễn Văn A|01011990|Nam|{ADDRESS}|15042021"
CHILD = "038224001234"  # a girl born in 2024: century digit 3, year 24
TODAY = dt.date(2026, 12, 6)

# (payload, old ID, issue date, what else is read)
GOOD = {
    "seven fields": (SAMPLE, "123456789", dt.date(2021, 4, 15), {}),
    "empty old ID": (SAMPLE.replace("|123456789|", "||"), None, dt.date(2021, 4, 15), {}),
    "six fields, no old ID slot": (
        f"038090123456|Nguyễn Văn A|01011990|Nam|{ADDRESS}|15042021", None,
        dt.date(2021, 4, 15), {}),
    "trailing bar": (SAMPLE + "|", "123456789", dt.date(2021, 4, 15), {"extra_fields": ()}),
    "several trailing bars and CRLF": (SAMPLE + "|||\r\n", "123456789", dt.date(2021, 4, 15), {}),
    "UTF-8 BOM": ("\ufeff" + SAMPLE, "123456789", dt.date(2021, 4, 15), {}),
    "AIM prefix": ("]Q1" + SAMPLE, "123456789", dt.date(2021, 4, 15), {}),
    "BOM, AIM prefix and trailing bar": ("\ufeff]Q1" + SAMPLE + "|\n", "123456789",
                                         dt.date(2021, 4, 15), {}),
    "12-digit CMND (2012-2016) in the old-ID slot": (
        SAMPLE.replace("|123456789|", "|038090000777|"), "038090000777", dt.date(2021, 4, 15), {}),
    "no issue date": (SAMPLE.replace("|15042021", "|"), "123456789", None, {}),
    # The 2024 card: the cancelled personal ID in the slot, then the 9-digit CMND, the
    # expiry, the parents (order of the names UNCONFIRMED, in the data file).
    "2024 card with parents, old CMND, expiry": (
        f"{CHILD}|038224009999|Lê Thị Mai|02032024|Nữ|{ADDRESS}|10072024|Lê Văn Nam|"
        "Phạm Thị Hoa|02032039|", "038224009999", dt.date(2024, 7, 10),
        {"father_name": "Lê Văn Nam", "mother_name": "Phạm Thị Hoa",
         "expiry_date": dt.date(2039, 3, 2), "other_ids": ()}),
    "2024 card with unknown extras kept": (
        SAMPLE + "|123456789|Trần Thị Bình|X-17|", "123456789", dt.date(2021, 4, 15),
        {"other_ids": ("123456789",), "father_name": "Trần Thị Bình",
         "extra_fields": ("123456789", "Trần Thị Bình", "X-17")}),
    "UTF-8 read as Windows-1252 (Nguyá»…n)": (
        "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                for b in SAMPLE.encode()), "123456789", dt.date(2021, 4, 15),
        {"full_name": "Nguyễn Văn A"}),
    "decomposed Unicode and blanks": (
        unicodedata.normalize("NFD", "  " + SAMPLE + "\n"), "123456789", dt.date(2021, 4, 15), {}),
    "ethnic-minority name is not taken for lost diacritics": (
        SAMPLE.replace("Nguyễn Văn A", "Ksor H'Hen"), "123456789", dt.date(2021, 4, 15),
        {"full_name": "Ksor H'Hen"}),
}


@pytest.mark.parametrize("payload, old, issue, extra", GOOD.values(), ids=GOOD.keys())
def test_realistic_payloads_are_read(payload, old, issue, extra):
    data = parse_cccd_qr(payload, today=TODAY)
    assert data.old_id_number == old and data.issue_date == issue
    assert data.full_name == extra.get("full_name", data.full_name)
    assert unicodedata.is_normalized("NFC", data.full_name + data.address)
    assert data.address == ADDRESS
    for key, value in extra.items():
        assert getattr(data, key) == value, key
    assert looks_like_qr(payload)


def test_fields_and_answers():
    data = parse_cccd_qr(SAMPLE, today=TODAY)
    assert (data.id_number, data.full_name, data.sex, data.birth_date) == (
        "038090123456", "Nguyễn Văn A", "nam", dt.date(1990, 1, 1))
    answers = data.answers("applicant.")
    assert answers["applicant.birth_date"] == "01/01/1990"
    assert answers["applicant.address"] == ADDRESS and answers["applicant.sex"] == "nam"


BAD = {
    "empty": ("", "empty", "không có dữ liệu"),
    "not a payload": ("hello", "layout", "mặt có mã QR"),
    "too few parts": ("038090123456|Nguyễn Văn A", "layout", "ít nhất 7 phần"),
    "full-width digits": (SAMPLE.replace("038090123456", "０３８０９０１２３４５６"), "fullwidth",
                          "toàn khổ"),
    "full-width date": (SAMPLE.replace("01011990", "０１０１１９９０"), "fullwidth", "toàn khổ"),
    "birth in the future": (SAMPLE.replace("01011990", "01012027"), "birth_future", "sau hôm nay"),
    "issue before birth": (SAMPLE.replace("15042021", "15041985"), "issue_order",
                           "trước ngày sinh"),
    "issue in the future": (SAMPLE.replace("15042021", "15042027"), "issue_future", "sau hôm nay"),
    "question marks for letters": (SAMPLE.replace("Nguyễn Văn A", "Nguy?n V?n A"), "diacritics",
                                   "“Nguy?n”"),
    "replacement characters": (SAMPLE.replace("Nguyễn", "Nguy\ufffdn"), "diacritics", "mất dấu"),
    "letters dropped": (SAMPLE.replace("Nguyễn Văn A", "Nguyn Vn A"), "diacritics", "“Nguyn”"),
    "letters dropped, vowels left": (SAMPLE.replace("Nguyễn Văn A", "Nguyn Minh Tun"),
                                     "diacritics", "“Nguyn”"),
    "all marks stripped": (SAMPLE.replace("Nguyễn Văn A", "Nguyen Van A")
                           .replace(ADDRESS, "Thon 1, Xa Thieu Hoa, Thanh Hoa"), "diacritics",
                           "mất dấu"),
    "sex lost its letter": (SAMPLE.replace("|Nam|", "|N?|"), "diacritics", "mất dấu"),
    "impossible date": (SAMPLE.replace("01011990", "31021990"), "date", "không phải ngày"),
    "sex not Nam/Nữ": (SAMPLE.replace("|Nam|", "|Khác|"), "sex", "Nam hoặc Nữ"),
    "11-digit ID": (SAMPLE.replace("038090123456", "38090123456"), "id_number", "12 chữ số"),
    "5-digit old ID": (SAMPLE.replace("123456789", "12345"), "old_id", "9 hoặc 12"),
    "blank name": (SAMPLE.replace("Nguyễn Văn A", " "), "name", "thiếu họ tên"),
}


@pytest.mark.parametrize("payload, code, words", BAD.values(), ids=BAD.keys())
def test_bad_scans_are_refused_saying_why(payload, code, words):
    with pytest.raises(QrError) as caught:
        parse_cccd_qr(payload, today=TODAY)
    error = caught.value
    assert error.code == code
    assert words in error.message, error.message
    assert error.message_en and "mặt trước" not in error.message
    assert unicodedata.is_normalized("NFC", error.message)


@pytest.mark.parametrize("payload", [
    "x" * 100_000,
    SAMPLE + "|" + "Nguyễn Văn B" * 9000,
    "0" * 100_000 + "|a|b|c|d|e|f",
    SAMPLE.replace("Nguyễn Văn A", "N?" * 50_000),
])
def test_a_100_kb_input_is_never_echoed(payload):
    with pytest.raises(QrError) as caught:
        parse_cccd_qr(payload, today=TODAY)
    assert len(caught.value.message) < 400 and len(caught.value.message_en) < 400
    assert not looks_like_qr(payload)


@pytest.mark.parametrize("field", ["123456789012345678901234567890123456789", "x" * 500])
def test_a_long_field_is_clipped_in_the_message(field):
    with pytest.raises(QrError) as caught:
        parse_cccd_qr(SAMPLE.replace("038090123456", field), today=TODAY)
    assert "…" in caught.value.message and len(caught.value.message) < 200


def test_lost_diacritics_detection_spares_real_names():
    for name in ("Nguyễn Văn An", "Y Bih Niê", "Ksor H'Hen", "Giàng A Páo", "Quách Thị Lý",
                 "Thạch Sô Phia", "Rmah Đơk"):
        assert lost_diacritics(name, ADDRESS) is None, name
    assert lost_diacritics("Hunh Vn Tm", ADDRESS) is not None


def test_looks_like_qr():
    assert looks_like_qr(SAMPLE)
    assert not looks_like_qr("Nguyễn Văn A")


@given(st.text())
def test_no_input_crashes_the_parser(text):
    try:
        parse_cccd_qr(text)
    except QrError as error:
        assert len(error.message) < 400
