"""Every one of the nine commune procedures, filled in the wizard from its catalog example
and queued; and the CCCD QR code typed by a scanner fills the person's fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from dvc_core.catalog import default_catalog
from dvc_core.rules import format_date_vi, validate_dossier
from tests.helpers.gui import type_text

CODES = sorted(p.code for p in default_catalog())
QR = "038090123456|123456789|Nguyễn Văn Ánh|01011990|Nam|Thôn 1, Xã Thiệu Hóa, Thanh Hóa|15042021"


def typed(value):
    """An example answer as a person types it: dates dd/mm/yyyy, years as text."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return format_date_vi(value)
    return value


def example_answers(procedure) -> dict:
    answers = {f"applicant.{k}": typed(v) for k, v in procedure.example["applicant"].items()}
    answers.update({k: typed(v) for k, v in procedure.example["fields"].items()})
    # How the result is received: not in the catalog's examples; the counter is always offered.
    answers["delivery.method"] = "counter"
    return answers


def choose(wizard, procedure) -> None:
    wizard.procedure_page.search.setText(procedure.code)
    wizard.procedure_page.select_code(procedure.code)
    wizard.go_next()
    assert wizard.draft.procedure.code == procedure.code


def press(widget, key, text=""):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


@pytest.mark.parametrize("code", CODES)
def test_fill_every_procedure_from_its_example_and_queue_it(code, wizard, services, pdf_file):
    procedure = default_catalog().get(code)
    answers = example_answers(procedure)
    choose(wizard, procedure)
    for page in wizard.form_pages:
        assert wizard.current_page() is page
        for fid, row in page.rows.items():
            if fid in answers:
                row.set_value(answers[fid])
        wizard.go_next()
        assert not page.summary.isVisible(), page.summary.text()
    assert wizard.current_page() is wizard.attachments_page
    for component in procedure.components:
        if component.required:
            wizard.on_file_offered(component.id, pdf_file)
    wizard.go_next()
    assert wizard.current_page() is wizard.review_page
    review = wizard.review_page.block_text()
    assert procedure.example["applicant"]["full_name"] in review
    wizard.go_next()  # Lưu và gửi hồ sơ
    assert wizard.current_page() is wizard.confirmation_page
    dossier = services.queue.get(wizard.draft.dossier_id)
    assert dossier.state == "queued" and dossier.procedure_code == code
    if code == "1.004859":  # the example asks for a cải chính: 3 working days, not same-day
        steps = wizard.confirmation_page.next_steps.text()
        assert "03 ngày làm việc; thêm tối đa 03 ngày làm việc nếu cần xác minh." in steps
        assert "Bổ sung thông tin hộ tịch: ngay trong ngày" not in steps
    if code == "2.000815":  # 3 copies of 1 page, 2 copies of 4 pages
        assert "18.000 đồng cho hồ sơ này" in wizard.confirmation_page.next_steps.text()
    expected = validate_dossier(procedure.field_specs, procedure.example["applicant"],
                                procedure.example["fields"])
    assert dossier.fields == {**expected.fields, "delivery.method": "counter"}
    assert dossier.applicant == expected.applicant


def test_scanner_types_the_qr_code_into_the_applicant_page(wizard):
    choose(wizard, default_catalog().get("1.004873"))
    page = wizard.current_page()
    assert page.qr_box is not None
    # The person is not filled in yet: the scanner's keys go to the QR box without a click.
    assert QApplication.focusWidget() is page.qr_box.edit
    type_text(page.qr_box.edit, QR)  # one QKeyEvent per character, Vietnamese included
    assert page.rows["applicant.full_name"].value() is None  # nothing until Enter
    press(page.qr_box.edit, Qt.Key.Key_Return, "\r")
    assert page.rows["applicant.full_name"].value() == "Nguyễn Văn Ánh"
    assert page.rows["applicant.id_number"].value() == "038090123456"
    assert page.rows["applicant.birth_date"].value() == "01/01/1990"
    assert page.rows["applicant.sex"].value() == "nam"
    assert page.rows["applicant.address"].value() == "Thôn 1, Xã Thiệu Hóa, Thanh Hóa"
    assert page.qr_box.edit.text() == ""
    assert "Nguyễn Văn Ánh" in page.qr_box.status.text()


def test_pasted_qr_fills_a_parent_with_an_address_picker(wizard):
    choose(wizard, default_catalog().get("1.001022"))
    wizard.go_to(3)
    page = wizard.current_page()
    assert page.qr_box.prefix == "parent."
    page.qr_box.edit.insert(QR)  # a paste: the whole text at once
    assert page.rows["parent.full_name"].value() == "Nguyễn Văn Ánh"
    assert page.rows["parent.residence"].value() == {
        "province": "38", "commune": "15772", "detail": "Thôn 1"}


def test_a_bad_scan_says_what_is_wrong(wizard):
    choose(wizard, default_catalog().get("1.004873"))
    box = wizard.current_page().qr_box
    type_text(box.edit, "038090123456|abc")
    press(box.edit, Qt.Key.Key_Return, "\r")
    assert "không phải mã QR" in box.status.text()
    assert wizard.current_page().rows["applicant.full_name"].value() is None


def test_group_rows_add_remove_and_fee_pages(wizard):
    choose(wizard, default_catalog().get("2.000815"))
    wizard.go_to(2)
    group = wizard.current_page().rows["documents"].input
    assert len(group.entries) == 1
    group.add_button.click()
    assert len(group.entries) == 2
    group.set_value([{"name": "Giấy khai sinh", "pages": 3, "copies": 2}])
    assert group.value() == [{"name": "Giấy khai sinh", "pages": 3, "copies": 2}]
    wizard.go_next()
    assert wizard.current_page().page_id == "delivery"
    # Chứng thực bản sao: at the counter or by post; no electronic result at level 3.
    assert [v for v, _ in wizard.current_page().rows["delivery.method"].spec.choices] == [
        "counter", "post"]


def test_date_in_words_beside_the_date(wizard):
    choose(wizard, default_catalog().get("1.001193"))
    wizard.go_to(2)
    row = wizard.current_page().rows["child.birth_date"]
    row.set_value("02/11/2026")
    assert row.words.text() == "Bằng chữ: Ngày hai, tháng mười một, năm hai nghìn không trăm hai mươi sáu"
