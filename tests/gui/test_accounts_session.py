"""An expired session at the desk: the app, wired as ``dvc-desk`` starts it, finds its saved
sign-in refused by the portal (401), asks for a new sign-in, and then sends the dossier that
waited in the queue meanwhile — nothing lost, nothing sent twice."""

from __future__ import annotations

import json

import requests

from app.services.queue import AttachmentSource
from app.services.sync_report import SyncReport
from tests.helpers.gui import PDF_BYTES, PNG_BYTES, type_text


def test_expired_session_asks_to_sign_in_and_the_queue_carries_on(qapp, qtbot, tmp_path,
                                                                    live_portal, memory_keyring):
    from app.application import Application
    from app.config import resolve
    from dvc_core.catalog import default_catalog

    # Yesterday's sign-in, kept in the keyring; the portal has since ended it.
    officer = live_portal.account("officer")
    token = live_portal.login(officer["username"], officer["password"])
    memory_keyring.set_password(f"dvc-desk:{live_portal.url}", "session", json.dumps({
        "token": token, "role": "officer", "username": officer["username"],
        "display_name": "Cán bộ cũ", "commune": officer["commune"]}))
    assert requests.delete(live_portal.api + "/sessions/current", timeout=10,
                           headers={"Authorization": f"Bearer {token}"}).status_code == 204

    config = resolve(tmp_path / "data", live_portal.url, "desk", "vi")
    app = Application(qapp, config, quit_after_first_paint=False)
    qtbot.addWidget(app.window)
    app.show()
    try:
        window = app.window
        qtbot.waitUntil(lambda: app.services is not None, timeout=20_000)
        qtbot.waitUntil(lambda: window.account_controller is not None
                        and window.account_controller.sign_in_dialog is not None
                        and window.account_controller.sign_in_dialog.isVisible(), timeout=20_000)
        dialog = window.account_controller.sign_in_dialog
        assert "hết hạn" in dialog.reason.text() and dialog.reason.isVisible()
        assert dialog.username.text() == officer["username"]
        assert window.sync_indicator.state.property("state") == "signin"

        # A dossier filed while the prompt is open waits in the queue.
        services = app.services
        to_khai, chung_sinh = tmp_path / "to_khai.pdf", tmp_path / "chung_sinh.png"
        to_khai.write_bytes(PDF_BYTES)
        chung_sinh.write_bytes(PNG_BYTES)
        example = default_catalog().get("1.001193").example
        queued = services.queue.enqueue("1.001193", example["applicant"], example["fields"], [
            AttachmentSource("to_khai", to_khai), AttachmentSource("giay_chung_sinh", chung_sinh)])
        # A pass asked for now runs, finds the sign-in still missing, and sends nothing.
        events: list = []
        app.sync.started.connect(lambda: events.append("started"))
        app.sync.finished.connect(events.append)
        window.sync_requested.emit()
        qtbot.waitUntil(lambda: "started" in events
                        and any(isinstance(e, SyncReport)
                                for e in events[events.index("started"):]), timeout=20_000)
        asked = next(e for e in events[events.index("started"):] if isinstance(e, SyncReport))
        assert asked.auth_required is True and asked.sent == []
        assert services.queue.get(queued.id).state == "queued"

        type_text(dialog.password.edit, officer["password"])
        dialog.sign_in_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
        assert "Thực Hành" in window.officer_label.text()  # the officer's commune, by name
        # The pass after the sign-in reports the dossier sent, once.
        reports = lambda: [e for e in events if isinstance(e, SyncReport)]  # noqa: E731
        qtbot.waitUntil(lambda: any(s.id == queued.id for r in reports() for s in r.sent),
                        timeout=30_000)
        assert [s.id for r in reports() for s in r.sent] == [queued.id]
        assert services.queue.get(queued.id).state == "submitted"
        assert services.queue.get(queued.id).code
        stored = memory_keyring.get_password(f"dvc-desk:{live_portal.url}", "session")
        assert token not in stored and officer["password"] not in stored
    finally:
        app.on_about_to_quit()


def test_the_first_sign_in_is_asked_for_as_a_first_one(qapp, qtbot, tmp_path, live_portal,
                                                       memory_keyring):
    """Nobody has signed in on this computer: the portal's 401 brings the sign-in prompt, which
    says to sign in — not that a sign-in "has expired"."""
    from app.application import Application
    from app.config import resolve

    config = resolve(tmp_path / "data", live_portal.url, "desk", "vi")
    app = Application(qapp, config, quit_after_first_paint=False)
    qtbot.addWidget(app.window)
    app.show()
    try:
        window = app.window
        qtbot.waitUntil(lambda: window.account_controller is not None
                        and window.account_controller.sign_in_dialog is not None
                        and window.account_controller.sign_in_dialog.isVisible(), timeout=20_000)
        reason = window.account_controller.sign_in_dialog.reason
        assert reason.isVisible() and "hết hạn" not in reason.text()
        assert reason.text().startswith("Hãy đăng nhập vào cổng")
        assert window.sync_indicator.state.property("state") == "signin"
    finally:
        app.on_about_to_quit()
