"""The account screens against a real portal on loopback: sign-up end to end (the OTP read from
the sandbox's message list, the Vietnamese name typed key by key), each refusal on its page,
sign-in/out, “Quên mật khẩu”, no secret on disk or in the logs, and the no-keyring case."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from pathlib import Path

import keyring
import pytest
import requests
from keyring.backends import fail
from PySide6.QtCore import Qt

from app.services.auth import NO_KEYRING_VI
from tests.helpers.gui import scan, type_text

PASSWORD = "Đức@2026xy"


def otp_for(messages, phone: str) -> str:
    body = [m["body"] for m in messages if m["to"] == phone and m["channel"] == "sms"][-1]
    return re.search(r"\b(\d{6})\b", body).group(1)


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def make_window(qtbot, tmp_path, server: str, tasks=None, mode: str = "desk"):
    from app.config import resolve, save_settings
    from app.services.context import Services
    from app.views.shell.main_window import MainWindow
    from dvc_core.catalog import default_catalog

    data = tmp_path / "data"
    save_settings(data, {"server": server, "mode": mode, "lang": "vi"})
    services = Services(resolve(data, None, None, None))
    window = MainWindow(default_catalog(), mode=mode, tasks=tasks)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.set_services(services)
    return window, services


@pytest.fixture
def live_window(qtbot, tmp_path, live_portal):
    """The desk window on a real portal subprocess, portal calls on the real thread pool."""
    window, services = make_window(qtbot, tmp_path, live_portal.url)
    yield window, services
    window.tasks.wait(10_000)
    services.close()


@pytest.fixture
def clocked_portal(tmp_path):
    """An in-process portal (real HTTP on loopback) whose clock the test moves."""
    from portal.server import EmbeddedPortal
    from portal.settings import PortalSettings

    class Clock:
        now = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)

        def __call__(self):
            return self.now

    clock = Clock()
    server = EmbeddedPortal(PortalSettings(storage_dir=tmp_path / "portal", sandbox=True,
                                           clock=clock)).start()
    server.clock = clock
    yield server
    server.stop()


@pytest.fixture
def inline_window(qtbot, tmp_path, clocked_portal):
    from app.workers.tasks import ImmediateTaskRunner

    window, services = make_window(qtbot, tmp_path, clocked_portal.url, ImmediateTaskRunner())
    yield window, services
    services.close()


def sandbox_messages(url: str) -> list[dict]:
    return requests.get(url + "/api/v1/sandbox/messages", timeout=10).json()


def fill_details(wizard, **values) -> None:
    page = wizard.details_page
    for key, value in values.items():
        row = page.rows[key]
        if key == "sex":
            row.set_value(value)
        elif value.isascii():
            row.input.clear()
            row.input.setFocus()
            for ch in value:
                row.input.insert(ch)
        else:
            row.input.clear()
            type_text(row.input, value)


def test_register_a_citizen_end_to_end_then_sign_out_and_in(qtbot, live_window, live_portal,
                                                           memory_keyring, caplog, tmp_path,
                                                           monkeypatch):
    caplog.set_level(logging.DEBUG)
    window, services = live_window
    # Every portal call runs on a worker thread, never on the GUI thread.
    threads: list[str] = []
    for name in ("register", "verify_otp", "set_password", "login", "logout"):
        original = getattr(services.accounts, name)

        def spy(*args, _original=original, **kwargs):
            threads.append(threading.current_thread().name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(services.accounts, name, spy)
    assert window.register_button.isVisible() and window.sign_in_button.isVisible()
    assert not window.sign_out_button.isVisible()
    window.register_button.click()
    wizard = window.account_controller.wizard
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.type_page.value() is None  # nothing is chosen for the person
    assert "VNeID" in wizard.type_page.findChild(type(wizard.type_page.heading),
                                                 "vneidNote").text()
    wizard.go_next()  # Continue says which answer is missing, in Vietnamese
    assert wizard.current_page() is wizard.type_page
    assert wizard.type_page.summary.text() == "Loại tài khoản: hãy chọn một trong các loại dưới đây."
    wizard.type_page.group.button(0).click()
    assert wizard.type_page.value() == "cong_dan"
    wizard.go_next()
    assert wizard.current_page() is wizard.method_page
    assert len(wizard.method_page.unavailable) == 5
    wizard.go_next()

    # Every field checks as the person types (once left) and again on “Tiếp tục”.
    page = wizard.details_page
    fill_details(wizard, id_number="0380")
    page.rows["id_number"].input.editingFinished.emit()
    assert "12 chữ số" in page.rows["id_number"].error.text()
    wizard.go_next()
    assert wizard.current_page() is page
    assert "Họ và tên: chưa nhập" in page.summary.text()
    fill_details(wizard, id_number="038090777001", full_name="Nguyễn Văn Đức",
                 birth_date="01/02/1990", sex="nam", phone="0983777001")
    assert page.rows["full_name"].value() == "Nguyễn Văn Đức"
    assert not page.rows["id_number"].error.isVisible()
    wizard.go_next()
    assert wizard.current_page() is wizard.address_page
    wizard.address_page.detail.input.clear()
    type_text(wizard.address_page.detail.input, "Thôn Đông")
    wizard.go_next()  # sends the code, off the GUI thread
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.otp_page, timeout=15_000)
    box = wizard.otp_page.box
    assert "098****001" in box.sent_to.text()
    assert "5" in box.attempts.text() and not box.resend.isEnabled()
    assert re.search(r"\d+ giây", box.countdown.text())

    code = otp_for(live_portal.messages(), "0983777001")
    qtbot.keyClicks(box.edit, wrong(code))
    wizard.go_next()
    qtbot.waitUntil(lambda: box.error.isVisible(), timeout=15_000)
    assert "Còn 4 lần thử" in box.error.text() and "4" in box.attempts.text()
    box.edit.clear()
    qtbot.keyClicks(box.edit, code)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.password_page, timeout=15_000)

    pw = wizard.password_page
    type_text(pw.password.edit, "đức2026")
    assert pw.checklist.items["lower"].property("ok") is True
    assert pw.checklist.items["upper"].property("ok") is False
    wizard.go_next()
    assert "Mật khẩu" in pw.summary.text() and wizard.current_page() is pw
    pw.password.edit.clear()
    type_text(pw.password.edit, PASSWORD)
    assert pw.checklist.all_ok()
    assert pw.password.edit.echoMode() == pw.password.edit.EchoMode.Password
    pw.password.toggle.click()
    assert pw.password.edit.echoMode() == pw.password.edit.EchoMode.Normal
    type_text(pw.confirmation.edit, PASSWORD)
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.done_page, timeout=15_000)
    assert "Nguyễn Văn Đức" in wizard.done_page.who.text()
    assert pw.password.text() == "" and pw.confirmation.text() == ""

    # Signed in: the header says who; the token is in the keyring under the portal's address.
    assert "Nguyễn Văn Đức" in window.officer_label.text()
    assert window.sign_out_button.isVisible() and not window.sign_in_button.isVisible()
    token = services.tokens.token()
    assert token and (f"dvc-desk:{live_portal.url}", "session") in memory_keyring.secrets
    wizard.go_next()  # Close
    assert not wizard.isVisible()

    # No secret on disk (the app's data folder, the settings file, the portal's files) or in logs.
    window.tasks.wait(5000)
    services.engine.dispose()
    secrets = [PASSWORD, token]
    for folder in (tmp_path / "data", live_portal.storage):
        for path in Path(folder).rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                for secret in secrets:
                    for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le")):
                        assert encoded not in data, (path, secret[:3])
    assert (tmp_path / "data" / "settings.json").exists()
    logs = "\n".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records)
    logs += live_portal.log()
    for secret in secrets:
        assert secret not in logs

    # Sign out: the token is revoked on the portal and forgotten here.
    window.sign_out_button.click()
    qtbot.waitUntil(lambda: window.sign_in_button.isVisible(), timeout=15_000)
    assert window.officer_label.text() == "Chưa đăng nhập"
    assert not memory_keyring.secrets
    reply = requests.get(live_portal.api + "/sessions/current",
                         headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert reply.status_code == 401

    # Sign in again with the ID number.
    window.sign_in_button.click()
    dialog = window.account_controller.sign_in_dialog
    qtbot.keyClicks(dialog.username, "038090777001")
    type_text(dialog.password.edit, "sai")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15_000)
    assert "không đúng" in dialog.error.text()
    dialog.password.edit.clear()
    type_text(dialog.password.edit, PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
    assert "Nguyễn Văn Đức" in window.officer_label.text()
    assert threads and threading.main_thread().name not in threads


def test_a_registered_id_goes_on_like_any_other_and_its_owner_is_told(qtbot, inline_window,
                                                                      clocked_portal):
    """The portal no longer says an ID number has an account: the wizard asks for the code as
    for anyone, and the account's own phone is told by SMS."""
    window, _ = inline_window
    window.register_button.click()
    wizard = window.account_controller.wizard
    wizard.type_page.set_value("cong_dan")  # nothing is chosen for the person
    wizard.go_next()
    wizard.go_next()
    fill_details(wizard, id_number="038195012345", full_name="Lê Thị Hoa",
                 birth_date="12/04/1995", sex="nu", phone="0977000222")
    wizard.go_next()
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.otp_page)
    assert not wizard.details_page.rows["id_number"].error.isVisible()
    messages = sandbox_messages(clocked_portal.url)
    assert any(m["to"] == "0912345678" and "số CMND/CCCD của bạn" in m["body"] for m in messages)
    # Closed: nothing about the person is kept behind the window.
    wizard.reject()
    assert window.account_controller.wizard is None and wizard.parent() is None


def test_wrong_codes_expiry_resend_countdown_and_wrong_number(qtbot, inline_window,
                                                             clocked_portal, monkeypatch):
    window, services = inline_window
    accounts = services.accounts
    now = [5000.0]
    monkeypatch.setattr(accounts, "clock", lambda: now[0])
    window.register_button.click()
    wizard = window.account_controller.wizard
    wizard.type_page.set_value("cong_dan")  # nothing is chosen for the person
    wizard.go_next()
    wizard.go_next()
    fill_details(wizard, id_number="038090777002", full_name="Trần Thị Bình",
                 birth_date="01/02/1990", sex="nam", phone="0983777002")
    wizard.go_next()
    wizard.go_next()
    box = wizard.otp_page.box
    assert wizard.current_page() is wizard.otp_page
    assert box.countdown.text() == "Có thể yêu cầu mã mới sau 60 giây"
    now[0] += 45
    box.tick()
    assert "15 giây" in box.countdown.text() and not box.resend.isEnabled()
    qtbot.keyClicks(box.edit, "12a4")
    assert box.code() == "124"  # digits only, as typed
    box.edit.clear()
    code = otp_for(sandbox_messages(clocked_portal.url), "0983777002")
    for left in (4, 3, 2, 1):
        box.edit.setText(wrong(code))
        wizard.go_next()
        assert f"Còn {left} lần thử" in box.error.text()
        assert box.attempts.text() == f"Còn {left}/5 lần thử"
    box.edit.setText(wrong(code))
    wizard.go_next()
    assert "không còn lần thử" in box.error.text()
    box.edit.setText(code)
    wizard.go_next()
    assert "quá nhiều lần" in box.error.text().lower()
    assert wizard.current_page() is wizard.otp_page

    # Five minutes on: the code has expired; a new one may be asked for now.
    clocked_portal.clock.now += dt.timedelta(minutes=5, seconds=1)
    now[0] += 300
    box.tick()
    assert box.resend.isEnabled()
    box.resend.click()
    assert box.attempts.text() == "Còn 5/5 lần thử" and not box.error.isVisible()
    first_new = otp_for(sandbox_messages(clocked_portal.url), "0983777002")
    clocked_portal.clock.now += dt.timedelta(minutes=5, seconds=1)
    box.edit.setText(first_new)
    wizard.go_next()
    assert "hết hạn" in box.error.text()

    # “Sai số điện thoại?” goes back with the answers kept; a corrected number gets a new code.
    wizard.otp_page.wrong.click()
    assert wizard.current_page() is wizard.details_page
    assert wizard.details_page.rows["phone"].value() == "0983777002"
    wizard.details_page.rows["phone"].set_value("0983777003")
    wizard.go_next()
    now[0] += 61
    clocked_portal.clock.now += dt.timedelta(seconds=61)
    wizard.go_next()
    assert wizard.current_page() is wizard.otp_page
    assert "098****003" in box.sent_to.text()
    box.edit.setText(otp_for(sandbox_messages(clocked_portal.url), "0983777003"))
    wizard.go_next()
    assert wizard.current_page() is wizard.password_page
    assert services.accounts.registration is not None
    wizard.reject()
    assert services.accounts.registration is None


def test_officer_walks_a_citizen_through_and_stays_signed_in(qtbot, inline_window, clocked_portal):
    window, services = inline_window
    services.accounts.login("canbo.thuchanh", "CanBo@2026")
    window._update_officer()
    assert "Thực Hành" in window.officer_label.text()  # the commune's name, not its code
    window.register_button.click()
    wizard = window.account_controller.wizard
    assert wizard.keep_session
    wizard.type_page.set_value("cong_dan")
    wizard.go_next()
    wizard.go_next()
    fill_details(wizard, id_number="038090777004", full_name="Phạm Văn Cường",
                 birth_date="01/02/1990", sex="nam", phone="0983777004")
    wizard.go_next()
    wizard.go_next()
    wizard.otp_page.box.edit.setText(otp_for(sandbox_messages(clocked_portal.url), "0983777004"))
    wizard.go_next()
    wizard.password_page.password.edit.setText("Cuong@2026")
    wizard.password_page.confirmation.edit.setText("Cuong@2026")
    wizard.go_next()
    assert wizard.current_page() is wizard.done_page
    assert wizard.done_page.switch.isVisible()
    assert services.tokens.current().role == "officer"


def test_forgotten_password_in_the_sign_in_dialog(qtbot, inline_window, clocked_portal):
    window, services = inline_window
    window.sign_in_button.click()
    dialog = window.account_controller.sign_in_dialog
    assert "VNeID" in dialog.sign_in_page.findChild(type(dialog.reason), "vneidNote").text()
    dialog.username.setText("038195012345")
    dialog.forgot_button.click()
    assert dialog.current_page() is dialog.reset_page
    assert dialog.reset_username.text() == "038195012345"
    dialog.send_code_button.click()
    # Named by ID number: the portal does not say (or confirm) which phone the account has.
    qtbot.waitUntil(lambda: bool(dialog.otp.sent_to.text()))
    assert "678" not in dialog.otp.sent_to.text()
    code = otp_for(sandbox_messages(clocked_portal.url), "0912345678")
    dialog.otp.edit.setText(code)
    dialog.new_password.edit.setText("matkhau")
    dialog.confirmation.edit.setText("matkhau")
    dialog.reset_button.click()
    assert dialog.new_password_error.isVisible()
    dialog.new_password.edit.setText("Moi@2026xy")
    dialog.confirmation.edit.setText("Moi@2026xy")
    dialog.reset_button.click()
    assert not dialog.isVisible()
    assert services.tokens.current().display_name == "Lê Thị Hoa"
    assert "Lê Thị Hoa" in window.officer_label.text()


def test_no_keyring_backend_signs_in_for_the_session_with_a_clear_message(qtbot, inline_window):
    window, services = inline_window
    keyring.set_keyring(fail.Keyring())
    window.sign_in_button.click()
    dialog = window.account_controller.sign_in_dialog
    dialog.username.setText("0912345678")
    dialog.password.edit.setText("CongDan@2026")
    dialog.sign_in_button.click()
    assert not dialog.isVisible()
    assert services.tokens.token()  # works for the session
    assert window.statusBar().currentMessage() == NO_KEYRING_VI
    assert "không được ghi nhớ" in NO_KEYRING_VI
    for path in (services.config.data_dir).rglob("*"):
        if path.is_file():
            assert services.tokens.token().encode() not in path.read_bytes()


def test_cccd_qr_fills_the_details_and_address(qtbot, inline_window):
    window, _ = inline_window
    window.register_button.click()
    wizard = window.account_controller.wizard
    wizard.type_page.set_value("cong_dan")  # nothing is chosen for the person
    wizard.go_next()
    wizard.go_next()
    wizard.qr_edit.setText("nonsense")
    qtbot.keyClick(wizard.qr_edit, Qt.Key.Key_Return)
    assert wizard.qr_error.isVisible() and wizard.current_page() is wizard.details_page
    wizard.qr_edit.clear()
    type_text(wizard.qr_edit, "038090123456|123456789|Nguyễn Văn An|01011990|Nam|"
                              "Thôn 1, Xã Thiệu Hóa, Thanh Hóa|15042021")
    qtbot.keyClick(wizard.qr_edit, Qt.Key.Key_Return)
    rows = wizard.details_page.rows
    assert rows["id_number"].value() == "038090123456"
    assert rows["full_name"].value() == "Nguyễn Văn An"
    assert rows["birth_date"].value() == "01/01/1990" and rows["sex"].value() == "nam"
    assert wizard.qr_edit.text() == "" and not wizard.qr_error.isVisible()
    assert wizard.current_page() is wizard.details_page  # Enter in the QR line does not go on
    assert "Thanh Hóa" in wizard.address_page.value()
    assert "Thôn 1" in wizard.address_page.value()
    # A scan that starts in the phone line (the focus after a scan) is taken over, and a
    # 2024 card with the cancelled personal ID and trailing fields is read.
    phone = rows["phone"].focus_widget()
    phone.setFocus()
    scan(wizard, "038190123457|038190000111|Lê Thị Bích|05071990|Nữ|Thôn 2, Xã Thiệu Hóa, Thanh Hóa|"
         "01012025|||", enter=False)
    assert wizard.focusWidget() is wizard.qr_edit and phone.text() == ""
    qtbot.keyClick(wizard.qr_edit, Qt.Key.Key_Return)
    assert rows["full_name"].value() == "Lê Thị Bích" and rows["sex"].value() == "nu"


def test_enter_in_the_password_field_signs_in_once(qtbot, inline_window, monkeypatch):
    window, services = inline_window
    calls = []
    original = services.accounts.login
    monkeypatch.setattr(services.accounts, "login",
                        lambda *a, **k: calls.append(1) or original(*a, **k))
    window.sign_in_button.click()
    dialog = window.account_controller.sign_in_dialog
    qtbot.keyClicks(dialog.username, "0912345678")
    qtbot.keyClicks(dialog.password.edit, "CongDan@2026")
    qtbot.keyClick(dialog.password.edit, Qt.Key.Key_Return)
    assert calls == [1] and services.tokens.token()
