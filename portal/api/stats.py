"""The commune's figures (QĐ 766/QĐ-TTg): ``GET /stats?from=&to=`` for the officer desk's
dashboard. What counts is defined once, in :mod:`dvc_core.stats`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from dvc_core.stats import Period, PeriodError
from dvc_core.vntime import to_vn
from portal import stats, visibility
from portal.context import Ctx, CurrentCaller, DbSession
from portal.problems import Problem, field_problem
from portal.workflow import Actor

router = APIRouter(tags=["stats"])

NOT_AN_OFFICE = ("Số liệu của xã chỉ dành cho cán bộ Trung tâm Phục vụ hành chính công của "
                 "xã/phường. Tài khoản này không phải tài khoản cán bộ, hoặc chưa được gắn với "
                 "xã/phường nào.")


class StatsQuery(BaseModel):
    """The query string of ``GET /stats``; an unknown parameter is refused (422)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)

    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")


@router.get("/stats")
def get_stats(caller: CurrentCaller, session: DbSession, ctx: Ctx,
              params: Annotated[StatsQuery, Query()]) -> dict[str, Any]:
    """The figures of the caller's commune for the days ``from`` to ``to`` (Vietnam's time,
    both included; default: the last twelve weeks to today). Officers only (403 otherwise)."""
    actor = Actor.of(caller.account, caller.token_hash)
    if not visibility.may_work(actor):
        raise Problem(403, "not-an-office", NOT_AN_OFFICE)
    now = ctx.now()
    today = to_vn(now).date()
    try:
        period = Period.parse(params.start.isoformat() if params.start else None,
                              params.end.isoformat() if params.end else None, today)
    except PeriodError as exc:
        raise field_problem(exc.field, "date_range", f"Trường “{exc.field}”: {exc.message}"
                            ) from exc
    return stats.figures(session, visibility.worklist_filter(actor), period, ctx.catalog,
                         now).to_json()
