"""The whole app wired as ``dvc-desk`` starts it, against the real embedded sandbox portal:
services built after the first paint, a dossier filed, its official code arriving, and the
officer's "Tiếp nhận" reaching the portal and coming back as the new status."""

from __future__ import annotations

import pytest

from tests.helpers.gui import fill_to_attachments

pytest.importorskip("portal.server")


@pytest.fixture
def application(qapp, qtbot, tmp_path):
    from app.application import Application
    from app.config import resolve

    config = resolve(tmp_path / "data", None, "desk", "vi")
    app = Application(qapp, config, quit_after_first_paint=False)
    qtbot.addWidget(app.window)
    app.show()
    yield app
    app.on_about_to_quit()


def test_file_and_receive_on_the_embedded_portal(application, qtbot, pdf_file, png_file):
    window = application.window
    qtbot.waitUntil(lambda: application.services is not None, timeout=20_000)
    assert application.services.is_embedded
    wizard = window.wizard
    fill_to_attachments(wizard)
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.on_file_offered("giay_chung_sinh", png_file)
    # Files are prepared on a worker (photos are made smaller): wait for both.
    qtbot.waitUntil(lambda: len(wizard.draft.files) == 2, timeout=10_000)
    page = wizard.confirmation_page
    # Every state the page is told to show, in order: on a fast machine the sync can replace
    # "saved here" with the portal's code before a look at the label would see it.
    shown: list[tuple[str, str | None]] = []
    show_dossier = page.show_dossier

    def spy(procedure, local_ref, state_text, code=None, status_text=None):
        shown.append((state_text, code))
        show_dossier(procedure, local_ref, state_text, code, status_text)

    page.show_dossier = spy
    wizard.go_next()
    wizard.go_next()
    # Queueing (copy, hash, fsync of the files, then the commit) runs off the GUI thread.
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.confirmation_page, timeout=10_000)
    assert shown and shown[0] == ("Đã lưu trên máy – chờ gửi", None)  # queued, before any code

    qtbot.waitUntil(lambda: page.code.isVisible(), timeout=30_000)
    assert page.code.text().startswith("Mã hồ sơ: ")
    assert "Mới đăng ký" in page.status.text()
    assert window.sync_indicator.online is True
    assert window.officer_label.text() != "Chưa đăng nhập"

    dossier_id = wizard.draft.dossier_id
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and bool(window.model.row_at(0).code))
    window.list_view.select_id(dossier_id)
    details = window.list_view.details
    # The details are read off the GUI thread: they show up a moment after the selection.
    qtbot.waitUntil(details.receive_button.isVisible)
    details.receive_button.click()
    qtbot.waitUntil(lambda: window.model.row_at(0).status == 2, timeout=30_000)
    assert window.model.row_at(0).status_text == "Được tiếp nhận"
    qtbot.waitUntil(lambda: "Được tiếp nhận" in details.body.text())
    assert not details.receive_button.isVisible()


def test_the_way_chosen_and_the_drawn_tokhai_reach_the_portal(application, qtbot, png_file):
    """Wizard → queue → the real portal: the result by post to an address, and the Tờ khai made
    from the answers (no scan asked) uploaded with the dossier."""
    import hashlib

    window = application.window
    qtbot.waitUntil(lambda: application.services is not None, timeout=20_000)
    wizard = window.wizard
    fill_to_attachments(wizard)
    wizard.go_back()
    page = wizard.current_page()
    assert page.page_id == "delivery"
    page.rows["delivery.method"].set_value("post")
    page.rows["delivery.address"].set_value(
        {"province": "38", "commune": "15772", "detail": "Số 5, thôn Tây"})
    wizard.go_next()
    wizard.on_file_offered("giay_chung_sinh", png_file)
    qtbot.waitUntil(lambda: bool(wizard.draft.files.get("giay_chung_sinh")), timeout=10_000)
    wizard.go_next()
    assert "Tạo từ thông tin đã khai ở trên" in wizard.review_page.block_text()
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.confirmation_page, timeout=10_000)
    assert ("Qua dịch vụ bưu chính công ích, gửi đến: Số 5, thôn Tây, xã Thiệu Hóa, tỉnh Thanh "
            "Hóa") in wizard.confirmation_page.next_steps.text()
    page = wizard.confirmation_page
    qtbot.waitUntil(lambda: page.code.isVisible(), timeout=30_000)

    services = application.services
    remote = services.client.json("GET", f"/dossiers/{wizard.draft.dossier_id}")
    assert remote["fields"]["delivery.method"] == "post"
    assert remote["fields"]["delivery.address"]["detail"] == "Số 5, thôn Tây"
    [made] = [a for a in remote["attachments"] if a["component"] == "to_khai"]
    assert made["filename"] == "Tờ khai (tạo từ thông tin đã khai).pdf"
    local = services.queue.get(wizard.draft.dossier_id)
    [kept] = [a for a in local.attachments if a.component == "to_khai"]
    assert kept.sha256 == made["sha256"]
    import requests

    body = requests.get(f"{services.server_url()}/api/v1/dossiers/{local.id}/attachments/"
                        f"{made['sha256']}", timeout=30,
                        headers={"Authorization": f"Bearer {services.tokens.token()}"})
    assert body.status_code == 200, body.text  # uploaded: the portal holds its bytes
    assert hashlib.sha256(body.content).hexdigest() == made["sha256"]
