"""Attachments on screen: several files per component with thumbnail or page count, photos
prepared off the GUI thread, limits from the settings file stated and enforced."""

from __future__ import annotations

import json
import os

from PIL import Image
from reportlab.pdfgen import canvas

from dvc_core.catalog import default_catalog


def photo(path, size=(4000, 3000)):
    small = (size[0] // 10, size[1] // 10)
    Image.frombytes("RGB", small, os.urandom(small[0] * small[1] * 3)).resize(size).save(
        path, quality=92)
    return path


def pdf(path, pages):
    doc = canvas.Canvas(str(path))
    for _ in range(pages):
        doc.showPage()
    doc.save()
    return path


def to_attachments(wizard, code="2.000815"):
    wizard.procedure_page.search.setText(code)
    wizard.procedure_page.select_code(code)
    wizard.go_next()
    wizard.go_to(wizard.pages.index(wizard.attachments_page))
    return wizard.attachments_page


def test_photo_is_prepared_on_a_worker_and_listed_with_a_thumbnail(qtbot, services, tmp_path):
    from app.views.filing.wizard import DossierWizard
    from app.workers.tasks import TaskRunner

    wizard = DossierWizard(default_catalog(), services, tasks=TaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_services(services)
    page = to_attachments(wizard)
    row = page.rows["ban_chinh"]
    wizard.on_file_offered("ban_chinh", photo(tmp_path / "IMG_1.jpg"))
    assert "Đang chuẩn bị" in row.file_label.text() and not row.choose.isEnabled()
    wizard.go_next()  # waits for the photo: nothing happens yet
    assert wizard.current_page() is page
    qtbot.waitUntil(lambda: bool(wizard.draft.files.get("ban_chinh")), timeout=10_000)
    [attached] = wizard.draft.files["ban_chinh"]
    assert attached.original_size and attached.size < attached.original_size
    assert attached.path.is_relative_to(services.config.data_dir / "tmp" / "attach")
    item = row.items[0]
    assert item.thumb.pixmap() is not None and not item.thumb.pixmap().isNull()
    assert "đã thu nhỏ từ" in item.details.text() and row.choose.isEnabled()
    wizard.reset()  # the prepared photo does not outlive the filing
    assert not attached.path.exists()


def test_several_files_page_counts_and_remove(wizard, tmp_path):
    page = to_attachments(wizard)
    row = page.rows["ban_chinh"]
    wizard.on_file_offered("ban_chinh", pdf(tmp_path / "hoc_ba.pdf", 12))
    wizard.on_file_offered("ban_chinh", pdf(tmp_path / "bia.pdf", 1))
    assert [f.pages for f in wizard.draft.files["ban_chinh"]] == [12, 1]
    assert "hoc_ba.pdf" in row.file_text() and "12 trang" in row.file_text()
    assert row.items[0].thumb.text() == "PDF"
    wizard.on_file_offered("ban_chinh", tmp_path / "bia.pdf")  # the same file again
    assert "đã được đính kèm" in row.error.text() and len(wizard.draft.files["ban_chinh"]) == 2
    row.items[0].remove.click()
    assert [f.name for f in wizard.draft.files["ban_chinh"]] == ["bia.pdf"]
    assert "Đã đính kèm: " in page.limits_label.text()


def test_limits_come_from_the_settings_file(wizard, services, tmp_path):
    (services.config.data_dir / "settings.json").write_text(
        json.dumps({"max_dossier_mb": 0.5}), encoding="utf-8")
    page = to_attachments(wizard, "1.004873")
    assert "10 MB mỗi tệp, 512 KB mỗi hồ sơ" in page.limits_label.text()
    assert "chưa được xác nhận" not in page.limits_label.text()
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 600_000)
    wizard.on_file_offered("to_khai", big)
    assert "vượt giới hạn 512 KB cho một hồ sơ" in page.rows["to_khai"].error.text()
    assert not wizard.draft.files
