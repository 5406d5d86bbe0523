"""The one-stop slips drawn from a dossier (no portal): the items of an older supplement
request read from its note, the new date of Mẫu 04, the register's CSV, the commune's bank
account checked with Vietnamese messages naming the setting, the VietQR read back by zbar."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess

import pytest

from app.services import office_forms, register
from app.services.fee_payment import (
    PaymentSettingsError,
    account_from_settings,
    fee_due,
    purpose_for,
    qr_modules,
)
from app.services.office_forms import FormDossier, Step, supplement_items
from app.services.payments import parse_tlv
from app.services.printing import ReceivingUnit
from dvc_core.catalog import default_catalog
from dvc_core.workdays import WorkingCalendar
from tests.unit.test_receipts import assert_every_font_embedded, marks, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

BIRTH = default_catalog().get("1.001193")
ACCOUNT = {"payment_bin": "970415", "payment_account": "113000123456",
           "payment_account_name": "UBND XA THIEU HOA"}
UNIT = ReceivingUnit("000.38.01.H56", "Xã Thiệu Hóa", "Nguyễn Văn Cán Bộ")


def portal_dossier(**changes) -> FormDossier:
    data = {
        "uuid": "6f1c1a52-0000-4000-8000-000000000001", "code": "000.38.01.H56-261125-0007",
        "local_ref": "K7QM-3XPD", "procedure_code": "1.001193",
        "applicant": BIRTH.example["applicant"], "fields": BIRTH.example["fields"],
        "status": 5, "version": 4, "received_at": "2026-11-25T02:30:00+00:00",
        "due_at": "2026-11-25T10:00:00+00:00",
        "history": [
            {"action": "submit", "action_text": "Nộp hồ sơ", "status": 1,
             "status_text": "Mới đăng ký", "by": "Lê Thị Hoa", "at": "2026-11-25T02:30:00+00:00"},
            {"action": "receive", "action_text": "Tiếp nhận hồ sơ", "status": 2,
             "status_text": "Được tiếp nhận", "by": "Nguyễn Văn Cán Bộ",
             "at": "2026-11-25T03:00:00+00:00"},
            {"action": "request_supplement", "action_text": "Yêu cầu bổ sung giấy tờ",
             "status": 5, "status_text": "Yêu cầu bổ sung giấy tờ", "by": "Nguyễn Văn Cán Bộ",
             "at": "2026-11-25T11:00:00+00:00",
             "note": "- Giay chung sinh: bản chụp mờ\n2. uy_quyen — thiếu chữ ký\n"
                     "Xác nhận nơi cư trú của người mẹ"}]}
    data.update(changes)
    return FormDossier.from_portal(data)


def test_an_older_request_note_gives_one_item_a_line_matched_to_components():
    dossier = portal_dossier()
    items = supplement_items(BIRTH, dossier.last("request_supplement"))
    assert [(i.component.id if i.component else None, i.name, i.reason) for i in items] == [
        ("giay_chung_sinh", BIRTH.component("giay_chung_sinh").name, "bản chụp mờ"),
        ("uy_quyen", BIRTH.component("uy_quyen").name, "thiếu chữ ký"),
        (None, "", "Xác nhận nơi cư trú của người mẹ")]
    # The request's own items win over its note.
    step = Step(at=dt.datetime.now(dt.UTC), action="request_supplement", note="x",
                items=(("to_khai", "thiếu ngày sinh của mẹ"),))
    assert [(i.component.id, i.reason) for i in supplement_items(BIRTH, step)] == [
        ("to_khai", "thiếu ngày sinh của mẹ")]


def test_mau02_reads_back_with_the_table_and_every_font_embedded(tmp_path):
    out = office_forms.render_mau02(portal_dossier(), BIRTH, tmp_path / "m02.pdf", unit=UNIT)
    text = pdf_text(out)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for expected in ("Số: ……/HDHS Thiệu Hóa, ngày 25 tháng 11 năm 2026",
                     "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                     "Mã hồ sơ: 000.38.01.H56-261125-0007",
                     "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung sau:"):
        assert expected in lines, (expected, lines)
    assert "Xác nhận nơi cư trú của" in text and "(nội dung khác)" in text
    assert marks(out) == 0
    assert_every_font_embedded(out)
    page = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "419.528 x 595.276 pts" in page  # A5


def test_mau04_new_date_follows_the_working_days_and_training_marks_it(tmp_path):
    calendar = WorkingCalendar()
    friday = dt.date(2026, 12, 4)
    assert office_forms.new_return_date(BIRTH, {}, calendar, friday) == dt.date(2026, 12, 7)
    three = default_catalog().get("1.004873")  # 03 working days
    assert office_forms.new_return_date(three, {}, calendar, friday) == dt.date(2026, 12, 9)
    unit = ReceivingUnit("000.38.01.H56", "Xã Thiệu Hóa", "", True)
    out = office_forms.render_mau04(portal_dossier(), BIRTH, tmp_path / "m04.pdf", unit=unit,
                                    new_date=dt.date(2026, 12, 7), reason="Chờ xác minh.")
    text = " ".join(pdf_text(out).split())
    assert "Kính gửi: " + BIRTH.example["applicant"]["full_name"] in text
    assert ("Ngày 25 tháng 11 năm 2026, Trung tâm Phục vụ hành chính công xã Thiệu Hóa tiếp "
            "nhận giải quyết hồ sơ đề nghị đăng ký khai sinh của Ông/Bà.") in text
    assert "vào ngày 07 tháng 12 năm 2026." in text
    assert marks(out) == 1
    assert_every_font_embedded(out)


def test_mau05_times_each_step_against_the_due_date(tmp_path):
    out = office_forms.render_mau05(portal_dossier(), BIRTH, tmp_path / "m05.pdf", unit=UNIT,
                                    fee_line="8.000 đồng")
    text = " ".join(pdf_text(out, ).split())
    assert "Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 25/11/2026" in text
    assert "Phí, lệ phí: 8.000 đồng" in text
    assert text.count("Đúng hạn") == 2 and "Quá hạn" in text  # 18:00 after a 17:00 due time
    assert_every_font_embedded(out)


def test_the_register_csv_has_the_forms_columns(tmp_path):
    row = register.RegisterRow(
        "u", "000.38.01.H56-261125-0007", "Đăng ký khai sinh", "Lê Thị Hoa",
        "Thôn Đông, 0912345678", "Trực tuyến", dt.datetime(2026, 11, 25, 2, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC), None, "Đang xử lý", 8000)
    out = register.write_csv([row, row], tmp_path / "so.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3 and all(len(r) == 13 for r in rows)
    assert rows[1] == ["1", "000.38.01.H56-261125-0007", "Đăng ký khai sinh", "01",
                       "Lê Thị Hoa", "Thôn Đông, 0912345678", "Trực tuyến", "09:30 25/11/2026",
                       "17:00 25/11/2026", "", "Đang xử lý", "8.000", ""]
    pdf = register.render_mau06([row] * 40, tmp_path / "so.pdf", unit=UNIT,
                                start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
    text = pdf_text(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "Tổng số: 40 hồ sơ." in text
    assert_every_font_embedded(pdf)


@pytest.mark.parametrize(("settings", "problems"), [
    ({"payment_bin": "97041"}, {"payment_bin", "payment_account", "payment_account_name"}),
    ({**ACCOUNT, "payment_account": "113-000 ĐỒNG"}, {"payment_account"}),
    ({**ACCOUNT, "payment_bin": 970415.0}, {"payment_bin"}),
])
def test_bad_bank_settings_are_named_in_vietnamese(settings, problems):
    with pytest.raises(PaymentSettingsError) as caught:
        account_from_settings(settings)
    assert {key for key, _ in caught.value.problems} == problems
    assert all(f"({key})" in message for key, message in caught.value.problems)
    assert account_from_settings({}) is None


def test_the_level4_qr_is_the_kernels_payload_and_zbar_reads_it(tmp_path):
    if shutil.which("zbarimg") is None:
        pytest.skip("zbar-tools missing")
    dossier = portal_dossier()
    due = fee_due(BIRTH, {}, dossier.code, ACCOUNT)
    assert due.total_vnd == BIRTH.quote_fee({}).total_vnd and due.payload
    fields = parse_tlv(due.payload)
    assert parse_tlv(fields["62"])["08"] == "000.38.01.H56-261125-0007"
    assert parse_tlv(parse_tlv(fields["38"])["01"]) == {"00": "970415", "01": "113000123456"}
    out = office_forms.render_fee_notice(dossier, BIRTH, tmp_path / "phi.pdf", unit=UNIT,
                                         due=due)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(out), str(tmp_path / "phi")],
                   check=True)
    read = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "phi-1.png")],
                          capture_output=True, text=True).stdout.split()
    assert read == [due.payload]
    assert_every_font_embedded(out)
    assert len(qr_modules(due.payload)) in range(21, 60, 4)  # a QR version's size
    # A level-3 procedure is paid at the counter: no code.
    marriage = default_catalog().get("1.000894")
    assert fee_due(marriage, marriage.example["fields"], dossier.code, ACCOUNT).payload == ""
    assert purpose_for("000.38.01.H56-261125-0007-X") == "0.38.01.H56-261125-0007-X"
