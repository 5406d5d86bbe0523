"""The portal application factory: ``create_app(settings)`` → a FastAPI app under ``/api/v1``."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from dvc_core.blobs import BlobStore
from dvc_core.catalog import Catalog, default_catalog
from portal import problems
from portal.api import (
    accounts,
    devices,
    dossiers,
    procedures,
    public,
    sandbox,
    sessions,
    stats,
    uploads,
    worklist,
)
from portal.context import PortalContext
from portal.db import create_schema, make_engine, make_sessionmaker
from portal.maintenance import cleanup
from portal.notify import (
    HttpSmsSender,
    Notifier,
    SandboxSender,
    Sender,
    SmtpSender,
    UnconfiguredSender,
)
from portal.problems import Problem, RequestIdMiddleware
from portal.scheduling import WorkingCalendar, default_calendar
from portal.seed import DEMO_UNIT_CODE, seed_sandbox
from portal.settings import PortalSettings
from portal.wire import refuse_unsafe_params

__all__ = ["PortalSettings", "create_app"]

log = logging.getLogger(__name__)
API_PREFIX = "/api/v1"


#: What ``X-HTTP-Method-Override`` may turn a POST into (tus clients behind proxies or
#: browsers that allow no PATCH send ``POST`` with ``X-HTTP-Method-Override: PATCH``).
OVERRIDABLE = frozenset({"PATCH", "PUT", "DELETE", "HEAD"})
#: The order methods are listed in ``Allow``.
_METHOD_ORDER = ("OPTIONS", "HEAD", "GET", "POST", "PUT", "PATCH", "DELETE")


class _Guard:
    """Pure ASGI middleware: method override, caps request bodies and stamps tus responses.

    A ``POST`` carrying ``X-HTTP-Method-Override`` (tus requires servers to honour it) is
    served as the method it names (one of :data:`OVERRIDABLE`, else a 400 problem), on every
    route.

    A JSON body larger than ``max_json_bytes`` is refused with a 413 before any handler runs,
    authentication included: at once when ``Content-Length`` says so, otherwise by counting
    the bytes as they stream in (a chunked body declares no length), so at most
    ``max_json_bytes`` are ever held. Uploads are exempt: their size is checked against
    ``Upload-Length`` as their bytes go to disk. Every response under ``/api/v1/uploads``
    carries ``Tus-Resumable``, errors included, as tus requires.
    """

    def __init__(self, app: Any, max_json_bytes: int):
        self.app = app
        self.max_json_bytes = max_json_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if scope.get("method") == "POST":
            override = dict(scope.get("headers") or []).get(b"x-http-method-override")
            if override is not None:
                method = override.decode("latin-1").strip().upper()
                if method not in OVERRIDABLE:
                    await _send_problem(send, Problem(
                        400, "method-override",
                        "X-HTTP-Method-Override chỉ nhận PATCH, PUT, DELETE hoặc HEAD.",
                        headers={"Tus-Resumable": "1.0.0"} if "/uploads" in path else None))
                    return
                scope = {**scope, "method": method}
        if not path.startswith(API_PREFIX + "/uploads"):
            length = dict(scope.get("headers") or []).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.max_json_bytes:
                await _send_problem(send, self._too_large())
                return
            body = await self._read_capped(receive)
            if body is None:
                await _send_problem(send, self._too_large())
                return
            await self.app(scope, _replay(body, receive), send)
            return

        async def stamped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"tus-resumable"]
                headers.append((b"tus-resumable", b"1.0.0"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, stamped)

    async def _read_capped(self, receive: Any) -> list[dict[str, Any]] | None:
        """The request's messages up to the end of its body; None once it passes the cap."""
        messages: list[dict[str, Any]] = []
        total = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages  # the client went away; the handler finds out as usual
            total += len(message.get("body", b""))
            if total > self.max_json_bytes:
                return None
            if not message.get("more_body", False):
                return messages

    def _too_large(self) -> Problem:
        # The rest of the body is never read: the connection closes after this answer.
        return Problem(413, "body-too-large",
                       f"Nội dung gửi lên quá lớn (tối đa {self.max_json_bytes // 1024} KB). Tệp "
                       "đính kèm phải được tải lên riêng qua /uploads.",
                       headers={"Connection": "close"})


def _replay(messages: list[dict[str, Any]], receive: Any) -> Any:
    """A ``receive`` that hands the handler the messages already read, then the real one's."""
    pending = list(messages)

    async def replayed() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


async def _send_problem(send: Any, problem: Problem) -> None:
    response = problem.response()
    await send({"type": "http.response.start", "status": response.status_code,
                "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})


def _declare_instance_limits(schema: dict[str, Any], ctx: PortalContext) -> dict[str, Any]:
    """What this portal instance accepts, in its API document: the procedure codes of its
    catalog (national and provincial) and its per-file size limit."""
    codes = sorted({c for p in ctx.catalog for c in (p.code, p.provincial_code) if c})
    models = schema.get("components", {}).get("schemas", {})
    if "DossierIn" in models:
        models["DossierIn"]["properties"]["procedure_code"]["enum"] = codes
    if "AttachmentIn" in models:
        models["AttachmentIn"]["properties"]["size"]["maximum"] = ctx.settings.max_file_bytes
    for path, item in schema.get("paths", {}).items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if path.endswith("/procedures/{code}") and parameter["name"] == "code":
                    parameter["schema"]["enum"] = codes
                if parameter["in"] == "header" and parameter["name"] == "Upload-Length":
                    parameter["schema"]["maximum"] = ctx.settings.max_file_bytes
    return schema


def allowed_methods(app: Any, scope: dict[str, Any]) -> list[str]:
    """Every method some route serves at this request's path (for ``Allow``)."""
    methods: set[str] = set()
    for route in iter_route_contexts(app.router.routes):  # included routers' routes too
        if route.methods and route.matches(scope)[0] is not Match.NONE:
            methods |= route.methods
    rank = {m: i for i, m in enumerate(_METHOD_ORDER)}
    return sorted(methods, key=lambda m: (rank.get(m, len(rank)), m))


def _install_method_not_allowed(app: FastAPI) -> None:
    """A 405's ``Allow`` lists every method served at that path, not only the methods of the
    first route matching it (each method is a route of its own)."""
    generic = app.exception_handlers[StarletteHTTPException]

    @app.exception_handler(405)
    async def _not_allowed(request: Request, exc: Exception) -> Any:
        response = await generic(request, exc)
        allowed = allowed_methods(request.app, request.scope)
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response


def _senders(settings: PortalSettings) -> dict[str, Sender]:
    # Training: nothing leaves the machine, unless a gateway or server is explicitly configured.
    fallback: dict[str, Sender] = (
        {"sms": SandboxSender(), "email": SandboxSender()} if settings.sandbox
        else {"sms": UnconfiguredSender("sms"), "email": UnconfiguredSender("email")})
    return {"sms": HttpSmsSender(settings.sms) if settings.sms else fallback["sms"],
            "email": SmtpSender(settings.smtp) if settings.smtp else fallback["email"]}


def build_context(settings: PortalSettings, catalog: Catalog | None = None,
                  clean: bool = True) -> PortalContext:
    """Engine, schema, blob store, notifier and (sandbox) seed data for one portal instance.

    ``clean``: run the house-keeping (:func:`portal.maintenance.cleanup`) once at start-up.
    """
    settings.storage_dir.mkdir(parents=True, exist_ok=True)
    (settings.storage_dir / "uploads").mkdir(exist_ok=True)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    sessions = make_sessionmaker(engine)
    if settings.sandbox:
        settings.default_unit_code = settings.default_unit_code or DEMO_UNIT_CODE
        for attempt in range(3):
            # Several workers may start together; the loser of a race just tries again.
            try:
                with sessions() as session:
                    seed_sandbox(session, settings.clock())
                break
            except (IntegrityError, OperationalError):
                if attempt == 2:
                    raise
    notifier = Notifier(sessions, settings.clock, _senders(settings), keep_bodies=settings.sandbox)
    calendar = (WorkingCalendar.load(settings.holidays_file) if settings.holidays_file
                else default_calendar())
    ctx = PortalContext(settings=settings, engine=engine, sessions=sessions,
                        catalog=catalog or default_catalog(),
                        blobs=BlobStore(settings.storage_dir / "blobs", settings.max_file_bytes),
                        notifier=notifier, calendar=calendar)
    if settings.sandbox and settings.demo_dossiers:
        from portal.demo_dossiers import seed_demo_dossiers

        seed_demo_dossiers(ctx)
    try:
        if clean:
            cleanup(ctx)
    except (OperationalError, IntegrityError):  # another worker is cleaning at the same moment
        log.warning("start-up clean-up skipped", exc_info=True)
    return ctx


def create_app(settings: PortalSettings, catalog: Catalog | None = None) -> FastAPI:
    """Build the portal's FastAPI application.

    Args:
        settings: database, storage, sandbox flag, limits and clock.
        catalog: the procedures to serve (default: the catalog shipped in ``resources``).
    """
    ctx = build_context(settings, catalog)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.threads:
            # Fewer request threads than anyio's default 40: under a burst, a thread holding
            # the database's writer lock then waits less for the GIL, so the queue moves.
            anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        ctx.notifier.start()
        try:
            yield
        finally:
            ctx.notifier.stop()
            ctx.engine.dispose()

    app = FastAPI(
        title="Cổng dịch vụ công DVC Desk (máy chủ tham chiếu)",
        version="1",
        openapi_url=API_PREFIX + "/openapi.json",
        docs_url=API_PREFIX + "/docs",
        redoc_url=None,
        lifespan=lifespan,
        # Every path and query parameter meets the text rule before any handler runs.
        dependencies=[Depends(refuse_unsafe_params)],
    )
    app.state.portal = ctx
    problems.install(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _declare_instance_limits(problems.document_problems(get_openapi(
                title=app.title, version=app.version, routes=app.routes)), ctx)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    _install_method_not_allowed(app)
    for module in (public, accounts, sessions, procedures, dossiers, uploads, devices,
                   worklist, stats):
        app.include_router(module.router, prefix=API_PREFIX)
    if settings.sandbox:
        app.include_router(sandbox.router, prefix=API_PREFIX)
    # Also at the root, for load balancers and process supervisors that probe ``/health``.
    app.add_api_route("/health", public.health, methods=["GET"], include_in_schema=False)
    # The API document at the conventional root address too, where generic tools look first.
    app.add_api_route("/openapi.json", lambda: JSONResponse(app.openapi()), methods=["GET"],
                      include_in_schema=False)
    app.add_middleware(_Guard, max_json_bytes=settings.max_json_bytes)
    if settings.forwarded_allow_ips:
        # The client address (per-address limits) comes from X-Forwarded-For only when the
        # direct peer is a configured proxy; uvicorn's own handling is off (see portal.cli).
        # Imported here: uvicorn (and click with it) costs ~80 ms at import, and only a portal
        # behind a proxy needs it (the in-process test clients do not).
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.forwarded_allow_ips))
    # Outermost: every answer carries X-Request-ID, and an error that escapes everything else
    # is logged with it and answered as a problem (never a stack trace).
    app.add_middleware(RequestIdMiddleware)
    return app
