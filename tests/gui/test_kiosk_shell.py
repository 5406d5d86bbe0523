"""The composition root builds the kiosk's shell from its policy: full screen, a filing wizard
and nothing else — no list of earlier citizens' dossiers, no token on disk."""

from __future__ import annotations

import pytest

pytest.importorskip("portal.server")


@pytest.fixture
def kiosk(qapp, qtbot, tmp_path, memory_keyring):
    from app.application import Application
    from app.config import resolve

    app = Application(qapp, resolve(tmp_path / "data", None, "kiosk", "vi"),
                      quit_after_first_paint=False)
    qtbot.addWidget(app.window)
    app.show()
    yield app
    app.on_about_to_quit()


def test_the_kiosk_shell_is_built_from_its_policy(kiosk, qtbot, memory_keyring):
    from app.modes import KIOSK
    from app.views.dossiers.dossier_list import DossierListView, DossierTableModel

    window = kiosk.window
    assert window.policy is KIOSK and window.isFullScreen()
    qtbot.waitUntil(lambda: kiosk.services is not None, timeout=20_000)
    # Signed in on the embedded sandbox as the kiosk device, the token kept in memory only.
    qtbot.waitUntil(lambda: window.officer_label.text() != "Chưa đăng nhập", timeout=30_000)
    assert kiosk.services.tokens.current().role == "kiosk"
    assert memory_keyring.secrets == {}
    assert window.tabs.count() == 1 and window.tabs.currentWidget() is window.wizard
    assert window.workspace is None and window.list_view is None
    assert window.findChildren(DossierListView) == []
    assert window.findChildren(DossierTableModel) == []
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert "Ctrl+1" in shortcuts and "Ctrl+2" not in shortcuts  # no "Dossiers on this computer"
