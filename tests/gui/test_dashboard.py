"""The commune's figures on the desk: the QPainter charts (empty and full), the page in the
shell against the real portal on loopback with the fortnight worked out by hand, the CSV
export, a bad period named, the copy read offline, and screenshots at 1366×768."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QImage

from app.views.officer.charts import BLUE, GREEN, RED, BarChart, Series, nice_step
from app.views.officer.dashboard_workspace import CsvPathDialog
from dvc_core.stats import CSV_HEADER
from tests.helpers.e2e import account
from tests.helpers.portal_api import Api
from tests.helpers.portal_fixture import start_portal
from tests.helpers.stats_seed import EXPECTED, PERIOD, seed


def _pixels(image: QImage, color: QColor) -> int:
    """How many pixels (every other one, both ways) are exactly ``color``."""
    want = color.rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) == want)


@pytest.mark.parametrize("horizontal", [False, True])
def test_a_chart_draws_its_bars_or_says_there_is_nothing(qtbot, horizontal):
    chart = BarChart("Theo tuần", horizontal=horizontal)
    qtbot.addWidget(chart)
    chart.resize(560, 320)
    names = ["Đăng ký khai sinh", "Cấp bản sao trích lục hộ tịch"] if horizontal else [
        "02/11", "09/11"]
    chart.set_data(names, [Series("Tiếp nhận", BLUE, (0, 0)), Series("Quá hạn", RED, (0, 0))],
                   "Không có hồ sơ nào trong khoảng ngày này.")
    assert chart.is_empty()
    empty = chart.grab().toImage()
    swatch = _pixels(empty, BLUE)  # the legend's swatches alone: no bar
    assert 0 < swatch < 100 and 0 < _pixels(empty, RED) < 100
    assert "Không có hồ sơ" in chart.accessibleDescription()
    chart.set_data(names, [Series("Tiếp nhận", BLUE, (5, 1)), Series("Giải quyết xong", GREEN,
                                                                    (3, 0)),
                           Series("Quá hạn", RED, (2, 1))], "—")
    full = chart.grab().toImage()
    assert _pixels(full, BLUE) > 4 * swatch  # bars, not just a swatch
    assert _pixels(full, GREEN) > 0
    assert chart.accessibleDescription().splitlines()[0].endswith(
        "Tiếp nhận 5, Giải quyết xong 3, Quá hạn 2")
    chart.grab()  # painted again: the groups the tooltip reads are the last painted
    assert chart.category_at(chart._groups[1].center()) == 1


def test_round_steps_for_the_axis():
    assert [nice_step(n) for n in (0, 3, 7, 12, 48, 230, 1000)] == [1, 1, 2, 5, 10, 50, 200]


def _window(qtbot, services):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    win = MainWindow(default_catalog(), mode="desk", tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.set_services(services)
    return win


def _choose(view, start: str, end: str) -> None:
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    view.from_edit.setDate(QDate(a.year, a.month, a.day))
    view.to_edit.setDate(QDate(b.year, b.month, b.day))
    view.show_button.click()


def test_the_figures_page_against_the_real_portal_then_offline(qtbot, tmp_path, monkeypatch):
    from app.config import resolve
    from app.services.context import Services

    with start_portal(tmp_path / "portal") as portal:
        seed(Api(portal.http, portal.api, timeout=10), portal.database_url,
             {"citizen": portal.token_for("citizen"), "officer": portal.token_for("officer")})
        services = Services(resolve(tmp_path / "data", portal.url, "desk", "vi"))
        try:
            officer = account(portal, "officer")
            services.login(officer["username"], officer["password"])
            window = _window(qtbot, services)
            view = window.dashboard_view
            assert view is not None and window.dashboard_action.isEnabled()
            assert window.dashboard_action.shortcut().toString() == "Ctrl+4"
            window.dashboard_action.trigger()
            assert window.tabs.currentWidget() is view
            assert window.tabs.tabText(window.tabs.indexOf(view)) == "Số liệu"
            assert view.figures is not None  # the default period, read at once

            _choose(view, "2026-01-05", "2026-01-18")  # nothing then
            assert view.week_chart.is_empty() and view.procedure_chart.is_empty()
            assert view.tiles["on_time_rate"].value.text() == "—"
            assert window.grab().save(str(tmp_path / "dashboard-empty.png"))

            _choose(view, *PERIOD)
            assert view.copy_label.text().startswith("Số liệu của cổng lúc")
            assert "từ 02/11/2026 đến 15/11/2026" in view.copy_label.text()
            assert view.figures.to_json()["counts"] == EXPECTED["counts"]
            tiles = {k: (t.value.text(), t.detail.text()) for k, t in view.tiles.items()}
            assert tiles == {
                "on_time_rate": ("75,0 %", "3/4 hồ sơ đã giải quyết\nchỉ tiêu ≥ 100 % · chưa đạt"),
                "online_share": ("83,3 %", "5/6 hồ sơ tiếp nhận\nchỉ tiêu ≥ 50 % · đạt"),
                "digitised_share": ("83,3 %", "5/6 hồ sơ tiếp nhận\nchỉ tiêu ≥ 100 % · chưa đạt"),
                "result_digitised_share": ("50,0 %", "1/2 kết quả đã trả\nchỉ tiêu ≥ 100 % · chưa đạt"),
                "paid_online_share": ("50,0 %", "1/2 lượt nộp phí\nchỉ tiêu ≥ 80 % · chưa đạt"),
            }
            assert view.overdue_tile.value.text() == "2"
            assert view.tiles["online_share"].property("state") == "met"
            assert view.tiles["paid_online_share"].property("state") == "below"
            weeks = view.week_chart
            assert weeks.categories == ["02/11", "09/11"]
            assert [(s.name, s.values) for s in weeks.series] == [
                ("Tiếp nhận", (2, 4)), ("Giải quyết xong", (3, 1)), ("Quá hạn", (1, 1))]
            assert view.procedure_chart.categories == ["Đăng ký khai sinh",
                                                       "Cấp bản sao trích lục hộ tịch"]
            assert [s.values for s in view.procedure_chart.series] == [(5, 1), (3, 1), (2, 0)]
            assert window.grab().save(str(tmp_path / "dashboard.png"))

            # The CSV, where the officer chose to save it.
            target = tmp_path / "so-lieu.csv"
            monkeypatch.setattr(CsvPathDialog, "ask", classmethod(lambda cls, *a: str(target)))
            with qtbot.waitSignal(window.dashboard_workspace.exported, timeout=10_000):
                view.export_button.click()
            rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
            assert rows[0] == list(CSV_HEADER) and rows[-1][0] == "tong"

            # A period that ends before it starts: said, naming the field; nothing read.
            _choose(view, "2026-11-20", "2026-11-02")
            assert view.copy_label.text().startswith("Từ ngày: Ngày bắt đầu (from)")
            assert view.figures.period.start == dt.date(2026, 11, 2)
        finally:
            portal.process.terminate()
            portal.process.wait(10)
        # The portal is gone: the copy, with its age.
        _choose(view, *PERIOD)
        text = view.copy_label.text()
        assert text.startswith("Không kết nối được tới cổng") and "bản lưu lúc" in text, text
        assert view.tiles["on_time_rate"].value.text() == "75,0 %"
        # Signed out (or no longer an officer): the commune's figures go with the worklists.
        window._sync_worklist(None)
        assert window.dashboard_view is None and window.dashboard_workspace is None
        assert not window.dashboard_action.isEnabled()
        assert "Số liệu" not in [window.tabs.tabText(i) for i in range(window.tabs.count())]
        services.close()
