"""The officer's dossier detail and actions, from the worklist, through the outbox and the real
portal on loopback: every action, two officers in conflict, the supplement request and the
electronic result reaching the citizen's own app, and no destructive action one key away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.services.queue import AttachmentSource
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import JPEG, PDF, account
from tests.helpers.portal_fixture import start_portal


@pytest.fixture
def portal(tmp_path):
    with start_portal(tmp_path / "portal") as running:
        yield running


@pytest.fixture
def make_services(tmp_path):
    from app.config import resolve
    from app.services.context import Services

    made = []

    def make(server: str, name: str):
        services = Services(resolve(tmp_path / name, server, "desk", "vi"))
        made.append(services)
        return services

    yield make
    for services in made:
        services.close()


def _citizen_files(portal, make_services, tmp_path, n=1):
    citizen = account(portal, "citizen")
    services = make_services(portal.url, "citizen")
    services.login(citizen["username"], citizen["password"])
    ex = default_catalog().get("1.001193").example
    tokhai, photo = tmp_path / "tờ khai.pdf", tmp_path / "giấy chứng sinh.jpg"
    tokhai.write_bytes(PDF)
    photo.write_bytes(JPEG)
    ids = [services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", tokhai), AttachmentSource("giay_chung_sinh", photo)]).id
        for _ in range(n)]
    assert len(services.sync_engine().run_once().sent) == n
    return services, ids


def _desk(qtbot, portal, make_services, name="desk"):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner

    officer = account(portal, "officer")
    services = make_services(portal.url, name)
    services.login(officer["username"], officer["password"])
    window = MainWindow(default_catalog(), mode="desk", tasks=ImmediateTaskRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.set_services(services)
    window.on_show_worklist()
    return window, services


def _open(qtbot, window, queue, uuid):
    view = window.worklist_view
    window.officer_workspace.refresh()
    view.choose(queue)
    row = view.model.row_of(uuid)
    assert row >= 0, (queue, uuid)
    with qtbot.waitSignal(window.officer_actions.detail_shown, timeout=10_000):
        view.table.selectRow(row)
    return view.details


def _sync(window, services):
    report = services.sync_engine().run_once()
    window.on_sync_finished(report)
    return report


@pytest.fixture
def answers(monkeypatch):
    """The dialogs answer as the officer would (their own behaviour is tested below)."""
    from app.views.common.confirm import ConfirmDialog
    from app.views.officer import actions

    given: dict = {"note": "", "items": None, "return": None, "asked": []}

    def confirm(parent, title, text, confirm, **kwargs):
        given["asked"].append((title, kwargs.get("destructive"), kwargs.get("reason_required")))
        return given["note"]

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: confirm(*a, **k)))
    monkeypatch.setattr(actions.SupplementDialog, "ask",
                        classmethod(lambda cls, *a: given["items"]))
    monkeypatch.setattr(actions.ReturnDialog, "ask", classmethod(lambda cls, *a: given["return"]))
    from app.views.officer import office_print  # the fee dialog (tests/gui/test_office_print.py)

    given["fee"] = ("counter", None)
    monkeypatch.setattr(office_print.OfficePrint, "ask_fee",
                        staticmethod(lambda parent, code, due, notice: given["fee"]))
    return given


def test_the_detail_and_every_action_through_the_real_portal(qtbot, portal, make_services,
                                                              tmp_path, answers, monkeypatch):
    from app.views.officer import dossier_detail

    citizen, (dossier_id, refused_id) = _citizen_files(portal, make_services, tmp_path, n=2)
    window, services = _desk(qtbot, portal, make_services)
    pane = _open(qtbot, window, "cho_tiep_nhan", dossier_id)
    text = pane.body.text()
    # Everything the citizen entered, by the catalog's sections and labels.
    proc = default_catalog().get("1.001193")
    assert proc.sections[0].title in text
    assert proc.sections[0].fields[0].label in text
    assert "Người yêu cầu" in text and "ngày làm việc" in text
    assert "Nộp hồ sơ" in text  # the history, with who did it
    # Each attachment: the photo previewed, the PDF opened in the system's viewer.
    assert pane.files.count() == 2
    names = [pane.files.item(i).text() for i in range(2)]
    photo = next(i for i, n in enumerate(names) if ".jpg" in n)
    assert not pane.files.item(photo).icon().isNull()
    opened = []
    monkeypatch.setattr(dossier_detail, "open_file", lambda url: opened.append(url) or True)
    pdf = next(i for i, n in enumerate(names) if ".pdf" in n)
    pane.open_attachment(pdf)
    assert len(opened) == 1 and opened[0].isLocalFile()
    assert opened[0].toLocalFile().endswith(services.blobs.path(
        pane.detail.attachments[pdf].sha256).name)
    assert [a for a, b in pane.action_buttons.items() if b.isVisible()] == ["receive", "refuse"]
    assert "Ctrl+Shift+T" in pane.action_buttons["receive"].toolTip()
    window.grab().save(str(tmp_path / "detail.png"))

    # Receive (by its shortcut), start, require the fee, fee paid, finish, return online.
    pane.shortcuts["receive"].activated.emit()
    assert "Tiếp nhận hồ sơ" in answers["asked"][-1][0]
    assert window.focusWidget() not in pane.action_buttons.values()
    assert "Tiếp nhận hồ sơ" in pane.notice.text()  # waiting to be sent
    assert "sẽ gửi ở lần đồng bộ tới" in window.statusBar().currentMessage()
    _sync(window, services)
    assert services.client.get_dossier(dossier_id)["status"] == 2
    assert window.statusBar().currentMessage() == ""  # sent: no longer "with the next sync"
    for queue, action, status in (("moi_tiep_nhan", "start", 4),
                                  ("dang_xu_ly", "fee_required", 6),
                                  ("cho_thu_phi", "fee_paid", 4),
                                  ("dang_xu_ly", "finish", 9)):
        pane = _open(qtbot, window, queue, dossier_id)
        pane.action_buttons[action].click()
        _sync(window, services)
        assert services.client.get_dossier(dossier_id)["status"] == status, action
    result = tmp_path / "trích lục.pdf"
    result.write_bytes(PDF + b"ket qua")
    answers["return"] = ("online", result)
    pane = _open(qtbot, window, "cho_tra_ket_qua", dossier_id)
    pane.action_buttons["return"].click()
    _sync(window, services)
    remote = services.client.get_dossier(dossier_id)
    assert remote["status"] == 10 and remote["history"][-1]["delivery"] == "online"

    # The citizen's app receives the electronic result and opens it.
    citizen.sync_engine().run_once()
    local = citizen.queue.get(dossier_id)
    sha = remote["history"][-1]["result"]["sha256"]
    assert local.status == 10 and citizen.blobs.path(sha).read_bytes() == PDF + b"ket qua"
    from app.views.dossiers import dossier_details
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner

    home = MainWindow(default_catalog(), mode="desk", tasks=ImmediateTaskRunner())
    qtbot.addWidget(home)
    home.resize(1366, 768)
    home.show()
    home.set_services(citizen)
    home.tabs.setCurrentIndex(1)
    home.workspace.refresh()
    home.workspace.view.select_id(dossier_id)
    details = home.workspace.view.details
    assert details.result_button.isVisible()
    assert "trích lục.pdf" in details.body.text()
    seen = []
    monkeypatch.setattr(dossier_details, "open_file", lambda url: seen.append(url) or True)
    details.result_button.click()
    assert [u.toLocalFile() for u in seen] == [str(citizen.blobs.path(sha))]

    # Refuse: the reason is required and the confirmation's default is the safe button.
    answers["note"] = "Hồ sơ không thuộc thẩm quyền của xã."
    pane = _open(qtbot, window, "cho_tiep_nhan", refused_id)
    pane.action_buttons["refuse"].click()
    assert answers["asked"][-1][1:] == (True, True)
    _sync(window, services)
    assert services.client.get_dossier(refused_id)["status"] == 3


def test_a_supplement_request_with_several_items_reaches_the_citizen_as_one_list(
        qtbot, portal, make_services, tmp_path, answers):
    citizen, (dossier_id,) = _citizen_files(portal, make_services, tmp_path)
    window, services = _desk(qtbot, portal, make_services)
    pane = _open(qtbot, window, "cho_tiep_nhan", dossier_id)
    pane.action_buttons["receive"].click()
    _sync(window, services)
    pane = _open(qtbot, window, "moi_tiep_nhan", dossier_id)
    answers["items"] = ([{"component": "giay_chung_sinh", "reason": "Ảnh mờ, không đọc được."},
                         {"component": "uy_quyen", "reason": "Thiếu văn bản ủy quyền."}],
                        "Bổ sung trong 5 ngày làm việc.")
    pane.action_buttons["request_supplement"].click()
    _sync(window, services)
    citizen.sync_engine().run_once()
    event = citizen.queue.get(dossier_id).history[-1]
    assert event.status == 5
    assert [i["reason"] for i in event.detail["items"]] == ["Ảnh mờ, không đọc được.",
                                                            "Thiếu văn bản ủy quyền."]
    # On the citizen's screen: one list, every item with its reason.
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner

    home = MainWindow(default_catalog(), mode="desk", tasks=ImmediateTaskRunner())
    qtbot.addWidget(home)
    home.resize(1366, 768)
    home.show()
    home.set_services(citizen)
    home.tabs.setCurrentIndex(1)
    home.workspace.refresh()
    home.workspace.view.select_id(dossier_id)
    text = home.workspace.view.details.body.text()
    assert text.count("<li><b>") == 2
    assert "Ảnh mờ, không đọc được." in text and "Thiếu văn bản ủy quyền." in text
    assert home.workspace.view.details.supplement_button.isVisible()
    home.grab().save(str(tmp_path / "citizen-supplement.png"))


def test_two_officers_in_conflict_see_what_the_colleague_did(qtbot, portal, make_services,
                                                            tmp_path, answers):
    _citizen, (dossier_id,) = _citizen_files(portal, make_services, tmp_path)
    window, services = _desk(qtbot, portal, make_services, "desk-1")
    pane = _open(qtbot, window, "cho_tiep_nhan", dossier_id)  # seen at version v
    colleague = make_services(portal.url, "desk-2")
    officer = account(portal, "officer")
    colleague.login(officer["username"], officer["password"])
    other = colleague.officer_actions
    other.act(other.find(dossier_id), "receive")
    colleague.sync_engine().run_once()

    pane.action_buttons["receive"].click()  # on what the screen showed: version v
    _sync(window, services)
    notice = pane.notice.text()
    assert pane.notice.isVisible()
    assert "Tiếp nhận hồ sơ" in notice and "Được tiếp nhận" in notice, notice
    assert pane.reload_button.isVisible()
    # The colleague's receipt is there now; what may be done next is offered.
    assert pane.action_buttons["start"].isVisible()
    assert not pane.action_buttons["receive"].isVisible()
    window.grab().save(str(tmp_path / "conflict.png"))


def _press_later(qtbot, *keys):
    """Press keys in whatever modal dialog is open when the event loop next runs; a dialog
    the keys left open is closed (and reported), so a test never hangs on it."""
    left_open: list[str] = []

    def press():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        for key in keys:
            qtbot.keyClick(dialog.focusWidget() or dialog, key)
        QTimer.singleShot(0, check)

    def check():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            left_open.append(dialog.windowTitle())
            dialog.reject()

    QTimer.singleShot(0, press)
    return left_open


def test_space_then_enter_after_an_action_decides_nothing(qtbot, portal, make_services,
                                                         tmp_path):
    _citizen, (dossier_id,) = _citizen_files(portal, make_services, tmp_path)
    window, services = _desk(qtbot, portal, make_services)
    pane = _open(qtbot, window, "cho_tiep_nhan", dossier_id)
    # "Tiếp nhận" through its real confirmation: not destructive, so Enter confirms.
    pane.action_buttons["receive"].setFocus()
    left_open = _press_later(qtbot, Qt.Key.Key_Return)
    qtbot.keyClick(pane.action_buttons["receive"], Qt.Key.Key_Space)
    assert left_open == []
    table = window.worklist_view.table
    # Once the dialog is gone the keyboard is back on the list, not on the next button.
    # (offscreen, no window is active again by itself: the window's own focus widget is
    # where the next key goes)
    focus = window.focusWidget()
    assert focus is table and focus not in pane.action_buttons.values()
    # Space then Enter now: Space lands on the table, Enter opens nothing destructive.
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    _sync(window, services)
    remote = services.client.get_dossier(dossier_id)
    assert remote["status"] == 2
    assert [h["action"] for h in remote["history"]] == ["submit", "receive"]

    # A destructive confirmation: Enter cancels it (the default is "Hủy").
    pane = _open(qtbot, window, "moi_tiep_nhan", dossier_id)
    left_open = _press_later(qtbot, Qt.Key.Key_Return)
    pane.action_buttons["request_supplement"].click()
    assert left_open == []  # Enter took the default: "Hủy"
    _sync(window, services)
    assert services.client.get_dossier(dossier_id)["status"] == 2


def test_the_confirmation_asks_the_reason_and_defaults_to_cancel(qtbot):
    from app.views.common.confirm import ConfirmDialog

    dialog = ConfirmDialog(None, "Từ chối tiếp nhận", "Từ chối hồ sơ X.", "Từ chối tiếp nhận",
                           reason_label="Lý do:", reason_required=True)
    qtbot.addWidget(dialog)
    assert dialog.cancel_button.isDefault() and not dialog.confirm_button.isDefault()
    assert not dialog.confirm_button.isEnabled()
    dialog.reason.setPlainText("   ")
    assert not dialog.confirm_button.isEnabled()
    dialog.reason.setPlainText("Không thuộc thẩm quyền.")
    assert dialog.confirm_button.isEnabled()


def test_offline_an_action_waits_on_this_computer_and_can_be_undone(qtbot, portal, make_services,
                                                                    tmp_path, answers):
    _citizen, (dossier_id,) = _citizen_files(portal, make_services, tmp_path)
    window, services = _desk(qtbot, portal, make_services)
    pane = _open(qtbot, window, "cho_tiep_nhan", dossier_id)
    portal.process.terminate()
    portal.process.wait(10)
    pane.action_buttons["receive"].click()
    report = _sync(window, services)
    assert not report.online
    assert services.officer_actions.waiting(dossier_id) == ["receive"]  # kept, to send later
    assert "Đang mất kết nối" in pane.notice.text()
    assert pane.undo_button.isVisible()
    assert not any(b.isVisible() for b in pane.action_buttons.values())
    window.grab().save(str(tmp_path / "offline.png"))
    pane.undo_button.click()
    assert services.officer_actions.waiting(dossier_id) == []
    assert not pane.undo_button.isVisible()
    assert pane.action_buttons["receive"].isVisible()  # decided nothing: the choice is back


def test_after_receive_space_then_enter_does_not_withdraw(qtbot, services, pdf_file, png_file,
                                                         monkeypatch):
    """The sequence that once withdrew a dossier with an empty reason and no confirmation:
    "Tiếp nhận", then Space, then Enter, in "Hồ sơ trên máy" on the sandbox."""
    from app.models import OutboxItem
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from tests.gui.test_dossier_list import _as_if_synced, _submit

    monkeypatch.setattr(type(services), "is_embedded", property(lambda self: True))
    window = MainWindow(default_catalog(), tasks=ImmediateTaskRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.set_services(services)
    dossier_id = _submit(window.wizard, pdf_file, png_file)
    _as_if_synced(services, dossier_id, version=3)
    with services.sessions.begin() as session:
        session.query(OutboxItem).filter_by(dossier_id=dossier_id).update({"state": "done"})
    window.refresh_list()
    window.tabs.setCurrentIndex(1)
    window.list_view.select_id(dossier_id)
    details = window.list_view.details
    details.receive_button.setFocus()
    qtbot.keyClick(details.receive_button, Qt.Key.Key_Space)  # "Tiếp nhận"
    focus = window.focusWidget()
    assert focus is window.list_view.table, focus
    left_open = _press_later(qtbot, Qt.Key.Key_Return)
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    QApplication.processEvents()  # the timer finds no dialog to press in
    assert left_open == []  # no dialog was even opened

    # Even on the withdrawal button itself, Space then Enter decides nothing: the reason is
    # required and Enter writes a new line in it; the dialog stays until it is cancelled.
    window.list_view.select_id(dossier_id)
    assert details.withdraw_button.isVisible()
    details.withdraw_button.setFocus()
    left_open = _press_later(qtbot, Qt.Key.Key_Return)
    qtbot.keyClick(details.withdraw_button, Qt.Key.Key_Space)
    assert left_open == ["Rút hồ sơ"]
    with services.sessions() as session:
        actions = [i.payload["action"] for i in session.query(OutboxItem).filter_by(
            dossier_id=dossier_id, op="action")]
    assert actions == ["receive"]


def test_the_supplement_and_return_dialogs_ask_what_the_law_asks(qtbot, tmp_path):
    from app.views.officer.actions import ReturnDialog, SupplementDialog

    components = [(c.id, c.name) for c in default_catalog().get("1.001193").components]
    ask = SupplementDialog(None, "X", components)
    qtbot.addWidget(ask)
    assert ask.cancel_button.isDefault() and not ask.confirm_button.isEnabled()
    code, box, reason = ask.rows[1]
    box.setChecked(True)
    assert not ask.confirm_button.isEnabled() and box.text() in ask.problem.text()
    reason.setText("Bản chụp mờ.")
    ask.rows[2][1].setChecked(True)
    ask.rows[2][2].setText("Thiếu.")
    assert ask.confirm_button.isEnabled()
    assert ask.items() == [{"component": code, "reason": "Bản chụp mờ."},
                           {"component": ask.rows[2][0], "reason": "Thiếu."}]

    back = ReturnDialog(None, "X", ("counter", "post", "online"), "online")
    qtbot.addWidget(back)
    assert back.way() == "online" and back.cancel_button.isDefault()
    assert not back.confirm_button.isEnabled()  # online needs the electronic result
    result = tmp_path / "kq.pdf"
    result.write_bytes(PDF)
    back.set_file(result)
    assert back.confirm_button.isEnabled()
    back.radios["counter"].setChecked(True)
    assert back.way() == "counter" and back.confirm_button.isEnabled()
