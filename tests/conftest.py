"""Shared test set-up: headless Qt, an in-memory keyring, and a real portal on loopback."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DVC_NO_USER_SETTINGS", "1")

import keyring  # noqa: E402
import pytest  # noqa: E402

from tests.helpers.keyring_backend import MemoryKeyring  # noqa: E402


@pytest.fixture(autouse=True)
def memory_keyring():
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def live_portal(tmp_path):
    """A real portal (uvicorn subprocess, sandbox data, SQLite file) on a free loopback port."""
    from tests.helpers.portal_fixture import start_portal

    with start_portal(tmp_path / "portal", sandbox=True) as portal:
        yield portal
