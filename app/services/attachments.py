"""Preparing attached files before they are stored — Qt-free.

- Photos (JPEG/PNG, e.g. from a phone) are turned upright, scaled down to fit A4 at 300 dpi
  (2480×3508, either orientation) and recompressed with Pillow, so uploads from rural
  connections stay small; the camera's metadata (GPS position included) is dropped with it.
- A PDF's page count is read (the certified-copy fee is per page), with bounded memory
  (:mod:`app.services.pdf_pages`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from app.services.limits import FilingLimits
from app.services.pdf_pages import pdf_page_count
from dvc_core.blobs import display_name, sniff_media_type

RECOMPRESS_ABOVE = 1024 * 1024  # a photo smaller than this and within A4 is kept as it is


@dataclass(frozen=True)
class AttachedFile:
    """A file chosen for a dossier component, as the wizard keeps it until queueing.

    Attributes:
        path: the file to store (the original, or the prepared copy of a photo).
        name: the name shown and sent (the original file's name).
        size: bytes of ``path``.
        media_type: sniffed from the content.
        pages: a PDF's page count (None when unknown or not a PDF).
        original_size: bytes of the original when a photo was made smaller.
        sha256: set when ``path`` is a blob of the store already (a draft's or a supplemented
            dossier's file): queueing refers to it instead of reading it again.
    """

    path: Path
    name: str
    size: int
    media_type: str
    pages: int | None = None
    original_size: int | None = None
    sha256: str | None = None


def prepare_file(source: Path | str, work_dir: Path, limits: FilingLimits) -> AttachedFile:
    """Sniff a file; scale a large photo down into ``work_dir``; count a PDF's pages.

    The caller has already checked the file (``BlobStore.check_file``): it exists, is not
    empty and is a PDF, JPEG or PNG.
    """
    source = Path(source)
    name = display_name(source)
    size = source.stat().st_size
    with source.open("rb") as handle:
        media_type = sniff_media_type(handle.read(16)) or "application/octet-stream"
    if media_type == "application/pdf":
        return AttachedFile(source, name, size, media_type, pdf_page_count(source))
    if media_type in ("image/jpeg", "image/png"):
        prepared = shrink_image(source, work_dir, limits)
        if prepared is not None:
            new_size = prepared.stat().st_size
            new_type = "image/jpeg" if prepared.suffix == ".jpg" else "image/png"
            stem = Path(name).stem or "anh"
            shown = f"{stem}{'.jpg' if new_type == 'image/jpeg' else '.png'}"
            return AttachedFile(prepared, shown, new_size, new_type, 1, size)
        return AttachedFile(source, name, size, media_type, 1)
    return AttachedFile(source, name, size, media_type)


def shrink_image(source: Path, work_dir: Path, limits: FilingLimits) -> Path | None:
    """A smaller copy of a photo in ``work_dir``, or None when the original is already fine.

    Fits the image in ``limits.image_max_px`` in either orientation (A4 at 300 dpi), turns it
    upright from its EXIF orientation, and saves JPEG at ``limits.jpeg_quality`` (PNG stays
    PNG, optimised). The copy is used only when it is smaller than the original.
    """
    from PIL import Image, ImageOps

    size = source.stat().st_size
    try:
        with Image.open(source) as image:
            fmt = image.format
            short, long = limits.image_max_px
            too_big = max(image.size) > long or min(image.size) > short
            if not too_big and size <= RECOMPRESS_ABOVE:
                return None
            image = ImageOps.exif_transpose(image)  # upright first, then fit portrait/landscape
            width, height = image.size
            box = (short, long) if height >= width else (long, short)
            if too_big:
                image.thumbnail(box, Image.Resampling.LANCZOS)
            work_dir.mkdir(parents=True, exist_ok=True)
            if fmt == "PNG" and image.mode in ("RGBA", "LA", "P", "1", "L"):
                out = work_dir / f"{uuid.uuid4().hex}.png"
                image.save(out, "PNG", optimize=True)
            else:
                out = work_dir / f"{uuid.uuid4().hex}.jpg"
                image.convert("RGB").save(out, "JPEG", quality=limits.jpeg_quality,
                                          optimize=True, progressive=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None  # Pillow cannot read it: keep the original, the checks already passed
    if out.stat().st_size >= size and not too_big:
        out.unlink()
        return None
    return out


__all__ = ["AttachedFile", "pdf_page_count", "prepare_file", "shrink_image"]
