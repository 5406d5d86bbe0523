"""The one-stop slips (TT 01/2018 Mẫu 02–06) and the level-4 fee, against the real portal on
loopback: printed by ``dvc form`` from the portal's dossier and history, read back with
pdftotext (exact Vietnamese lines), pdffonts (every font embedded) and zbarimg (the VietQR is
the kernel's payload); the register as CSV; the fee recorded through the outbox (6 → 4)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import unicodedata

import pytest

from app.config import load_settings, save_settings
from app.services.fee_payment import fee_due, record_fee_paid
from app.services.payments import parse_tlv
from dvc_core.catalog import default_catalog
from dvc_core.vntime import vn_today
from tests.e2e.test_cli import dvc
from tests.helpers.e2e import account

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

ACCOUNT = {"payment_bin": "970415", "payment_account": "113000123456",
           "payment_account_name": "UBND XA THUC HANH", "payment_bank": "VietinBank"}


def lines_of(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [re.sub(r"\s{2,}", "  ", line.strip())
            for line in unicodedata.normalize("NFC", text).splitlines()]


def raw_text(path) -> str:
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFC", text).split())


def assert_fonts_embedded(path) -> None:
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row
        assert row.split()[0].split("+")[-1].startswith("BeVietnamPro"), row


def decoded_qr(pdf, tmp_path) -> list[str]:
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(prefix)], check=True)
    found = []
    for png in sorted(tmp_path.glob(f"{pdf.stem}*.png")):
        out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                             text=True)
        found += [line for line in out.stdout.splitlines() if line]
    return found


@pytest.fixture
def officer_desk(live_portal, make_services, tmp_path):
    """An officer signed in at the desk (dvc and the services share the data folder), with one
    level-4 birth registration filed late (so its fee is owed) and submitted."""
    data_dir = tmp_path / "app"
    officer = account(live_portal, "officer")
    login = dvc("login", "--username", officer["username"], "--password-stdin", "--server",
                live_portal.url, data_dir=data_dir, stdin=officer["password"] + "\n")
    assert login.returncode == 0, login.stderr
    services = make_services(live_portal.url, data_dir)
    services.login(officer["username"], officer["password"])
    procedure = default_catalog().get("1.001193")
    example = procedure.example
    fields = dict(example["fields"])
    fields["child.birth_date"] = vn_today().replace(year=vn_today().year - 1).isoformat()
    return services, data_dir, fields


def kernel_fee(fields):
    return fee_due(default_catalog().get("1.001193"), fields, None, {})


def _submitted(services, fields, attachments):
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], fields, attachments)
    assert [s.id for s in services.sync_engine().run_once().sent] == [queued.id]
    return queued.id, services.queue.get(queued.id).code


def _act(services, dossier_id, action, note=None):
    services.queue.queue_officer_action(dossier_id, action, note)
    report = services.sync_engine().run_once()
    assert [s.action for s in report.sent] == [action], report
    return services.queue.get(dossier_id)


def test_the_supplement_slip_lists_every_item_with_its_reason(officer_desk, attachments,
                                                              tmp_path, live_portal):
    services, data_dir, fields = officer_desk
    dossier_id, code = _submitted(services, fields, attachments)
    _act(services, dossier_id, "receive")
    # Every item at once, each with its reason (the request's items on the wire).
    services.officer_actions.act(dossier_id, "request_supplement", items=[
        {"component": "giay_chung_sinh",
         "reason": "bản chụp mờ, không đọc được tên người mẹ"},
        {"component": "uy_quyen", "reason": "thiếu chữ ký của người ủy quyền"}])
    assert [s.action for s in services.sync_engine().run_once().sent] == ["request_supplement"]
    server = ["--server", live_portal.url]
    out = tmp_path / "mau02.pdf"
    printed = dvc("form", "mau02", code, "--out", str(out), "--json", *server, data_dir=data_dir)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["officer"] == "Nguyễn Văn Cán Bộ"
    lines = lines_of(out)
    for expected in ("ỦY BAN NHÂN DÂN XÃ THỰC HÀNH  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG  Độc lập - Tự do - Hạnh phúc",
                     "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                     f"Mã hồ sơ: {code}",
                     "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
                     "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung sau:",
                     "NGƯỜI HƯỚNG DẪN"):
        assert expected in lines, (expected, lines)
    assert any(re.fullmatch(r"Số: ……/HDHS  Thực Hành, ngày \d\d tháng \d\d năm 20\d\d", line)
               for line in lines), lines
    text = raw_text(out)
    for expected in ("bản chụp mờ, không đọc được tên người mẹ",
                     "thiếu chữ ký của người ủy quyền",
                     "Bản chính", "Bản chứng thực", "Bản photo"):
        assert expected in text, expected
    # Three numbered rows, the components by their catalog names.
    assert re.search(r"1 Giấy chứng sinh .* 01 bản chụp mờ", text), text
    assert re.search(r"2 Văn bản ủy quyền .* 01 thiếu chữ ký", text), text
    assert text.count("MÔI TRƯỜNG ĐÀO TẠO") == 1  # the sandbox's fictitious commune
    assert_fonts_embedded(out)

    # The control slip: every step of the history, who took it.
    out5 = tmp_path / "mau05.pdf"
    printed = dvc("form", "mau05", code, "--out", str(out5), *server, data_dir=data_dir)
    assert printed.returncode == 0, printed.stderr
    text5 = raw_text(out5)
    for expected in ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Nộp hồ sơ",
                     "Tiếp nhận hồ sơ", "Yêu cầu bổ sung giấy tờ", "Nguyễn Văn Cán Bộ",
                     f"Phí, lệ phí: {kernel_fee(fields).label}"):
        assert expected in text5, expected
    assert_fonts_embedded(out5)


def test_refusal_apology_and_register(officer_desk, attachments, tmp_path, live_portal):
    services, data_dir, fields = officer_desk
    refused_id, refused = _submitted(services, fields, attachments)
    _act(services, refused_id, "refuse", "Hồ sơ không thuộc thẩm quyền của xã.")
    late_id, late = _submitted(services, fields, attachments)
    server = ["--server", live_portal.url]

    out3 = tmp_path / "mau03.pdf"
    assert dvc("form", "mau03", refused, "--out", str(out3), *server,
               data_dir=data_dir).returncode == 0
    lines = lines_of(out3)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in lines
    assert "- Hồ sơ không thuộc thẩm quyền của xã." in lines
    assert f"Mã hồ sơ: {refused}" in lines
    assert_fonts_embedded(out3)

    out4 = tmp_path / "mau04.pdf"
    made = dvc("form", "mau04", late, "--new-date", "2026-12-30", "--reason",
               "Cần xác minh nơi sinh.", "--out", str(out4), *server, data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    text4 = raw_text(out4)
    for expected in ("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
                     "Kính gửi: " + default_catalog().get("1.001193").example["applicant"][
                         "full_name"],
                     "Lý do: Cần xác minh nơi sinh.",
                     "vào ngày 30 tháng 12 năm 2026"):
        assert expected in text4, expected
    assert_fonts_embedded(out4)
    bad = dvc("form", "mau04", late, "--new-date", "30/12/2026", "--out", str(out4), *server,
              data_dir=data_dir)
    assert bad.returncode == 2 and "--new-date" in bad.stderr and "YYYY-MM-DD" in bad.stderr

    # Mẫu 06: both dossiers of today, as CSV and on A4 landscape.
    today = vn_today().isoformat()
    csv_out = tmp_path / "so.csv"
    made = dvc("form", "mau06", "--from", today, "--to", today, "--out", str(csv_out), "--json",
               *server, data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["count"] == 2
    with csv_out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["TT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)",
                       "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại", "Hình thức nộp",
                       "Nhận hồ sơ", "Hẹn trả kết quả", "Trả kết quả", "Tình trạng",
                       "Phí, lệ phí (đồng)", "Ghi chú"]
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert {r[1] for r in rows[1:]} == {refused, late}
    assert all(len(r) == 13 and r[2] == "Đăng ký khai sinh" and r[11] == "16.000"
               for r in rows[1:])
    assert {r[10] for r in rows[1:]} == {"Không được tiếp nhận", "Mới đăng ký"}
    pdf_out = tmp_path / "so.pdf"
    assert dvc("form", "mau06", "--from", today, "--to", today, "--out", str(pdf_out), *server,
               data_dir=data_dir).returncode == 0
    size = subprocess.run(["pdfinfo", str(pdf_out)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Page size:\s+841\.89 x 595\.276 pts", size), size  # A4 landscape
    text6 = raw_text(pdf_out)
    assert "SỔ THEO DÕI HỒ SƠ" in text6 and refused in text6 and late in text6
    assert "Tổng số: 2 hồ sơ." in text6
    assert_fonts_embedded(pdf_out)

    for args, named in ((["--from", "2026-12-31", "--to", "2026-12-01"], "--from"),
                        (["--from", "2026-12-01"], "--to"),
                        (["--from", "hôm qua", "--to", "2026-12-01"], "--from"),
                        (["KHONG-CO", "--from", today, "--to", today], "mau06")):
        bad = dvc("form", "mau06", *args, "--out", str(csv_out), *server, data_dir=data_dir)
        assert bad.returncode == 2 and named in bad.stderr, (args, bad.stderr)
    wrong = dvc("form", "mau06", "--from", today, "--to", today, "--out",
                str(tmp_path / "so.txt"), *server, data_dir=data_dir)
    assert wrong.returncode == 2 and "--out" in wrong.stderr and ".csv" in wrong.stderr


def test_level4_fee_vietqr_printed_and_recorded_paid_through_the_outbox(
        officer_desk, attachments, tmp_path, live_portal):
    services, data_dir, fields = officer_desk
    settings = load_settings(data_dir)
    save_settings(data_dir, {**settings, **ACCOUNT})
    dossier_id, code = _submitted(services, fields, attachments)
    for action in ("receive", "start", "fee_required"):
        local = _act(services, dossier_id, action)
    assert local.status == 6
    server = ["--server", live_portal.url]

    out = tmp_path / "phi.pdf"
    printed = dvc("form", "phi", code, "--out", str(out), "--json", *server, data_dir=data_dir)
    assert printed.returncode == 0, printed.stderr
    answer = json.loads(printed.stdout)
    procedure = default_catalog().get("1.001193")
    kernel = fee_due(procedure, fields, code, ACCOUNT)
    # Late (a year after the birth): the fee and the copy asked for are owed.
    assert kernel.label == "16.000 đồng (lệ phí 8.000 đ + 1 bản sao × 8.000 đ)"
    assert answer["fee"] == {"total_vnd": 16000, "label": kernel.label}
    assert answer["vietqr"] == kernel.payload
    assert decoded_qr(out, tmp_path) == [kernel.payload]
    tlv = parse_tlv(kernel.payload)
    assert parse_tlv(tlv["62"])["08"] == code and tlv["54"] == "16000"
    lines = lines_of(out)
    assert "THÔNG BÁO NỘP PHÍ, LỆ PHÍ" in lines
    assert f"Phí, lệ phí: {kernel.label}" in lines
    assert f"Quét mã bằng ứng dụng ngân hàng để nộp 16.000 đồng; nội dung chuyển khoản: {code}." \
        in raw_text(out)
    assert_fonts_embedded(out)

    # The officer records the payment: one decision through the outbox, 6 → 4 on the portal.
    version = services.queue.get(dossier_id).portal_version
    queued = record_fee_paid(services.officer_actions, dossier_id, payment="online",
                             expected_version=version, note=f"Đã nhận chuyển khoản {code}")
    assert queued.expected_version == version
    report = services.sync_engine().run_once()
    assert [(s.action, s.status) for s in report.sent] == [("fee_paid", 4)]
    remote = services.client.get_dossier(dossier_id)
    assert remote["status"] == 4
    assert remote["history"][-1]["action"] == "fee_paid"
    assert remote["history"][-1]["payment"] == "online"


def test_bad_payment_settings_are_named_in_vietnamese(officer_desk, attachments, tmp_path,
                                                      live_portal):
    services, data_dir, fields = officer_desk
    save_settings(data_dir, {**load_settings(data_dir), "payment_bin": "97041",
                             "payment_account": "113 000 123"})
    dossier_id, code = _submitted(services, fields, attachments)
    out = tmp_path / "phi.pdf"
    printed = dvc("form", "phi", code, "--out", str(out), "--server", live_portal.url,
                  data_dir=data_dir)
    assert printed.returncode == 0
    assert "Mã BIN ngân hàng nhận (payment_bin): phải gồm đúng 6 chữ số" in printed.stderr
    assert "Tên chủ tài khoản (payment_account_name): chưa khai báo." in printed.stderr
    assert decoded_qr(out, tmp_path) == []


def test_a_dossier_filed_elsewhere_prints_from_the_portals_dossier(live_portal, make_services,
                                                                  attachments, tmp_path):
    """Filed by a citizen on another machine: the officer's desk finds it by its code (the
    worklists' copy, else the portal) and prints its slip from the portal's dossier."""
    citizen = account(live_portal, "citizen")
    theirs = make_services(live_portal.url, tmp_path / "citizen")
    theirs.login(citizen["username"], citizen["password"])
    ex = default_catalog().get("1.001193").example
    queued = theirs.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    assert [s.id for s in theirs.sync_engine().run_once().sent] == [queued.id]
    code = theirs.queue.get(queued.id).code
    data_dir = tmp_path / "desk"
    officer = account(live_portal, "officer")
    server = ["--server", live_portal.url]
    assert dvc("login", "--username", officer["username"], "--password-stdin", *server,
               data_dir=data_dir, stdin=officer["password"] + "\n").returncode == 0
    unknown = dvc("form", "mau05", "000.99.99.H56-261207-9999", "--out",
                  str(tmp_path / "x.pdf"), *server, data_dir=data_dir)
    assert unknown.returncode == 2 and "000.99.99.H56-261207-9999" in unknown.stderr
    out = tmp_path / "mau05.pdf"
    printed = dvc("form", "mau05", code, "--out", str(out), "--json", *server, data_dir=data_dir)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["id"] == queued.id
    text = raw_text(out)
    assert f"Mã hồ sơ: {code}" in text and "Nộp hồ sơ" in text
    assert ex["applicant"]["full_name"] in text
    assert_fonts_embedded(out)
