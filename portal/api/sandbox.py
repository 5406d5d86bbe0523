"""Training-only endpoints (mounted only with ``--sandbox``): demo accounts and sent messages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from portal.context import DbSession
from portal.models import Message
from portal.seed import DEMO_ACCOUNTS

router = APIRouter(prefix="/sandbox", tags=["sandbox"])


@router.get("/accounts")
def accounts() -> list[dict[str, Any]]:
    """The seeded demo accounts, passwords included (they are published training data)."""
    return [{"username": a.username, "password": a.password, "role": a.role,
             "commune": a.commune, "display_name": a.full_name} for a in DEMO_ACCOUNTS]


@router.get("/messages")
def messages(session: DbSession) -> list[dict[str, Any]]:
    """Every SMS and e-mail the portal would have sent, oldest first (OTPs included)."""
    rows = session.scalars(select(Message).order_by(Message.id)).all()
    return [{"to": m.to, "channel": m.channel, "subject": m.subject, "body": m.body,
             "sent_at": (m.sent_at or m.created_at).isoformat()} for m in rows]
