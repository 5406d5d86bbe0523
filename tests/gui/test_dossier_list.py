"""The local list: a well-behaved model, details, sync updates and the officer's action."""

from __future__ import annotations

import datetime as dt

from app.services.sync_report import Sent, SyncReport
from app.views.dossiers.dossier_list import BATCH, DossierRow, DossierTableModel
from tests.helpers.gui import fill_to_attachments


def _rows(n: int) -> list[DossierRow]:
    now = dt.datetime(2026, 11, 2, 8, 30, tzinfo=dt.UTC)
    return [DossierRow(id=f"id-{i}", local_ref=f"ABCD-{i:04d}", procedure="Đăng ký khai sinh",
                       applicant="Lê Thị Hoa", state="queued",
                       state_text="Đã lưu trên máy – chờ gửi", code="", status=None,
                       status_text="", updated=now) for i in range(n)]


def test_model_passes_modeltester(qtmodeltester):
    model = DossierTableModel()
    model.set_rows(_rows(BATCH + 50))
    assert model.rowCount() == BATCH and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == BATCH + 50 and not model.canFetchMore()
    model.set_rows(_rows(BATCH + 50))
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_model_under_the_tester_from_the_start_fetches_one_batch_at_a_time(qtmodeltester):
    """The tester (like a view) asks for more from inside an insertion or a reset: the model
    starts no second change inside the first, and every change after stays consistent."""
    model = DossierTableModel()
    qtmodeltester.check(model)  # watching from the start, with no rows yet
    model.set_rows(_rows(3 * BATCH + 7))
    assert model.total() == 3 * BATCH + 7 and BATCH <= model.rowCount() <= model.total()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total()
    model.set_filter("ABCD-0001")
    assert 0 < model.rowCount() < BATCH
    model.set_filter("")
    model.set_rows([])
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_model_headers_are_vietnamese():
    from PySide6.QtCore import Qt

    model = DossierTableModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Mã tham chiếu", "Thủ tục", "Người yêu cầu", "Trạng thái trên máy",
                       "Mã hồ sơ", "Tình trạng trên cổng", "Cập nhật"]


def _submit(wizard, pdf_file, png_file) -> str:
    fill_to_attachments(wizard)
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.on_file_offered("giay_chung_sinh", png_file)
    wizard.go_next()
    wizard.go_next()
    return wizard.draft.dossier_id


def _as_if_synced(services, dossier_id: str, *, status: int = 1, text: str = "Mới đăng ký",
                  version: int = 1) -> None:
    """What the sync engine writes when the portal accepts a dossier (no portal needed)."""
    from app.models import Dossier, StatusEvent

    with services.sessions.begin() as session:
        dossier = session.get(Dossier, dossier_id)
        dossier.state = "submitted"
        dossier.code = "000.00.00.H56-261102-0001"
        dossier.status = status
        dossier.status_text = text
        dossier.portal_version = version
        session.add(StatusEvent(dossier_id=dossier_id, status=status, status_text=text,
                                note=None, at=dt.datetime.now(dt.UTC), seq=None))


def test_sync_report_shows_portal_code_on_confirmation_and_list(window, services, pdf_file,
                                                                png_file):
    wizard = window.wizard
    dossier_id = _submit(wizard, pdf_file, png_file)
    assert not wizard.confirmation_page.code.isVisible()
    _as_if_synced(services, dossier_id)
    window.on_sync_finished(SyncReport(sent=[Sent(dossier_id, "K7QM-3XPD", 1, op="submit")]))
    page = wizard.confirmation_page
    assert page.code.text() == "Mã hồ sơ: 000.00.00.H56-261102-0001"
    assert "Mới đăng ký" in page.status.text()
    assert "Đã gửi lên cổng" in page.state.text()
    row = window.model.row_at(0)
    assert row.code == "000.00.00.H56-261102-0001" and row.status_text == "Mới đăng ký"
    assert window.sync_indicator.state.text() == "● Trực tuyến"
    assert window.sync_indicator.last_success is not None


def test_sync_indicator_offline_and_failed(window):
    window.on_sync_started()
    assert window.sync_indicator.state.text() == "● Đang đồng bộ…"
    window.on_sync_finished(SyncReport(online=False,
                                       error="Không kết nối được tới cổng dịch vụ công"))
    assert window.sync_indicator.state.text() == "● Ngoại tuyến"
    assert "Không kết nối" in window.sync_indicator.toolTip()
    window.on_sync_failed("Đồng bộ gặp lỗi: x")
    assert window.sync_indicator.online is False


def test_details_and_receive_action(qtbot, services, pdf_file, png_file, monkeypatch):
    """“Tiếp nhận” takes the one road every act takes: an outbox item carrying the portal
    version the officer saw, sent by the sync engine — the window never calls the portal."""
    from app.models import OutboxItem
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    calls = []

    class RecordingClient:
        def __getattr__(self, name):
            calls.append(name)
            raise AssertionError(f"the window called the portal client: {name}")

    services.client = RecordingClient()  # cached_property: the instance attribute wins
    monkeypatch.setattr(type(services), "is_embedded", property(lambda self: True))
    window = MainWindow(default_catalog(), tasks=ImmediateTaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.set_services(services)
    dossier_id = _submit(window.wizard, pdf_file, png_file)
    _as_if_synced(services, dossier_id, version=3)
    with services.sessions.begin() as session:  # the submission went out with that sync
        session.query(OutboxItem).filter_by(dossier_id=dossier_id).update({"state": "done"})
    window.refresh_list()
    window.tabs.setCurrentIndex(1)
    window.list_view.select_id(dossier_id)
    details = window.list_view.details
    assert not details.waiting.isVisible()
    assert dossier_id in details.title.text() or "Đăng ký khai sinh" in details.title.text()
    assert "Mới đăng ký" in details.body.text()
    assert "Lịch sử tình trạng" in details.body.text()
    assert details.receive_button.isVisible()
    assert details.receive_button.text() == "Tiếp nhận"
    with qtbot.waitSignal(window.sync_requested):
        details.receive_button.click()
    with services.sessions() as session:
        item = session.query(OutboxItem).filter_by(dossier_id=dossier_id, op="action").one()
        assert item.payload["action"] == "receive" and item.payload["expected_version"] == 3
    assert calls == []
    # The pane, read again after the act, says what waits to be sent.
    assert details.waiting.isVisible() and "Tiếp nhận hồ sơ" in details.waiting.text()
    assert not details.receive_button.isVisible()  # one decision, not one per press


def test_receive_hidden_on_a_real_portal(window, services, pdf_file, png_file):
    dossier_id = _submit(window.wizard, pdf_file, png_file)
    _as_if_synced(services, dossier_id)
    window.refresh_list()
    window.tabs.setCurrentIndex(1)
    window.list_view.select_id(dossier_id)
    assert not window.list_view.details.receive_button.isVisible()


def test_shortcuts(window, qtbot):
    from PySide6.QtGui import QKeySequence

    assert window.new_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.send_action.shortcut() == QKeySequence("F5")
    window.wizard.procedure_page.search.setText("khai sinh")
    window.wizard.procedure_page.select_code("1.001193")
    window.wizard.go_next()
    window.new_action.trigger()
    assert window.wizard.index == 0 and window.wizard.draft.procedure is None
    with qtbot.waitSignal(window.sync_requested):
        window.send_action.trigger()


def test_the_officer_prints_the_tokhai_and_the_receipt_from_the_details(
        window, services, png_file, tmp_path, monkeypatch):
    """No scan of the declaration was asked: the officer prints the one made from the answers
    for signature, and the receipt, from the dossier's details."""
    import shutil
    import subprocess
    import unicodedata

    from app.views.dossiers.workspace import SavePdfDialog

    wizard = window.wizard
    fill_to_attachments(wizard, delivery="counter")
    wizard.on_file_offered("giay_chung_sinh", png_file)  # the Tờ khai is not asked for
    wizard.go_next()
    wizard.go_next()
    dossier_id = wizard.draft.dossier_id
    assert dossier_id is not None
    _as_if_synced(services, dossier_id)
    window.refresh_list()
    window.tabs.setCurrentIndex(1)
    window.list_view.select_id(dossier_id)
    details = window.list_view.details
    assert details.tokhai_button.isVisible() and details.tokhai_button.text() == "In tờ khai…"
    assert details.receipt_button.isVisible()
    assert "Tờ khai (tạo từ thông tin đã khai).pdf" in details.body.text()
    window.grab().save(str(tmp_path / "details_print.png"))

    asked: list[str] = []

    def ask(cls, parent, name):
        asked.append(name)
        return tmp_path / name

    monkeypatch.setattr(SavePdfDialog, "ask", classmethod(ask))
    details.tokhai_button.click()
    details.receipt_button.click()
    local_ref = services.queue.get(dossier_id).local_ref
    assert asked == [f"to-khai-{local_ref}.pdf", "giay-tiep-nhan-000.00.00.H56-261102-0001.pdf"]
    assert "Đã lưu" in window.statusBar().currentMessage()
    if shutil.which("pdftotext"):
        def text(name):
            out = subprocess.run(["pdftotext", "-layout", str(tmp_path / name), "-"],
                                 capture_output=True, text=True, check=True).stdout
            return " ".join(unicodedata.normalize("NFC", out).split())

        tokhai = text(asked[0])
        assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in tokhai and "NGƯỜI YÊU CẦU" in tokhai
        receipt = text(asked[1])
        assert "7. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công" in receipt
        assert "bản điện tử tạo từ thông tin đã khai" in receipt
