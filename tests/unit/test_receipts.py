"""The printed receipt (Mẫu 01): read back with pdftotext, Vietnamese intact, every font
embedded, the commune named, the chosen way of receiving the result only."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from types import SimpleNamespace

import pytest

from app.services.printing import ReceivingUnit, unit_for
from app.services.receipts import render_receipt
from dvc_core.catalog import default_catalog

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return unicodedata.normalize("NFC", text)


def marks(path) -> int:
    """How many training marks the pages carry (rotated text: read in content order)."""
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(unicodedata.normalize("NFC", raw).split()).count("MÔI TRƯỜNG ĐÀO TẠO")


def pdf_fonts(path) -> list[list[str]]:
    """One row per font of ``pdffonts``: name, …, emb, sub, uni, object id."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [row.split() for row in out.splitlines()[2:] if row.strip()]


def assert_every_font_embedded(path) -> None:
    rows = pdf_fonts(path)
    assert rows, "no font at all"
    for row in rows:
        # name type [type2] encoding emb sub uni object gen: emb is the 5th field from the end
        assert row[-5] == "yes", row
        assert row[0].split("+")[-1].startswith("BeVietnamPro"), row


def dossier(**changes):
    procedure = default_catalog().get("1.001193")
    applicant = dict(procedure.example["applicant"])
    applicant["full_name"] = unicodedata.normalize("NFD", "Lê Thị Hoa")  # decomposed on purpose
    values = dict(
        code="000.99.99.H56-261125-0007", local_ref="K7QM-3XPD", applicant=applicant,
        fields={**procedure.example["fields"], "delivery.method": "post",
                "delivery.address": {"province": "38", "commune": "15772",
                                     "detail": "Thôn Đông"}},
        attachments=[SimpleNamespace(component="to_khai",
                                     filename="Tờ khai (tạo từ thông tin đã khai).pdf"),
                     SimpleNamespace(component="giay_chung_sinh", filename="chứng sinh 1.jpg"),
                     SimpleNamespace(component="giay_chung_sinh", filename="chứng sinh 2.jpg"),
                     SimpleNamespace(component="uy_quyen", filename="ủy quyền.pdf")],
        received_at=dt.datetime(2026, 11, 25, 2, 30, tzinfo=dt.UTC),
        due_at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC), procedure_code="1.001193",
    )
    values.update(changes)
    return SimpleNamespace(**values)


def test_receipt_reads_back_with_every_line_of_the_form(tmp_path):
    procedure = default_catalog().get("1.001193")
    unit = ReceivingUnit("000.38.01.H56", "Xã Thiệu Hóa", "Nguyễn Văn Cán Bộ")
    out = render_receipt(dossier(code="000.38.01.H56-261125-0007"), procedure,
                         tmp_path / "bien-nhan.pdf", unit=unit)
    text = pdf_text(out)
    lines = [re.sub(r"\s{2,}", "  ", line.strip()) for line in text.splitlines()]
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ THIỆU HÓA  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG  Độc lập - Tự do - Hạnh phúc",
        "Thiệu Hóa, ngày 25 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mã hồ sơ: 000.38.01.H56-261125-0007",
        "Đơn vị tiếp nhận: Trung tâm Phục vụ hành chính công xã Thiệu Hóa",
        "Tiếp nhận hồ sơ của: Lê Thị Hoa",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "1. Thành phần hồ sơ nộp gồm:",
        "1.1. Tờ khai đăng ký khai sinh (theo mẫu) — bản điện tử tạo từ thông tin đã khai, số lượng: 01",
        "1.3. Văn bản ủy quyền (nếu nộp thay) — bản sao chứng thực, số lượng: 01",
        "2. Số lượng hồ sơ: 01 (bộ)",
        "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 25 tháng 11 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 25 tháng 11 năm 2026",
        "Vào Sổ theo dõi hồ sơ, Quyển số: …… Số thứ tự: ……",
        "NGƯỜI NỘP HỒ SƠ  NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Thị Hoa  Nguyễn Văn Cán Bộ",
        "Ghi chú:",
    ):
        assert expected in lines, (expected, lines)
    flat = " ".join(" ".join(line.split()) for line in text.splitlines())
    assert ("Giấy chứng sinh (hoặc văn bản của người làm chứng / giấy cam đoan về việc sinh) — "
            "bản chính, số lượng: 02") in flat
    # The kernel's fee rules on the answers and the day it was received (23 days after the
    # birth: on time, so only the copy is charged).
    assert ("6. Phí, lệ phí (nếu có): Miễn lệ phí (đăng ký đúng hạn): đăng ký khai sinh trong "
            "60 ngày kể từ ngày sinh; bản sao: 8.000 đồng (1 bản sao × 8.000 đ)") in flat
    assert ("7. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, gửi đến: Thôn Đông, "
            "xã Thiệu Hóa, tỉnh Thanh Hóa") in flat
    assert ("- Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên; một liên giao cho "
            "tổ chức, cá nhân nộp hồ sơ; một liên chuyển kèm theo hồ sơ và lưu tại Trung tâm Phục "
            "vụ hành chính công xã Thiệu Hóa.") in flat
    assert "(Liên 1: Lưu)" in flat and "(Liên 2: Giao khách hàng)" in flat
    for old in ("BỘ PHẬN TIẾP NHẬN", "Bộ phận Tiếp nhận", "CẤP XÃ", "…, ngày"):
        assert old not in text, old
    assert marks(out) == 0
    assert re.search(r"^Pages:\s+2$", subprocess.run(["pdfinfo", str(out)], capture_output=True,
                                                     text=True).stdout, re.M)
    assert_every_font_embedded(out)


@pytest.mark.parametrize(("chosen", "said"), [
    ("counter", "7. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Thiệu Hóa"),
    ("online", "7. Đăng ký nhận kết quả tại: Trực tuyến: kết quả điện tử gửi vào tài khoản trên "
               "Cổng Dịch vụ công"),
    (None, "7. Đăng ký nhận kết quả tại: ……………"),
])
def test_the_receipt_says_the_chosen_way_only(tmp_path, chosen, said):
    procedure = default_catalog().get("1.001193")
    fields = dict(procedure.example["fields"])
    if chosen:
        fields["delivery.method"] = chosen
    out = render_receipt(dossier(fields=fields), procedure, tmp_path / "r.pdf",
                         unit=ReceivingUnit("000.38.01.H56", "Xã Thiệu Hóa"))
    flat = " ".join(" ".join(line.split()) for line in pdf_text(out).splitlines())
    assert said in flat
    assert "bưu chính công ích, gửi" not in flat


def test_the_sandbox_unit_is_named_and_marked_for_training(tmp_path):
    procedure = default_catalog().get("1.001193")
    unit = unit_for(dossier())  # the sandbox's fictitious code, nobody signed in
    assert unit.training and unit.commune == "Xã Thực Hành (đào tạo)"
    out = render_receipt(dossier(), procedure, tmp_path / "r.pdf", unit=unit)
    text = pdf_text(out)
    assert marks(out) == 2  # on both copies
    assert "ỦY BAN NHÂN DÂN XÃ THỰC HÀNH" in text and "Thực Hành, ngày 25 tháng 11 năm 2026" in text
    assert_every_font_embedded(out)


def test_the_signed_in_officer_names_the_commune_only_for_its_own_dossiers():
    session = SimpleNamespace(commune="000.38.01.H56", commune_name="Phường Hạc Thành",
                              display_name="Trần Thị Mai")
    own = unit_for(dossier(code="000.38.01.H56-261125-0001"), session)
    assert (own.committee, own.place, own.officer, own.training) == (
        "ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH", "Hạc Thành", "Trần Thị Mai", False)
    assert own.centre == "Trung tâm Phục vụ hành chính công phường Hạc Thành"
    other = unit_for(dossier(code="000.38.02.H56-261125-0001"), session)
    assert (other.commune, other.officer) == ("", "")
    assert other.committee == "ỦY BAN NHÂN DÂN XÃ ……………"
    assert ReceivingUnit(commune="Phường 1").place == "Phường 1"  # a number keeps its kind


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
