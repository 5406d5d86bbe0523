"""The one commune picker (the forms' address and the sign-up's), driven by the keyboard:
found without diacritics, chosen only by the person, and the wrong part of an address named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.views.common.compound_inputs import AddressInput
from dvc_core import divisions
from dvc_core.catalog import default_catalog
from tests.helpers.gui import type_text

THIEU = [c.name for c in divisions.find_communes("38", "thieu")]


@pytest.fixture
def address(qtbot):
    widget = AddressInput(province="38")
    qtbot.addWidget(widget)
    widget.resize(720, 300)
    widget.show()
    return widget


def shown(picker) -> list[str]:
    return [picker.list.item(i).text() for i in range(picker.list.count())]


def save_screenshot(widget, name: str) -> None:
    folder = os.environ.get("DVC_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def test_typing_without_diacritics_offers_the_communes_and_chooses_nothing(address):
    picker = address.commune
    type_text(picker.edit, "thieu")
    assert len(THIEU) >= 5 and all(name.startswith("Xã Thiệu") for name in THIEU)
    assert picker.list.isVisible() and shown(picker) == THIEU
    assert picker.list.currentRow() == -1  # nothing highlighted, let alone chosen
    assert picker.code() is None
    assert "5" in picker.status.text() and "↓" in picker.status.text()
    assert address.value() == {"province": "38", "commune": None, "detail": "",
                               "commune_name": "thieu"}
    save_screenshot(address, "commune-picker.png")


def test_down_and_enter_choose_the_highlighted_commune(qtbot, address):
    picker = address.commune
    changes = []
    picker.changed.connect(lambda: changes.append(picker.code()))
    type_text(picker.edit, "thieu")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    assert picker.list.currentRow() == 0 and picker.code() is None  # highlighted only
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    assert picker.list.currentItem().text() == THIEU[1]
    qtbot.keyClick(picker.edit, Qt.Key.Key_Up)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    assert picker.code() is None and changes == []
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    chosen = divisions.find_communes("38", THIEU[1])[0]
    assert picker.code() == chosen.code and picker.edit.text() == THIEU[1]
    assert not picker.list.isVisible() and changes == [chosen.code]
    assert address.value() == {"province": "38", "commune": chosen.code, "detail": ""}
    # Typing again un-chooses at once.
    type_text(picker.edit, "x")
    assert picker.code() is None and changes[-1] is None


def test_leaving_the_line_never_picks_for_the_person(qtbot, address):
    picker = address.commune
    type_text(picker.edit, "thieu")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)  # highlighted, not chosen
    address.detail.setFocus()
    picker.edit.editingFinished.emit()
    assert picker.code() is None
    assert "Chưa chọn" in picker.status.text()
    # Enter with nothing highlighted among several matches does not choose either.
    picker.edit.clear()
    type_text(picker.edit, "thieu")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.code() is None
    # A name typed out in full is the person's own choice; so is Enter on the one match.
    picker.edit.clear()
    type_text(picker.edit, "xa thieu hoa")
    picker.edit.editingFinished.emit()
    assert picker.code() == "15772" and picker.edit.text() == "Xã Thiệu Hóa"
    picker.edit.clear()
    type_text(picker.edit, "p hac")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.edit.text() == "Phường Hạc Thành" and picker.code() is not None


def test_no_match_says_so_and_another_province_unchooses(address):
    picker = address.commune
    type_text(picker.edit, "zzz")
    assert not picker.list.isVisible() and "không có xã/phường nào" in picker.status.text().lower()
    assert "tỉnh Thanh Hóa" in picker.status.text()
    address.set_value({"province": "38", "commune": "15772", "detail": "Thôn 1"})
    assert picker.edit.text() == "Xã Thiệu Hóa" and picker.code() == "15772"
    address.province.setCurrentIndex(address.province.findData("01"))
    assert picker.code() is None
    assert address.value()["commune"] is None


def test_the_form_names_the_wrong_part_of_the_address(wizard):
    from tests.gui.test_procedures import choose, example_answers

    procedure = default_catalog().get("1.001193")
    answers = example_answers(procedure)
    choose(wizard, procedure)
    page = next(p for p in wizard.form_pages if "mother.residence" in p.rows)
    for _ in wizard.form_pages:
        for fid, row in wizard.current_page().rows.items():
            if fid in answers:
                row.set_value(answers[fid])
        if wizard.current_page() is page:
            break
        wizard.go_next()
    assert wizard.current_page() is page
    residence = page.rows["mother.residence"]
    residence.input.commune.edit.clear()
    type_text(residence.input.commune.edit, "thieu")
    wizard.go_next()
    assert wizard.current_page() is page
    assert residence.error.isVisible()
    assert "“thieu” khớp với 5 xã/phường thuộc tỉnh Thanh Hóa" in residence.error.text()
    assert "chọn một xã/phường trong danh sách" in page.summary.text()
    residence.input.commune.edit.clear()
    type_text(residence.input.commune.edit, "thieu xyz")
    wizard.go_next()
    assert "không có xã/phường nào tên “thieu xyz”" in residence.error.text()
    if os.environ.get("DVC_SCREENSHOTS"):
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        save_screenshot(residence, "commune-error.png")


def test_the_sign_up_uses_the_same_picker_and_names_the_commune(qtbot):
    from app.views.accounts.account_pages import AddressPage

    page = AddressPage()
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    assert isinstance(page.place, AddressInput)
    assert page.province.currentData() is None  # listed first, not chosen for the person
    assert page.check() == []  # all optional: nothing typed is fine
    page.province.setCurrentIndex(page.province.findData("38"))
    type_text(page.commune.edit, "thieu")
    problems = page.check()
    assert problems and "khớp với 5 xã/phường" in problems[0][1]
    assert page.commune.status.isVisible() and "khớp với 5" in page.commune.status.text()
    qtbot.keyClick(page.commune.edit, Qt.Key.Key_Down)
    qtbot.keyClick(page.commune.edit, Qt.Key.Key_Return)
    assert page.check() == []
    page.detail.set_value("Thôn Đông")
    assert page.value() == f"Thôn Đông, xã {THIEU[0].removeprefix('Xã ')}, tỉnh Thanh Hóa"
    page.set_address("Thôn 1, Xã Thiệu Hóa, Thanh Hóa")  # from an ID card's QR code
    assert page.commune.code() == "15772" and page.value() == (
        "Thôn 1, xã Thiệu Hóa, tỉnh Thanh Hóa")
