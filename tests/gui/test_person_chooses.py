"""Nothing is chosen for the person: no procedure, no radio answer, no list entry is
pre-selected in the filing or the sign-up wizard, and Continue names what is still to choose,
in Vietnamese. The step rail counts what the caption counts, and a step already reached is a
link to its page — one not reached yet is not."""

from __future__ import annotations

import re
from types import SimpleNamespace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox

from app.views.common.fields import FieldRow
from tests.helpers.gui import (
    APPLICANT,
    CHILD,
    MOTHER,
    choose_birth_registration,
    fill,
    vi_date,
)


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _choices_made(page) -> dict[str, object]:
    """The answers of the page's radio groups and lists that are already chosen."""
    return {fid: row.value() for fid, row in page.rows.items()
            if isinstance(row, FieldRow) and row.is_choice() and row.value() is not None}


def test_no_procedure_is_chosen_for_the_person(wizard):
    page = wizard.procedure_page
    assert page.selected() is None and page.results.count() > 1
    page.search.setText("khai sinh")
    assert page.results.count() > 1 and page.selected() is None
    assert page.details.text() == "" and not page.details.isVisibleTo(page)  # no empty box
    page.results.setFocus()  # the keyboard in the list marks a row, it does not choose it
    assert page.selected() is None
    wizard.go_next()
    assert wizard.index == 0
    assert page.summary.text() == ("Hãy chọn một thủ tục trong danh sách. Nếu không thấy, hãy "
                                   "thử từ khác.")
    page.on_search_return()  # Enter with several found: the list takes the keyboard
    assert wizard.index == 0 and page.results.hasFocus()
    page.select_code("1.001193")
    assert page.selected().code == "1.001193" and "Ủy ban nhân dân" in page.details.text()
    assert page.details.isVisibleTo(page)
    wizard.go_next()
    assert wizard.draft.procedure.code == "1.001193"


def test_no_answer_is_chosen_on_any_page_of_any_procedure(wizard, qtbot):
    """Every radio group and list of every procedure's pages starts unanswered, whatever
    default its data carry ("Đã xác định được cha: Có" was one)."""
    for procedure in wizard.catalog:
        wizard.reset()
        wizard.procedure_page.search.setText(procedure.code)
        wizard.procedure_page.select_code(procedure.code)
        wizard.go_next()
        assert wizard.draft.procedure.code == procedure.code
        for page in wizard.form_pages:
            assert _choices_made(page) == {}, (procedure.code, page.page_id)
            for row in page.rows.values():
                combo = row.input
                if isinstance(combo, QComboBox):
                    assert combo.currentData() is None, (procedure.code, row.spec.id)


def test_continue_names_the_question_still_to_answer(wizard):
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()
    fill(wizard.current_page(), {**CHILD, "child.full_name": "Nguyễn Minh Khang",
                                 "child.birth_date": vi_date(10)})
    wizard.go_next()
    fill(wizard.current_page(), MOTHER)
    wizard.go_next()
    father = wizard.current_page()
    assert father.page_id == "section:father"
    known = father.rows["father.known"]
    assert known.value() is None
    assert not any(button.isChecked() for button in known._group.buttons())
    assert father.active_ids() == ["father.known"]  # the rest waits for the answer
    wizard.go_next()
    assert wizard.current_page() is father
    assert ("Đã xác định được cha: chưa chọn. Vui lòng chọn một câu trả lời."
            in father.summary.text())
    assert known.error.isVisible()
    known._group.buttons()[1].click()  # "Không"
    wizard.go_next()
    assert wizard.current_page() is not father


def test_the_sign_up_chooses_nothing_either(qtbot):
    from app.views.accounts.account_wizard import AccountWizard
    from app.workers.tasks import ImmediateTaskRunner

    accounts = SimpleNamespace(resend_wait=lambda: 0, registration=None)
    signup = AccountWizard(accounts, ImmediateTaskRunner())
    qtbot.addWidget(signup)
    assert signup.type_page.value() is None
    assert signup.details_page.rows["sex"].value() is None
    assert signup.address_page.province.currentData() is None  # Thanh Hóa listed first only
    assert signup.address_page.province.itemText(1) == "Thanh Hóa"
    signup.go_next()
    assert signup.current_page() is signup.type_page
    assert signup.type_page.summary.text() == ("Loại tài khoản: hãy chọn một trong các loại "
                                               "dưới đây.")
    signup.type_page.group.button(1).click()
    signup.go_next()
    assert signup.current_page() is signup.method_page


# ------------------------------------------------------------------------------ the rail
def _click(label) -> None:
    from PySide6.QtTest import QTest

    QTest.mouseClick(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(10, label.height() // 2))


def test_the_rail_counts_the_caption_and_links_only_the_steps_reached(wizard):
    rail = wizard.frame.rail
    assert _numbers(wizard.step_label.text()) == [1, len(rail.titles())]
    assert not any(label.link for label in rail.labels())
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.go_next()
    child = wizard.current_page()
    assert _numbers(wizard.step_label.text()) == [3, len(rail.titles())] == [3, 9]
    assert [label.link for label in rail.labels()][:4] == [True, True, False, False]

    _click(rail.labels()[5])  # a step not reached: nothing happens
    assert wizard.current_page() is child
    fill(child, {**CHILD, "child.full_name": "Nguyễn Minh Khang"})  # typed, not yet checked
    _click(rail.labels()[1])  # back to the applicant, what was typed is kept
    assert wizard.current_page().page_id == "applicant"
    assert wizard.session.answers["child.full_name"] == "Nguyễn Minh Khang"
    assert _numbers(wizard.step_label.text()) == [2, 9]
    labels = [label.link for label in rail.labels()]
    assert labels[:4] == [True, False, True, False]  # on to the child's page, reached before

    _click(rail.labels()[2])  # on: this page is checked first, as Continue does
    assert wizard.current_page() is child
    child.rows["child.birth_date"].set_value("")
    _click(rail.labels()[1])
    wizard.current_page().rows["applicant.phone"].set_value("")
    _click(rail.labels()[2])  # the applicant's page has an error: the wizard stays
    assert wizard.current_page().page_id == "applicant"
    assert "Số điện thoại của người yêu cầu" in wizard.current_page().summary.text()


def test_the_rail_never_goes_back_past_a_page_that_refuses_back(qtbot):
    from app.views.accounts.account_wizard import AccountWizard
    from app.workers.tasks import ImmediateTaskRunner

    accounts = SimpleNamespace(resend_wait=lambda: 0, registration=None)
    signup = AccountWizard(accounts, ImmediateTaskRunner())
    qtbot.addWidget(signup)
    signup.type_page.set_value("cong_dan")
    signup.go_next()
    signup.go_next()
    signup._show(signup.password_page)  # the phone verified: no way back to the code
    rail = signup.frame.rail
    assert _numbers(signup.step_label.text()) == [6, len(rail.titles())]
    assert not any(label.link for label in rail.labels())
    assert signup.frame.go_to_step(0) is False
    assert signup.current_page() is signup.password_page
