"""Shared test set-up: headless Qt, an in-memory keyring, and a real portal on loopback."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DVC_NO_USER_SETTINGS", "1")

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import pytest  # noqa: E402


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A dict-backed keyring so no test touches the machine's real secret store."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


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
    from tests.portal_fixture import start_portal

    with start_portal(tmp_path / "portal", sandbox=True) as portal:
        yield portal
