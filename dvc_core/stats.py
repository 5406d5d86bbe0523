"""The commune's figures (QĐ 766/QĐ-TTg): what the one-stop unit is measured on, computed from
plain records of its dossiers — Qt-free, the same computation for the portal
(``GET /api/v1/stats``), the desk's dashboard and ``dvc dashboard``.

What counts, exactly (a period is a range of days in Vietnam's time, both ends included):

* **received** (tiếp nhận): dossiers first submitted to the office in the period (a
  resubmission after a supplement request is the same dossier, not a new one);
* **online share** (trực tuyến): of those received, the ones that came through the portal
  (channel 2 "Trực tuyến"; the counter and the public post are not online);
* **dossiers digitised** (số hóa hồ sơ): of those received, the ones whose every required
  component of the procedure has an electronic file held on the portal (a procedure the
  catalog no longer knows: at least one file);
* **settled** (đã giải quyết): dossiers whose result was finished (status 9 "Đã xử lý xong",
  the first time) in the period; **on time** when finished no later than the due date in force
  (the one set by the last submission: a supplement request stops the clock and the
  resubmission sets a new date); a dossier with no due date counts as on time. The **on-time
  rate** is on time ÷ settled. Refused, withdrawn and stopped dossiers are not settled and
  count in neither part. The return (trả kết quả) is the handover of a settled result and does
  not change whether it was on time (the person may come for it later);
* **results digitised** (số hóa kết quả): of the dossiers whose result was returned (status 10)
  in the period, the ones whose return carries the electronic result file;
* **paid online** (thanh toán trực tuyến): of the dossiers whose fee payment was recorded
  (status 6 → 4) in the period, the ones recorded as paid online;
* **overdue** (quá hạn): dossiers whose due date fell in the period and was missed — finished
  after it, or still in the office's hands (on the clock) and not finished at the moment asked
  about. A dossier waiting for the applicant (supplement, fee) is not overdue.

Weekly series run Monday to Sunday; a week cut by the period's ends counts only its days
inside the period. A share whose denominator is 0 is ``None`` (shown as "—", never as 0 %).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from dvc_core import lifecycle
from dvc_core.vntime import to_vn

#: The longest period asked at once (two years: the weekly series stays readable).
MAX_DAYS = 731
#: The default period: the last twelve weeks, this one included.
DEFAULT_WEEKS = 12

#: How a fee was paid, as the officer records it with ``fee_paid`` (``"payment"`` in the
#: action's body and on its history line): ``online`` — a bank transfer (the VietQR code) or a
#: payment service, what QĐ 766 counts as paid online — or ``counter``, cash at the counter.
PAYMENT_WAYS = ("online", "counter")
PAYMENT_LABELS = {"online": "Thanh toán trực tuyến (chuyển khoản, VietQR)",
                  "counter": "Nộp trực tiếp tại quầy"}


class PeriodError(ValueError):
    """A period that cannot be asked: ``field`` names the bad end (``from`` or ``to``)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Period:
    """Days in Vietnam's time, ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise PeriodError("from", f"Ngày bắt đầu (from) {self.start:%d/%m/%Y} sau ngày kết "
                                      f"thúc (to) {self.end:%d/%m/%Y}.")
        if (self.end - self.start).days + 1 > MAX_DAYS:
            raise PeriodError("to", f"Khoảng ngày dài quá {MAX_DAYS} ngày: hãy chọn ngày kết "
                                    f"thúc (to) gần hơn.")

    @classmethod
    def default(cls, today: dt.date) -> Period:
        """The last :data:`DEFAULT_WEEKS` weeks, Monday to ``today``."""
        monday = today - dt.timedelta(days=today.weekday())
        return cls(monday - dt.timedelta(weeks=DEFAULT_WEEKS - 1), today)

    @classmethod
    def parse(cls, start: str | None, end: str | None, today: dt.date) -> Period:
        """From ``YYYY-MM-DD`` texts; a missing end is today, a missing start the default's
        (twelve weeks before the end). Raises :class:`PeriodError` naming the bad one."""
        to = _parse_day("to", end) if end else today
        since = (_parse_day("from", start) if start
                 else cls.default(to).start)
        return cls(since, to)

    def contains(self, moment: dt.datetime | None) -> bool:
        return moment is not None and self.start <= to_vn(moment).date() <= self.end

    def weeks(self) -> list[tuple[dt.date, dt.date]]:
        """Each week (Monday to Sunday) the period touches, cut to the period."""
        out = []
        monday = self.start - dt.timedelta(days=self.start.weekday())
        while monday <= self.end:
            sunday = monday + dt.timedelta(days=6)
            out.append((max(monday, self.start), min(sunday, self.end)))
            monday += dt.timedelta(weeks=1)
        return out


def _parse_day(name: str, text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(name, f"Ngày “{name}” không hợp lệ: “{text[:20]}” — hãy viết "
                                f"YYYY-MM-DD, ví dụ 2026-11-30.") from None


@dataclass(frozen=True, slots=True)
class DossierFacts:
    """What the figures read of one dossier (no personal data).

    Attributes:
        submitted_at: its first submission (received by the office).
        due_at: the due date in force.
        finished_at: when it was first finished (status 9).
        returned_at: when its result was returned (status 10).
        digitised: every required component has an electronic file.
        result_electronic: the return carried the electronic result file.
        fee_paid_at: when the fee payment was recorded.
        paid_online: that payment was made online.
    """

    procedure_code: str
    channel: int | None
    status: int | None
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    digitised: bool = False
    result_electronic: bool = False
    fee_paid_at: dt.datetime | None = None
    paid_online: bool = False

    @classmethod
    def from_history(cls, *, procedure_code: str, channel: int | None, status: int | None,
                     due_at: dt.datetime | None,
                     events: Iterable[tuple[str, dt.datetime, Mapping[str, Any] | None]],
                     components: Iterable[str], required: Sequence[str] | None
                     ) -> DossierFacts:
        """From a dossier's history lines ``(action, at, detail)`` in order, the components
        its files are attached as, and the procedure's required components (None: the
        procedure is unknown)."""
        submitted = finished = returned = paid = None
        result_file = online_payment = False
        for action, at, detail in events:
            detail = detail or {}
            if action == "submit" and submitted is None:
                submitted = at
            elif action == "finish" and finished is None:
                finished = at
            elif action == "return":
                returned = at
                result_file = isinstance(detail.get("result"), Mapping)
            elif action == "fee_paid":
                paid = at
                online_payment = detail.get("payment") == "online"
        held = set(components)
        digitised = bool(held) if required is None else set(required) <= held and bool(held)
        return cls(procedure_code, channel, status, submitted, due_at, finished, returned,
                   digitised, result_file, paid, online_payment)

    def on_time(self) -> bool:
        return (self.finished_at is not None
                and (self.due_at is None or self.finished_at <= self.due_at))

    def missed_due(self, now: dt.datetime) -> bool:
        """Its due date was missed (finished after it, or open on the clock past it)."""
        if self.due_at is None:
            return False
        if self.finished_at is not None:
            return self.finished_at > self.due_at
        return self.status in lifecycle.ON_THE_CLOCK and self.due_at < now


def share(part: int, whole: int) -> float | None:
    """``part / whole`` to four places; None when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


@dataclass
class Tally:
    """The counts of one row (the whole period, one week or one procedure)."""

    received: int = 0
    online: int = 0
    digitised: int = 0
    finished: int = 0
    on_time: int = 0
    overdue: int = 0
    returned: int = 0
    result_digitised: int = 0
    fee_paid: int = 0
    paid_online: int = 0

    def to_json(self) -> dict[str, int]:
        return dict(self.__dict__)


#: The counts, in the order the JSON, the CSV and the tables give them.
COUNTS = tuple(Tally().__dict__)


def count(facts: DossierFacts, pick: Callable[[dt.datetime | None], Tally | None],
          now: dt.datetime) -> None:
    """Count one dossier: each of its moments into the tally ``pick`` gives for it (None: the
    moment is outside what is counted)."""
    if (row := pick(facts.submitted_at)) is not None:
        row.received += 1
        row.online += facts.channel == lifecycle.TRUC_TUYEN
        row.digitised += facts.digitised
    if (row := pick(facts.finished_at)) is not None:
        row.finished += 1
        row.on_time += facts.on_time()
    if facts.missed_due(now) and (row := pick(facts.due_at)) is not None:
        row.overdue += 1
    if (row := pick(facts.returned_at)) is not None:
        row.returned += 1
        row.result_digitised += facts.result_electronic
    if (row := pick(facts.fee_paid_at)) is not None:
        row.fee_paid += 1
        row.paid_online += facts.paid_online


@dataclass(frozen=True)
class Figures:
    """The dashboard: the period's counts and shares, by week and by procedure.

    ``procedures`` are sorted by dossiers received, then finished, then code; only procedures
    with something in the period are listed.
    """

    period: Period
    as_of: dt.datetime
    totals: dict[str, int]
    weeks: list[dict[str, Any]]
    procedures: list[dict[str, Any]]
    targets: dict[str, Any] = field(default_factory=dict)

    @property
    def shares(self) -> dict[str, float | None]:
        t = self.totals
        return {
            "on_time_rate": share(t["on_time"], t["finished"]),
            "online_share": share(t["online"], t["received"]),
            "digitised_share": share(t["digitised"], t["received"]),
            "result_digitised_share": share(t["result_digitised"], t["returned"]),
            "paid_online_share": share(t["paid_online"], t["fee_paid"]),
        }

    def to_json(self) -> dict[str, Any]:
        """The stable shape of ``dvc dashboard --json`` and ``GET /api/v1/stats``."""
        return {"from": self.period.start.isoformat(), "to": self.period.end.isoformat(),
                "as_of": self.as_of.isoformat(), **self.shares, "counts": dict(self.totals),
                "weeks": [dict(w) for w in self.weeks],
                "procedures": [dict(p) for p in self.procedures],
                "targets": dict(self.targets)}

    @classmethod
    def from_json(cls, data: Any) -> Figures:
        """Read back :meth:`to_json` (the portal's answer, the desk's copy); ``ValueError``
        when it is not that shape."""
        if not isinstance(data, Mapping):
            raise ValueError("figures: not an object")
        try:
            period = Period(dt.date.fromisoformat(data["from"]), dt.date.fromisoformat(data["to"]))
            as_of = dt.datetime.fromisoformat(data["as_of"])
            totals = {k: _count(data["counts"][k]) for k in COUNTS}
            weeks = [{"week_start": str(w["week_start"]), "week_end": str(w["week_end"]),
                      **{k: _count(w[k]) for k in COUNTS}} for w in data["weeks"]]
            procedures = [{"procedure_code": str(p["procedure_code"]),
                           "procedure_name": str(p["procedure_name"]),
                           **{k: _count(p[k]) for k in COUNTS}} for p in data["procedures"]]
            targets = dict(data.get("targets") or {})
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"figures: {exc!r}") from exc
        if as_of.tzinfo is None:
            raise ValueError("figures: as_of without a time zone")
        return cls(period, as_of, totals, weeks, procedures, targets)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"figures: count {value!r}")
    return value


def compute(records: Iterable[DossierFacts], period: Period, now: dt.datetime,
            names: Mapping[str, str] | None = None) -> Figures:
    """The figures of ``period`` as known at ``now``; ``names``: procedure code → name."""
    names = names or {}
    weeks = period.weeks()
    total = Tally()
    by_week = [Tally() for _ in weeks]
    by_procedure: dict[str, Tally] = {}
    first_monday = period.start - dt.timedelta(days=period.start.weekday())

    def day_of(moment: dt.datetime | None) -> dt.date | None:
        if moment is None:
            return None
        day = to_vn(moment).date()
        return day if period.start <= day <= period.end else None

    def week(moment: dt.datetime | None) -> Tally | None:
        day = day_of(moment)
        return None if day is None else by_week[(day - first_monday).days // 7]

    # Each moment is placed once: in the period (the total and the procedure's row) and in
    # its week, by its day — not by asking every week.
    for facts in records:
        mine = by_procedure.get(facts.procedure_code) or Tally()
        for row in (total, mine):
            count(facts, lambda m, row=row: row if day_of(m) is not None else None, now)
        count(facts, week, now)
        if facts.procedure_code not in by_procedure and any(mine.__dict__.values()):
            by_procedure[facts.procedure_code] = mine
    procedures = sorted(by_procedure.items(),
                        key=lambda kv: (-kv[1].received, -kv[1].finished, kv[0]))
    return Figures(
        period, now, total.to_json(),
        [{"week_start": a.isoformat(), "week_end": b.isoformat(), **t.to_json()}
         for (a, b), t in zip(weeks, by_week, strict=True)],
        [{"procedure_code": code, "procedure_name": names.get(code, code), **t.to_json()}
         for code, t in procedures],
        targets())


def targets() -> dict[str, Any]:
    """The indicative targets (``data/qd766_targets.json``: each with its source)."""
    raw = json.loads(resources.files("dvc_core").joinpath("data/qd766_targets.json")
                     .read_text(encoding="utf-8"))
    return {k: v["target"] for k, v in raw["targets"].items()}


# --------------------------------------------------------------------------------------------
# CSV: one table, a row per week then a row per procedure then the period's total, so a
# spreadsheet opens it as it is.

CSV_HEADER = ("phan_loai", "tu_ngay", "den_ngay", "ma_thu_tuc", "ten_thu_tuc", *COUNTS)


def csv_rows(figures: Figures) -> list[list[str]]:
    """The header and the rows of the CSV export (``tuan``, ``thu_tuc``, ``tong``)."""
    start, end = figures.period.start.isoformat(), figures.period.end.isoformat()
    rows: list[list[str]] = [list(CSV_HEADER)]
    for w in figures.weeks:
        rows.append(["tuan", w["week_start"], w["week_end"], "", "",
                     *(str(w[k]) for k in COUNTS)])
    for p in figures.procedures:
        rows.append(["thu_tuc", start, end, p["procedure_code"], p["procedure_name"],
                     *(str(p[k]) for k in COUNTS)])
    rows.append(["tong", start, end, "", "", *(str(figures.totals[k]) for k in COUNTS)])
    return rows


__all__ = ["COUNTS", "CSV_HEADER", "DossierFacts", "Figures", "MAX_DAYS", "Period",
           "PeriodError", "compute", "csv_rows", "share", "targets"]
