"""Fonts and style sheet: Be Vietnam Pro in every weight the app uses, DejaVu as fallback."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONT_FAMILY = "Be Vietnam Pro"
FALLBACK_FAMILY = "DejaVu Sans"
# Every weight the style sheet and the views use; a weight not loaded would be faked by Qt.
FONT_FILES = (
    "BeVietnamPro-Regular.ttf",
    "BeVietnamPro-Medium.ttf",
    "BeVietnamPro-SemiBold.ttf",
    "BeVietnamPro-Bold.ttf",
)
BASE_POINT_SIZE = 11


def load_fonts() -> list[str]:
    """Register the app's fonts with Qt; returns the families loaded (empty if none)."""
    families: list[str] = []
    try:
        folder = resources.files("fontpkg_be_vietnam_pro") / "files"
    except ModuleNotFoundError:
        log.warning("fontpkg_be_vietnam_pro is not installed; using system fonts")
        return families
    for name in FONT_FILES:
        with resources.as_file(folder / name) as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


def style_sheet() -> str:
    """The application style sheet shipped in ``resources/style.qss``; its ``@icons@`` is the
    shipped icons folder (a style sheet's ``url()`` is otherwise read from the working
    directory)."""
    try:
        folder = resources.files("resources")
        text = (folder / "style.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return ""
    return text.replace("@icons@", str(folder / "icons").replace("\\", "/"))


def apply_theme(app: QApplication) -> None:
    """Fonts first (so the style sheet's font-family resolves), then the style sheet."""
    load_fonts()
    font = QFont()
    font.setFamilies([FONT_FAMILY, FALLBACK_FAMILY])
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet())


SPIN_TEXT_MARGIN = 8  # px before the digits; a style sheet's padding does not reach them


def fit_spin_box(spin) -> None:
    """Pad a spin box's digits off its border and make it wide enough for its longest value
    beside its arrows (the style sheet draws the arrows; its padding does not move the text)."""
    spin.lineEdit().setTextMargins(SPIN_TEXT_MARGIN, 0, 0, 0)
    spin.setMinimumWidth(spin.sizeHint().width() + SPIN_TEXT_MARGIN)
