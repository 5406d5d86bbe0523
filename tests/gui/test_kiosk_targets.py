"""Every kiosk page, walked widget by widget at 1366×768: each thing to touch at least 48 px
each way (WCAG 2.5.8 asks 24; a finger at a kiosk needs more) with an accessible name, and
every text at least 20 px."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)

from tests.helpers.kiosk import choose_birth_registration, unlock

MIN_TARGET = 48
MIN_TEXT_PX = 20
TOUCHED = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QListWidget)


@pytest.fixture
def window(qtbot, tmp_path):
    from app.modes import KIOSK
    from app.services.kiosk import ExitPin, KioskSettings
    from app.views.kiosk.window import KioskWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    win = KioskWindow(default_catalog(), policy=KIOSK, exit_pin=ExitPin(tmp_path),
                      settings=KioskSettings(scan_folder=tmp_path / "scans"),
                      tasks=ImmediateTaskRunner(), visit_root=tmp_path / "visit")
    qtbot.addWidget(win, before_close_func=unlock)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win._unlocked = True
    win.close()


def problems(root: QWidget, where: str) -> list[str]:
    QApplication.processEvents()
    found = []
    for w in root.findChildren(QWidget):
        if not w.isVisible():
            continue
        label = f"{where}: {type(w).__name__} {w.objectName()!r} " \
                f"{getattr(w, 'text', lambda: '')()!r}"
        if isinstance(w, TOUCHED) and not isinstance(w.parentWidget(), QAbstractSpinBox):
            if w.width() < MIN_TARGET or w.height() < MIN_TARGET:
                found.append(f"{label} is {w.width()}×{w.height()}")
            face = QAccessible.queryAccessibleInterface(w)
            if face is None or not face.text(QAccessible.Text.Name).strip():
                found.append(f"{label} has no accessible name")
            if isinstance(w, QAbstractSpinBox):  # its − and + are parts, not widgets
                from PySide6.QtWidgets import QStyle, QStyleOptionSpinBox

                option = QStyleOptionSpinBox()
                w.initStyleOption(option)
                for name, part in (("+", QStyle.SubControl.SC_SpinBoxUp),
                                   ("−", QStyle.SubControl.SC_SpinBoxDown)):
                    box = w.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option,
                                                   part, w)
                    if box.width() < MIN_TARGET or box.height() < MIN_TARGET:
                        found.append(f"{label} {name} is {box.width()}×{box.height()}")
            if isinstance(w, QListWidget) and w.count() and w.sizeHintForRow(0) < MIN_TARGET:
                found.append(f"{label} rows are {w.sizeHintForRow(0)} px")
        if isinstance(w, QLabel | QAbstractButton) and w.text().strip() \
                and w.fontInfo().pixelSize() < MIN_TEXT_PX:
            found.append(f"{label} text is {w.fontInfo().pixelSize()} px")
    return found


def every_page(window):
    """(name, shown) for every screen and every page of the filing, each shown in turn."""
    for screen in (window.start, window.guide, window.lookup, window.exit_screen):
        window.stack.setCurrentWidget(screen)
        window._update_bar()
        yield screen.objectName(), window
    window.exit_screen.show_officer()  # what the PIN opens: leave, or sign the device in
    yield "kioskExit:officer", window
    window.end_visit()
    window.begin_filing()
    wizard = window.wizard
    yield "procedure", window
    choose_birth_registration(wizard)
    for index, page in enumerate(list(wizard.pages)):
        wizard.go_to(index)
        yield page.page_id, window
    window.keyboard_button.setChecked(True)
    yield "keyboard", window
    window.keyboard_button.setChecked(False)
    window.countdown.show_seconds(30)
    window.countdown.cover()
    yield "countdown", window.countdown
    window.countdown.hide()


def test_every_kiosk_page_has_big_named_targets_and_big_text(window):
    found, seen = [], []
    for name, root in every_page(window):
        seen.append(name)
        found += problems(root, name)
    assert {"kioskStart", "kioskGuide", "kioskLookup", "kioskExit", "kioskExit:officer", "consent",
            "identity:applicant", "question:applicant.full_name", "delivery", "attachments",
            "review", "done", "keyboard", "countdown"} <= set(seen)
    assert found == [], "\n".join(found)


def test_the_walk_can_fail(window):
    """The check above sees a small or unnamed target when there is one."""
    from PySide6.QtWidgets import QPushButton

    small = QPushButton("x", window.start.body)
    small.setStyleSheet("min-height: 10px; max-height: 20px; min-width: 10px; max-width: 20px;"
                        "font-size: 10px; padding: 0")
    small.setAccessibleName(" ")
    small.show()
    window.stack.setCurrentWidget(window.start)
    found = problems(window, "start")
    assert any("is " in f and "×" in f for f in found)
    assert any("no accessible name" in f for f in found)
    assert any("text is" in f for f in found)
