"""Walking the filing wizard the way a person does, with the real queue underneath."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton

from app.views.common.fields import FieldRow
from app.views.filing.attachments_page import FileDialog
from tests.helpers.gui import (
    APPLICANT,
    CHILD,
    MOTHER,
    choose_birth_registration,
    fill,
    fill_to_attachments,
    type_text,
    vi_date,
)

QUEUED_TEXT = "Đã lưu trên máy – chờ gửi"


def test_whole_walk_queues_the_dossier(window, wizard, services, pdf_file, png_file, qtbot,
                                       monkeypatch):
    assert wizard.next_button.text() == "Tiếp tục"
    choose_birth_registration(wizard)
    assert wizard.current_page().title == "Người yêu cầu"
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()

    child_page = wizard.current_page()
    assert child_page.title == "Người được khai sinh"
    name_edit = child_page.rows["child.full_name"].input
    type_text(name_edit, "Nguyễn Minh Khang")
    assert name_edit.text() == "Nguyễn Minh Khang"
    fill(child_page, {**CHILD, "child.birth_date": vi_date(3)})
    # Defaults from the catalog are already there.
    assert child_page.rows["child.ethnicity"].value() == "Kinh"
    assert child_page.rows["child.nationality"].value() == "Việt Nam"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    fill(wizard.current_page(), MOTHER)
    wizard.go_next()
    fill(wizard.current_page(), {"father.known": True, "father.full_name": "Nguyễn Văn Bình",
                                 "father.birth_year": "1993",
                                 "father.residence": "Thôn Đông, xã Thiệu Hóa, tỉnh Thanh Hóa"})
    wizard.go_next()
    wizard.current_page().rows["copies"].set_value(2)
    wizard.go_next()

    # How the result is received: the procedure's ways, nothing pre-selected, a choice needed.
    receiving = wizard.current_page()
    assert receiving.page_id == "delivery" and receiving.title == "Nhận kết quả"
    method = receiving.rows["delivery.method"]
    assert method.value() is None
    assert [b.text() for b in method.input.findChildren(QRadioButton)] == [
        "Nhận trực tiếp tại Trung tâm Phục vụ hành chính công",
        "Nhận qua dịch vụ bưu chính công ích (gửi đến địa chỉ)",
        "Nhận kết quả điện tử (trực tuyến)"]
    assert not receiving.rows["delivery.address"].isVisibleTo(receiving)
    wizard.go_next()
    assert wizard.current_page() is receiving
    assert "Hình thức nhận kết quả: chưa chọn" in receiving.summary.text()
    method.set_value("post")
    assert receiving.rows["delivery.address"].isVisibleTo(receiving)
    # The requester's address is offered as the postal address (Thực Hành is no real commune,
    # so the person picks the commune).
    receiving.rows["delivery.address"].set_value(
        {"province": "38", "commune": "15772", "detail": "Thôn Đông"})
    wizard.go_next()

    page = wizard.attachments_page
    assert wizard.current_page() is page
    answers = iter([pdf_file, png_file])
    monkeypatch.setattr(FileDialog, "ask", classmethod(lambda cls, *a: next(answers)))
    page.rows["to_khai"].choose.click()
    page.rows["giay_chung_sinh"].choose.click()
    assert set(wizard.draft.files) == {"to_khai", "giay_chung_sinh"}
    assert "to_khai.pdf" in page.rows["to_khai"].file_text()
    wizard.go_next()

    assert wizard.current_page() is wizard.review_page
    review = wizard.review_page.block_text()
    assert "Nguyễn Minh Khang" in review and "Nguyễn Văn Bình" in review
    assert "giay_chung_sinh.png" in review
    assert wizard.next_button.text() == "Lưu và gửi hồ sơ"
    with qtbot.waitSignal(wizard.submitted) as blocker:
        wizard.next_button.click()

    dossier_id = blocker.args[0]
    confirmation = wizard.confirmation_page
    assert wizard.current_page() is confirmation
    assert confirmation.reference.text() == wizard.draft.local_ref
    assert QUEUED_TEXT in confirmation.state.text()
    assert "Mã tham chiếu trên máy" in [w.text() for w in confirmation.findChildren(
        type(confirmation.reference))]
    # Born 3 days ago: the registration is free, the 2 copies are not.
    assert "Miễn lệ phí (đăng ký đúng hạn)" in confirmation.next_steps.text()
    assert "16.000 đồng (2 bản sao × 8.000 đ)" in confirmation.next_steps.text()
    steps = confirmation.next_steps.text()
    assert "Qua dịch vụ bưu chính công ích, gửi đến: Thôn Đông" in steps
    assert "trực tiếp" not in steps and "Trực tuyến" not in steps  # the chosen way only

    stored = services.queue.get(dossier_id)
    assert stored is not None and stored.state == "queued"
    assert stored.local_ref == wizard.draft.local_ref
    assert stored.fields["child.full_name"] == "Nguyễn Minh Khang"
    assert stored.fields["copies"] == 2
    assert stored.fields["delivery.method"] == "post"
    assert stored.fields["delivery.address"]["detail"] == "Thôn Đông"
    assert stored.applicant["birth_date"] == "1995-04-12"
    assert {a.component for a in stored.attachments} == {"to_khai", "giay_chung_sinh"}
    # The list shows it too.
    assert window.model.rowCount() == 1
    assert window.model.row_at(0).state_text == QUEUED_TEXT
    assert window.sync_indicator.pending.text() == "Chờ gửi: 1"


def test_new_dossier_starts_clean(wizard, pdf_file, png_file):
    fill_to_attachments(wizard)
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.on_file_offered("giay_chung_sinh", png_file)
    wizard.go_next()
    wizard.go_next()
    assert wizard.current_page() is wizard.confirmation_page
    wizard.new_button.click()
    assert wizard.index == 0
    assert wizard.draft.answers == {} and wizard.draft.files == {}
    choose_birth_registration(wizard)
    assert wizard.current_page().rows["applicant.full_name"].value() is None
    assert wizard.current_page().rows["requester.relationship"].value() is None


def test_required_field_empty_names_it_and_does_not_advance(wizard):
    choose_birth_registration(wizard)
    page = wizard.current_page()
    fill(page, {k: v for k, v in APPLICANT.items() if k != "applicant.phone"})
    wizard.go_next()
    assert wizard.current_page() is page
    assert page.summary.isVisible()
    assert page.summary.title.text() == "Có lỗi cần sửa"
    summary = page.summary.text()
    assert "Số điện thoại của người yêu cầu: chưa nhập" in summary
    assert len(page.summary.messages) == 1
    row = page.rows["applicant.phone"]
    assert row.error.isVisible() and "chưa nhập" in row.error.text()
    assert QApplication.focusWidget() is row.input


def test_malformed_and_future_dates(wizard):
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()
    page = wizard.current_page()
    fill(page, {**CHILD, "child.full_name": "Nguyễn Minh Khang", "child.birth_date": "31/02/2024"})
    wizard.go_next()
    assert wizard.current_page() is page
    assert "Ngày, tháng, năm sinh của trẻ: ngày không hợp lệ" in page.summary.text()
    page.rows["child.birth_date"].set_value("01/01/2999")
    wizard.go_next()
    assert wizard.current_page() is page
    assert "không được là ngày trong tương lai" in page.summary.text()
    page.rows["child.birth_date"].set_value(vi_date(1))
    wizard.go_next()
    assert wizard.current_page() is not page
    assert not page.summary.isVisible()


def test_cross_field_rule_mother_birth_year(wizard):
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()
    fill(wizard.current_page(), {**CHILD, "child.full_name": "Nguyễn Minh Khang",
                                 "child.birth_date": vi_date(5)})
    wizard.go_next()
    page = wizard.current_page()
    fill(page, {**MOTHER, "mother.birth_year": str(dt.date.today().year - 5)})
    wizard.go_next()
    assert wizard.current_page() is page
    assert "năm sinh của mẹ phải trước năm sinh của con" in page.summary.text()


def test_renamed_and_empty_files_are_refused(wizard, tmp_path, pdf_file):
    fill_to_attachments(wizard)
    page = wizard.attachments_page
    fake = tmp_path / "giay_chung_sinh.pdf"
    fake.write_text("đây là văn bản, không phải PDF", encoding="utf-8")
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")

    wizard.on_file_offered("giay_chung_sinh", fake)
    row = page.rows["giay_chung_sinh"]
    assert "giay_chung_sinh" not in wizard.draft.files
    assert row.error.isVisible()
    assert "không phải PDF, JPEG hay PNG" in row.error.text()

    wizard.on_file_offered("to_khai", empty)
    assert "to_khai" not in wizard.draft.files
    assert "rỗng" in page.rows["to_khai"].error.text()

    wizard.go_next()
    assert wizard.current_page() is page
    assert "chưa đính kèm tệp" in page.summary.text()

    wizard.on_file_offered("to_khai", pdf_file)
    assert not page.rows["to_khai"].error.isVisible()
    page.rows["to_khai"].remove.click()
    assert "to_khai" not in wizard.draft.files


def test_drop_a_file_on_a_row(wizard, png_file, qtbot):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    fill_to_attachments(wizard)
    row = wizard.attachments_page.rows["giay_chung_sinh"]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png_file))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    row.dropEvent(event)
    assert wizard.draft.files["giay_chung_sinh"][0].path == Path(png_file)


def test_back_keeps_answers(wizard):
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()
    child = wizard.current_page()
    type_text(child.rows["child.full_name"].input, "Trần Thị Ánh")
    wizard.back_button.click()
    assert wizard.current_page().rows["applicant.full_name"].value() == "Lê Thị Hoa"
    assert wizard.current_page().rows["applicant.sex"].value() == "nu"
    wizard.go_next()
    assert wizard.current_page() is child
    assert child.rows["child.full_name"].value() == "Trần Thị Ánh"
    # Back to the procedure page and forward again with the same procedure keeps everything.
    wizard.go_back()
    wizard.go_back()
    assert wizard.index == 0
    wizard.go_next()
    assert wizard.current_page().rows["applicant.phone"].value() == "0912345678"


def test_father_unknown_hides_father_fields(wizard, pdf_file, png_file, services):
    fill_to_attachments(wizard, father_known=True)
    father = next(p for p in wizard.form_pages if p.title == "Cha")
    wizard.go_to(wizard.pages.index(father))
    assert father.rows["father.full_name"].isVisible()
    father.rows["father.known"].set_value(False)
    assert not father.rows["father.full_name"].isVisible()
    assert not father.rows["father.birth_year"].isVisible()
    assert father.active_ids() == ["father.known"]
    # Clearing the hidden required fields does not block the page.
    father.rows["father.full_name"].set_value(None)
    father.rows["father.birth_year"].set_value(None)
    wizard.go_next()
    assert not father.summary.isVisible()
    wizard.go_next()
    wizard.go_next()  # the way the result is received was chosen before
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.on_file_offered("giay_chung_sinh", png_file)
    wizard.go_next()
    review = wizard.review_page.block_text()
    assert "Họ, chữ đệm, tên của cha" not in review
    wizard.go_next()
    stored = services.queue.get(wizard.draft.dossier_id)
    assert stored.fields["father.known"] is False
    assert not any(k.startswith("father.") and k != "father.known" for k in stored.fields)


def test_change_link_goes_to_the_page_and_returns(wizard, pdf_file, png_file):
    fill_to_attachments(wizard)
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.on_file_offered("giay_chung_sinh", png_file)
    wizard.go_next()
    review = wizard.review_page
    assert wizard.current_page() is review
    mother = next(p for p in wizard.form_pages if p.title == "Mẹ")
    button = review.change_buttons[wizard.pages.index(mother)]
    assert button.text() == "Sửa"
    button.click()
    assert wizard.current_page() is mother
    assert wizard.next_button.text() == "Về trang kiểm tra"
    type_text(mother.rows["mother.residence"].input.detail, " (mới)")
    wizard.go_next()
    assert wizard.current_page() is wizard.review_page
    assert "Thôn Đông (mới), xã Thiệu Hóa, tỉnh Thanh Hóa" in wizard.review_page.block_text()


def test_enqueue_errors_are_shown_on_their_page(wizard, pdf_file, png_file, services,
                                                monkeypatch):
    from dvc_core.rules import FieldError, ValidationFailed

    fill_to_attachments(wizard)
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.on_file_offered("giay_chung_sinh", png_file)
    wizard.go_next()

    def refuse(*_args, **_kwargs):
        raise ValidationFailed([FieldError("child.hometown", "Quê quán của trẻ", "required")])

    monkeypatch.setattr(services.queue, "enqueue", refuse)
    wizard.go_next()
    page = wizard.current_page()
    assert page.title == "Người được khai sinh"
    assert "Quê quán của trẻ: chưa nhập" in page.summary.text()
    assert page.rows["child.hometown"].error.isVisible()


def test_no_procedure_found(wizard):
    wizard.procedure_page.search.setText("zzzz không có")
    wizard.go_next()
    assert wizard.index == 0
    assert "Hãy chọn một thủ tục" in wizard.procedure_page.summary.text()


def test_accent_insensitive_search(wizard):
    wizard.procedure_page.search.setText("dang ky khai sinh")
    assert wizard.procedure_page.results.count() == 1
    assert wizard.procedure_page.selected() is None  # found, not chosen for the person
    wizard.procedure_page.on_search_return()  # Enter takes the only one found
    assert wizard.draft.procedure.code == "1.001193"


def test_field_row_kinds(qtbot):
    from dvc_core.rules import FieldSpec

    yes_no = FieldRow(FieldSpec("x.known", "Biết", "yes_no", True, default=True))
    qtbot.addWidget(yes_no)
    assert yes_no.value() is None  # a default never answers a question for the person
    yes_no.set_value(True)
    assert yes_no.value() is True and yes_no.display_value() == "Có"
    yes_no.set_value(None)
    assert yes_no.value() is None
    number = FieldRow(FieldSpec("n", "Số", "number", min=0, max=10, default=3))
    qtbot.addWidget(number)
    assert number.value() == 3
    optional = FieldRow(FieldSpec("e", "Thư điện tử", "email"))
    qtbot.addWidget(optional)
    assert optional.label.text() == "Thư điện tử (không bắt buộc)"


def test_by_post_the_address_starts_from_the_requesters(wizard):
    choose_birth_registration(wizard)
    fill(wizard.current_page(), {**APPLICANT,
                                 "applicant.address": "Thôn Đông, xã Thiệu Hóa, tỉnh Thanh Hóa"})
    wizard.go_next()
    fill(wizard.current_page(), {**CHILD, "child.full_name": "Nguyễn Minh Khang",
                                 "child.birth_date": vi_date(10)})
    wizard.go_next()
    fill(wizard.current_page(), MOTHER)
    wizard.go_next()
    fill(wizard.current_page(), {"father.known": False})
    wizard.go_next()
    wizard.go_next()
    page = wizard.current_page()
    assert page.page_id == "delivery"
    page.rows["delivery.method"].set_value("post")
    assert page.rows["delivery.address"].value() == {
        "province": "38", "commune": "15772", "detail": "Thôn Đông"}
    wizard.go_next()
    assert wizard.current_page() is wizard.attachments_page
    assert wizard.draft.document()[1]["delivery.address"]["commune"] == "15772"
    wizard.go_next()  # the Tờ khai is made from the answers; only the certificate is missing
    assert wizard.current_page() is wizard.attachments_page
    summary = wizard.attachments_page.summary.text()
    assert "Giấy chứng sinh" in summary and "Tờ khai" not in summary
