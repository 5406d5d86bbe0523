"""Helpers of the GUI tests: small real files, typing, and filling the wizard's pages."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
             b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
             b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key, Vietnamese included (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def scan(window: QWidget, text: str, enter: bool = True) -> None:
    """What a USB (keyboard-wedge) scanner does: one key click per character into whatever has
    the focus in ``window``, then Enter. ASCII keys through QTest's key table; a Vietnamese
    letter, which the table lacks, as a key event carrying the text."""
    from PySide6.QtTest import QTest

    for ch in text:
        target = window.focusWidget()
        if ch.isascii():
            QTest.keyClick(target, ch)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)
    if enter:
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Return)


def vi_date(days_ago: int) -> str:
    from dvc_core.vntime import vn_today  # the rules judge "today" in Vietnam

    return (vn_today() - dt.timedelta(days=days_ago)).strftime("%d/%m/%Y")


APPLICANT = {
    "applicant.full_name": "Lê Thị Hoa",
    "applicant.id_number": "038195012345",
    "applicant.birth_date": "12/04/1995",
    "applicant.sex": "nu",
    "applicant.address": "Thôn Đông, xã Thực Hành, tỉnh Thanh Hóa",
    "applicant.phone": "0912345678",
    "requester.relationship": "me",
}
CHILD = {
    "child.birth_date": None,  # filled per test: a recent date
    "child.sex": "nam",
    "child.birth_place": "Trạm Y tế xã Thực Hành, tỉnh Thanh Hóa",
    "child.hometown": "Xã Thực Hành, tỉnh Thanh Hóa",
}
MOTHER = {
    "mother.full_name": "Lê Thị Hoa",
    "mother.birth_year": "1995",
    "mother.residence": {"province": "38", "commune": "15772", "detail": "Thôn Đông"},
}
FATHER = {
    "father.known": True,
    "father.full_name": "Nguyễn Văn Bình",
    "father.birth_year": "1993",
    "father.residence": {"province": "38", "commune": "15772", "detail": "Thôn Đông"},
}


def fill(page, answers: dict) -> None:
    for fid, value in answers.items():
        if value is not None:
            page.rows[fid].set_value(value)


def choose_birth_registration(wizard) -> None:
    wizard.procedure_page.search.setText("khai sinh")
    wizard.procedure_page.select_code("1.001193")  # nothing is chosen for the person
    wizard.go_next()
    assert wizard.draft.procedure is not None and wizard.draft.procedure.code == "1.001193"


def page_by_title(wizard, title: str):
    return next(p for p in wizard.form_pages if p.title == title)


def fill_to_attachments(wizard, *, father_known: bool = True, delivery: str = "counter") -> None:
    """Choose the procedure and fill every declaration page with valid answers."""
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()
    fill(wizard.current_page(), {**CHILD, "child.full_name": "Nguyễn Minh Khang",
                                 "child.birth_date": vi_date(10)})
    wizard.go_next()
    fill(wizard.current_page(), MOTHER)
    wizard.go_next()
    fill(wizard.current_page(), FATHER if father_known else {"father.known": False})
    wizard.go_next()
    wizard.go_next()  # Đề nghị: the default (0 copies) is fine
    fill(wizard.current_page(), {"delivery.method": delivery})  # nothing pre-selected
    wizard.go_next()
    assert wizard.current_page() is wizard.attachments_page
