"""Start-up to the first wizard page painted, against a bare PySide6 window (same Qt modules)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import report

ROOT = Path(__file__).resolve().parents[1]

FLOOR = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class W(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        QTimer.singleShot(0, QApplication.quit)

app = QApplication(sys.argv)
w = W()
w.setCentralWidget(QLabel("x"))
w.show()
app.exec()
"""


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def run(runs: int = 5) -> list[dict]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # An installed app has its bytecode compiled (pip and PyInstaller both do it); a checkout
    # with PYTHONDONTWRITEBYTECODE set would recompile every module on every start instead.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "portal", "resources", "i18n"],
                   cwd=ROOT, check=True, timeout=120, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        app_env = dict(env, DVC_QUIT_AFTER_FIRST_PAINT="1", DVC_DATA_DIR=tmp)
        # One warm-up each so both read their files from the page cache.
        _time([sys.executable, "-c", FLOOR], env)
        _time([sys.executable, "-m", "app"], app_env)
        floors, apps = [], []
        for _ in range(runs):  # interleaved, so a busy moment hurts both alike
            floors.append(_time([sys.executable, "-c", FLOOR], env))
            apps.append(_time([sys.executable, "-m", "app"], app_env))
    floor = sorted(floors)[len(floors) // 2]
    value = sorted(apps)[len(apps) // 2]
    return [report("start-up to first wizard page (median)", value, floor, "ms", "≤ 1.5× floor",
                   value <= 1.5 * floor)]
