"""GUI test fixtures: the Vietnamese translator, real services over a temporary data folder,
the main window with tasks run in line, and small real PDF/PNG files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from tests.helpers.gui import PDF_BYTES, PNG_BYTES


@pytest.fixture(scope="session")
def vi_qm(tmp_path_factory) -> Path:
    """The Vietnamese catalogue compiled from ``i18n/dvc_vi.ts`` into a temporary folder."""
    from app.i18n import compile_ts, ts_dir

    qm = tmp_path_factory.mktemp("i18n") / "dvc_vi.qm"
    assert compile_ts(ts_dir() / "dvc_vi.ts", qm)
    return qm


@pytest.fixture(scope="session", autouse=True)
def vietnamese_ui(qapp, vi_qm):
    """Every GUI test runs with the Vietnamese translator and the app's fonts and style."""
    from app.views.common.theme import apply_theme

    apply_theme(qapp)
    translator = QTranslator()
    assert translator.load(str(vi_qm))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture
def services(tmp_path):
    """Real services (SQLite queue, blob store) on a temporary folder; no portal is started."""
    from app.config import resolve
    from app.services.context import Services

    config = resolve(tmp_path / "data", "https://portal.invalid", "desk", "vi")
    svc = Services(config)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot, services):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    win = MainWindow(default_catalog(), tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.set_services(services)
    return win


@pytest.fixture
def wizard(window):
    return window.wizard


@pytest.fixture
def pdf_file(tmp_path) -> Path:
    path = tmp_path / "to_khai.pdf"
    path.write_bytes(PDF_BYTES)
    return path


@pytest.fixture
def png_file(tmp_path) -> Path:
    path = tmp_path / "giay_chung_sinh.png"
    path.write_bytes(PNG_BYTES)
    return path
