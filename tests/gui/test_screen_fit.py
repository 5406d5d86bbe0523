"""What fits on a commune laptop's screen: the window inside a 1366×768 screen less its task bar,
at the place it was last closed (kept in the data folder's settings, never elsewhere), and a
spin box wide enough for its digits beside its arrows."""

from __future__ import annotations

import json

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSpinBox, QStyle, QStyleOptionSpinBox

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px task bar


def _window(qtbot):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    window = MainWindow(default_catalog(), tasks=ImmediateTaskRunner())
    qtbot.addWidget(window)
    return window


def test_the_window_fits_a_1366x768_laptop_with_its_frame(qtbot):
    from app.views.common.window_place import FRAME, place_window

    window = _window(qtbot)
    assert not place_window(window, LAPTOP)
    left, top, right, bottom = FRAME
    framed = window.geometry().adjusted(-left, -top, right, bottom)
    assert LAPTOP.contains(framed), framed
    assert window.height() < 800 and window.width() == 1280  # shorter, as wide as it likes
    assert window.minimumSizeHint().height() <= window.height()
    window.show()
    qtbot.waitExposed(window)
    # The bottom buttons are on screen: inside the window, and the window inside the screen.
    button = window.wizard.next_button
    bottom_right = button.mapTo(window, button.rect().bottomRight())
    assert window.rect().contains(bottom_right)
    # A smaller screen still: the window shrinks with it.
    place_window(window, QRect(0, 0, 1100, 600))
    assert QRect(0, 0, 1100, 600).contains(window.geometry().adjusted(-left, -top, right, bottom))


def test_the_saved_place_comes_back_and_is_kept_inside_a_smaller_screen(qtbot):
    from app.views.common.window_place import place_window, window_place

    window = _window(qtbot)
    assert place_window(window, QRect(0, 0, 1920, 1080),
                        {"x": 300, "y": 200, "width": 1100, "height": 700, "maximized": False}) \
        is False
    assert window.geometry() == QRect(300, 200, 1100, 700)
    assert window_place(window) == {"x": 300, "y": 200, "width": 1100, "height": 700,
                                    "maximized": False}
    # The same settings on the laptop: shrunk and moved so that all of it is on screen.
    place_window(window, LAPTOP, {"x": 900, "y": 500, "width": 1100, "height": 700})
    assert LAPTOP.contains(window.frameGeometry()) and window.height() <= 728 - 40
    # Unreadable settings are the default place.
    place_window(window, LAPTOP, {"x": "left", "width": -3})
    assert window.width() == 1280


def test_the_application_keeps_the_place_in_its_own_data_folder(qapp, qtbot, tmp_path):
    from app.application import Application
    from app.config import resolve
    from app.views.common.window_place import fitted

    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"lang": "vi", "window": {
        "x": 120, "y": 90, "width": 1000, "height": 600, "maximized": True}}), encoding="utf-8")
    config = resolve(data, "https://portal.invalid", "desk", "vi")
    app = Application(qapp, config, quit_after_first_paint=False)
    qtbot.addWidget(app.window)
    assert app.place_window() is True  # shown maximized, as it was closed
    window = app.window
    available = window.screen().availableGeometry()
    assert window.geometry() == fitted(QRect(120, 90, 1000, 600), available,
                                       window.minimumSizeHint())
    window.setGeometry(QRect(60, 70, 1100, 650))
    app.save_window_place()
    kept = json.loads((data / "settings.json").read_text(encoding="utf-8"))
    assert kept["lang"] == "vi"  # the rest of the settings are left as they were
    assert kept["window"] == {"x": 60, "y": 70, "width": 1100, "height": 650,
                              "maximized": False}
    # A kiosk's full screen is never kept.
    kiosk = Application(qapp, resolve(tmp_path / "kiosk", "https://portal.invalid", "kiosk",
                                      "vi"), quit_after_first_paint=False)
    qtbot.addWidget(kiosk.window)
    kiosk.save_window_place()
    assert not (tmp_path / "kiosk" / "settings.json").exists()


def _edit_and_arrow(spin: QSpinBox) -> tuple[QRect, QRect]:
    option = QStyleOptionSpinBox()
    spin.initStyleOption(option)
    style = spin.style()
    control = QStyle.ComplexControl.CC_SpinBox
    return (style.subControlRect(control, option, QStyle.SubControl.SC_SpinBoxEditField, spin),
            style.subControlRect(control, option, QStyle.SubControl.SC_SpinBoxUp, spin))


def test_a_number_field_shows_its_arrows_and_its_longest_value_whole(qtbot):
    from app.views.common.fields import FieldRow
    from app.views.common.theme import SPIN_TEXT_MARGIN
    from dvc_core.rules import FieldSpec

    for maximum in (10, 999_999):
        row = FieldRow(FieldSpec("copies", "Số bản sao", "number", False, min=0, max=maximum))
        qtbot.addWidget(row)
        row.resize(600, 120)
        row.show()
        spin = row.input
        assert isinstance(spin, QSpinBox)
        spin.setValue(maximum)
        assert spin.width() >= spin.sizeHint().width()
        edit, arrow = _edit_and_arrow(spin)
        text = spin.lineEdit().fontMetrics().horizontalAdvance(str(maximum))
        assert arrow.width() >= 20 and arrow.height() >= 12  # the arrows are drawn, clickable
        assert edit.right() <= arrow.left() + 1  # the digits stop where the arrows begin
        assert spin.lineEdit().width() >= SPIN_TEXT_MARGIN + text  # every digit is shown
        assert spin.lineEdit().textMargins().left() == SPIN_TEXT_MARGIN


def test_the_account_dialogs_fit_the_laptop_too(qtbot, monkeypatch):
    """The sign-up asks for 980×720: on a 1366×768 screen less its task bar it takes the room
    there is, its frame included."""
    from types import SimpleNamespace

    from PySide6.QtGui import QScreen

    from app.views.accounts.account_wizard import AccountWizard
    from app.views.common.window_place import FRAME
    from app.workers.tasks import ImmediateTaskRunner

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    signup = AccountWizard(SimpleNamespace(resend_wait=lambda: 0, registration=None),
                           ImmediateTaskRunner())
    qtbot.addWidget(signup)
    assert signup.width() == 980
    assert signup.height() + FRAME[1] + FRAME[3] <= LAPTOP.height() < 720 + FRAME[1]
