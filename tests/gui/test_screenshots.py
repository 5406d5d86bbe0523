"""Every wizard page renders to a PNG (``tools/screenshots.py``), with real glyphs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_screenshots_of_every_page(tmp_path, qapp):
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path)]) == 0
    shots = sorted(tmp_path.glob("*.png"))
    names = {p.stem.split("_", 1)[1] for p in shots}
    assert {"procedure", "applicant_errors", "attachments", "review", "confirmation",
            "list"} <= names
    for path in shots:
        image = QImage(str(path))
        assert image.width() >= 1000 and image.height() >= 700, path.name
