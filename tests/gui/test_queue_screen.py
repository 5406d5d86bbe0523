"""The queue screen: what waits and when it retries, upload progress, supplement, lookup."""

from __future__ import annotations

import datetime as dt

from app.services.records import DossierFacts, HistoryEntry, OutboxInfo
from app.views.dossiers.dossier_list import (
    DossierDetails,
    DossierListView,
    DossierRow,
    DossierTableModel,
)


def _dossier(**kw) -> DossierFacts:
    base = dict(id="d1", local_ref="K7QM-3XPD", procedure_code="1.001193",
                procedure_name="Đăng ký khai sinh", applicant_name="Lê Thị Hoa",
                state="submitted", state_text="Đã gửi lên cổng",
                code="000.99.99.H56-261125-0001", status=1, status_text="Mới đăng ký",
                status_note=None, due_at=None, portal_version=1, last_error=None,
                attachment_names=("tờ khai.pdf",), history=(), outbox=None)
    base.update(kw)
    return DossierFacts(**base)


def test_waiting_item_shows_its_tries_and_next_retry_time(qtbot):
    details = DossierDetails()
    qtbot.addWidget(details)
    when = dt.datetime(2026, 11, 25, 3, 5, tzinfo=dt.UTC)
    details.show_dossier(_dossier(state="queued", state_text="Đã lưu trên máy – chờ gửi",
                                  code=None, status=None, status_text=None,
                                  last_error="Không kết nối được tới cổng dịch vụ công",
                                  outbox=OutboxInfo("submit", "pending", 2, when, "x", None)))
    text = details.waiting.text()
    assert "2" in text and "25/11/2026 10:05" in text  # Vietnam's time, whatever the machine's
    assert details.error.isVisibleTo(details)
    assert "Không kết nối được" in details.error.text()


def test_attention_item_offers_send_again(qtbot):
    details = DossierDetails()
    qtbot.addWidget(details)
    details.show_dossier(_dossier(state="needs_action", state_text="Cần xử lý",
                                  outbox=OutboxInfo("submit", "attention", 8, None, "x", None)))
    assert details.retry_button.isVisibleTo(details)
    with qtbot.waitSignal(details.retry_requested) as signal:
        details.retry_button.click()
    assert signal.args == ["d1"]


def test_supplement_request_shows_the_note_and_the_supplement_button(qtbot):
    details = DossierDetails()
    qtbot.addWidget(details)
    note = "Thiếu văn bản ủy quyền"
    event = HistoryEntry(at=dt.datetime(2026, 11, 25, 2, tzinfo=dt.UTC), status=5,
                         status_text="Yêu cầu bổ sung giấy tờ", note=note)
    details.show_dossier(_dossier(status=5, status_text="Yêu cầu bổ sung giấy tờ",
                                  status_note=note, history=(event,)))
    assert details.supplement_button.isVisibleTo(details)
    assert note in details.body.text()
    with qtbot.waitSignal(details.supplement_requested) as signal:
        details.supplement_button.click()
    assert signal.args == ["d1"]
    details.show_dossier(_dossier(status=9, status_text="Đã xử lý xong"))
    assert not details.supplement_button.isVisibleTo(details)
    assert not details.withdraw_button.isVisibleTo(details)


def test_upload_progress_for_the_selected_dossier_only(qtbot):
    details = DossierDetails()
    qtbot.addWidget(details)
    details.show_dossier(_dossier(state="sending", state_text="Đang gửi"))
    details.show_progress("other", 10, 100)
    assert not details.progress.isVisibleTo(details)
    details.show_progress("d1", 3 * 2**20, 30 * 2**20)
    details.show_file_progress("d1", "scan.pdf", 3 * 2**20, 30 * 2**20)
    assert details.progress.isVisibleTo(details) and details.progress.value() == 100
    assert "scan.pdf" in details.file_progress.format()
    details.show_progress("d1", 30 * 2**20, 30 * 2**20)
    details.show_file_progress("d1", "scan.pdf", 30 * 2**20, 30 * 2**20)
    assert not details.progress.isVisibleTo(details)
    assert not details.file_progress.isVisibleTo(details)


def test_lookup_by_code_or_reference_works_offline_and_says_how_old(qtbot):
    model = DossierTableModel()
    view = DossierListView(model)
    qtbot.addWidget(view)
    rows = [DossierRow(id=f"d{i}", local_ref=f"AAA{i}-BBBB", procedure="Đăng ký khai sinh",
                       applicant="Nguyễn Văn An" if i % 2 else "Lê Thị Hoa", state="submitted",
                       state_text="Đã gửi lên cổng", code=f"000.99.99.H56-261125-000{i}", status=1,
                       status_text="Mới đăng ký", updated=None) for i in range(1, 6)]
    model.set_rows(rows)
    view.lookup.setText("261125-0003")
    assert model.rowCount() == 1 and model.row_at(0).id == "d3"
    view.lookup.setText("aaa5-bbbb")
    assert [model.row_at(i).id for i in range(model.rowCount())] == ["d5"]
    view.lookup.setText("le thi hoa")  # accents and case do not matter
    assert model.rowCount() == 2
    view.lookup.clear()
    assert model.rowCount() == 5
    now = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
    view.set_freshness(now - dt.timedelta(minutes=42), now)
    assert "42" in view.freshness.text()
    view.set_freshness(None)
    assert view.freshness.text()
