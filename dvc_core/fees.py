"""Fees (lệ phí, phí) as the catalog's data describe them — Qt-free, shared by the wizard, the
command line, the receipts and the portal (one function, so they never disagree).

Amounts are province data (HĐND resolutions, Ministry of Finance circulars) that may be out of
date: the catalog marks them ``unconfirmed`` and every screen that shows one says so.

Rules (``fee.rule``):
    free       no fee.
    fixed      ``amount_vnd`` per dossier, unless one of the ``exemptions`` holds.
    per_copy   ``amount_vnd`` × the number in the form's ``copies_field`` (0 copies: 0 đ).
    per_page   certified copies (Thông tư 226/2016/TT-BTC): ``first_page_vnd`` for each of the
               first ``first_pages`` pages, ``later_page_vnd`` for each later page, at most
               ``cap_per_copy_vnd`` per copy; every entry of the form's ``group_field`` says
               its ``pages`` and ``copies``.

``fee.copies`` (any rule): copies asked for with the registration (bản sao trích lục), charged
per copy on top of the registration fee and never covered by an exemption (Thông tư
281/2016/TT-BTC, Điều 4: they are a *phí*, the exemption of Luật Hộ tịch Điều 11 covers the
*lệ phí*): ``{"field", "amount_vnd", "label", "legal_basis", "unconfirmed", "conflict"}``.

``fee.exemptions``: ``[{"id", "label", "reason", "legal_basis", "when"}]``; the first whose
``when`` holds for the answers and the filing date waives the registration fee. Conditions:

    {"days_between": {"from_field": F, "to": "filed_on" | G, "min": a, "max": b}}
        the days from the date in F to the filing date (or the date in field G) lie in [a, b]
        (``min`` defaults to 0). The first day is not counted (Bộ luật Dân sự 2015, Điều 147):
        a birth on 1/3 filed on 30/4 is day 60. With ``"last_day_off_extends": true`` a last day
        that is a weekend or holiday moves to the next working day (Điều 148 khoản 5). A
        missing or invalid date never holds — the fee is kept and the quote says why.
    {"field_equals": {"field": F, "value": V}}    the answer in F is V.
    {"all": [cond, …]} / {"any": [cond, …]}      every / at least one condition holds.

``free_when`` (older data): a note shown with the fee, never computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dvc_core.vntime import VN

if TYPE_CHECKING:
    from dvc_core.workdays import WorkingCalendar

#: Vietnam's time (Asia/Ho_Chi_Minh): UTC+7 without daylight saving since 1975; a fixed offset
#: needs no tzdata (Windows).
VN_TZ = VN  # the kernel's one Vietnam time zone (dvc_core.vntime)
FILED_ON = "filed_on"
CONDITION_KINDS = ("days_between", "field_equals", "all", "any")


@dataclass(frozen=True)
class FeeQuote:
    """What a dossier costs: the total, one line per part, and whether the amount is confirmed.

    ``exempt``: the registration fee is waived (``exempt_label``, ``exempt_reason`` and the
    ``legal_basis`` say why); copies asked for are still in ``total_vnd``. ``legal_basis`` is the
    exemption's source when exempt, else the fee's. ``notes``: why an exemption does not apply
    (filed on day 61) or could not be decided (no valid date of birth yet).
    """

    total_vnd: int
    lines: tuple[tuple[str, int], ...]
    unconfirmed: bool
    free_when: str = ""
    exempt: bool = False
    exempt_label: str = ""
    exempt_reason: str = ""
    legal_basis: str = ""
    notes: tuple[str, ...] = ()
    fee_vnd: int = 0          # the registration (or service) fee, after any exemption
    copies: int = 0           # copies charged separately (``fee.copies``)
    copies_vnd: int = 0
    copy_vnd: int = 0         # the amount per copy


def format_vnd(amount: int) -> str:
    """``200000`` → ``200.000`` (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def today_vn(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Vietnam, whatever the machine's zone."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(VN_TZ).date()


def copy_fee(pages: int, *, first_pages: int = 2, first_page_vnd: int = 2000,
             later_page_vnd: int = 1000, cap_per_copy_vnd: int = 200_000) -> int:
    """The fee for one certified copy of a document of ``pages`` pages.

    >>> copy_fee(1), copy_fee(2), copy_fee(3), copy_fee(10), copy_fee(1000)
    (2000, 4000, 5000, 12000, 200000)
    """
    pages = max(0, int(pages))
    first = min(pages, first_pages)
    amount = first * first_page_vnd + (pages - first) * later_page_vnd
    return min(amount, cap_per_copy_vnd)


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(VN_TZ).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        from dvc_core.rules.text import parse_date

        return parse_date(value.strip())
    return None


def _label_of(field_id: str, labels: Mapping[str, str]) -> str:
    return labels.get(field_id) or field_id


class _Undecided(Exception):
    """A condition that cannot be evaluated on these answers (missing or invalid date)."""


def _holds(condition: Mapping[str, Any], fields: Mapping[str, Any], filed_on: dt.date,
           labels: Mapping[str, str] | None = None, calendar: WorkingCalendar | None = None) -> bool:
    """Whether an exemption's ``when`` holds; raises :class:`_Undecided` when a date it needs
    is missing or invalid (the caller keeps the fee and says why)."""
    labels = labels or {}
    if "all" in condition or "any" in condition:
        # Decided when one part decides it (a false part of "all", a true part of "any"), even
        # if another part cannot be evaluated; otherwise an undecided part leaves it undecided.
        wanted = "any" in condition
        undecided: _Undecided | None = None
        for part in condition["any" if wanted else "all"]:
            try:
                if _holds(part, fields, filed_on, labels, calendar) is wanted:
                    return wanted
            except _Undecided as exc:
                undecided = undecided or exc
        if undecided is not None:
            raise undecided
        return not wanted
    if "field_equals" in condition:
        spec = condition["field_equals"]
        return fields.get(spec.get("field")) == spec.get("value")
    if "days_between" in condition:
        spec = condition["days_between"]
        start_field = str(spec.get("from_field", ""))
        start = _date(fields.get(start_field))
        if start is None:
            what = "chưa có" if fields.get(start_field) in (None, "") else "không hợp lệ"
            raise _Undecided(f"{_label_of(start_field, labels)} {what}")
        to = str(spec.get("to", FILED_ON))
        end = filed_on if to == FILED_ON else _date(fields.get(to))
        if end is None:
            what = "chưa có" if fields.get(to) in (None, "") else "không hợp lệ"
            raise _Undecided(f"{_label_of(to, labels)} {what}")
        days = (end - start).days
        if days < 0:
            later = "ngày nộp hồ sơ" if to == FILED_ON else _label_of(to, labels)
            raise _Undecided(f"{_label_of(start_field, labels)} sau {later}")
        high = _int(spec.get("max"), days)
        if spec.get("last_day_off_extends") is True and "max" in spec:
            # The period ends on the next working day when its last day is a day off.
            last = start + dt.timedelta(days=high)
            while not _working(last, calendar):
                last += dt.timedelta(days=1)
            high = (last - start).days
        return _int(spec.get("min"), 0) <= days <= high
    return False


def _working(day: dt.date, calendar: WorkingCalendar | None) -> bool:
    """A working day of the calendar (``dvc_core.workdays.WorkingCalendar``); without one,
    Monday to Friday."""
    return calendar.is_working_day(day) if calendar is not None else day.weekday() < 5


def _exemption(fee: Mapping[str, Any], fields: Mapping[str, Any], filed_on: dt.date,
               labels: Mapping[str, str],
               calendar: WorkingCalendar | None = None) -> tuple[Mapping[str, Any] | None, tuple[str, ...]]:
    notes = []
    for rule in fee.get("exemptions") or ():
        if not isinstance(rule, Mapping) or not isinstance(rule.get("when"), Mapping):
            continue
        label = str(rule.get("label") or rule.get("id") or "")
        try:
            if _holds(rule["when"], fields, filed_on, labels, calendar):
                return rule, ()
        except _Undecided as exc:
            notes.append(f"Chưa xét được “{label}”: {exc}; lệ phí tạm tính như không được miễn, "
                         "cán bộ xác nhận tại quầy.")
            continue
        # Why not: "Không thuộc trường hợp miễn lệ phí (đăng ký đúng hạn) — đăng ký khai sinh
        # trong 60 ngày kể từ ngày sinh (nộp ngày thứ 61)."
        text = f"Không thuộc trường hợp {label[:1].lower()}{label[1:]}"
        if rule.get("reason"):
            text += f" — {rule['reason']}"
        between = rule["when"].get("days_between")
        if isinstance(between, Mapping) and between.get("to", FILED_ON) == FILED_ON:
            start = _date(fields.get(between.get("from_field")))
            if start is not None:
                text += f" (nộp ngày thứ {(filed_on - start).days})"
        notes.append(text + ".")
    return None, tuple(notes)


def quote(fee: Mapping[str, Any], fields: Mapping[str, Any] | None = None, *,
          filed_on: dt.date | None = None, labels: Mapping[str, str] | None = None,
          calendar: WorkingCalendar | None = None) -> FeeQuote:
    """The fee for a dossier with these (checked or raw) answers, filed on ``filed_on``
    (default: today in Vietnam). ``labels``: field id → label, for the notes; ``calendar``: the
    working days (a ``WorkingCalendar``) for a period whose last day off extends it."""
    fields = fields or {}
    filed_on = filed_on or today_vn()
    labels = labels or {}
    rule = fee.get("rule", "fixed" if fee.get("amount_vnd") else "free")
    unconfirmed = bool(fee.get("unconfirmed", False))
    free_when = str(fee.get("free_when", ""))
    basis = str(fee.get("legal_basis", ""))
    lines: list[tuple[str, int]] = []
    exempt_rule: Mapping[str, Any] | None = None
    notes: tuple[str, ...] = ()
    copies, copy_vnd, copy_name = 0, 0, "Bản sao"
    if rule == "per_copy":
        # The service is the copies themselves (e.g. Cấp bản sao trích lục hộ tịch).
        copies = max(0, _int(fields.get(fee.get("copies_field", "copies")), 1))
        copy_vnd = _int(fee.get("amount_vnd"))
        copy_name = str(fee.get("label") or copy_name)
    elif rule == "per_page":
        params = {k: _int(fee[k]) for k in ("first_pages", "first_page_vnd", "later_page_vnd",
                                             "cap_per_copy_vnd") if k in fee}
        for entry in fields.get(fee.get("group_field", "documents")) or ():
            if not isinstance(entry, Mapping):
                continue
            pages, count = _int(entry.get("pages"), 1), _int(entry.get("copies"), 1)
            each = copy_fee(pages, **params)
            name = str(entry.get("name") or "").strip() or "Giấy tờ"
            lines.append((f"{name}: {count} bản × {pages} trang", each * count))
    elif rule == "fixed":
        amount = _int(fee.get("amount_vnd"))
        exempt_rule, notes = _exemption(fee, fields, filed_on, labels, calendar)
        if exempt_rule is not None:
            lines.append((str(exempt_rule.get("label") or "Miễn lệ phí"), 0))
        else:
            lines.append((str(fee.get("label") or ""), amount))
    fee_vnd = sum(a for _, a in lines)
    extra = fee.get("copies")
    if rule != "per_copy" and isinstance(extra, Mapping):
        copies = max(0, _int(fields.get(extra.get("field", "copies")), 0))
        copy_vnd = _int(extra.get("amount_vnd"))
        copy_name = str(extra.get("label") or copy_name)
        unconfirmed = unconfirmed or bool(extra.get("unconfirmed", False))
    if copies:
        lines.append((f"{copy_name}: {copies} bản × {format_vnd(copy_vnd)} đ", copies * copy_vnd))
    return FeeQuote(
        total_vnd=fee_vnd + copies * copy_vnd, lines=tuple(lines), unconfirmed=unconfirmed,
        free_when=free_when, exempt=exempt_rule is not None,
        exempt_label=str(exempt_rule.get("label", "")) if exempt_rule else "",
        exempt_reason=str(exempt_rule.get("reason", "")) if exempt_rule else "",
        legal_basis=str(exempt_rule.get("legal_basis", "")) if exempt_rule else basis,
        notes=notes, fee_vnd=fee_vnd, copies=copies, copies_vnd=copies * copy_vnd,
        copy_vnd=copy_vnd,
    )


def fee_summary_vi(q: FeeQuote) -> str:
    """The fee in one line of Vietnamese, as a form prints it.

    ``Miễn lệ phí (đăng ký đúng hạn): đăng ký trong 60 ngày kể từ ngày sinh`` ·
    ``Miễn lệ phí (đăng ký đúng hạn): …; bản sao: 16.000 đồng (2 bản sao × 8.000 đ)`` ·
    ``16.000 đồng (lệ phí 8.000 đ + 1 bản sao × 8.000 đ)`` · ``Không thu phí``.
    """
    copies = f"{q.copies} bản sao × {format_vnd(q.copy_vnd)} đ" if q.copies else ""
    if q.exempt:
        text = q.exempt_label or "Miễn lệ phí"
        if q.exempt_reason:
            text += f": {q.exempt_reason}"
        if q.copies_vnd:
            text += f"; bản sao: {format_vnd(q.copies_vnd)} đồng ({copies})"
        return text
    if not q.total_vnd:
        return "Không thu phí"
    if q.copies_vnd:
        detail = f"lệ phí {format_vnd(q.fee_vnd)} đ + {copies}" if q.fee_vnd else copies
    else:
        parts = [label for label, amount in q.lines if label and amount]
        detail = "; ".join(parts) if len(parts) > 1 or (parts and "×" in parts[0]) else ""
    return f"{format_vnd(q.total_vnd)} đồng" + (f" ({detail})" if detail else "")


def fee_json(q: FeeQuote) -> dict[str, Any]:
    """The quote as the portal's dossier JSON and ``dvc --json`` carry it."""
    return {"total_vnd": q.total_vnd, "exempt": q.exempt, "label": fee_summary_vi(q),
            "exempt_label": q.exempt_label, "exempt_reason": q.exempt_reason,
            "legal_basis": q.legal_basis, "fee_vnd": q.fee_vnd, "copies": q.copies,
            "copies_vnd": q.copies_vnd, "unconfirmed": q.unconfirmed,
            "lines": [{"label": label, "amount_vnd": amount} for label, amount in q.lines],
            "notes": list(q.notes)}


def describe(fee: Mapping[str, Any]) -> str:
    """The rule in one line of Vietnamese, e.g. ``8.000 đồng/bản`` (not this dossier's fee)."""
    rule = fee.get("rule", "fixed" if fee.get("amount_vnd") else "free")
    if fee.get("text"):
        text = str(fee["text"])
    elif rule == "free" or (rule == "fixed" and not fee.get("amount_vnd")):
        text = "Miễn phí"
    elif rule == "per_copy":
        text = f"{format_vnd(_int(fee.get('amount_vnd')))} đồng/bản"
    elif rule == "fixed":
        per = f"/{fee['per']}" if fee.get("per") else ""
        text = f"{format_vnd(_int(fee.get('amount_vnd')))} đồng{per}"
    else:
        text = (f"{format_vnd(_int(fee.get('first_page_vnd')))} đồng/trang, từ trang thứ "
                f"{_int(fee.get('first_pages')) + 1} {format_vnd(_int(fee.get('later_page_vnd')))} "
                f"đồng/trang, tối đa {format_vnd(_int(fee.get('cap_per_copy_vnd')))} đồng/bản")
    exemptions = [e for e in fee.get("exemptions") or () if isinstance(e, Mapping)]
    for exemption in exemptions:
        text += f" — {exemption.get('label', 'Miễn lệ phí')}"
        if exemption.get("reason"):
            text += f": {exemption['reason']}"
    if not exemptions and fee.get("free_when"):
        text += f" — {fee['free_when']}"
    extra = fee.get("copies")
    if isinstance(extra, Mapping) and extra.get("amount_vnd"):
        text += (f"; {str(extra.get('label') or 'bản sao').lower()} "
                 f"{format_vnd(_int(extra.get('amount_vnd')))} đồng/bản")
    return text
