"""The local list at scale: 2,000 dossiers in a real SQLite folder, shown by the real window.

Correctness only — how fast it is belongs to ``python -m benchmarks gui_list``.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest
from sqlalchemy import insert

from app.views.dossiers.dossier_list import BATCH, rows_from_dossiers

DOSSIERS = 2000
TARGET = "Hoàng Thị Ngọc Ánh"
NAMES = ("Nguyễn Văn Bình", "Trần Thị Thu Hương", "Lê Đức Thắng", "Phạm Thị Mỹ Uyên",
         "Đặng Quốc Việt", "Bùi Thị Yến", "Võ Hữu Đạt", "Tôn Nữ Phương Thảo")


def _seed(services, n: int = DOSSIERS) -> dict[str, str]:
    """``n`` dossiers, newest first in the list; the oldest (the last row) is the target."""
    from app.models import Attachment, Dossier, StatusEvent
    from app.services.queue import new_local_ref

    rng = random.Random(3)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rows, refs = [], set()
    for i in range(n):
        name = TARGET if i == 0 else rng.choice(NAMES)
        ref = new_local_ref()
        while ref in refs:
            ref = new_local_ref()
        refs.add(ref)
        created = now - dt.timedelta(hours=n - i)
        submitted = i == 0 or i % 5
        rows.append({
            "id": str(uuid.uuid4()), "local_ref": ref, "procedure_code": "1.001193",
            "schema_version": 1, "applicant": {"full_name": name},
            "fields": {"child.full_name": "Nguyễn Minh Khang"},
            "state": "submitted" if submitted else "queued", "mode": "desk",
            "code": f"000.00.00.H56-{created:%y%m%d}-{i:04d}" if submitted else None,
            "status": 1 if submitted else None,
            "status_text": "Mới đăng ký" if submitted else None,
            "created_at": created, "updated_at": created,
        })
    target = rows[0]
    with services.sessions.begin() as session:
        session.execute(insert(Dossier), rows)
        session.execute(insert(Attachment), [{
            "dossier_id": target["id"], "component": "to_khai", "sha256": "0" * 64, "size": 1234,
            "filename": "tờ khai.pdf", "media_type": "application/pdf"}])
        session.execute(insert(StatusEvent), [{
            "dossier_id": target["id"], "status": 1, "status_text": "Mới đăng ký", "note": None,
            "at": target["created_at"], "seq": None}])
    return {"id": target["id"], "local_ref": target["local_ref"], "code": target["code"]}


@pytest.fixture
def big_list(window, services):
    target = _seed(services)
    window.refresh_list()
    window.on_show_list()
    return window, target


def _fetch_all_by_scrolling(qtbot, window) -> list[int]:
    """Drag the scroll bar to its end until the model has nothing more to fetch."""
    model, bar = window.model, window.list_view.table.verticalScrollBar()
    counts = [model.rowCount()]

    def fetched_more() -> bool:
        # The bar's range grows once the view has laid the new rows out: drag again until then.
        bar.setValue(bar.maximum())
        return model.rowCount() > counts[-1]

    while model.canFetchMore():
        qtbot.waitUntil(fetched_more)
        counts.append(model.rowCount())
    return counts


def test_first_page_then_more_on_scroll(qtbot, qtmodeltester, big_list):
    window, _ = big_list
    model = window.model
    assert model.total() == DOSSIERS
    assert model.rowCount() == BATCH and model.canFetchMore()
    assert window.tabs.tabText(1).endswith(f"({DOSSIERS})")
    counts = _fetch_all_by_scrolling(qtbot, window)
    assert counts[-1] == DOSSIERS and len(counts) >= DOSSIERS // BATCH
    assert all(0 < b - a <= BATCH for a, b in zip(counts, counts[1:], strict=False))
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_lookup_finds_the_last_dossier_by_code_and_by_name_typed_without_diacritics(big_list):
    window, target = big_list
    view, model = window.list_view, window.model
    assert model.row_at(model.rowCount() - 1).id != target["id"]  # not fetched into view yet
    view.lookup.setText(target["code"])
    assert model.total() == 1 and model.row_at(0).id == target["id"]
    view.lookup.setText("hoang thi ngoc anh")
    assert model.total() == 1 and model.row_at(0).id == target["id"]
    view.lookup.setText(target["local_ref"].lower())
    assert model.total() == 1 and model.row_at(0).id == target["id"]
    view.lookup.setText("Nguyễn Văn")
    assert 0 < model.total() < DOSSIERS
    assert all(model.row_at(i).applicant == "Nguyễn Văn Bình" for i in range(model.rowCount()))
    view.lookup.clear()
    assert model.total() == DOSSIERS and model.rowCount() == BATCH


def test_selecting_the_dossier_found_shows_its_details(big_list):
    window, target = big_list
    view = window.list_view
    view.lookup.setText("hoang thi ngoc anh")
    view.table.selectRow(0)
    assert view.current_id() == target["id"]
    details = view.details
    assert target["local_ref"] in details.title.text()
    assert "Đăng ký khai sinh" in details.title.text()
    body = details.body.text()
    assert TARGET in body and target["code"] in body and "tờ khai.pdf" in body
    assert "Mới đăng ký" in body


def test_refresh_keeps_a_selection_deep_in_the_list_and_the_lookup(qtbot, big_list):
    window, target = big_list
    view, model = window.list_view, window.model
    _fetch_all_by_scrolling(qtbot, window)
    view.table.selectRow(DOSSIERS - 1)
    assert view.current_id() == target["id"]
    window.refresh_list()  # what every sync pass does
    assert view.current_id() == target["id"]
    assert target["local_ref"] in view.details.title.text()
    view.lookup.setText(target["code"])
    window.refresh_list()
    assert model.total() == 1 and model.row_at(0).id == target["id"]


def test_refresh_keeps_the_place_of_someone_scrolled_deep_down(qtbot, big_list):
    """A sync pass refreshes the list; nobody is thrown back to the first batch of rows."""
    window, _ = big_list
    model, bar = window.model, window.list_view.table.verticalScrollBar()

    def deeper() -> bool:
        bar.setValue(bar.maximum())  # again until the view has laid the new rows out
        return model.rowCount() >= 3 * BATCH

    qtbot.waitUntil(deeper)
    bar.setValue(bar.maximum() // 2)
    place, shown = bar.value(), model.rowCount()
    top = window.list_view.table.rowAt(0)
    assert top > BATCH // 2  # well past the first screen
    window.refresh_list()  # what every sync pass does
    assert model.rowCount() == shown
    assert bar.value() == place
    assert window.list_view.table.rowAt(0) == top


def test_listing_rows_are_the_rows_of_the_whole_dossiers(services):
    """The list reads only what it shows (``listing``): the same rows as from ORM dossiers."""
    _seed(services, 300)
    names = {"1.001193": "Đăng ký khai sinh"}
    states = {"submitted": "Đã gửi lên cổng", "queued": "Đã lưu trên máy – chờ gửi"}
    lean = rows_from_dossiers(services.queue.listing(), names, states)
    whole = rows_from_dossiers(services.queue.list(), names, states)
    assert len(lean) == 300 and lean == whole
    assert [r.search_key for r in lean] == [r.search_key for r in whole]
    assert lean[-1].applicant == TARGET
