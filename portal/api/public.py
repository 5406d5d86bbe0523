"""Endpoints without login: health and the public status lookup (tra cứu hồ sơ)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from dvc_core import lifecycle
from dvc_core.rules import normalize_id_number
from portal.context import (
    Ctx,
    DbSession,
    count_events,
    record_event,
    retry_after,
)
from portal.models import Dossier
from portal.problems import Problem
from portal.visibility import lookup_filter

router = APIRouter(tags=["public"])


@router.get("/health")
def health() -> dict[str, str]:
    """Liveness."""
    return {"status": "ok"}


@router.get("/lookup")
def lookup(request: Request, session: DbSession, ctx: Ctx,
           code: Annotated[str, Query(max_length=64)] = "",
           id_number: Annotated[str, Query(max_length=32)] = "") -> dict[str, Any]:
    """A dossier's status when both its code and the applicant's ID number match.

    Anything else gets the same neutral 404, so the lookup cannot be used to learn which codes
    exist; requests are counted per client address to slow down guessing.
    """
    settings = ctx.settings
    now = ctx.now()
    client = request.client.host if request.client else "unknown"
    key = f"lookup:{client}"
    if count_events(session, key, now - settings.lookup_window) >= settings.lookup_limit:
        wait = retry_after(session, key, now, settings.lookup_window)
        raise Problem(429, "lookup-limit",
                      f"Tra cứu quá nhiều lần. Vui lòng thử lại sau {wait} giây.",
                      headers={"Retry-After": str(wait)})
    record_event(session, key, now)
    session.commit()
    code = code.strip()
    number = normalize_id_number(id_number)
    dossier = None
    if code and number:
        dossier = session.scalar(select(Dossier).where(lookup_filter(code, number)))
    if dossier is None:
        raise Problem(404, "lookup-not-found",
                      "Không tìm thấy hồ sơ khớp với mã hồ sơ và số CMND/CCCD đã nhập. Hãy kiểm "
                      "tra lại cả hai thông tin.")
    proc = ctx.catalog.get(dossier.procedure_code)
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_text": lifecycle.status_text(dossier.status),
        "procedure_code": dossier.procedure_code,
        "procedure_name": proc.name if proc else None,
        "received_at": dossier.received_at.isoformat() if dossier.received_at else None,
        "due_at": dossier.due_at.isoformat() if dossier.due_at else None,
    }
