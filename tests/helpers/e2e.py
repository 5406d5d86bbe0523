"""Helpers of the end-to-end tests: small real files and the sandbox accounts."""

from __future__ import annotations

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4


def account(portal, role: str) -> dict:
    return next(a for a in portal.sandbox_accounts() if a["role"] == role)
