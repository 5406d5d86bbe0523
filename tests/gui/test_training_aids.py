"""Training mode's teaching aids on the real main window: the guide panel follows the filing
and sign-up wizards page by page and outlines the control its step names; “Điền dữ liệu mẫu”
fills the page with the procedure's example; Ctrl + / Ctrl − scale the whole UI's text; the
pointer highlight; “bước tiếp” walks a demo; a trainer's bad guide file is named on the panel."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from app.views.training.guide_data import DEFAULT_PATH
from tests.helpers.gui import choose_birth_registration


@pytest.fixture
def training_window(qtbot, services):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    win = MainWindow(default_catalog(), mode="training", tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.set_services(services)
    yield win
    win.teaching_aids.close()  # the application's font and style sheet back as they were


def outlined(win, widget) -> bool:
    outline = win.teaching_aids.panel.outline
    frame = win.wizard.frame
    box = outline.box
    where = widget.mapTo(frame, QPoint(0, 0))
    return (outline.isVisible() and outline.target is widget
            and box.contains(where + QPoint(2, 2)))


def test_desk_mode_has_no_teaching_aids(window):
    assert window.teaching_aids is None
    assert window.wizard.frame.findChild(object, "guidePanel") is None


def test_the_guide_follows_the_filing_wizard_page_by_page(training_window, qtbot):
    win = training_window
    panel, wizard = win.teaching_aids.panel, win.wizard
    assert panel.isVisible() and panel.parentWidget() is wizard.frame
    assert panel.page_id == "procedure"
    assert "Nộp hồ sơ trực tuyến — Bước 1" in panel.text()
    assert "Nộp hồ sơ trực tuyến — Bước 2" in panel.text()
    assert "bộ lọc tìm kiếm" in panel.body.text()
    assert outlined(win, wizard.procedure_page.search)

    choose_birth_registration(wizard)
    assert panel.page_id == "applicant" == wizard.current_page().page_id
    assert "Bước 3" in panel.text()
    assert outlined(win, wizard.current_page().rows["applicant.full_name"])

    seen = [panel.page_id]
    aids = win.teaching_aids
    while wizard.current_page() is not wizard.attachments_page:
        aids.demo_step()
        assert panel.page_id == wizard.current_page().page_id
        if seen[-1] != panel.page_id:
            seen.append(panel.page_id)
            assert panel.steps, panel.page_id  # every page has its guide text
    assert seen == ["applicant", "section:child", "section:mother", "section:father",
                    "section:request", "delivery", "attachments"]
    assert "Nộp hồ sơ trực tuyến — Bước 4" in panel.text()

    wizard.go_back()
    assert panel.page_id == "delivery"


def test_the_sample_data_button_fills_the_page_with_the_example(training_window, qtbot):
    win = training_window
    panel, wizard = win.teaching_aids.panel, win.wizard
    assert panel.sample_button.isVisible()
    qtbot.mouseClick(panel.sample_button, Qt.MouseButton.LeftButton)
    assert panel.note.text() == "Trang này không có dữ liệu mẫu để điền."
    choose_birth_registration(wizard)
    page = wizard.current_page()
    assert page.rows["applicant.full_name"].value() in (None, "")
    qtbot.mouseClick(panel.sample_button, Qt.MouseButton.LeftButton)
    example = wizard.draft.procedure.example["applicant"]
    assert page.rows["applicant.full_name"].value() == example["full_name"]
    assert page.rows["applicant.id_number"].value() == example["id_number"]
    assert page.validate()  # the example's answers pass the page's own checks
    wizard.go_next()
    qtbot.mouseClick(panel.sample_button, Qt.MouseButton.LeftButton)
    child = wizard.current_page()
    assert child.rows["child.full_name"].value() == "Nguyễn Minh Khang"
    assert panel.note.text() == "Đã điền dữ liệu mẫu của thủ tục vào trang này."


def test_ctrl_plus_and_minus_scale_the_whole_ui(training_window, qtbot):
    win = training_window
    aids = win.teaching_aids
    app = QApplication.instance()
    heading = win.wizard.procedure_page.findChild(object, "pageTitle") or \
        win.wizard.step_label
    before_app, before_label = app.font().pointSizeF(), QFontInfo(heading.font()).pixelSize()
    assert [s.toString() for s in aids.actions_["bigger"].shortcuts()][0] == "Ctrl++"
    assert aids.actions_["smaller"].shortcut().toString() == "Ctrl+-"
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.wizard, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win.wizard, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert aids.fonts.factor == 1.3
    assert app.font().pointSizeF() == pytest.approx(before_app * 1.3)
    assert QFontInfo(heading.font()).pixelSize() > before_label
    assert "font-size" in app.styleSheet()
    qtbot.keyClick(win.wizard, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert aids.fonts.factor == 1.15
    aids.fonts.reset()
    assert app.font().pointSizeF() == pytest.approx(before_app)
    assert QFontInfo(heading.font()).pixelSize() == before_label


def test_the_pointer_highlight_follows_and_toggles(training_window):
    win = training_window
    aids = win.teaching_aids
    pointer = aids.pointer
    assert not pointer.isVisible()
    aids.actions_["pointer"].trigger()
    assert pointer.isVisible() and pointer.on
    assert pointer.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    pointer.follow(QPoint(400, 300))
    image = win.grab().toImage()
    spot, elsewhere = image.pixelColor(400, 300), image.pixelColor(400, 300 + 80)
    assert spot != elsewhere  # the circle is painted there, not 80 px below
    aids.actions_["pointer"].trigger()
    assert not pointer.isVisible() and not pointer.on


def test_the_guide_follows_the_sign_up_wizard(training_window, qtbot):
    win = training_window
    win.account_controller.on_register()
    dialog = win.account_controller.wizard
    panel = win.teaching_aids.account_panel
    assert panel is not None and panel.parentWidget() is dialog.frame
    assert panel.page_id == "type"
    text = panel.text()
    for heading in ("Cổng Dịch vụ công Quốc gia — đăng ký tài khoản — Bước 1",
                    "Cổng Dịch vụ công Quốc gia — đăng ký tài khoản — Bước 2",
                    "Cổng dịch vụ công tỉnh Thanh Hóa — đăng ký tài khoản — Bước 3"):
        assert heading in text
    dialog.type_page.group.buttons()[0].setChecked(True)  # công dân
    dialog.frame.go_next()
    assert panel.page_id == "method" and "Bước 3" in panel.text()
    assert panel.outline.target is dialog.method_page.mobile
    dialog.method_page.mobile.setChecked(True)
    dialog.frame.go_next()
    assert panel.page_id == "details" and "Bước 4" in panel.text()
    assert panel.outline.target is dialog.details_page.rows["id_number"]
    dialog.reject()


def test_a_bad_guide_file_is_named_on_the_panel(qtbot, services, tmp_path, monkeypatch):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["wizards"]["filing"]["review"][0]["step"] = 0
    bad = tmp_path / "guide.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("DVC_TRAINING_GUIDE", str(bad))
    win = MainWindow(default_catalog(), mode="training", tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.show()
    panel = win.teaching_aids.panel
    try:
        assert panel.problem.isVisible()
        assert "mục “wizards.filing.review[0].step”" in panel.problem.text()
        assert "Bước 2" in panel.text()  # the shipped guide is shown meanwhile
    finally:
        win.teaching_aids.close()


@pytest.fixture
def embedded_training(qtbot, tmp_path):
    """The training window on the real embedded sandbox portal (its own folder)."""
    from app.config import resolve
    from app.services.context import Services
    from app.views.shell.main_window import MainWindow
    from dvc_core.catalog import default_catalog

    services = Services(resolve(tmp_path / "data", None, "training", "vi"))
    services.server_url()
    window = MainWindow(default_catalog(), mode="training")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.set_services(services)
    yield window, services
    dock = getattr(window, "training_dock", None)
    if dock is not None:
        dock.phone.stop()
    window.tasks.wait(10_000)
    window.teaching_aids.close()
    services.close()


def test_the_fault_menu_drives_the_clients_transport(embedded_training, qtbot, tmp_path):
    from app.models import DossierState
    from app.services.faults import FaultAdapter
    from app.services.queue import AttachmentSource
    from dvc_core.catalog import default_catalog
    from tests.helpers.e2e import JPEG
    from tests.helpers.gui import PDF_BYTES

    window, services = embedded_training
    menu = window.teaching_aids.fault_menu
    assert isinstance(services.client.session.get_adapter(services.client.api), FaultAdapter)
    assert [a.text() for a in menu.menu.actions()] == [
        "Mất mạng", "Tin nhắn SMS đến chậm", "Cổng từ chối hồ sơ", "Cán bộ yêu cầu bổ sung"]
    assert all(a.isEnabled() and not a.isChecked() for a in menu.actions_.values())

    assert services.ensure_embedded_login() is not None  # the demo officer, before the cut
    menu.actions_["network_down"].trigger()
    assert services.faults.network_down
    assert "hồ sơ nộp lúc này nằm chờ trên máy" in window.statusBar().currentMessage()
    (tmp_path / "tk.pdf").write_bytes(PDF_BYTES)
    (tmp_path / "cs.jpg").write_bytes(JPEG)
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", tmp_path / "tk.pdf"),
        AttachmentSource("giay_chung_sinh", tmp_path / "cs.jpg")])
    window.tasks.wait(10_000)
    assert not services.sync_engine().run_once().sent
    assert services.queue.get(queued.id).state == DossierState.QUEUED

    with qtbot.waitSignal(window.sync_requested):  # the network back: sent at once
        menu.actions_["network_down"].trigger()
    assert not services.faults.network_down
    report = services.sync_engine().run_once(ignore_backoff=True)
    assert [s.id for s in report.sent] == [queued.id]
    assert services.queue.get(queued.id).state == DossierState.SUBMITTED


def test_an_exercise_window_checks_its_goal(embedded_training, qtbot):
    window, services = embedded_training
    menu = window.teaching_aids.exercise_menu
    assert [a.text() for a in menu.menu.actions()] == [
        "Đăng ký khai sinh cho em bé mới sinh", "Bổ sung hồ sơ theo yêu cầu của cán bộ",
        "Đăng ký tài khoản dịch vụ công"]
    menu.actions_["dang_ky"].trigger()
    dialog = menu.open_windows["dang_ky"]
    assert dialog.isVisible() and "0987000111" in dialog.findChildren(object, "pageLead")[0].text()
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.outcome.reached
    assert dialog.result.text().startswith("Chưa đăng nhập được bằng số 0987000111")
    dialog.close()
