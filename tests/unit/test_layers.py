"""The layers of docs/architecture.md: only app.views may import QtWidgets.

The import contracts in pyproject.toml (``lint-imports``) say the same from the source; this
checks it at run time, by importing every module in a clean interpreter.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Packages and modules that never load QtWidgets (app.workers uses QtCore alone).
QT_FREE = ["dvc_core", "app.services", "app.models", "app.workers", "portal"]
QT_FREE_MODULES = ["app.cli", "app.config", "app.i18n", "app.modes"]


def _modules() -> list[str]:
    names = list(QT_FREE_MODULES)
    for package in QT_FREE:
        path = ROOT / package.replace(".", "/")
        names.append(package)
        for info in pkgutil.walk_packages([str(path)], prefix=package + "."):
            if ".migrations" not in info.name and not info.name.endswith("__main__"):
                names.append(info.name)
    return names


def test_no_qt_widgets_import_in_the_source_outside_views():
    offenders = []
    for package in QT_FREE + [m.replace(".", "/") for m in QT_FREE_MODULES]:
        base = ROOT / package.replace(".", "/")
        files = [base.with_suffix(".py")] if base.with_suffix(".py").exists() else base.rglob("*.py")
        for file in files:
            tree = ast.parse(file.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                if any(n.startswith("PySide6.QtWidgets") or n.startswith("app.views") for n in names):
                    offenders.append(str(file.relative_to(ROOT)))
    assert offenders == []


def test_importing_services_models_and_portal_loads_no_widgets():
    code = (
        "import importlib, sys\n"
        f"for name in {_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6.QtWidgets') or m.startswith('app.views')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
