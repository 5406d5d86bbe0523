"""Photos shrunk to A4 at 300 dpi before storing; PDF page counts; limits from settings."""

from __future__ import annotations

import io
import os
import zlib

from PIL import Image
from reportlab.pdfgen import canvas

from app.services.attachments import pdf_page_count, prepare_file
from app.services.limits import MB, FilingLimits


def photo(path, size=(4000, 3000), exif_orientation=None):
    small = (size[0] // 10, size[1] // 10)
    image = Image.frombytes("RGB", small, os.urandom(small[0] * small[1] * 3)).resize(size)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (20.0, 48.0, 0.0)}  # GPS position, must not survive
    if exif_orientation:
        exif[0x0112] = exif_orientation
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def test_phone_photo_is_scaled_to_a4_and_recompressed(tmp_path):
    source = photo(tmp_path / "IMG_2024.jpg")
    prepared = prepare_file(source, tmp_path / "work", FilingLimits())
    assert prepared.path != source and prepared.path.parent == tmp_path / "work"
    assert prepared.name == "IMG_2024.jpg" and prepared.media_type == "image/jpeg"
    assert prepared.original_size == source.stat().st_size > prepared.size
    with Image.open(prepared.path) as image:
        assert image.size == (3307, 2480)  # landscape A4: 3508 × 2480 at most
        assert not image.getexif().get(0x8825)


def test_portrait_and_rotated_photos_fit_portrait_a4(tmp_path):
    source = photo(tmp_path / "doc.jpg", size=(4000, 3000), exif_orientation=6)  # turned 90°
    prepared = prepare_file(source, tmp_path / "work", FilingLimits())
    with Image.open(prepared.path) as image:
        assert image.size == (2480, 3307)  # turned upright first, then fitted to portrait A4


def test_small_images_are_kept_as_they_are(tmp_path):
    small = tmp_path / "small.png"
    Image.new("RGB", (800, 600), "white").save(small)
    prepared = prepare_file(small, tmp_path / "work", FilingLimits())
    assert prepared.path == small and prepared.original_size is None
    assert not (tmp_path / "work").exists()


def test_limits_from_settings():
    limits = FilingLimits.from_settings({"max_file_mb": 5, "max_dossier_mb": 20,
                                         "draft_retention_days": 7})
    assert (limits.max_file_bytes, limits.max_dossier_bytes, limits.draft_retention_days) == (
        5 * MB, 20 * MB, 7)
    assert not limits.dossier_limit_unconfirmed
    default = FilingLimits.from_settings({"max_file_mb": "lots", "image_max_px": [1, 2]})
    assert default == FilingLimits()
    assert default.max_dossier_bytes == 15 * MB and default.dossier_limit_unconfirmed


def reportlab_pdf(path, pages):
    pdf = canvas.Canvas(str(path))
    for number in range(pages):
        pdf.drawString(100, 700, f"Trang {number + 1}")
        pdf.showPage()
    pdf.save()
    return path


def test_pdf_page_count(tmp_path):
    for pages in (1, 3, 12):
        assert pdf_page_count(reportlab_pdf(tmp_path / f"{pages}.pdf", pages)) == pages
    prepared = prepare_file(tmp_path / "3.pdf", tmp_path / "work", FilingLimits())
    assert prepared.pages == 3 and prepared.media_type == "application/pdf"
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_bytes(b"hello")
    assert pdf_page_count(not_pdf) is None
    assert pdf_page_count(tmp_path / "missing.pdf") is None


def test_pdf_pages_inside_a_compressed_object_stream(tmp_path):
    inner = b"".join(b"<< /Type /Page /Parent 2 0 R >> " for _ in range(5))
    body = io.BytesIO()
    body.write(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
    body.write(b"3 0 obj << /Type /ObjStm /N 5 /Filter /FlateDecode >>\nstream\n")
    body.write(zlib.compress(inner) + b"\nendstream\nendobj\n%%EOF\n")
    path = tmp_path / "objstm.pdf"
    path.write_bytes(body.getvalue())
    assert pdf_page_count(path) == 5
    only_count = tmp_path / "count.pdf"
    only_count.write_bytes(b"%PDF-1.4\n2 0 obj << /Type /Pages /Count 7 /Kids [] >> endobj\n")
    assert pdf_page_count(only_count) == 7
