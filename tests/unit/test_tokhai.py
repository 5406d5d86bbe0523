"""The Tờ khai drawn from the answers, one generator for every procedure with one: read back
with pdftotext (exact Vietnamese lines), every font embedded, one page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata

import pytest

from app.services.printing import ReceivingUnit
from app.services.tokhai import has_tokhai, render_tokhai, title
from dvc_core.catalog import default_catalog
from dvc_core.rules import validate_dossier

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
WITH_TOKHAI = sorted(p.code for p in default_catalog() if has_tokhai(p))
UNIT = ReceivingUnit("000.38.01.H56", "Xã Thiệu Hóa")


def lines(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [re.sub(r"\s{2,}", "  ", line.strip())
            for line in unicodedata.normalize("NFC", out).splitlines() if line.strip()]


def drawn(tmp_path, code: str, **fields):
    proc = default_catalog().get(code)
    checked = validate_dossier(proc.field_specs, proc.example["applicant"],
                               {**proc.example["fields"], **fields})
    assert checked.ok, checked.errors
    return render_tokhai(proc, checked.applicant, checked.fields, tmp_path / f"{code}.pdf",
                         unit=UNIT, made_on=dt.date(2026, 12, 5))


def test_seven_procedures_have_one_and_certifications_none():
    assert WITH_TOKHAI == ["1.000656", "1.000894", "1.001022", "1.001193", "1.004859",
                           "1.004873", "2.000635"]
    assert title(default_catalog().get("1.004859")) == (
        "TỜ KHAI ĐĂNG KÝ THAY ĐỔI, CẢI CHÍNH, BỔ SUNG THÔNG TIN HỘ TỊCH")


@pytest.mark.parametrize("code", WITH_TOKHAI)
def test_every_tokhai_reads_back_on_one_page_with_fonts_embedded(tmp_path, code):
    out = drawn(tmp_path, code)
    text = lines(out)
    proc = default_catalog().get(code)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     title(proc), "Kính gửi: Ủy ban nhân dân xã Thiệu Hóa",
                     f"Họ, chữ đệm, tên người yêu cầu: {proc.example['applicant']['full_name']}",
                     "Làm tại: Thiệu Hóa, ngày 05 tháng 12 năm 2026"):
        assert expected in " ".join(text), (expected, text)  # a long title wraps
    for section in proc.sections[1:]:
        assert section.title in text, section.title
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(row.split()[-5] == "yes" and "BeVietnamPro" in row for row in fonts)


def test_the_birth_declaration_lines(tmp_path):
    text = lines(drawn(tmp_path, "1.001193"))
    for expected in (
        "Họ, chữ đệm, tên của trẻ: Nguyễn Minh Khang",
        "Ngày, tháng, năm sinh của trẻ: 02/11/2026 (bằng chữ: Ngày hai, tháng mười một,",
        "Giới tính của trẻ: Nam  Dân tộc của trẻ: Kinh",
        "Nơi cư trú của mẹ: Thôn Đông, xã Thiệu Hóa, tỉnh Thanh Hóa",
        "Quan hệ với người được khai sinh: Mẹ",
        "Số định danh cá nhân của cha: ……………",  # optional, not given: left to fill by hand
        "NGƯỜI YÊU CẦU",
        "Lê Thị Hoa",
    ):
        assert any(expected in line for line in text), (expected, text)
    # Father unknown: his lines are not printed.
    text = lines(drawn(tmp_path, "1.001193", **{"father.known": False}))
    assert "Đã xác định được cha: Không" in " ".join(text)
    assert not any("Họ, chữ đệm, tên của cha" in line for line in text)


def test_marriage_is_signed_by_both_parties(tmp_path):
    text = lines(drawn(tmp_path, "1.000894"))
    assert "BÊN NỮ  BÊN NAM" in text
    proc = default_catalog().get("1.000894")
    names = (proc.example["fields"]["party_b.full_name"], proc.example["fields"]["party_a.full_name"])
    assert f"{names[0]}  {names[1]}" in text


def test_the_sandbox_tokhai_is_marked(tmp_path):
    proc = default_catalog().get("2.000635")
    out = render_tokhai(proc, proc.example["applicant"], proc.example["fields"],
                        tmp_path / "t.pdf", unit=ReceivingUnit(training=True))
    raw = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "MÔI TRƯỜNG ĐÀO TẠO" in " ".join(unicodedata.normalize("NFC", raw).split())
    assert "Kính gửi: Ủy ban nhân dân xã ……………" in " ".join(lines(out))
