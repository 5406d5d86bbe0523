"""The procedure search on screen: filters, the matched part marked, results as people type."""

from __future__ import annotations

import unicodedata

from app.views.filing.pages import HighlightDelegate, highlight


def codes(page) -> list[str]:
    return list(page._codes)


def test_filters(wizard):
    page = wizard.procedure_page
    assert page.count.text() == "Tất cả thủ tục (9)"
    page.field_filter.setCurrentIndex(page.field_filter.findData("Chứng thực"))
    assert set(codes(page)) == {"2.000815", "2.000884"}
    page.field_filter.setCurrentIndex(0)
    page.level_filter.setCurrentIndex(page.level_filter.findData(4))
    assert set(codes(page)) == {"1.001193", "1.000656", "1.004873", "2.000635"}
    page.level_filter.setCurrentIndex(0)
    page.free_filter.setChecked(True)
    assert codes(page) == ["1.000894"]
    page.free_filter.setChecked(False)
    page.agency_filter.setCurrentIndex(page.agency_filter.findData("Ủy ban nhân dân cấp xã"))
    assert len(codes(page)) == 9
    page.search.setText("chung thuc")
    page.level_filter.setCurrentIndex(page.level_filter.findData(4))
    assert codes(page) == []
    assert page.count.text() == "Tìm thấy 0 thủ tục"


def test_matched_part_is_marked(wizard):
    page = wizard.procedure_page
    page.search.setText(unicodedata.normalize("NFD", "dang ki KHAI"))
    assert isinstance(page.results.itemDelegate(), HighlightDelegate)
    html = page.result_html(0)
    assert '">Đăng</span> <span' in html and '">ký</span>' in html and '">khai</span>' in html
    page.search.setText("sao y")  # found by the words people use
    html = page.result_html(0)
    assert "Còn gọi là:" in html and '">sao</span> <span' in html
    page.grab()  # paints through the delegate without error
    assert highlight("Đăng ký kết hôn <b>", "ket") == (
        'Đăng ký <span style="background-color:#ffdd00; color:#0b0c0c">kết</span> hôn &lt;b&gt;')


def test_a_refreshed_catalog_replaces_the_one_searched(wizard, services):
    from tests.helpers.catalog import FakeClient, served

    services.__dict__["client"] = FakeClient(served(name={"vi": "Xác nhận độc thân (mới)",
                                                           "en": "Single status"}))
    wizard.refresh_catalog()
    assert services.queue.catalog.get("1.004873").name == "Xác nhận độc thân (mới)"
    wizard.procedure_page.search.setText("doc than moi")
    assert codes(wizard.procedure_page) == ["1.004873"]
    wizard.refresh_catalog()  # asked again only after 10 minutes
    assert services.client.asked == [None]
