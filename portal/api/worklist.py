"""The officer desk's worklists: ``GET /worklist`` (every queue's count, or one queue's page)
and ``GET /calendar`` (the working days due dates are counted in)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from dvc_core import fees, lifecycle
from dvc_core.rules import plain_text
from dvc_core.vntime import to_vn
from portal import visibility, worklist
from portal.context import Ctx, CurrentCaller, DbSession
from portal.problems import Problem, field_problem
from portal.workflow import Actor

router = APIRouter(tags=["worklist"])

MAX_LIMIT = 500


class WorklistQuery(BaseModel):
    """The query string of ``GET /worklist``; an unknown parameter is refused (422)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)

    queue: str | None = Field(default=None, max_length=40)
    q: str | None = Field(default=None, max_length=100)
    procedure: str | None = Field(default=None, max_length=64)
    channel: int | None = Field(default=None, ge=1, le=3)
    received_from: dt.date | None = Field(default=None, alias="from")
    received_to: dt.date | None = Field(default=None, alias="to")
    sort: Literal["due_at", "-due_at", "received_at", "-received_at"] = "due_at"
    limit: int = Field(default=100, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(default=None, max_length=200)
    page: int | None = Field(default=None, ge=1, le=1_000_000)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _fee(row: Any, catalog: Any, calendar: Any) -> dict[str, Any]:
    """The row's fee from the kernel's rules (``Procedure.quote_fee``) on its answers and its
    receipt date in Vietnam: what the desk's fee column shows."""
    procedure = catalog.get(row.procedure_code) if catalog is not None else None
    if procedure is None:
        return {"fee_vnd": None, "fee_label": None}
    fields = row.fields if isinstance(row.fields, dict) else {}
    filed = to_vn(row.received_at).date() if row.received_at else None
    quote = procedure.quote_fee(fields, filed_on=filed, calendar=calendar)
    return {"fee_vnd": quote.total_vnd, "fee_label": fees.fee_summary_vi(quote)}


def _item(row: Any, names: dict[str, str], catalog: Any = None,
          calendar: Any = None) -> dict[str, Any]:
    applicant = row.applicant if isinstance(row.applicant, dict) else {}
    name = applicant.get("full_name")
    return {
        **_fee(row, catalog, calendar),
        "uuid": row.id,
        "code": row.code,
        "status": row.status,
        "status_text": lifecycle.status_text(row.status),
        "version": row.version,
        "due_at": _iso(row.due_at),
        "received_at": _iso(row.received_at),
        "updated_at": _iso(row.updated_at),
        "applicant_name": plain_text(name) if isinstance(name, str) else None,
        "applicant_id_number": row.applicant_id_number,
        "procedure_code": row.procedure_code,
        "procedure_name": names.get(row.procedure_code, row.procedure_code),
        "channel": row.channel,
        "channel_text": lifecycle.CHANNEL_TEXT.get(row.channel or 0),
        "search_key": row.search_text or "",
    }


@router.get("/worklist")
def get_worklist(caller: CurrentCaller, session: DbSession, ctx: Ctx,
                 params: Annotated[WorklistQuery, Query()]) -> dict[str, Any]:
    """Without ``queue``: every worklist with its count. With it: one page of that queue,
    sorted by due date (or receipt), with the queue's whole count and the next page's cursor.
    Officers see their commune's submitted dossiers; other accounts are refused (403)."""
    actor = Actor.of(caller.account, caller.token_hash)
    if not visibility.may_work(actor):
        raise Problem(403, "not-an-office", visibility.NOT_AN_OFFICE)
    if (params.received_from and params.received_to
            and params.received_from > params.received_to):
        raise Problem(422, "validation",
                      "Khoảng ngày không hợp lệ: ngày bắt đầu “from” sau ngày kết thúc “to”.",
                      errors=[{"field": "from", "code": "date_range",
                               "message": "Trường “from”: phải trước hoặc bằng ngày “to”."},
                              {"field": "to", "code": "date_range",
                               "message": "Trường “to”: phải sau hoặc bằng ngày “from”."}])
    filters = worklist.Filters(q=params.q, procedure=params.procedure, channel=params.channel,
                               received_from=params.received_from,
                               received_to=params.received_to)
    now = ctx.now()
    visible = visibility.worklist_filter(actor)
    if params.queue is None:
        if params.cursor is not None or params.page is not None:
            raise field_problem("queue", "required",
                                "Trường “queue”: cần chọn một danh sách khi phân trang "
                                "(cursor, page).")
        found = worklist.counts(session, visible, filters, now)
        return {"as_of": now.isoformat(), "queues": [
            {"queue": name, "label": w.label, "count": found[name]}
            for name, w in lifecycle.WORKLISTS.items()]}
    if params.queue not in lifecycle.WORKLISTS:
        names = ", ".join(lifecycle.WORKLISTS)
        raise field_problem("queue", "choice",
                            f"Trường “queue”: không có danh sách “{params.queue[:40]}”. "
                            f"Các danh sách: {names}.")
    if params.cursor is not None and params.page is not None:
        raise field_problem("cursor", "exclusive",
                            "Trường “cursor”: không dùng cùng với “page”; hãy chọn một cách "
                            "phân trang.")
    after = None
    if params.cursor is not None:
        after = worklist.decode_cursor(params.cursor)
        if after is None:
            raise field_problem("cursor", "cursor",
                                "Trường “cursor”: không phải vị trí trang do cổng trả về. Hãy "
                                "đọc lại danh sách từ đầu.")
    offset = (params.page - 1) * params.limit if params.page else 0
    found = worklist.page(session, visible, params.queue, filters, now, sort=params.sort,
                          limit=params.limit, after=after, offset=offset)
    names = worklist.procedure_names(ctx.catalog, (r.procedure_code for r in found.items))
    return {
        "queue": params.queue,
        "label": lifecycle.WORKLISTS[params.queue].label,
        "count": found.count,
        "items": [_item(r, names, ctx.catalog, ctx.calendar) for r in found.items],
        "next_cursor": found.next_cursor,
        "limit": params.limit,
        "sort": params.sort,
        "as_of": now.isoformat(),
    }


@router.get("/calendar")
def get_calendar(ctx: Ctx) -> dict[str, Any]:
    """The working days the portal counts due dates in: its holidays (those not yet officially
    announced marked ``"confirmed": false``) and the weekend days worked in exchange."""
    return ctx.calendar.to_json()
