"""Helpers of the end-to-end tests: small real files and the sandbox accounts."""

from __future__ import annotations

import io

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _jpeg() -> bytes:
    # A real photo (8×8), so that whatever shows it decodes it without a warning.
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 120, 40)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


JPEG = _jpeg()


def account(portal, role: str) -> dict:
    return next(a for a in portal.sandbox_accounts() if a["role"] == role)
