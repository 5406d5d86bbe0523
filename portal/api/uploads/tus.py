"""The tus 1.0 protocol's side of uploads: its headers, read and written, and their OpenAPI
description."""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from email.utils import format_datetime
from typing import Any

from fastapi import Request, Response
from starlette.requests import ClientDisconnect

from portal.problems import Problem

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,checksum,termination,expiration"
#: ``Upload-Checksum`` algorithms (tus: sha1 is a MUST), by their tus names.
CHECKSUMS: dict[str, Callable[[], Any]] = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
CHECKSUM_ALGORITHMS = ",".join(CHECKSUMS)
#: The longest ``Upload-Metadata`` kept (and echoed by HEAD).
MAX_METADATA = 4096
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
    """``key base64,key2 base64`` → dict. Undecodable values, an over-long header → 400."""
    if len(header) > MAX_METADATA:
        raise Problem(400, "tus-metadata",
                      f"Upload-Metadata dài quá {MAX_METADATA} ký tự.", headers=tus_headers())
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


def parse_checksum(request: Request) -> tuple[str, bytes] | None:
    """``Upload-Checksum: sha1 <base64>`` → ``(algorithm, digest)``; None without one.

    An algorithm not in :data:`CHECKSUMS`, or a value that is not base64, is a 400 (tus).
    """
    header = request.headers.get("upload-checksum")
    if header is None:
        return None
    algorithm, _, value = header.strip().partition(" ")
    algorithm = algorithm.lower()
    if algorithm not in CHECKSUMS:
        raise Problem(400, "tus-checksum",
                      f"Upload-Checksum: chỉ hỗ trợ mã kiểm tra {CHECKSUM_ALGORITHMS.replace(',', ', ')}.",
                      headers=tus_headers(Tus_Checksum_Algorithm=CHECKSUM_ALGORITHMS))
    try:
        return algorithm, base64.b64decode(value.strip(), validate=True)
    except binascii.Error:
        raise Problem(400, "tus-checksum", "Upload-Checksum: giá trị không phải base64.",
                      headers=tus_headers()) from None


NO_BODY = {"response_class": Response}

# --------------------------------------------------------------------------------------------
# What the answers look like, for the OpenAPI document

_INT = {"type": "integer", "minimum": 0}
_TEXT = {"type": "string"}
RESPONSE_HEADERS = {
    "Tus-Resumable": ({"type": "string", "enum": [TUS_VERSION]}, "Phiên bản tus của câu trả lời."),
    "Tus-Version": (_TEXT, "Các phiên bản tus cổng hiểu."),
    "Tus-Extension": (_TEXT, "Các phần mở rộng tus cổng hỗ trợ."),
    "Tus-Checksum-Algorithm": (_TEXT, "Các thuật toán mã kiểm tra dùng được trong Upload-Checksum."),
    "Tus-Max-Size": (_INT, "Kích thước tối đa của một tệp, byte."),
    "Location": (_TEXT, "Địa chỉ của phiên tải vừa tạo."),
    "Upload-Offset": (_INT, "Số byte cổng đang giữ (tải tiếp từ đây)."),
    "Upload-Length": (_INT, "Kích thước cả tệp, byte."),
    "Upload-Metadata": (_TEXT, "Upload-Metadata như lúc tạo (nếu lúc tạo có gửi)."),
    "Upload-Expires": (_TEXT, "Hạn của phiên tải chưa xong (ngày giờ HTTP, RFC 7231), tính "
                              "từ lần cuối có dữ liệu gửi lên."),
    "Cache-Control": (_TEXT, "no-store"),
}
_PROBLEM_CONTENT = {"application/problem+json": {
    "schema": {"$ref": "#/components/schemas/Problem"}}}
_ERRORS = {
    400: "Tiêu đề tus sai (Upload-Length, Upload-Offset, Upload-Metadata, Upload-Checksum "
         "với thuật toán không hỗ trợ, Idempotency-Key).",
    404: "Không có phiên tải này (hoặc không phải của người gọi).",
    409: "Upload-Offset không khớp số byte cổng đang giữ.",
    410: "Phiên tải đã hết hạn (xem Upload-Expires).",
    412: "Thiếu Tus-Resumable: 1.0.0 hoặc phiên bản khác; Tus-Version nói phiên bản cổng hiểu.",
    413: "Tệp hoặc phần gửi lên lớn hơn giới hạn (Tus-Max-Size) hoặc hạn mức của tài khoản.",
    415: "Content-Type không phải application/offset+octet-stream, hoặc tệp không phải "
         "PDF, JPEG, PNG.",
    460: "Mã kiểm tra (Upload-Checksum) hoặc mã băm sha256 đã khai không khớp dữ liệu.",
}


def _headers(*names: str) -> dict[str, Any]:
    return {name: {"schema": RESPONSE_HEADERS[name][0], "description": RESPONSE_HEADERS[name][1]}
            for name in ("Tus-Resumable", *names)}


def tus_responses(status: int, headers: tuple[str, ...], errors: tuple[int, ...]
                  ) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a tus operation: its success answer's headers and its errors."""
    out: dict[int | str, dict[str, Any]] = {status: {"headers": _headers(*headers)}}
    for code in (412, *errors):
        out[code] = {"description": _ERRORS[code], "content": _PROBLEM_CONTENT,
                     "headers": _headers(*(("Tus-Version",) if code == 412 else ()))}
    return out


OPTIONS_RESPONSES = {204: {"headers": _headers(
    "Tus-Version", "Tus-Extension", "Tus-Checksum-Algorithm", "Tus-Max-Size")}}
CREATE_RESPONSES = tus_responses(201, ("Location", "Upload-Offset", "Upload-Expires"),
                                 (400, 409, 413, 415, 460))
STATUS_RESPONSES = tus_responses(200, ("Upload-Offset", "Upload-Length", "Upload-Metadata",
                                       "Upload-Expires", "Cache-Control"), (404, 410))
APPEND_RESPONSES = tus_responses(204, ("Upload-Offset", "Upload-Expires"),
                                 (400, 404, 409, 410, 413, 415, 460))
TERMINATE_RESPONSES = tus_responses(204, (), (404,))


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
    _header("Upload-Metadata", {"type": "string", "maxLength": MAX_METADATA},
            "Cặp khóa–giá trị base64, cách nhau bởi dấu phẩy: sha256 (mã băm của cả tệp; "
            "không có thì cổng tự tính khi đủ byte), filename, media_type (PDF, JPEG, PNG)."),
    _header("Upload-Checksum", {"type": "string"},
            "sha1 <base64> hoặc sha256 <base64> của phần gửi kèm."),
    _header("Idempotency-Key", {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
            "Hỏi lại cùng khóa: cùng phiên tải, với số byte cổng đã giữ."),
], "requestBody": {"required": False, **_BYTES}}
APPEND_DOC = {"parameters": [
    _TUS_RESUMABLE,
    _header("Upload-Offset", {"type": "integer", "minimum": 0},
            "Vị trí của phần gửi lên (phải bằng số byte cổng đang giữ).", required=True),
    _header("Upload-Checksum", {"type": "string"},
            "sha1 <base64> hoặc sha256 <base64> của phần gửi lên."),
], "requestBody": {"required": True, **_BYTES}}
VERSION_DOC = {"parameters": [_TUS_RESUMABLE]}
