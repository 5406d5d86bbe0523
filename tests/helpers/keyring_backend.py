"""Keyring backends for tests: in memory for the test process, a JSON file for subprocesses.

``MemoryKeyring`` keeps every test off the machine's real secret store. ``FileKeyring`` is a
JSON file named by DVC_TEST_KEYRING_FILE, for test subprocesses only.

Child processes (the `dvc` commands run for real) cannot share the in-memory keyring of the test
process; `PYTHON_KEYRING_BACKEND=tests.helpers.keyring_backend.FileKeyring` points them at this instead.
It exists only under tests/ — the app itself never stores a secret in a file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def _path(self) -> Path:
        return Path(os.environ["DVC_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        try:
            return json.loads(self._path.read_text())
        except (OSError, ValueError):
            return {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path.write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}\n{username}", None)
        self._path.write_text(json.dumps(data))


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
