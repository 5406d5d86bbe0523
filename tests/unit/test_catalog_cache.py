"""The portal's catalog kept in the data folder: fetched with its ETag, checked, used offline."""

from __future__ import annotations

from app.services.catalog_cache import load_cached, refresh
from dvc_core.catalog import default_catalog
from tests.helpers.catalog import FakeClient, served


def test_refresh_keeps_the_catalog_and_uses_the_etag(tmp_path):
    assert load_cached(tmp_path) is None
    client = FakeClient(served())
    catalog = refresh(client, tmp_path)
    assert catalog.get("1.004873").fee["amount_vnd"] == 20000
    assert len(catalog) == 9
    # Examples come back from the shipped copy when the form's version is the same.
    assert catalog.get("1.001193").example == default_catalog().get("1.001193").example
    assert refresh(client, tmp_path) is None  # 304: nothing new
    assert client.asked == [None, "v2"]
    kept = load_cached(tmp_path)  # the next start, offline
    assert kept.get("1.004873").fee["amount_vnd"] == 20000


def test_a_broken_procedure_is_left_out(tmp_path):
    client = FakeClient(served(level=9))
    catalog = refresh(client, tmp_path)
    assert catalog.get("1.004873") is None and len(catalog) == 8
