"""Limits and retention for filing, read from the data folder's ``settings.json`` — never
hard-coded in the screens, because the real portal's limits are not known for sure.

Keys (all optional)::

    "max_file_mb": 10            per attached file
    "max_dossier_mb": 15         all files of one dossier (a citizen quoted ~15 MB; UNCONFIRMED)
    "image_max_px": [2480, 3508] photos are scaled down to fit A4 at 300 dpi
    "jpeg_quality": 85           quality of recompressed photos
    "draft_retention_days": 30   desk drafts older than this are deleted at start-up
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.config import load_settings

MB = 1024 * 1024


def _number(settings: Mapping[str, Any], key: str, default: float, lo: float, hi: float) -> float:
    value = settings.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        return default
    return value


@dataclass(frozen=True)
class FilingLimits:
    max_file_bytes: int = 10 * MB
    max_dossier_bytes: int = 15 * MB
    image_max_px: tuple[int, int] = (2480, 3508)  # A4 at 300 dpi, portrait
    jpeg_quality: int = 85
    draft_retention_days: int = 30
    dossier_limit_unconfirmed: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> FilingLimits:
        settings = settings or {}
        px = settings.get("image_max_px")
        if not (isinstance(px, list | tuple) and len(px) == 2
                and all(isinstance(v, int) and 100 <= v <= 20_000 for v in px)):
            px = cls.image_max_px
        return cls(
            max_file_bytes=int(_number(settings, "max_file_mb", 10, 0.1, 1024) * MB),
            max_dossier_bytes=int(_number(settings, "max_dossier_mb", 15, 0.1, 4096) * MB),
            image_max_px=(int(min(px)), int(max(px))),
            jpeg_quality=int(_number(settings, "jpeg_quality", 85, 30, 95)),
            draft_retention_days=int(_number(settings, "draft_retention_days", 30, 0, 3650)),
            dossier_limit_unconfirmed="max_dossier_mb" not in settings,
        )


def load_limits(data_dir: Path | None, store_cap: int | None = None) -> FilingLimits:
    """Per-file and per-dossier limits, photo size and draft retention from the data folder's
    settings file; the per-file cap never above the blob store's."""
    if data_dir is None:
        return FilingLimits()
    limits = FilingLimits.from_settings(load_settings(data_dir))
    if store_cap and store_cap < limits.max_file_bytes:
        limits = replace(limits, max_file_bytes=store_cap)
    return limits
