"""``dvc-desk`` starts, paints its first page without the heavy imports, and quits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from app.application import main
rc = main(sys.argv[1:])
heavy = sorted(m for m in ("sqlalchemy", "requests", "keyring", "reportlab", "portal",
                           "alembic", "uvicorn") if m in sys.modules)
print("HEAVY", ",".join(heavy))
sys.exit(rc)
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DVC_QUIT_AFTER_FIRST_PAINT": "1"}
    return subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(tmp_path / "d"), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_quits_after_first_paint_without_heavy_imports(tmp_path):
    result = _run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "HEAVY \n" in result.stdout or result.stdout.strip().endswith("HEAVY")


def test_bad_option_exits_2(tmp_path):
    result = _run(tmp_path, "--mode", "nope")
    assert result.returncode == 2


def test_python_dash_m_app_help():
    result = subprocess.run([sys.executable, "-m", "app", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--mode" in result.stdout and "--data-dir" in result.stdout


def test_training_mode_banner(qtbot):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    window = MainWindow(default_catalog(), mode="training", tasks=ImmediateTaskRunner())
    qtbot.addWidget(window)
    texts = [w.text() for w in window.findChildren(type(window.officer_label))]
    assert any(t.startswith("MÔI TRƯỜNG ĐÀO TẠO") for t in texts)
    assert window.windowTitle() == "Trợ lý Dịch vụ công"
