"""Helpers of the kiosk's GUI tests: walking a visit question by question, and reading every
text a window shows."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

from tests.helpers.gui import APPLICANT, CHILD, FATHER, MOTHER, vi_date

VISITOR_QR = ("038195012345|038195000111|Lê Thị Hoa|12041995|Nữ|"
              "Thôn Đông, Xã Thực Hành, Thanh Hóa|01012025|||")


def answers() -> dict:
    return {**APPLICANT, **CHILD, **MOTHER, **FATHER, "child.full_name": "Nguyễn Minh Khang",
            "child.birth_date": vi_date(10), "delivery.method": "counter"}


def choose_birth_registration(wizard) -> None:
    wizard.procedure_page.search.setText("khai sinh")
    wizard.procedure_page.select_code("1.001193")
    wizard.go_next()


def answer_questions(wizard, values: dict, *, stop_at: str = "attachments") -> None:
    """Press Continue page after page, answering each question from ``values``."""
    from app.views.filing.form_page import FormPage

    for _ in range(len(wizard.pages)):
        page = wizard.current_page()
        if page.page_id == stop_at:
            return
        if isinstance(page, FormPage):
            for fid, row in page.rows.items():
                if fid in values and row.isVisibleTo(page):
                    row.set_value(values[fid])
        before = wizard.index
        wizard.go_next()
        assert wizard.index != before, (page.page_id, page.summary.text())
    raise AssertionError(f"never reached {stop_at}")


def shown_texts(root: QWidget) -> list[str]:
    """Every text of every label, button and input under ``root`` (tooltips and names too)."""
    texts = []
    for widget in root.findChildren(QWidget):
        for kind, getter in ((QLabel, "text"), (QAbstractButton, "text"), (QLineEdit, "text"),
                             (QPlainTextEdit, "toPlainText")):
            if isinstance(widget, kind):
                texts.append(getattr(widget, getter)())
        texts += [widget.toolTip(), widget.accessibleName()]
    return [t for t in texts if t]


def unlock(window) -> None:
    """What the officer's PIN does, for a test's end: the window may close (and its reading
    aloud stops), as pytest-qt closes it before the fixtures end."""
    window._unlocked = True
