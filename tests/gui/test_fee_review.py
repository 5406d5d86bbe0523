"""The check page shows this dossier's fee from the rules: an on-time birth registration is
free ("Miễn lệ phí (đăng ký đúng hạn)"), a late one costs the fee, copies are charged apart."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from dvc_core.fees import today_vn
from tests.helpers.gui import APPLICANT, CHILD, FATHER, MOTHER, choose_birth_registration, fill

SHOTS = os.environ.get("DVC_SCREENSHOT_DIR")


def _born(days_ago: int) -> str:
    return (today_vn() - dt.timedelta(days=days_ago)).strftime("%d/%m/%Y")


def _to_review(wizard, pdf_file: Path, days_ago: int, copies: int) -> str:
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()
    fill(wizard.current_page(), {**CHILD, "child.full_name": "Nguyễn Minh Khang",
                                 "child.birth_date": _born(days_ago)})
    wizard.go_next()
    fill(wizard.current_page(), MOTHER)
    wizard.go_next()
    fill(wizard.current_page(), FATHER)
    wizard.go_next()
    wizard.current_page().rows["copies"].set_value(copies)
    wizard.go_next()
    fill(wizard.current_page(), {"delivery.method": "counter"})
    wizard.go_next()
    assert wizard.current_page() is wizard.attachments_page
    for component in wizard.draft.procedure.components:
        if component.required:
            wizard.on_file_offered(component.id, pdf_file)
    wizard.go_next()
    assert wizard.current_page() is wizard.review_page
    return wizard.review_page.fee.text()


def test_an_on_time_birth_registration_is_free(wizard, pdf_file, tmp_path):
    text = _to_review(wizard, pdf_file, days_ago=14, copies=0)
    assert text.startswith("Miễn lệ phí (đăng ký đúng hạn): đăng ký khai sinh trong 60 ngày "
                           "kể từ ngày sinh (Luật Hộ tịch 2014, Điều 11")
    assert "Không mất lệ phí" in text
    assert "Tổng cộng" not in text and "8.000" not in text
    page = wizard.review_page
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    assert page.fee.isVisible()
    image = wizard.window().grab()
    out = Path(SHOTS) if SHOTS else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    assert image.save(str(out / "review_fee_on_time.png"))
    assert image.width() >= 1000

    wizard.go_next()  # Lưu và gửi hồ sơ
    assert wizard.window().grab().save(str(out / "confirmation_fee_on_time.png"))
    steps = wizard.confirmation_page.next_steps.text()
    assert "Miễn lệ phí (đăng ký đúng hạn)" in steps
    assert "có thể đã thay đổi" not in steps  # nothing to pay: no "amount may be out of date"


@pytest.mark.parametrize(("days_ago", "copies", "lines"), [
    (14, 3, ["Miễn lệ phí (đăng ký đúng hạn)", "Bản sao trích lục: 3 bản × 8.000 đ = 24.000 đ",
             "Tổng cộng: 24.000 đồng"]),
    (61, 0, ["Lệ phí đăng ký khai sinh: 8.000 đ", "Tổng cộng: 8.000 đồng"]),
    (61, 1, ["Lệ phí đăng ký khai sinh: 8.000 đ", "Bản sao trích lục: 1 bản × 8.000 đ = 8.000 đ",
             "Tổng cộng: 16.000 đồng"]),
])
def test_late_registration_and_copies_cost(wizard, pdf_file, tmp_path, days_ago, copies, lines):
    text = _to_review(wizard, pdf_file, days_ago=days_ago, copies=copies)
    if SHOTS:
        page = wizard.review_page
        page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
        wizard.window().grab().save(str(Path(SHOTS) / f"review_fee_{days_ago}_{copies}.png"))
    for line in lines:
        assert line in text
    if days_ago > 60:
        assert "Không thuộc trường hợp miễn lệ phí (đăng ký đúng hạn)" in text
        assert "(nộp ngày thứ 61)" in text
        assert "Mức thu là dữ liệu của tỉnh" in text
