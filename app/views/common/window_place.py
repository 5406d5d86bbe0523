"""Where the window opens: inside the screen's available area (a 1366×768 laptop less its task
bar included), at the size and place it had when it was last closed.

The place is kept as plain numbers (``{"x", "y", "width", "height", "maximized"}``) in the data
folder's ``settings.json`` by the composition root; this module only computes and reads it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

# The size the window asks for on a large screen.
PREFERRED = QSize(1280, 800)
# Room left around the window's inside for the borders and the title bar the window system
# adds (left, top, right, bottom; not known before the window is first shown).
FRAME = (8, 32, 8, 8)


def inside(available: QRect) -> QRect:
    """Where the window's inside may lie for its frame to stay in ``available``."""
    left, top, right, bottom = FRAME
    return available.adjusted(left, top, -right, -bottom)


def fitted(rect: QRect, available: QRect, minimum: QSize | None = None) -> QRect:
    """``rect`` (the window's inside) made to fit ``available`` with its frame: shrunk to the
    room there is (not below ``minimum`` while the room allows it), then moved inside."""
    room = inside(available)
    minimum = minimum or QSize(0, 0)
    width = min(max(rect.width(), minimum.width()), room.width())
    height = min(max(rect.height(), minimum.height()), room.height())
    x = min(max(rect.x(), room.left()), room.right() - width + 1)
    y = min(max(rect.y(), room.top()), room.bottom() - height + 1)
    return QRect(x, y, width, height)


def default_place(available: QRect, minimum: QSize | None = None) -> QRect:
    """The preferred size, or what the available area allows, centred in it."""
    room = inside(available)
    size = fitted(QRect(room.topLeft(), PREFERRED), available, minimum).size()
    return QRect(room.left() + (room.width() - size.width()) // 2,
                 room.top() + (room.height() - size.height()) // 2, size.width(), size.height())


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """Size a dialog to ``width`` × ``height``, or less where its screen has not the room
    (the sign-up on a 1366×768 laptop), before it is shown."""
    parent = dialog.parentWidget()
    screen = (parent or dialog).screen()
    room = inside(screen.availableGeometry())
    dialog.resize(min(width, room.width()), min(height, room.height()))


def saved_rect(saved: Any) -> QRect | None:
    """The rectangle kept in the settings, or None when there is none or it is not readable."""
    if not isinstance(saved, dict):
        return None
    try:
        x, y, w, h = (int(saved[k]) for k in ("x", "y", "width", "height"))
    except (KeyError, TypeError, ValueError):
        return None
    return QRect(x, y, w, h) if w > 0 and h > 0 else None


def place_window(window: QWidget, available: QRect, saved: Any = None) -> bool:
    """Give ``window`` its place before it is shown: the saved one made to fit the available
    area (another, smaller screen since), else the default. Returns whether it was maximized
    when last closed (the caller shows it so)."""
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    rect = saved_rect(saved)
    place = fitted(rect, available, minimum) if rect is not None else default_place(
        available, minimum)
    window.setGeometry(place)
    return bool(isinstance(saved, dict) and saved.get("maximized"))


def window_place(window: QWidget) -> dict[str, Any]:
    """What to keep of the window's place (its size and place when not maximized)."""
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    return {"x": normal.x(), "y": normal.y(), "width": normal.width(),
            "height": normal.height(), "maximized": window.isMaximized()}


__all__ = ["FRAME", "PREFERRED", "default_place", "fit_dialog", "fitted", "inside", "place_window",
           "saved_rect", "window_place"]
