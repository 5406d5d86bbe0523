"""End-to-end set-up: the app's real services against the real portal subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import resolve
from app.services.context import Services
from app.services.queue import AttachmentSource
from tests.helpers.e2e import JPEG, PDF


@pytest.fixture
def attachments(tmp_path) -> list[AttachmentSource]:
    to_khai = tmp_path / "tờ khai.pdf"
    to_khai.write_bytes(PDF)
    chung_sinh = tmp_path / "giấy chứng sinh.jpg"
    chung_sinh.write_bytes(JPEG)
    return [AttachmentSource("to_khai", to_khai), AttachmentSource("giay_chung_sinh", chung_sinh)]


@pytest.fixture
def make_services(tmp_path):
    made: list[Services] = []

    def make(server: str, data_dir: Path | None = None, mode: str = "desk") -> Services:
        services = Services(resolve(data_dir or tmp_path / "app", server, mode, "vi"))
        made.append(services)
        return services

    yield make
    for services in made:
        services.close()
