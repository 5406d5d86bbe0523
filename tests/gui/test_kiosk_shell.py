"""The composition root builds the kiosk's shell from its policy: full screen, the kiosk's own
window (start screen, filing, lookup, guide) and nothing else — no menu, no tabs, no list of
earlier citizens' dossiers, no token on disk."""

from __future__ import annotations

import pytest

from tests.helpers.kiosk import unlock

pytest.importorskip("portal.server")


@pytest.fixture
def kiosk(qapp, qtbot, tmp_path, memory_keyring):
    from app.application import Application
    from app.config import resolve

    app = Application(qapp, resolve(tmp_path / "data", None, "kiosk", "vi"),
                      quit_after_first_paint=False)
    qtbot.addWidget(app.window, before_close_func=unlock)
    app.show()
    yield app
    app.window._unlocked = True  # the test's end: let the fixture close it
    app.on_about_to_quit()


def test_the_kiosk_shell_is_built_from_its_policy(kiosk, qtbot, memory_keyring):
    from PySide6.QtWidgets import QMenuBar, QTabWidget

    from app.modes import KIOSK
    from app.views.dossiers.dossier_list import DossierListView, DossierTableModel
    from app.views.kiosk.window import KioskWindow

    window = kiosk.window
    assert isinstance(window, KioskWindow) and window.policy is KIOSK and window.isFullScreen()
    assert window.stack.currentWidget() is window.start
    qtbot.waitUntil(lambda: kiosk.services is not None, timeout=20_000)
    # Signed in on the embedded sandbox as the kiosk device, the token kept in memory only.
    qtbot.waitUntil(lambda: kiosk.services.tokens.current() is not None, timeout=30_000)
    assert kiosk.services.tokens.current().role == "kiosk"
    assert memory_keyring.secrets == {}
    assert window.findChildren(QMenuBar) == [] and window.findChildren(QTabWidget) == []
    assert window.findChildren(DossierListView) == []
    assert window.findChildren(DossierTableModel) == []
    # No Quit, no menu: the only keys are the wizard's own (Ctrl+Enter, Alt+Left).
    from PySide6.QtGui import QAction, QShortcut

    keys = {a.shortcut().toString() for a in window.findChildren(QAction)}
    keys |= {s.key().toString() for s in window.findChildren(QShortcut)}
    assert "Ctrl+Q" not in keys and "Alt+F4" not in keys and "Ctrl+W" not in keys
    assert keys - {""} <= {"Ctrl+Return", "Ctrl+Enter", "Alt+Left"}
