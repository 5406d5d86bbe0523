"""Fees (lệ phí, phí) as the catalog's data describe them — Qt-free, shared by the wizard and
the receipts.

Amounts are province data (HĐND resolutions, Ministry of Finance circulars) that may be out of
date: the catalog marks them ``unconfirmed`` and every screen that shows one says so.

Rules:
    free       no fee.
    fixed      ``amount_vnd`` per dossier (``free_when`` names the case with no fee).
    per_copy   ``amount_vnd`` × the number in the form's ``copies_field``.
    per_page   certified copies (Thông tư 226/2016/TT-BTC): ``first_page_vnd`` for each of the
               first ``first_pages`` pages, ``later_page_vnd`` for each later page, at most
               ``cap_per_copy_vnd`` per copy; every entry of the form's ``group_field`` says
               its ``pages`` and ``copies``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FeeQuote:
    """What a dossier costs: the total, one line per part, and whether the amount is confirmed."""

    total_vnd: int
    lines: tuple[tuple[str, int], ...]
    unconfirmed: bool
    free_when: str = ""


def format_vnd(amount: int) -> str:
    """``200000`` → ``200.000`` (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


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
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def quote(fee: Mapping[str, Any], fields: Mapping[str, Any] | None = None) -> FeeQuote:
    """The fee for a dossier with these (checked or raw) answers."""
    fields = fields or {}
    rule = fee.get("rule", "fixed" if fee.get("amount_vnd") else "free")
    unconfirmed = bool(fee.get("unconfirmed", False))
    free_when = str(fee.get("free_when", ""))
    if rule == "per_copy":
        copies = _int(fields.get(fee.get("copies_field", "copies")), 1)
        amount = _int(fee.get("amount_vnd"))
        return FeeQuote(amount * copies, ((f"{copies} × {format_vnd(amount)} đ", amount * copies),),
                        unconfirmed)
    if rule == "per_page":
        params = {k: _int(fee[k]) for k in ("first_pages", "first_page_vnd", "later_page_vnd",
                                             "cap_per_copy_vnd") if k in fee}
        lines = []
        for entry in fields.get(fee.get("group_field", "documents")) or ():
            if not isinstance(entry, Mapping):
                continue
            pages, copies = _int(entry.get("pages"), 1), _int(entry.get("copies"), 1)
            each = copy_fee(pages, **params)
            name = str(entry.get("name") or "").strip() or "Giấy tờ"
            lines.append((f"{name}: {copies} bản × {pages} trang", each * copies))
        return FeeQuote(sum(a for _, a in lines), tuple(lines), unconfirmed)
    if rule == "fixed":
        amount = _int(fee.get("amount_vnd"))
        return FeeQuote(amount, (("", amount),), unconfirmed, free_when)
    return FeeQuote(0, (), unconfirmed)


def describe(fee: Mapping[str, Any]) -> str:
    """The rule in one line of Vietnamese, e.g. ``8.000 đồng/bản``."""
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
    if fee.get("free_when"):
        text += f" — {fee['free_when']}"
    return text
