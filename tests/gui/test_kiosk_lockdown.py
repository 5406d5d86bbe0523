"""The kiosk cannot be left without an officer's PIN: no menu, Ctrl+Q, Ctrl+W, Alt+F4 and the
window's close do nothing; a wrong PIN is refused and, tried again and again, made to wait."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenuBar

from tests.helpers.kiosk import unlock


@pytest.fixture
def pin(tmp_path):
    from app.services.kiosk import ExitPin

    class Clock:
        now = 1_800_000_000.0

        def __call__(self) -> float:
            return self.now

    exit_pin = ExitPin(tmp_path, Clock())
    exit_pin.set("246813")
    return exit_pin


@pytest.fixture
def window(qtbot, pin, tmp_path):
    from app.modes import KIOSK
    from app.services.kiosk import KioskSettings
    from app.views.kiosk.window import KioskWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    win = KioskWindow(default_catalog(), policy=KIOSK, exit_pin=pin,
                      settings=KioskSettings(scan_folder=tmp_path / "scans"),
                      tasks=ImmediateTaskRunner(), visit_root=tmp_path / "visit")
    qtbot.addWidget(win, before_close_func=unlock)
    win.showFullScreen()
    qtbot.waitExposed(win)
    yield win
    win._unlocked = True
    win.close()


def test_no_key_no_menu_and_no_close_leaves_the_kiosk(window, qtbot):
    assert window.findChildren(QMenuBar) == [] and window.menuWidget() is None
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    window.start.file_button.click()
    for key, mods in ((Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
        QTest.keyClick(window, key, mods)
        QTest.keyClick(window.focusWidget() or window, key, mods)
        assert window.isVisible() and window.isFullScreen()
    assert window.close() is False  # what the window manager's close and Alt+F4 ask
    assert window.isVisible() and window.stack.currentWidget() is window.wizard
    assert not hasattr(window, "sign_out_button")


def test_only_the_officers_pin_closes_it_and_wrong_tries_wait(window, qtbot, pin):
    window.officer_button.click()
    screen = window.exit_screen
    assert window.stack.currentWidget() is screen
    for _ in range(2):
        screen.pin.setText("111111")
        screen.exit_button.click()
        assert screen.message.text() == "Mã PIN không đúng." and window.isVisible()
    for digit in "000000":  # on the keypad: no keyboard needed
        next(b for b in screen.body.findChildren(type(screen.exit_button))
             if b.text() == digit).click()
    assert screen.pin.text() == "000000"
    screen.exit_button.click()
    assert "Thử lại sau 30 giây" in screen.message.text()
    screen.pin.setText("246813")
    screen.exit_button.click()  # refused unchecked during the wait
    assert window.isVisible() and "Thử lại sau" in screen.message.text()
    assert screen.pin.text() == ""  # the digits are not kept on screen
    pin.clock.now += 30
    screen.quit_button.click()  # hidden and refused before the PIN
    assert window.isVisible() and not screen.officer.isVisible()
    screen.pin.setText("246813")
    screen.exit_button.click()
    assert screen.officer.isVisible() and window.isVisible()
    with qtbot.waitSignal(window.exit_confirmed, timeout=5_000):
        screen.quit_button.click()
    assert not window.isVisible()


def test_back_from_the_pin_screen_is_the_start_screen(window):
    window.officer_button.click()
    window.exit_screen.pin.setText("12")
    window.exit_screen.back_button.click()
    assert window.stack.currentWidget() is window.start
    assert window.isVisible()


def test_after_the_pin_an_officer_signs_the_kiosk_device_in(qtbot, tmp_path, live_portal,
                                                             memory_keyring):
    """On a real portal the kiosk has no session until an officer signs its device account
    in (kept in memory only); the sign-in is offered only after the PIN."""
    from app.config import resolve
    from app.modes import KIOSK
    from app.services.context import Services
    from app.services.kiosk import ExitPin, KioskSettings
    from app.views.kiosk.window import KioskWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog
    portal = live_portal
    services = Services(resolve(tmp_path / "data", portal.url, "kiosk", "vi"))
    try:
        pin = ExitPin(tmp_path / "data")
        pin.set("246813")
        win = KioskWindow(default_catalog(), policy=KIOSK, exit_pin=pin,
                          settings=KioskSettings(scan_folder=tmp_path / "scans"),
                          tasks=ImmediateTaskRunner(), visit_root=tmp_path / "visit")
        qtbot.addWidget(win, before_close_func=unlock)
        win.show()
        win.set_services(services)
        device = portal.account("kiosk")
        win.officer_button.click()
        screen = win.exit_screen
        screen.pin.setText("246813")
        screen.exit_button.click()
        screen.username.setText(device["username"])
        screen.password.setText("sai-mat-khau")
        screen.sign_in_button.click()
        assert services.tokens.current() is None and screen.officer_message.text()
        screen.password.setText(device["password"])
        with qtbot.waitSignal(win.sync_requested, timeout=20_000):
            screen.sign_in_button.click()
        assert services.tokens.current().role == "kiosk"
        assert screen.password.text() == ""
        screen.back_button.click()  # back to the start screen, the officer's fields emptied
        assert win.stack.currentWidget() is win.start and screen.username.text() == ""
        win._unlocked = True
        win.close()
    finally:
        services.close()
