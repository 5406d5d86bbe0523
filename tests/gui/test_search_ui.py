"""The procedure search on screen: filters, the matched part marked, results as people type."""

from __future__ import annotations

import unicodedata

from app.views.filing.pages import HighlightDelegate


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
    # No level-4 procedure is a "chứng thực": the closest are offered, none chosen for the
    # person, and all of them level 4.
    assert "2.000815" not in codes(page) and "2.000884" not in codes(page)
    assert page.count.text().startswith("Không có thủ tục nào có đủ các từ “chung thuc”")
    assert page.selected() is None


def _marked(lines) -> list[list[str]]:
    """The marked words of each painted line."""
    return [[text[a:b] for a, b in spans] for text, spans, _kind in lines]


def _mark_pixels(page) -> int:
    """How many pixels of the results list are painted in the mark's yellow."""
    from PySide6.QtGui import QColor

    image = page.results.viewport().grab().toImage()
    mark = QColor("#ffdd00").rgb()
    return sum(image.pixel(x, y) == mark for y in range(0, image.height(), 2)
               for x in range(image.width()))


def test_matched_part_is_marked(wizard):
    page = wizard.procedure_page
    page.results.setFixedWidth(520)
    assert _mark_pixels(page) == 0  # nothing searched: nothing marked
    page.search.setText(unicodedata.normalize("NFD", "dang ki KHAI"))
    assert isinstance(page.results.itemDelegate(), HighlightDelegate)
    # What the delegate paints for the first result: the name in bold, its matched words marked.
    lines = page.result_lines(0)
    assert lines[0][0] == "Đăng ký khai sinh" and lines[0][2] == "bold"
    assert _marked(lines)[0] == ["Đăng", "ký", "khai"]
    assert _mark_pixels(page) > 0  # and the marks reach the screen
    page.search.setText("sao y")  # found by the words people use: which ones is shown
    lines = page.result_lines(0)
    assert lines[0][0] == "Chứng thực bản sao từ bản chính"
    assert _marked(lines)[0] == ["sao"]  # the official name holds one of the words …
    assert (lines[1][0], lines[1][2]) == ("Còn gọi là: sao y", "normal")  # … the other name both
    assert _marked(lines)[1] == ["sao", "y"]
    assert _mark_pixels(page) > 0
    page.search.setText("")
    assert _mark_pixels(page) == 0


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


def test_a_typo_still_finds_the_procedure_and_marks_the_word(wizard):
    page = wizard.procedure_page
    page.search.setText("khai snh")
    assert codes(page)[0] == "1.001193" and page.selected() is None  # found, not chosen
    assert "“khai snh”" in page.count.text()
    assert "viết khác" in page.count.text()
    assert _marked(page.result_lines(0))[0] == ["khai", "sinh"]
    # Found by its everyday name "sửa sai giấy khai sinh": "khai" is there as typed, so "Thay"
    # (one letter off "khai") is not marked in the official name as if it were meant.
    row = codes(page).index("1.004859")
    assert _marked(page.result_lines(row))[0] == []
    assert _marked(page.result_lines(row))[1] == ["khai", "sinh"]
    assert not page.suggestions.isVisible()


def test_nothing_found_offers_the_closest_and_everyday_words(qtbot, wizard):
    import os
    from pathlib import Path

    page = wizard.procedure_page
    page.search.setText("dang ky ket hn")
    assert codes(page)[0] == "1.000894"  # the closest first …
    assert page.selected() is None  # … but nothing is chosen for the person
    assert page.count.text().startswith("Không có thủ tục nào có đủ các từ “dang ky ket hn”")
    assert page.suggestions.isVisible()
    examples = [b.text() for b in page.example_buttons]
    everyday = {s for p in page.catalog for s in p.synonyms}
    assert examples and set(examples) <= everyday
    page.search.setText("qwxz")  # nothing shares a word: examples still offered
    assert codes(page) == [] and page.suggestions.isVisible()
    assert "Không có thủ tục nào khớp với “qwxz”" in page.count.text()
    folder = os.environ.get("DVC_SCREENSHOTS")
    if folder:
        page.search.setText("dang ky ket hn")
        wizard.grab().save(str(Path(folder) / "search-suggestions.png"))
    # An example is a search: following it finds its procedure.
    button = next(b for b in page.example_buttons if b.text() == "làm giấy khai sinh")
    button.click()
    assert page.search.text() == "làm giấy khai sinh"
    assert codes(page)[0] == "1.001193" and not page.suggestions.isVisible()
