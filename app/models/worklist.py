"""The officer's worklists as last read from the portal: a cache for reading offline.

Nothing here is durable work — the portal holds the dossiers — so these tables are written
with light commits (``app.services.lightdb``) and replaced whole, queue by queue, at each read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, str32, str64, str200


class WorklistQueue(Base):
    """One worklist of one portal: its name, its count and when it was read."""

    __tablename__ = "worklist_queues"

    server: Mapped[str200] = mapped_column(primary_key=True)
    queue: Mapped[str32] = mapped_column(primary_key=True)
    label: Mapped[str200]
    count: Mapped[int]
    fetched_at: Mapped[dt.datetime]
    # When its items were last read in full (None: only the count is known).
    items_at: Mapped[dt.datetime | None]


class WorklistItem(Base):
    """One dossier of a worklist, in the portal's order (by due date)."""

    __tablename__ = "worklist_items"

    server: Mapped[str200] = mapped_column(primary_key=True)
    queue: Mapped[str32] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str64]
    code: Mapped[str64 | None]
    status: Mapped[int | None]
    version: Mapped[int | None]
    due_at: Mapped[dt.datetime | None]
    received_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime | None]
    applicant_name: Mapped[str200 | None]
    applicant_id_number: Mapped[str32 | None]
    procedure_code: Mapped[str64]
    procedure_name: Mapped[str | None] = mapped_column(String(500))
    channel: Mapped[int | None]
    search_key: Mapped[str | None] = mapped_column(Text)
    # The fee by the kernel's rules, as the portal computed it (None: an older portal).
    fee_vnd: Mapped[int | None]
    fee_label: Mapped[str | None] = mapped_column(Text)


class WorklistCalendar(Base):
    """The working days a portal counts due dates in (``GET /calendar``), as it answered."""

    __tablename__ = "worklist_calendars"

    server: Mapped[str200] = mapped_column(primary_key=True)
    data: Mapped[dict[str, Any]]
    fetched_at: Mapped[dt.datetime]
