"""RFC 9457 problem details: the one shape every portal error takes, with a Vietnamese detail.

Handlers raise :class:`Problem`; the exception handlers installed by :func:`install` turn it,
FastAPI's request validation errors, stray HTTP errors and any unexpected exception into
``application/problem+json`` — never a stack trace.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:dvc-desk:problem:"

_TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Chưa đăng nhập",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    409: "Xung đột trạng thái",
    410: "Đã hết hiệu lực",
    412: "Phiên bản giao thức không phù hợp",
    413: "Dữ liệu quá lớn",
    415: "Loại tệp không được chấp nhận",
    422: "Dữ liệu không hợp lệ",
    429: "Quá nhiều yêu cầu",
    460: "Mã kiểm tra không khớp",
    500: "Lỗi máy chủ",
}


class Problem(Exception):
    """An error answer. ``detail`` is shown to people, so it is Vietnamese and says what to do.

    Args:
        status: the HTTP status.
        slug: the machine-readable kind, turned into the ``type`` URI.
        detail: Vietnamese explanation for a person.
        errors: per-field problems, ``[{"field", "code", "message"}]``.
        headers: extra response headers (``Retry-After``, ``WWW-Authenticate``, tus headers).
        extra: extra members of the problem object (e.g. the current ``status``/``version``).
    """

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        errors: Sequence[Mapping[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
        title: str | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.errors = list(errors) if errors else None
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})
        self.title = title or _TITLES.get(status, "Lỗi")

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": TYPE_PREFIX + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.errors:
            out["errors"] = self.errors
        out.update(self.extra)
        return out

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers,
                            media_type=PROBLEM_JSON)


def field_problem(field: str, code: str, message: str, *, status: int = 422,
                  slug: str = "validation") -> Problem:
    """A 422 about one field: the detail repeats the field's message so it is never lost."""
    return Problem(status, slug, message, errors=[{"field": field, "code": code, "message": message}])


# --------------------------------------------------------------------------------------------
# Request validation errors (pydantic) in Vietnamese

_PYDANTIC_MESSAGES = {
    "missing": "chưa nhập (bắt buộc)",
    "string_type": "phải là chuỗi ký tự",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "dict_type": "phải là một đối tượng JSON",
    "model_type": "phải là một đối tượng JSON",
    "model_attributes_type": "phải là một đối tượng JSON",
    "list_type": "phải là một danh sách JSON",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "ngắn hơn {min_length} ký tự",
    "too_long": "có quá {max_length} phần tử",
    "too_short": "cần ít nhất {min_length} phần tử",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than": "phải nhỏ hơn {lt}",
    "literal_error": "phải là một trong các giá trị: {expected}",
    "enum": "phải là một trong các giá trị: {expected}",
    "string_pattern_mismatch": "không đúng định dạng",
    "json_invalid": "không phải JSON hợp lệ",
    "json_type": "không phải JSON hợp lệ",
    "uuid_parsing": "không phải UUID hợp lệ",
    "uuid_type": "không phải UUID hợp lệ",
    "date_from_datetime_parsing": "ngày không hợp lệ, dùng dạng YYYY-MM-DD",
    "date_parsing": "ngày không hợp lệ, dùng dạng YYYY-MM-DD",
    "date_type": "ngày không hợp lệ, dùng dạng YYYY-MM-DD",
    "value_error": "giá trị không hợp lệ",
    "extra_forbidden": "không phải tham số của yêu cầu này",
    # The portal's own text rules (portal.wire): the kernel's codes.
    "text_chars": "chứa ký tự điều khiển (như NUL) không được phép",
    "text_invisible": "chứa ký tự ẩn hoặc ký tự đổi chiều hiển thị (như U+202E, U+200B) không "
                      "được phép, hãy gõ lại",
    "too_deep": "lồng nhau quá {max_depth} cấp",
}


def _field_name(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    if not parts:
        return "body"
    return ".".join(parts)


def validation_errors(raw: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Pydantic/FastAPI error dicts → ``[{"field", "code", "message"}]`` in Vietnamese."""
    out: list[dict[str, str]] = []
    for err in raw:
        kind = str(err.get("type", "value_error"))
        loc = err.get("loc", ())
        field = _field_name(loc)
        if kind in ("json_invalid", "json_type"):
            field = "body"
        field = _with_sub_path(field, err.get("ctx") or {})
        template = _PYDANTIC_MESSAGES.get(kind, "giá trị không hợp lệ")
        ctx = {k: (str(v) if not isinstance(v, str) else v)
               for k, v in (err.get("ctx") or {}).items()}
        try:
            reason = template.format(**ctx)
        except (KeyError, IndexError):
            reason = _PYDANTIC_MESSAGES.get("value_error", "giá trị không hợp lệ")
        label = "Nội dung gửi lên" if field == "body" else f"Trường “{field}”"
        out.append({"field": field, "code": kind, "message": f"{label}: {reason}."})
    return out


def _with_sub_path(field: str, ctx: Mapping[str, Any]) -> str:
    """A problem found inside a JSON tree names the place in it (``fields`` → the answer's id)."""
    sub = ctx.get("sub")
    if not sub:
        return field
    if ctx.get("flat"):
        head = field.rpartition(".")[0]
        return f"{head}.{sub}" if head else str(sub)
    return f"{field}{sub}" if str(sub).startswith("[") else f"{field}.{sub}"


def validation_problem(raw: Sequence[Mapping[str, Any]]) -> Problem:
    """A 422 problem from pydantic-style error dicts (``type``, ``loc``, optional ``ctx``)."""
    errors = validation_errors(raw)
    names = ", ".join(dict.fromkeys(e["field"] for e in errors))
    detail = f"Dữ liệu gửi lên không hợp lệ ở: {names}. " + " ".join(e["message"] for e in errors[:5])
    return Problem(422, "validation", detail[:2000], errors=errors)


def install(app: FastAPI) -> None:
    """Register the handlers that make every error a problem detail."""

    @app.exception_handler(Problem)
    async def _problem(_request: Request, exc: Problem) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_problem(exc.errors()).response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = {
            400: "Nội dung yêu cầu không đọc được (JSON sai cú pháp, lồng quá sâu hoặc bị cắt "
                 "ngang). Hãy kiểm tra và gửi lại.",
            404: "Không tìm thấy địa chỉ này trên cổng dịch vụ công.",
            405: "Địa chỉ này không hỗ trợ phương thức HTTP đã dùng.",
        }.get(exc.status_code, "Yêu cầu không thể thực hiện.")
        return Problem(exc.status_code, f"http-{exc.status_code}", detail,
                       headers=getattr(exc, "headers", None)).response()

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # Normally RequestIdMiddleware answers first; this is the last line of defence.
        log.error("unexpected error (request_id=%s)", request_id.get(), exc_info=exc)
        return internal_problem(request_id.get()).response()


def internal_problem(rid: str) -> Problem:
    return Problem(500, "internal",
                   "Máy chủ gặp lỗi ngoài dự kiến. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, "
                   f"hãy báo cho quản trị viên kèm mã yêu cầu {rid}.",
                   extra={"request_id": rid}, headers={"X-Request-ID": rid})


# --------------------------------------------------------------------------------------------
# The OpenAPI document says what errors really look like

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; `detail` is Vietnamese and says what to do.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "example": TYPE_PREFIX + "validation"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["field", "code", "message"],
            "properties": {"field": {"type": "string"}, "code": {"type": "string"},
                           "message": {"type": "string"}}}},
        "request_id": {"type": "string"},
    },
    "additionalProperties": True,
}


def document_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """Make the generated OpenAPI tell the truth about errors.

    FastAPI documents a 422 body of ``{"detail": [...]}``; the portal answers every error,
    422 included, as ``application/problem+json`` with a string ``detail``. Each operation's
    422 is replaced and a ``default`` problem response covers the other 4xx/5xx it may give
    (401, 404, 409, 413, 429 …).
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    problem = {"content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            if "422" in responses:
                responses["422"] = {"description": "Dữ liệu không hợp lệ (problem details)", **problem}
            responses.setdefault("default", {"description": "Lỗi (problem details)", **problem})
    if not components:
        schema["components"].pop("schemas")
    return schema


# --------------------------------------------------------------------------------------------
# Request ids

#: The id of the request being served (for log lines written deep inside a handler).
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_GOOD_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestIdMiddleware:
    """Pure ASGI middleware: an ``X-Request-ID`` on every answer, and every 5xx logged with it.

    A well-formed ``X-Request-ID`` from the client (or a proxy in front) is kept so a support
    call can be matched to the server log; otherwise a new one is made. An exception that no
    handler caught is logged with its stack trace and the request id, and the client gets a
    problem detail naming only the id.
    """

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _GOOD_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = False
        where = f"{scope.get('method', '?')} {scope.get('path', '?')}"

        async def stamped(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                status = message.get("status", 0)
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", rid.encode("latin-1")))
                message = {**message, "headers": headers}
                if status >= 500:
                    log.error("%s answered %s (request_id=%s)", where, status, rid)
            await send(message)

        try:
            await self.app(scope, receive, stamped)
        except Exception:
            log.exception("unexpected error in %s (request_id=%s)", where, rid)
            if not started:
                response = internal_problem(rid).response()
                await send({"type": "http.response.start", "status": 500,
                            "headers": response.raw_headers})
                await send({"type": "http.response.body", "body": response.body})
        finally:
            request_id.reset(token)
