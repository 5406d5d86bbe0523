"""The one scan widget: a USB scanner types the ID card's QR payload key by key, then Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.views.common.qr_scan import QrScanBox
from tests.helpers.gui import scan

ADDRESS = "Thôn 1, Xã Thiệu Hóa, Thanh Hóa"
CARD_2024 = (f"038224001234|038224009999|Lê Thị Mai|02032024|Nữ|{ADDRESS}|10072024|Lê Văn Nam|"
             "Phạm Thị Hoa|02032039|")


def scanner_types(widget, text: str) -> None:
    widget.setFocus()
    scan(widget.window(), text)


@pytest.fixture
def box(qtbot):
    widget = QrScanBox("applicant.")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize("payload", [
    "]Q1038090123456|038090000777|Nguyễn Văn Ánh|01011990|Nam|" + ADDRESS + "|15042021|",
    "038090123456|Nguyễn Văn Ánh|01011990|Nam|" + ADDRESS + "|15042021",
], ids=["AIM prefix, 12-digit old ID, trailing bar", "six fields"])
def test_a_scanner_fills_the_person(box, qtbot, payload):
    with qtbot.wait_signal(box.scanned) as signal:
        scanner_types(box.edit, payload)
    answers = signal.args[0]
    assert answers["applicant.full_name"] == "Nguyễn Văn Ánh"
    assert answers["applicant.id_number"] == "038090123456"
    assert answers["applicant.address"] == ADDRESS
    assert box.edit.text() == ""  # identity data is not kept in a second place
    assert "Nguyễn Văn Ánh" in box.status.text()


def test_the_2024_card_with_extra_fields(box, qtbot):
    with qtbot.wait_signal(box.scanned) as signal:
        scanner_types(box.edit, CARD_2024)
    assert signal.args[0]["applicant.birth_date"] == "02/03/2024"
    assert signal.args[0]["applicant.sex"] == "nu"


def test_a_scan_that_lost_its_diacritics_is_refused_and_kept(box, qtbot):
    payload = f"038090123456|123456789|Nguy?n V?n A|01011990|Nam|{ADDRESS}|15042021"
    with qtbot.assert_not_emitted(box.scanned):
        scanner_types(box.edit, payload)
    assert box.status.isVisible()
    assert "mất dấu" in box.status.text() and "“Nguy?n”" in box.status.text()
    assert box.edit.text() == payload  # nothing the scanner typed is lost


def test_full_width_digits_are_refused(box, qtbot):
    with qtbot.assert_not_emitted(box.scanned):
        scanner_types(box.edit, "０３８０９０１２３４５６|123456789|Nguyễn Văn A|01011990|Nam|"
                                f"{ADDRESS}|15042021")
    assert "toàn khổ" in box.status.text()


def test_a_huge_paste_gets_a_short_message(box, qtbot):
    with qtbot.assert_not_emitted(box.scanned):
        box.edit.insert("038090123456|" * 8000)  # ~100 kB at once
        QTest.keyClick(box.edit, Qt.Key.Key_Return)
    assert box.status.isVisible() and len(box.status.text()) < 400
    assert "mặt có mã QR" in box.status.text()


def test_a_pasted_payload_with_a_bom_is_read_without_enter(box, qtbot):
    with qtbot.wait_signal(box.scanned):
        box.edit.insert("\ufeff" + CARD_2024)
    assert box.edit.text() == ""


def test_a_scan_into_the_id_number_line_is_taken_over(wizard, qtbot):
    """The officer clicked the ID-number line first: the scan still fills the whole person."""
    wizard.procedure_page.search.setText("1.004873")
    wizard.procedure_page.select_code("1.004873")
    wizard.go_next()
    page = wizard.current_page()
    id_line = page.rows["applicant.id_number"].focus_widget()
    id_line.setFocus()
    with qtbot.wait_signal(page.qr_box.scanned):
        scan(page.window(), "038090123456|123456789|Nguyễn Văn Ánh|01011990|Nam|"
                                 f"{ADDRESS}|15042021")
    assert page.rows["applicant.id_number"].value() == "038090123456"
    assert page.rows["applicant.full_name"].value() == "Nguyễn Văn Ánh"
    assert page.rows["applicant.address"].value() == ADDRESS
    assert wizard.current_page() is page  # the scanner's Enter did not move the wizard on
