"""The officer's worklists on the desk: the models (10,000 dossiers, incremental fetching,
``QAbstractItemModelTester``), search and filters, and the page in the shell against the real
portal on loopback — shown only to an officer, counts always visible, the copy read offline."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PySide6.QtCore import QDate, Qt

from app.services.worklist import QueueCount, WorkItem, annotate
from app.views.officer.worklist_model import (
    BATCH,
    QueueListModel,
    RowFilter,
    WorklistTableModel,
)
from dvc_core.lifecycle import WORKLISTS
from dvc_core.workdays import VN, WorkingCalendar
from tests.helpers.e2e import account
from tests.helpers.gui import type_text
from tests.helpers.portal_fixture import start_portal
from tests.helpers.worklist import seed_office

# Wednesday 9 December 2026, 10:00 in Hà Nội.
NOW = dt.datetime(2026, 12, 9, 10, 0, tzinfo=VN).astimezone(dt.UTC)
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Đặng Thùy Dương")


def _items(n: int, seed: int = 3) -> list[WorkItem]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        received = NOW - dt.timedelta(days=rng.randrange(0, 30), hours=rng.randrange(0, 8))
        out.append(WorkItem.make(
            uuid=f"00000000-0000-4000-8000-{i:012d}", code=f"000.99.99.H56-261201-{i:04d}",
            status=rng.choice((1, 2, 4, 5, 9)), version=2,
            due_at=NOW + dt.timedelta(hours=rng.randrange(-72, 400)), received_at=received,
            updated_at=received, applicant_name=NAMES[i % len(NAMES)],
            applicant_id_number=f"0381950{i:05d}",
            procedure_code="1.001193" if i % 3 else "2.000815",
            procedure_name="Đăng ký khai sinh" if i % 3 else "Chứng thực bản sao",
            channel=1 if i % 4 == 0 else 2, search_key=""))
    return out


def test_the_queue_list_passes_the_model_tester(qtmodeltester):
    model = QueueListModel()
    qtmodeltester.check(model)
    assert model.rowCount() == len(WORKLISTS)
    model.set_counts([QueueCount("qua_han", "Quá hạn", 3), QueueCount("da_tra", "Đã trả", 12)])
    qtmodeltester.check(model)
    assert model.data(model.index(model.row_of("qua_han"))) == "Quá hạn (3)"
    assert model.data(model.index(0)) == "Chờ tiếp nhận"  # no count read yet


def test_ten_thousand_dossiers_fetch_in_batches_and_pass_the_model_tester(qtmodeltester):
    rows = annotate(_items(10_000), WorkingCalendar(), NOW, 2)
    model = WorklistTableModel()
    model.set_rows(rows)
    assert model.rowCount() == BATCH and model.total() == 10_000 and model.canFetchMore()
    qtmodeltester.check(model)  # it fetches more itself, then checks every change after
    for _ in range(3):
        shown = model.rowCount()
        model.fetchMore()
        assert model.rowCount() == shown + BATCH
    model.sort(WorklistTableModel.COLUMNS.index("due"), Qt.SortOrder.DescendingOrder)
    model.set_filter(RowFilter(text="dang thuy duong"))
    assert model.total() == 2000
    assert all(model.row_at(i).item.applicant_name == "Đặng Thùy Dương"
               for i in range(model.rowCount()))

    # Scrolled to the end (without the tester, which checks every row after each batch).
    plain = WorklistTableModel()
    plain.set_rows(rows)
    batches = 0
    while plain.canFetchMore():
        plain.fetchMore()
        batches += 1
    assert plain.rowCount() == 10_000 and batches == 10_000 // BATCH - 1
    dues = [plain.row_at(i).item.due_at for i in range(plain.rowCount())]
    assert dues == sorted(dues)  # by due date, earliest first
    plain.sort(WorklistTableModel.COLUMNS.index("due"), Qt.SortOrder.DescendingOrder)
    assert plain.row_at(0).item.due_at == max(dues) and plain.rowCount() == 10_000


def test_search_filters_and_the_columns(qtmodeltester):
    items = _items(300)
    rows = annotate(items, WorkingCalendar(), NOW, 2)
    model = WorklistTableModel()
    model.set_rows(rows)
    target = items[123]
    model.set_filter(RowFilter(text=target.code[-4:] + " " + "PHẠM thu"))
    assert [model.row_at(i).item.uuid for i in range(model.rowCount())] == [target.uuid]
    model.set_filter(RowFilter(text=target.applicant_id_number))
    assert model.total() == 1
    model.set_filter(RowFilter(procedure="2.000815"))
    assert model.total() == 100
    model.set_filter(RowFilter(channel=1, procedure="2.000815"))
    assert model.total() == len([i for i in items if i.channel == 1 and i.procedure_code == "2.000815"])
    today = NOW.astimezone(VN).date()
    model.set_filter(RowFilter(received_from=today, received_to=today))
    assert model.total() == len([i for i in items if i.received_at.astimezone(VN).date() == today])
    model.set_filter(RowFilter(idle_only=True))
    assert model.total() == model.idle_count() > 0
    qtmodeltester.check(model)
    row = 0
    shown = model.row_at(row)
    texts = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert texts[0] == shown.item.code and texts[1] == shown.item.applicant_name
    assert texts[-1] == str(shown.days_left)
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None  # idle


def test_days_left_and_the_not_moved_alert_count_working_days():
    # Received Friday 4/12 and not moved since; due Monday 14/12; now Wednesday 9/12.
    calendar = WorkingCalendar(holidays=frozenset({dt.date(2026, 12, 11)}))
    moved = dt.datetime(2026, 12, 4, 9, 0, tzinfo=VN)
    due = dt.datetime(2026, 12, 14, 17, 0, tzinfo=VN)
    base = dict(code="c", version=1, received_at=moved, applicant_name="A",
                applicant_id_number=None, procedure_code="1.001193", procedure_name="ĐKKS",
                channel=2)
    open_item = WorkItem.make(uuid="a", status=4, due_at=due, updated_at=moved, **base)
    waiting = WorkItem.make(uuid="b", status=5, due_at=due, updated_at=moved, **base)
    late = WorkItem.make(uuid="c", status=4, due_at=NOW - dt.timedelta(hours=1),
                         updated_at=moved, **base)
    rows = {r.item.uuid: r for r in annotate([open_item, waiting, late], calendar, NOW, 3)}
    # Thu 10, (Fri 11 a holiday), Mon 14: two working days left; Mon 7, Tue 8, Wed 9: idle 3.
    assert rows["a"].days_left == 2 and rows["a"].idle_days == 3 and rows["a"].idle
    assert rows["b"].days_left is None and not rows["b"].idle  # the applicant holds it
    assert rows["c"].late and not rows["c"].idle  # already overdue: not an early warning
    assert not annotate([open_item], calendar, NOW, 4)[0].idle


@pytest.fixture
def office_portal(tmp_path):
    with start_portal(tmp_path / "portal") as portal:
        seed_office(portal, arrivals=3, received=2, child="Đặng Thùy Dương")
        yield portal


def _window(qtbot, services, mode="desk"):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    win = MainWindow(default_catalog(), mode=mode, tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.set_services(services)
    return win


@pytest.fixture
def desk_services(tmp_path):
    from app.config import resolve
    from app.services.context import Services

    made = []

    def make(server: str, mode: str = "desk"):
        services = Services(resolve(tmp_path / f"data-{mode}", server, mode, "vi"))
        made.append(services)
        return services

    yield make
    for services in made:
        services.close()


def test_the_worklists_page_against_the_real_portal_then_offline(qtbot, office_portal,
                                                                 desk_services, tmp_path):
    services = desk_services(office_portal.url)
    officer = account(office_portal, "officer")
    services.login(officer["username"], officer["password"])
    window = _window(qtbot, services)
    view = window.worklist_view
    assert view is not None and window.tabs.indexOf(view) >= 0
    assert window.worklist_action.isEnabled()
    window.on_show_worklist()
    assert window.tabs.currentWidget() is view
    queues = view.queues
    assert queues.data(queues.index(0)) == "Chờ tiếp nhận (3)"
    assert queues.data(queues.index(1)) == "Mới tiếp nhận (2)"
    assert view.current_queue() == "cho_tiep_nhan" and view.model.total() == 3
    assert view.freshness.text().startswith("Đọc từ cổng lúc")
    # Alt+2 chooses "Mới tiếp nhận".
    view.shortcuts[1].activated.emit()
    assert view.current_queue() == "moi_tiep_nhan" and view.model.total() == 2
    view.shortcuts[0].activated.emit()
    type_text(view.search, "dang thuy")
    assert view.model.total() == 1
    assert view.summary.text() == "1 hồ sơ"
    view.search.clear()
    view.procedure.setCurrentIndex(view.procedure.findData("2.000815"))
    assert view.model.total() == 0
    view.procedure.setCurrentIndex(0)
    view.channel.setCurrentIndex(view.channel.findData(2))
    assert view.model.total() == 3
    tomorrow = dt.datetime.now(VN).date() + dt.timedelta(days=1)
    view.received_from.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert view.model.total() == 0
    view.received_from.setDate(view.received_from.minimumDate())
    assert view.model.total() == 3
    # Opening a row shows the dossier, its history read from the portal.
    with qtbot.waitSignal(window.officer_workspace.details_shown, timeout=10_000):
        view.table.selectRow(0)
    assert "Nộp hồ sơ" in view.details.body.text()
    assert "Lê Thị Hoa" in view.details.body.text()
    columns = WorklistTableModel.COLUMNS
    assert view.model.data(view.model.index(0, columns.index("days_left"))) in ("0", "1")
    # The fee column: the kernel's rules on the dossier's answers, as the portal computed them.
    shown = view.model.row_at(0).item
    assert shown.fee_vnd is not None and shown.fee_label
    assert view.model.data(view.model.index(0, columns.index("fee"))) == \
        f"{shown.fee_vnd:,}".replace(",", ".")
    assert view.model.data(view.model.index(0, columns.index("fee")),
                           Qt.ItemDataRole.ToolTipRole) == shown.fee_label
    path = tmp_path / "worklist.png"
    assert window.grab().save(str(path))

    office_portal.process.terminate()
    office_portal.process.wait(10)
    window.officer_workspace.refresh()
    assert view.model.total() == 3  # the copy
    assert queues.data(queues.index(0)) == "Chờ tiếp nhận (3)"
    text = view.freshness.text()
    assert text.startswith("Không kết nối được tới cổng") and "Bản lưu lúc" in text, text
    assert "phút trước" in text or "vừa xong" in text


def test_no_worklist_for_a_citizen_nor_at_a_kiosk(qtbot, office_portal, desk_services):
    services = desk_services(office_portal.url)
    citizen = account(office_portal, "citizen")
    services.login(citizen["username"], citizen["password"])
    window = _window(qtbot, services)
    assert window.worklist_view is None and not window.worklist_action.isEnabled()
    window.on_show_worklist()
    assert window.tabs.currentIndex() == 0

    kiosk_services = desk_services(office_portal.url, mode="kiosk")
    officer = account(office_portal, "officer")
    kiosk_services.login(officer["username"], officer["password"])
    kiosk = _window(qtbot, kiosk_services, mode="kiosk")
    assert kiosk.worklist_view is None and kiosk.tabs.count() == 1


def test_a_copy_of_ten_thousand_dossiers_opens_offline_in_the_shell(qtbot, tmp_path):
    """The benchmark's data folder: the page reads the copy (no portal answers), the table
    fetches it in batches, and the search finds every dossier of one child's name."""
    from app.config import resolve
    from app.services.auth import Session
    from app.services.context import Services
    from benchmarks.gui_list import SERVER, WORKLIST_TYPED, seed_worklist

    target = seed_worklist(tmp_path / "data")
    services = Services(resolve(tmp_path / "data", SERVER, "desk", "vi"))
    try:
        services.tokens.set(Session(token="t", role="officer", username="canbo"))
        window = _window(qtbot, services)
        view = window.worklist_view
        assert view is not None and view.model.total() == target["count"]
        assert view.model.rowCount() == BATCH
        assert view.queues.data(view.queues.index(0)) == f"Chờ tiếp nhận ({target['count']})"
        assert "Bản lưu lúc" in view.freshness.text()
        while view.model.canFetchMore():
            view.model.fetchMore()
        assert view.model.rowCount() == target["count"]
        view.search.setText(WORKLIST_TYPED)
        assert view.model.total() == target["named"]
    finally:
        services.close()
