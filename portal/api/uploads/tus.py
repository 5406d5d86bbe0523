"""The tus 1.0 protocol's side of uploads: its headers, read and written, and their OpenAPI
description."""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import re
from email.utils import format_datetime
from typing import Any

from fastapi import Request, Response
from starlette.requests import ClientDisconnect

from portal.problems import Problem

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,checksum,termination,expiration"
# ASCII digits only: ``str.isdigit()`` and ``int()`` also take "²" or "٣", and int("²") raises.
_DIGITS = re.compile(r"[0-9]{1,18}")


def tus_headers(**extra: Any) -> dict[str, str]:
    """Headers every tus answer carries, plus ``extra`` (``Upload_Offset`` → ``Upload-Offset``)."""
    return {"Tus-Resumable": TUS_VERSION, **{k.replace("_", "-"): str(v) for k, v in extra.items()}}


def require_version(request: Request) -> None:
    """412 unless the request speaks tus 1.0.0."""
    if request.headers.get("tus-resumable") != TUS_VERSION:
        raise Problem(412, "tus-version",
                      "Phiên bản giao thức tải tệp không được hỗ trợ (cần Tus-Resumable: 1.0.0).",
                      headers=tus_headers(Tus_Version=TUS_VERSION))


def int_header(request: Request, name: str) -> int:
    """A non-negative integer header (``Upload-Length``, ``Upload-Offset``), else 400."""
    raw = request.headers.get(name, "")
    if not _DIGITS.fullmatch(raw):
        raise Problem(400, "tus-header", f"Thiếu hoặc sai tiêu đề {name} (phải là số nguyên không âm).",
                      headers=tus_headers(), errors=[{"field": name, "code": "int_parsing",
                               "message": f"Tiêu đề {name} phải là số nguyên không âm."}])
    return int(raw)


def http_date(moment: dt.datetime) -> str:
    """``Upload-Expires``' form: an RFC 7231 HTTP date (``Wed, 25 Nov 2026 02:00:00 GMT``)."""
    return format_datetime(moment.astimezone(dt.UTC).replace(microsecond=0), usegmt=True)


def parse_metadata(header: str) -> dict[str, str]:
    """``key base64,key2 base64`` → dict. Undecodable values → 400."""
    out: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in header.split(","))):
        key, _, value = item.partition(" ")
        try:
            out[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8") if value else ""
        except (binascii.Error, UnicodeDecodeError):
            raise Problem(400, "tus-metadata",
                          f"Upload-Metadata: giá trị của khóa “{key[:40]}” không phải base64 UTF-8.",
                          headers=tus_headers()) from None
    return out


def has_body(request: Request) -> bool:
    """Whether the request carries bytes (a length above 0, or chunked)."""
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return "chunked" in request.headers.get("transfer-encoding", "").lower()


def require_octet_stream(request: Request) -> None:
    """415 unless the body is ``application/offset+octet-stream``."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/offset+octet-stream":
        raise Problem(415, "tus-content-type",
                      "Nội dung gửi kèm phải có Content-Type: application/offset+octet-stream.",
                      headers=tus_headers())


async def drain(request: Request) -> None:
    """Read and drop a body that is not needed, so the connection stays usable."""
    with contextlib.suppress(ClientDisconnect):
        async for _piece in request.stream():
            pass


def parse_checksum(request: Request) -> bytes | None:
    """``Upload-Checksum: sha256 <base64>`` → the digest; None without one, else 400."""
    header = request.headers.get("upload-checksum")
    if header is None:
        return None
    algorithm, _, value = header.strip().partition(" ")
    if algorithm.lower() != "sha256":
        raise Problem(400, "tus-checksum", "Chỉ hỗ trợ mã kiểm tra sha256 (Upload-Checksum).",
                      headers=tus_headers(Tus_Checksum_Algorithm="sha256"))
    try:
        return base64.b64decode(value.strip(), validate=True)
    except binascii.Error:
        raise Problem(400, "tus-checksum", "Upload-Checksum: giá trị không phải base64.",
                      headers=tus_headers()) from None


NO_BODY = {"response_class": Response}


def _header(name: str, schema: dict[str, Any], description: str, required: bool = False
            ) -> dict[str, Any]:
    return {"name": name, "in": "header", "required": required, "schema": schema,
            "description": description}


# The tus request headers, declared so that clients (and the schemathesis run in the tests) can
# see them; the handlers read and check them themselves, with Vietnamese problem details.
_TUS_RESUMABLE = _header("Tus-Resumable", {"type": "string", "enum": [TUS_VERSION]},
                         "Phiên bản giao thức tus (bắt buộc: 1.0.0).", required=True)
_BYTES = {"content": {"application/offset+octet-stream": {
    "schema": {"type": "string", "format": "binary"}}}}
CREATE_DOC = {"parameters": [
    _TUS_RESUMABLE,
    _header("Upload-Length", {"type": "integer", "minimum": 0},
            "Kích thước cả tệp, byte.", required=True),
    _header("Upload-Metadata", {"type": "string"},
            "Cặp khóa–giá trị base64: sha256 (bắt buộc), filename, media_type.", required=True),
    _header("Upload-Checksum", {"type": "string"}, "sha256 <base64> của phần gửi kèm."),
    _header("Idempotency-Key", {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
            "Hỏi lại cùng khóa: cùng phiên tải, với số byte cổng đã giữ."),
], "requestBody": {"required": False, **_BYTES}}
APPEND_DOC = {"parameters": [
    _TUS_RESUMABLE,
    _header("Upload-Offset", {"type": "integer", "minimum": 0},
            "Vị trí của phần gửi lên (phải bằng số byte cổng đang giữ).", required=True),
    _header("Upload-Checksum", {"type": "string"}, "sha256 <base64> của phần gửi lên."),
], "requestBody": {"required": True, **_BYTES}}
VERSION_DOC = {"parameters": [_TUS_RESUMABLE]}
