"""Kiosk documents: only papers inside the allowed folders; copies and thumbnails wiped."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.views.kiosk.documents import DocumentPicker, VisitFiles, allowed_path, list_documents
from tests.helpers.gui import PDF_BYTES


def photo_bytes() -> bytes:
    """A real photo-sized PNG (the thumbnail reader decodes it)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 1100, 300), fill=(20, 60, 160))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


PNG_BYTES = photo_bytes()


@pytest.fixture
def scanner(tmp_path) -> Path:
    folder = tmp_path / "scanner"
    (folder / "sub").mkdir(parents=True)
    (folder / "giay-chung-sinh.png").write_bytes(PNG_BYTES)
    (folder / "sub" / "to-khai.pdf").write_bytes(PDF_BYTES)
    (folder / "ghi-chu.txt").write_text("không phải giấy tờ")
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG_BYTES)
    (folder / "link.png").symlink_to(outside / "secret.png")
    (folder / "linkdir").symlink_to(outside, target_is_directory=True)
    return folder


def test_paths_outside_the_allowed_folders_are_refused(scanner):
    roots = [scanner]
    assert allowed_path(scanner / "giay-chung-sinh.png", roots) is not None
    assert allowed_path(scanner / "sub" / ".." / "giay-chung-sinh.png", roots) is not None
    assert allowed_path(scanner / ".." / "private" / "secret.png", roots) is None
    assert allowed_path(scanner / "link.png", roots) is None            # a link leading out
    assert allowed_path(scanner / "linkdir" / "secret.png", roots) is None
    assert allowed_path(scanner / "ghi-chu.txt", roots) is None         # not a paper
    assert allowed_path(scanner / "missing.png", roots) is None
    names = sorted(p.name for p in list_documents(scanner))
    assert names == ["giay-chung-sinh.png", "to-khai.pdf"]


def test_the_picker_lists_copies_refuses_and_wipes(qtbot, scanner, tmp_path):
    files = VisitFiles(tmp_path)
    picker = DocumentPicker(files, [("Máy quét", scanner)], include_usb=False)
    qtbot.addWidget(picker)
    assert picker.grid.count() == 2
    with qtbot.waitSignal(picker.refused) as refused:
        assert picker.choose(scanner / "link.png") is None
    assert "máy quét" in refused.args[0]
    with qtbot.waitSignal(picker.picked) as picked:
        picker.choose(scanner / "giay-chung-sinh.png")
    copy = picked.args[0]
    assert copy.parent == files.path and copy.read_bytes() == PNG_BYTES
    thumbnails = [p for p in files.path.iterdir() if p.suffix == ".png" and p != copy]
    assert len(thumbnails) == 2  # the photo's and the PDF's, in the visit's folder
    picker.clear()
    assert picker.grid.count() == 0 and picker.roots() == []
    assert picker.choose(scanner / "giay-chung-sinh.png") is None  # nothing allowed until refresh
    old = files.path
    files.wipe()
    assert not old.exists() and list(files.path.iterdir()) == []
    assert (scanner / "giay-chung-sinh.png").exists()  # the original is left alone


def test_the_picked_photo_goes_through_the_filing_session_s_downscale(services, scanner,
                                                                       tmp_path):
    """What the picker gives is a file the filing session prepares as any other."""
    files = VisitFiles(tmp_path)
    picker = DocumentPicker(files, [("Máy quét", scanner)], include_usb=False)
    copy = picker.choose(scanner / "giay-chung-sinh.png")
    from app.services.filing import FilingSession

    session = FilingSession(services.queue, data_dir=services.config.data_dir)
    session.check_file(copy)
    attached = session.preparation(copy)()
    assert attached.media_type in ("image/png", "image/jpeg") and attached.pages == 1
    picker.deleteLater()


def test_folders_left_by_a_crash_are_removed_at_start(tmp_path):
    left = VisitFiles(tmp_path)
    (left.path / "copy.png").write_bytes(PNG_BYTES)
    (tmp_path / "other").mkdir()
    assert VisitFiles.remove_stale(tmp_path) == 1
    assert not left.path.exists() and (tmp_path / "other").is_dir()
