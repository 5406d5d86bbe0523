"""The guide's "hồ sơ chưa đầy đủ": a supplement request reaches the window and is answered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.e2e import JPEG, PDF


@pytest.fixture
def live_window(qtbot, live_portal, tmp_path):
    from app.config import resolve
    from app.services.context import Services
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    services = Services(resolve(tmp_path / "data", live_portal.url, "desk", "vi"))
    officer = live_portal.account("officer")
    services.login(officer["username"], officer["password"])
    win = MainWindow(default_catalog(), tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.set_services(services)
    yield win, services
    services.close()


def _queue(services, tmp_path: Path) -> str:
    from app.services.queue import AttachmentSource
    from dvc_core.catalog import default_catalog

    pdf = tmp_path / "tờ khai.pdf"
    pdf.write_bytes(PDF)
    jpg = tmp_path / "chứng sinh.jpg"
    jpg.write_bytes(JPEG)
    ex = default_catalog().get("1.001193").example
    return services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", pdf), AttachmentSource("giay_chung_sinh", jpg)]).id


def _shot(widget, name: str) -> None:
    """DVC_SCREENSHOTS=DIR keeps a picture of each step, to look at."""
    folder = os.environ.get("DVC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _act(services, dossier_id, action, note=None):
    version = services.client.get_dossier(dossier_id)["version"]
    services.client.action(dossier_id, action, version, note)


def test_supplement_request_is_told_and_answered_from_the_window(live_window, tmp_path, qtbot):
    win, services = live_window
    dossier_id = _queue(services, tmp_path)
    services.sync_engine().run_once()
    for action in ("receive", "start"):
        _act(services, dossier_id, action)
    note = "Thiếu văn bản ủy quyền của người nộp thay."
    _act(services, dossier_id, "request_supplement", note)
    report = services.sync_engine().run_once()
    win.on_status_changes(report.changed)  # what the sync worker's signal delivers
    win.refresh_list()
    assert win.notice_frame.isVisible()
    assert "Yêu cầu bổ sung giấy tờ" in win.notice.text() and note in win.notice.text()

    win.on_show_list()
    win.list_view.select_id(dossier_id)
    win.on_dossier_selected(dossier_id)
    details = win.list_view.details
    assert details.supplement_button.isVisible()
    _shot(win, "supplement-1-list")
    details.supplement_button.click()

    wizard = win.wizard
    assert win.tabs.currentIndex() == 0
    assert wizard.current_page() is wizard.review_page
    assert wizard.supplement_banner.isVisible() and note in wizard.supplement_banner.text()
    # The files already sent come back under their own names.
    assert {f.name for files in wizard.draft.files.values() for f in files} == {
        "tờ khai.pdf", "chứng sinh.jpg"}

    letter = tmp_path / "ủy quyền.jpg"
    letter.write_bytes(JPEG + b"!")
    wizard.on_file_offered("uy_quyen", letter)
    wizard._fill_review()
    _shot(win, "supplement-2-review")
    wizard.submit()
    assert wizard.current_page() is wizard.confirmation_page
    # The request is answered: neither its banner nor the window's notice says it any more.
    assert not wizard.supplement_banner.isVisible()
    assert not win.notice_frame.isVisible() and note not in win.notice.text()
    assert services.queue.get(dossier_id).state == "queued"
    assert services.queue.outbox_info(dossier_id).op == "resubmit"

    report = services.sync_engine().run_once()
    assert [s.op for s in report.sent] == ["resubmit"]
    dossier = services.queue.get(dossier_id)
    assert dossier.status == 1 and len(dossier.attachments) == 3
    assert len(services.queue.versions(dossier_id)) == 1
    wizard.reset()
    assert not wizard.supplement_banner.isVisible()
