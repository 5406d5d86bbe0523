"""The printed receipt (Mẫu 01): read back with pdftotext, Vietnamese intact."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from types import SimpleNamespace

import pytest

from app.services.receipts import render_receipt
from dvc_core.catalog import default_catalog

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def test_receipt_reads_back_with_every_diacritic(tmp_path):
    procedure = default_catalog().get("1.001193")
    applicant = dict(procedure.example["applicant"])
    applicant["full_name"] = unicodedata.normalize("NFD", "Lê Thị Hoa")  # decomposed on purpose
    dossier = SimpleNamespace(
        code="000.99.99.H56-261125-0007", local_ref="K7QM-3XPD", applicant=applicant,
        attachments=[SimpleNamespace(component="to_khai", filename="tờ khai.pdf"),
                     SimpleNamespace(component="giay_chung_sinh", filename="chứng sinh.jpg")],
        received_at=dt.datetime(2026, 11, 25, 2, 30, tzinfo=dt.UTC),
        due_at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC), procedure_code="1.001193",
    )
    out = render_receipt(dossier, procedure, tmp_path / "bien-nhan.pdf", unit_name="Xã Thực Hành")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = unicodedata.normalize("NFC", text)
    for expected in ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: 000.99.99.H56-261125-0007",
                     "(Liên 1: Lưu)", "(Liên 2: Giao khách hàng)", "Tiếp nhận hồ sơ của: Lê Thị Hoa",
                     "Nội dung yêu cầu giải quyết: Đăng ký khai sinh", "Giấy chứng sinh",
                     "09 giờ 30 phút, ngày 25 tháng 11 năm 2026", "NGƯỜI TIẾP NHẬN HỒ SƠ",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XÃ THỰC HÀNH"):
        assert expected in text, expected
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", pages, re.M)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "BeVietnamPro-Regular" in fonts and "BeVietnamPro-Bold" in fonts


@pytest.mark.parametrize(("kind", "limit"), [
    ("bo_sung", "Ngay trong ngày tiếp nhận"),
    ("cai_chinh", "03 ngày làm việc; thêm tối đa 03 ngày làm việc nếu cần xác minh"),
])
def test_receipt_prints_the_time_limit_of_the_kind_asked_for(tmp_path, kind, limit):
    procedure = default_catalog().get("1.004859")
    dossier = SimpleNamespace(
        code="000.99.99.H56-261125-0008", local_ref="K7QM-3XPE",
        applicant=dict(procedure.example["applicant"]), attachments=[],
        fields={**procedure.example["fields"], "change.kind": kind},
        received_at=dt.datetime(2026, 11, 25, 2, 30, tzinfo=dt.UTC), due_at=None,
        procedure_code="1.004859")
    out = render_receipt(dossier, procedure, tmp_path / "bien-nhan.pdf", unit_name="Xã Thực Hành")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    assert f"Thời gian giải quyết hồ sơ theo quy định: {limit}" in flat
    assert "Bổ sung thông tin hộ tịch: ngay trong ngày" not in flat
