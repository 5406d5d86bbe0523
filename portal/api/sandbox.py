"""Training-only endpoints (mounted only with ``--sandbox``): demo accounts, sent messages and
the reset to the seeded state."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from portal.context import Ctx, DbSession
from portal.models import Message
from portal.seed import DEMO_ACCOUNTS, reset_sandbox

router = APIRouter(prefix="/sandbox", tags=["sandbox"])


@router.get("/accounts")
def accounts() -> list[dict[str, Any]]:
    """The seeded demo accounts, passwords included (they are published training data)."""
    return [{"username": a.username, "password": a.password, "role": a.role,
             "commune": a.commune, "display_name": a.full_name} for a in DEMO_ACCOUNTS]


@router.get("/messages")
def messages(session: DbSession, after: int = 0) -> list[dict[str, Any]]:
    """Every SMS and e-mail the portal would have sent, oldest first (OTPs included);
    ``after``: only those with a larger ``id`` (what a phone that has the rest still needs)."""
    rows = session.scalars(select(Message).where(Message.id > after)
                           .order_by(Message.id)).all()
    return [{"id": m.id, "to": m.to, "channel": m.channel, "subject": m.subject, "body": m.body,
             "sent_at": (m.sent_at or m.created_at).isoformat()} for m in rows]



@router.post("/reset")
def reset(ctx: Ctx) -> dict[str, Any]:
    """Back to the seeded state: everything a workshop added is deleted, the demo data seeded
    again (``removed``: how many rows of each table and how many files went)."""
    return {"removed": reset_sandbox(ctx)}
