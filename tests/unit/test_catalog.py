"""The shipped catalog loads and search finds procedures the way people type."""

from __future__ import annotations

import unicodedata

import pytest

from dvc_core.catalog import default_catalog


@pytest.mark.parametrize(
    "query",
    ["Đăng ký khai sinh", "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "dang ki khai sinh",
     unicodedata.normalize("NFD", "đăng ký khai sinh"), "1.001193", "làm giấy khai sinh cho con"],
)
def test_search_finds_birth_registration(query):
    results = default_catalog().search(query)
    assert results and results[0].code == "1.001193"


def test_search_filters_and_misses():
    catalog = default_catalog()
    assert catalog.search("dang ky khai sinh", level=3) == []
    assert catalog.search("khai sinh", field_name="ho tich")[0].code == "1.001193"
    assert catalog.search("xyz không có") == []


def test_show_includes_components_with_ids():
    data = default_catalog().get("1.001193").to_json()
    assert {"id": "to_khai", "required": True}.items() <= data["components"][0].items()
    assert data["name"]["vi"] == "Đăng ký khai sinh"
    assert default_catalog().get("1.001193.000.00.00.H56").code == "1.001193"
