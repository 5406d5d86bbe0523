"""Fixtures of the portal tests: an in-process portal with a pinned clock, the live one.

End-to-end tests use the ``live_portal`` fixture (a real uvicorn subprocess) from the root
``conftest.py``; fine-grained cases use FastAPI's ``TestClient`` against ``create_app`` so the
clock can be moved (OTP expiry, token expiry, due dates).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from portal.app import create_app
from portal.settings import PortalSettings
from tests.helpers.portal_api import DATABASES, Api, Clock
from tests.helpers.portal_fixture import postgres_schema, postgres_url, start_portal


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest) -> Any:
    """Every portal test runs twice: on a SQLite file ("" → the default one in the storage
    folder) and on PostgreSQL, in a fresh schema dropped afterwards (skipped with the reason
    when no PostgreSQL answers locally; ``.ci/run`` starts one)."""
    if request.param == "sqlite":
        yield ""
        return
    base, why = postgres_url()
    if base is None:
        pytest.skip(why)
    with postgres_schema(base) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, clock: Clock, database_url: str) -> PortalSettings:
    return PortalSettings(storage_dir=tmp_path / "portal", sandbox=True, clock=clock,
                          database_url=database_url,
                          max_file_bytes=64 * 1024, max_dossier_bytes=160 * 1024)


@pytest.fixture
def client(settings: PortalSettings) -> Any:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def api(client: Any) -> Api:
    return Api(client, "/api/v1")


@pytest.fixture
def citizen(api: Api) -> str:
    return api.login("0912345678", "CongDan@2026")


@pytest.fixture
def officer(api: Api) -> str:
    return api.login("canbo.thuchanh", "CanBo@2026")


@pytest.fixture
def live_portal(tmp_path: Path, database_url: str) -> Any:
    """The real portal (``python -m portal`` under uvicorn) on SQLite and on PostgreSQL."""
    with start_portal(tmp_path / "portal", sandbox=True, database_url=database_url or None) as portal:
        yield portal


@pytest.fixture
def live_api(live_portal: Any) -> Api:
    return Api(live_portal.http, live_portal.api, timeout=10)
