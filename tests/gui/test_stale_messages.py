"""A message goes when what it says is no longer true: the confirmation's "sent as soon as the
network allows" once the portal's code is in, an action's "sent with the next sync" once the
sync has sent it, a failed read once a read succeeds, a notice line once its dossier moved on,
"starting…" once the start failed."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from app.services.sync_report import Sent, SyncReport
from dvc_core.lifecycle import DA_XU_LY_XONG, DUOC_TIEP_NHAN, YEU_CAU_BO_SUNG
from tests.helpers.gui import fill_to_attachments

WAITING = "tự động gửi lên cổng dịch vụ công ngay khi có mạng"


def _change(dossier_id: str, status: int, text: str, note: str = ""):
    return SimpleNamespace(id=dossier_id, code=f"000.99.99.H56-261206-000{dossier_id}",
                           local_ref=dossier_id, status=status, status_text=text, note=note)


def test_a_notice_line_is_replaced_by_its_dossiers_later_change_and_goes_with_it(window):
    window.on_status_changes([_change("1", YEU_CAU_BO_SUNG, "Yêu cầu bổ sung giấy tờ",
                                      "Thiếu giấy chứng sinh."),
                              _change("2", DA_XU_LY_XONG, "Đã xử lý xong")])
    assert window.notice_frame.isVisible()
    assert "Thiếu giấy chứng sinh" in window.notice.text()
    # Dossier 1 was supplemented and received since: its request is no longer said.
    window.on_status_changes([_change("1", DUOC_TIEP_NHAN, "Được tiếp nhận")])
    text = window.notice.text()
    assert "Thiếu giấy chứng sinh" not in text and text.count("000.99.99.H56-261206-0001") == 1
    window.on_dossier_submitted("2")  # filed again from the wizard: its line goes
    assert "0002" not in window.notice.text()
    window.on_dossier_submitted("1")
    assert not window.notice_frame.isVisible()


def test_a_failed_read_is_said_until_a_read_succeeds(window):
    bar = window.statusBar()
    window.workspace._on_failed(OSError("đĩa bận"))
    assert bar.currentMessage() == "Không đọc được danh sách hồ sơ trên máy: đĩa bận"
    window.refresh_list()  # read again (in line in these tests): it works this time
    assert bar.currentMessage() == ""


def test_a_queued_action_is_said_until_the_sync_has_sent_it(window):
    bar = window.statusBar()
    window.workspace.held.emit("action:abc", "Đã xếp “Tiếp nhận” vào hàng chờ")
    assert bar.currentMessage() == "Đã xếp “Tiếp nhận” vào hàng chờ"
    window.on_sync_finished(SyncReport(online=False))  # not sent: still true
    assert bar.currentMessage() == "Đã xếp “Tiếp nhận” vào hàng chờ"
    window.on_sync_finished(SyncReport(sent=[Sent("other", "K7QM", 1, action="receive"),
                                             Sent("abc", "K7QX", 1, op="submit")]))
    assert bar.currentMessage() == "Đã xếp “Tiếp nhận” vào hàng chờ"  # its dossier's submit
    window.on_sync_finished(SyncReport(sent=[Sent("abc", "K7QX", 2, action="receive")]))
    assert bar.currentMessage() == ""


def test_starting_is_not_said_once_the_start_failed(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    win = MainWindow(default_catalog(), tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    assert win.statusBar().currentMessage().startswith("Đang mở dữ liệu")
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    win.on_services_failed("ổ đĩa đầy")
    assert win.statusBar().currentMessage() == "Không mở được dữ liệu trên máy: ổ đĩa đầy"


def test_the_confirmation_says_where_the_dossier_is_as_it_moves(window, pdf_file, png_file):
    wizard = window.wizard
    fill_to_attachments(wizard)
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.on_file_offered("giay_chung_sinh", png_file)
    wizard.go_next()
    wizard.go_next()
    page = wizard.confirmation_page
    assert wizard.current_page() is page
    assert WAITING in page.next_steps.text()
    # The portal's answer recorded as the sync records it, then the sync's finished signal.
    import datetime as dt
    import random

    from app.services.outbox import Outbox
    from dvc_core.wire import SubmitAnswer

    outbox = Outbox(window.services.queue.sessions, lambda: dt.datetime.now(dt.UTC),
                    random.Random(1))
    [item_id] = outbox.due(ignore_backoff=True)
    assert outbox.take(item_id) is not None
    outbox.submitted(item_id, SubmitAnswer(code="000.99.99.H56-261206-0042", status=1,
                                           status_text="Mới đăng ký"))
    window.on_sync_finished(SyncReport())
    assert page.code.isVisible() and "000.99.99.H56-261206-0042" in page.code.text()
    assert WAITING not in page.next_steps.text()
    assert "đã nhận hồ sơ với mã <b>000.99.99.H56-261206-0042</b>" in page.next_steps.text()
    folder = os.environ.get("DVC_SCREENSHOTS")  # a picture to look at, when asked for
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / "confirmation-with-code.png"))


def test_a_failed_worklist_read_is_said_until_the_next_read_succeeds(qtbot, tmp_path,
                                                                     monkeypatch):
    from app.config import resolve
    from app.services.context import Services
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog
    from tests.helpers.e2e import account
    from tests.helpers.portal_fixture import start_portal
    from tests.helpers.worklist import seed_office

    with start_portal(tmp_path / "portal") as portal:
        seed_office(portal, arrivals=1, received=0, child="Đặng Thùy Dương")
        services = Services(resolve(tmp_path / "data", portal.url, "desk", "vi"))
        try:
            officer = account(portal, "officer")
            services.login(officer["username"], officer["password"])
            window = MainWindow(default_catalog(), tasks=ImmediateTaskRunner())
            qtbot.addWidget(window)
            window.show()
            window.set_services(services)
            assert window.officer_workspace is not None
            bar = window.statusBar()
            worklists = services.worklists
            real = worklists.refresh_all

            def broken():
                raise RuntimeError("bảng tạm bị khóa")

            monkeypatch.setattr(worklists, "refresh_all", broken)
            window.officer_workspace.refresh()
            assert bar.currentMessage() == ("Không đọc được danh sách công việc: bảng tạm bị "
                                            "khóa")
            monkeypatch.setattr(worklists, "refresh_all", real)
            window.officer_workspace.refresh()  # read again: it works this time
            assert bar.currentMessage() == ""
        finally:
            services.close()
