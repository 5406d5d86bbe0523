"""The `dvc` commands of DESIGN.md's stable interfaces, run as real processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.e2e import account

ROOT = Path(__file__).resolve().parents[2]


def dvc(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="tests.helpers.keyring_backend.FileKeyring",
               DVC_TEST_KEYRING_FILE=str(Path(data_dir).parent / "keyring.json"))
    return subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120,
                          env=env)


def test_catalog_and_example_commands(tmp_path):
    shown = dvc("catalog", "show", "1.001193", "--json", data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["code"] == "1.001193"
    assert {c["id"] for c in data["components"]} >= {"to_khai", "giay_chung_sinh"}
    assert all({"id", "name", "required"} <= set(c) for c in data["components"])

    found = dvc("catalog", "search", "dang ky khai sinh", "--json", data_dir=tmp_path)
    assert json.loads(found.stdout)[0] == {**json.loads(found.stdout)[0], "code": "1.001193",
                                           "level": 4, "field": "Hộ tịch"}

    example = dvc("dossier", "example", "1.001193", "--json", data_dir=tmp_path)
    assert set(json.loads(example.stdout)) == {"applicant", "fields"}

    missing = dvc("catalog", "show", "9.999", "--json", data_dir=tmp_path)
    assert missing.returncode == 2 and "9.999" in missing.stderr and missing.stdout == ""


def test_login_new_sync_and_list_against_the_real_portal(live_portal, tmp_path):
    data_dir = tmp_path / "app"
    officer = account(live_portal, "officer")
    server = ["--server", live_portal.url]
    login = dvc("login", "--username", officer["username"], "--password-stdin", *server,
                data_dir=data_dir, stdin=officer["password"] + "\n")
    assert login.returncode == 0, login.stderr

    fields = tmp_path / "hoso.json"
    fields.write_text(dvc("dossier", "example", "1.001193", "--json", data_dir=data_dir).stdout,
                      encoding="utf-8")
    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    new = dvc("dossier", "new", "--procedure", "1.001193", "--fields", f"@{fields}",
              "--attach", f"to_khai={pdf}", "--attach", f"giay_chung_sinh={pdf}", "--json",
              *server, data_dir=data_dir)
    assert new.returncode == 0, new.stderr
    queued = json.loads(new.stdout)
    assert queued["state"] == "queued" and set(queued) == {"id", "local_ref", "state", "fee"}

    sync = dvc("sync", "--once", "--json", *server, data_dir=data_dir)
    assert sync.returncode == 0, sync.stderr
    report = json.loads(sync.stdout)
    assert [s["id"] for s in report["sent"]] == [queued["id"]]

    listing = json.loads(dvc("queue", "list", "--json", *server, data_dir=data_dir).stdout)
    assert listing[0]["id"] == queued["id"] and listing[0]["state"] == "submitted"

    # Lookup from the local copy, by official code or local reference, with no portal at all.
    offline = ["--server", "http://127.0.0.1:9"]
    by_code = json.loads(dvc("queue", "show", listing[0]["code"], "--json", *offline,
                             data_dir=data_dir).stdout)
    by_ref = json.loads(dvc("queue", "show", queued["local_ref"].lower(), "--json", *offline,
                            data_dir=data_dir).stdout)
    assert by_code["id"] == by_ref["id"] == queued["id"]
    assert by_code["status"] == 1 and by_code["history"][0]["status_text"] == "Mới đăng ký"
    assert by_code["age_seconds"] is not None and by_code["age_seconds"] >= 0
    missing = dvc("queue", "show", "KHONG-CO", "--json", *offline, data_dir=data_dir)
    assert missing.returncode == 2 and "KHONG-CO" in missing.stderr
    assert re.match(r"^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$", listing[0]["code"])
    assert listing[0]["status"] == 1


@pytest.mark.parametrize(
    ("fields_json", "attach", "expected"),
    [
        ('{"applicant": {}, "fields": {}}', [], "applicant.full_name"),
        ("{not json", [], "không phải JSON"),
        ('[1, 2]', [], "đối tượng JSON"),
    ],
)
def test_dossier_new_refuses_bad_input_naming_the_field(tmp_path, fields_json, attach, expected):
    result = dvc("dossier", "new", "--procedure", "1.001193", "--fields", fields_json, "--json",
                 *attach, data_dir=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stdout == ""


def test_dossier_new_refuses_a_renamed_file_by_content(tmp_path):
    example = dvc("dossier", "example", "1.001193", "--json", data_dir=tmp_path).stdout
    fake = tmp_path / "giay-chung-sinh.pdf"
    fake.write_bytes(b"PK\x03\x04 this is a zip")
    good = tmp_path / "to-khai.pdf"
    good.write_bytes(b"%PDF-1.4\n")
    result = dvc("dossier", "new", "--procedure", "1.001193", "--fields", example,
                 "--attach", f"to_khai={good}", "--attach", f"giay_chung_sinh={fake}", "--json",
                 data_dir=tmp_path)
    assert result.returncode == 2
    assert "attachments.giay_chung_sinh" in result.stderr
    assert "không phải PDF, JPEG hay PNG" in result.stderr
    assert json.loads(dvc("queue", "list", "--json", data_dir=tmp_path).stdout) == []


def test_dossier_new_stores_a_phone_photo_downscaled(tmp_path):
    """The filing path's guarantee holds for the command line too: a 6000×4000 photo is kept
    fitted to A4 at 300 dpi, not as it came."""
    from PIL import Image
    from sqlalchemy import select

    from app.config import resolve
    from app.models import Attachment
    from app.models.db import open_database
    from dvc_core.blobs import BlobStore

    data_dir = tmp_path / "data"
    photo = tmp_path / "chung-sinh.jpg"
    Image.linear_gradient("L").resize((6000, 4000)).convert("RGB").save(photo, "JPEG",
                                                                        quality=90)
    assert Image.open(photo).size == (6000, 4000)
    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    example = dvc("dossier", "example", "1.001193", "--json", data_dir=data_dir).stdout
    new = dvc("dossier", "new", "--procedure", "1.001193", "--fields", example,
              "--attach", f"to_khai={pdf}", "--attach", f"giay_chung_sinh={photo}", "--json",
              data_dir=data_dir)
    assert new.returncode == 0, new.stderr
    dossier_id = json.loads(new.stdout)["id"]

    config = resolve(data_dir, None, "desk", "vi")
    engine, sessions = open_database(config.database_path)
    try:
        with sessions() as session:
            stored = session.scalar(select(Attachment).where(
                Attachment.dossier_id == dossier_id, Attachment.component == "giay_chung_sinh"))
            sha, filename, media_type = stored.sha256, stored.filename, stored.media_type
    finally:
        engine.dispose()
    with Image.open(BlobStore(config.blob_dir).path(sha)) as kept:
        assert kept.size == (3508, 2339)  # landscape A4 at 300 dpi, proportions kept
    assert (filename, media_type) == ("chung-sinh.jpg", "image/jpeg")
    # The prepared copy does not outlive the command.
    assert not [p for p in (data_dir / "tmp").rglob("*") if p.is_file()]


def test_training_mode_is_accepted_and_keeps_to_the_sandbox(tmp_path):
    listed = dvc("--mode", "training", "queue", "list", "--json", data_dir=tmp_path / "d")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    real = dvc("--mode", "training", "--server", "https://dichvucong.example.vn", "queue", "list",
               "--json", data_dir=tmp_path / "d")
    assert real.returncode == 2 and real.stdout == ""
    assert "--server không dùng được với --mode training" in real.stderr


@pytest.mark.parametrize(("days_ago", "copies", "total", "exempt", "label"), [
    (14, 0, 0, True, "Miễn lệ phí (đăng ký đúng hạn): đăng ký khai sinh trong 60 ngày"),
    (61, 1, 16_000, False, "16.000 đồng (lệ phí 8.000 đ + 1 bản sao × 8.000 đ)"),
])
def test_dossier_new_and_queue_show_print_this_dossiers_fee(tmp_path, days_ago, copies, total,
                                                            exempt, label):
    import datetime as dt

    from dvc_core.fees import today_vn

    data_dir = tmp_path / "data"
    document = json.loads(dvc("dossier", "example", "1.001193", "--json", data_dir=data_dir).stdout)
    document["fields"]["child.birth_date"] = (today_vn() - dt.timedelta(days=days_ago)).isoformat()
    document["fields"]["copies"] = copies
    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    new = dvc("dossier", "new", "--procedure", "1.001193", "--fields",
              json.dumps(document, ensure_ascii=False), "--attach", f"to_khai={pdf}",
              "--attach", f"giay_chung_sinh={pdf}", "--json", data_dir=data_dir)
    assert new.returncode == 0, new.stderr
    fee = json.loads(new.stdout)["fee"]
    assert (fee["total_vnd"], fee["exempt"]) == (total, exempt)
    assert fee["label"].startswith(label)
    shown = json.loads(dvc("queue", "show", json.loads(new.stdout)["id"], "--json",
                           data_dir=data_dir).stdout)
    assert shown["fee"]["total_vnd"] == total and shown["fee"]["exempt"] is exempt
    plain = dvc("dossier", "new", "--procedure", "1.001193", "--fields",
                json.dumps(document, ensure_ascii=False), "--attach", f"to_khai={pdf}",
                "--attach", f"giay_chung_sinh={pdf}", data_dir=data_dir)
    assert f"Lệ phí: {label}" in plain.stderr
    assert "Tổng cộng" not in plain.stderr


def _pdf_text(path: Path, *options: str) -> str:
    import unicodedata

    out = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFC", out).split())


def test_tokhai_made_sent_and_printed_with_the_receipt_naming_the_commune(live_portal, tmp_path):
    """No scan of the Tờ khai: it is drawn from the answers, uploaded with the dossier, and
    printed for signature; the receipt names the commune, the officer and the chosen way."""
    import hashlib

    data_dir = tmp_path / "app"
    officer = account(live_portal, "officer")
    server = ["--server", live_portal.url]
    login = dvc("login", "--username", officer["username"], "--password-stdin", *server,
                data_dir=data_dir, stdin=officer["password"] + "\n")
    assert login.returncode == 0, login.stderr
    document = json.loads(dvc("dossier", "example", "1.001193", "--json",
                              data_dir=data_dir).stdout)
    document["fields"].update({"delivery.method": "post", "delivery.address": {
        "province": "38", "commune": "15772", "detail": "Thôn Tây"}})
    fields = tmp_path / "hoso.json"
    fields.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    pdf = tmp_path / "giay-chung-sinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    new = dvc("dossier", "new", "--procedure", "1.001193", "--fields", f"@{fields}",
              "--attach", f"giay_chung_sinh={pdf}", "--json", *server, data_dir=data_dir)
    assert new.returncode == 0, new.stderr
    dossier_id = json.loads(new.stdout)["id"]
    sync = dvc("sync", "--once", "--json", *server, data_dir=data_dir)
    assert sync.returncode == 0, sync.stderr

    # The portal has the answers, the way chosen, and the Tờ khai's bytes.
    token = live_portal.token_for("officer")
    headers = {"Authorization": f"Bearer {token}"}
    remote = live_portal.http.get(f"{live_portal.api}/dossiers/{dossier_id}", headers=headers,
                                  timeout=30).json()
    assert remote["fields"]["delivery.method"] == "post"
    assert remote["fields"]["delivery.address"]["text"] == "Thôn Tây, xã Thiệu Hóa, tỉnh Thanh Hóa"
    [made] = [a for a in remote["attachments"] if a["component"] == "to_khai"]
    assert made["filename"] == "Tờ khai (tạo từ thông tin đã khai).pdf"
    body = live_portal.http.get(f"{live_portal.api}/dossiers/{dossier_id}/attachments/"
                                f"{made['sha256']}", headers=headers, timeout=30)
    assert body.status_code == 200 and hashlib.sha256(body.content).hexdigest() == made["sha256"]
    uploaded = tmp_path / "uploaded.pdf"
    uploaded.write_bytes(body.content)
    assert "Kính gửi: Ủy ban nhân dân xã Thực Hành" in _pdf_text(uploaded)
    assert "Họ, chữ đệm, tên của trẻ: Nguyễn Minh Khang" in _pdf_text(uploaded)
    code = remote["code"]

    # The officer prints it for signature, and the receipt (from the local copy; the
    # signed-in session of this portal names the commune and the officer).
    printed = dvc("form", "tokhai", code, "--out", str(tmp_path / "tk.pdf"), "--json", *server,
                  data_dir=data_dir)
    assert printed.returncode == 0, printed.stderr
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in _pdf_text(tmp_path / "tk.pdf")
    live_portal.process.terminate()  # nothing of it is needed to print
    live_portal.process.wait(timeout=30)
    receipt = dvc("receipt", code, "--out", str(tmp_path / "bn.pdf"), "--json", *server,
                  data_dir=data_dir)
    assert receipt.returncode == 0, receipt.stderr
    assert json.loads(receipt.stdout) == {
        "id": dossier_id, "out": str(tmp_path / "bn.pdf"), "commune": "Xã Thực Hành (đào tạo)",
        "officer": "Nguyễn Văn Cán Bộ", "training": True}
    text = _pdf_text(tmp_path / "bn.pdf", "-layout")
    for expected in ("ỦY BAN NHÂN DÂN XÃ THỰC HÀNH", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                     f"Mã hồ sơ: {code}", "Nguyễn Văn Cán Bộ",
                     "Đơn vị tiếp nhận: Trung tâm Phục vụ hành chính công xã Thực Hành",
                     "7. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, gửi đến: "
                     "Thôn Tây, xã Thiệu Hóa, tỉnh Thanh Hóa"):
        assert expected in text, expected
    assert re.search(r"Thực Hành, ngày \d\d tháng \d\d năm 20\d\d", text)
    assert _pdf_text(tmp_path / "bn.pdf", "-raw").count("MÔI TRƯỜNG ĐÀO TẠO") == 2
    fonts = subprocess.run(["pdffonts", str(tmp_path / "bn.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(row.split()[-5] == "yes" for row in fonts), fonts

    unknown = dvc("form", "tokhai", "KHONG-CO", "--out", str(tmp_path / "x.pdf"), *server,
                  data_dir=data_dir)
    assert unknown.returncode == 2 and "KHONG-CO" in unknown.stderr


def test_training_receipts_are_marked_and_training_refuses_a_real_portal(tmp_path):
    data_dir = tmp_path / "d"
    example = dvc("dossier", "example", "2.000635", "--json", data_dir=data_dir).stdout
    new = dvc("--mode", "training", "dossier", "new", "--procedure", "2.000635", "--fields",
              example, "--json", data_dir=data_dir)
    assert new.returncode == 0, new.stderr
    ref = json.loads(new.stdout)["local_ref"]
    out = tmp_path / "bn.pdf"
    printed = dvc("--mode", "training", "receipt", ref, "--out", str(out), "--officer",
                  "Phạm Thu Trang", "--commune", "Xã Thiệu Hóa", data_dir=data_dir)
    assert printed.returncode == 0, printed.stderr
    assert _pdf_text(out, "-raw").count("MÔI TRƯỜNG ĐÀO TẠO") == 2
    text = _pdf_text(out, "-layout")
    assert "ỦY BAN NHÂN DÂN XÃ THIỆU HÓA" in text and "Phạm Thu Trang" in text
    assert "Đăng ký nhận kết quả tại: ……" in text  # nothing chosen: filled in by hand
    refused = dvc("--mode", "training", "--server", "https://dichvucong.example.vn", "receipt",
                  ref, "--out", str(out), data_dir=data_dir)
    assert refused.returncode == 2 and "--mode training" in refused.stderr
