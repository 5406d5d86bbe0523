"""The procedure catalog, with an ETag so clients download it only when it changed."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from portal.context import Ctx
from portal.problems import Problem

router = APIRouter(tags=["procedures"])


def _matches(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match")
    if not header:
        return False
    tags = [t.strip().removeprefix("W/").strip('"') for t in header.split(",")]
    return "*" in tags or etag in tags


@router.get("/procedures")
def procedures(request: Request, ctx: Ctx) -> Response:
    """Every procedure with its form schema and dossier components."""
    etag = ctx.catalog.etag
    headers = {"ETag": f'"{etag}"', "Cache-Control": "no-cache"}
    if _matches(request, etag):
        return Response(status_code=304, headers=headers)
    body = {"etag": etag, "procedures": [p.to_json() for p in ctx.catalog]}
    return JSONResponse(body, headers=headers)


@router.get("/procedures/{code}")
def procedure(code: str, request: Request, ctx: Ctx) -> Response:
    """One procedure, by national or provincial code."""
    proc = ctx.catalog.get(code[:100])
    if proc is None:
        raise Problem(404, "procedure-not-found",
                      f"Không có thủ tục mã “{code[:100]}” trong danh mục của cổng.")
    etag = f"{ctx.catalog.etag}-{proc.code}"
    headers = {"ETag": f'"{etag}"', "Cache-Control": "no-cache"}
    if _matches(request, etag):
        return Response(status_code=304, headers=headers)
    return JSONResponse(proc.to_json(), headers=headers)
