"""Fees from the catalog's rules; the certified-copy fee per page with its cap."""

from __future__ import annotations

import datetime as dt

import pytest

from dvc_core.catalog import default_catalog
from dvc_core.fees import copy_fee, describe, format_vnd, quote


@pytest.mark.parametrize(("pages", "fee"), [
    (0, 0), (1, 2000), (2, 4000), (3, 5000), (10, 12_000), (198, 200_000), (199, 200_000),
    (500, 200_000),
])
def test_copy_fee_per_page_with_cap(pages, fee):
    assert copy_fee(pages) == fee


def test_certified_copies_quote_from_the_form():
    proc = default_catalog().get("2.000815")
    fee = quote(proc.fee, {"documents": [{"name": "Giấy khai sinh", "pages": 1, "copies": 3},
                                         {"name": "Học bạ", "pages": 30, "copies": 2},
                                         {"name": "Sổ dày", "pages": 400, "copies": 1}]})
    assert fee.total_vnd == 3 * 2000 + 2 * 32_000 + 200_000
    assert fee.lines[0] == ("Giấy khai sinh: 3 bản × 1 trang", 6000)
    assert fee.unconfirmed


def test_other_rules():
    catalog = default_catalog()
    assert quote(catalog.get("2.000635").fee, {"copies": 3}).total_vnd == 24_000
    assert quote(catalog.get("1.000894").fee).total_vnd == 0
    late = quote(catalog.get("1.001193").fee, {"child.birth_date": "2026-01-01"},
                 filed_on=dt.date(2026, 12, 1))
    assert late.total_vnd == 8000 and not late.exempt
    assert describe(catalog.get("1.000894").fee) == "Miễn phí; bản sao trích lục 8.000 đồng/bản"
    assert describe(catalog.get("2.000635").fee) == "8.000 đồng/bản"
    assert describe(catalog.get("2.000884").fee) == "10.000 đồng/trường hợp"
    assert "200.000 đ/bản" in describe(catalog.get("2.000815").fee)
    assert format_vnd(1_234_567) == "1.234.567"
