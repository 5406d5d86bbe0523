"""The kiosk's on-screen keyboard types Vietnamese by touch: letters with their marks on keys."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.views.kiosk.keyboard import KEY_SIZE, KioskKeyboard, tone_position


@pytest.fixture
def page(qtbot):
    page = QWidget()
    layout = QVBoxLayout(page)
    page.edit = QLineEdit(page)
    page.notes = QPlainTextEdit(page)
    page.keyboard = KioskKeyboard(page)
    for widget in (page.edit, page.notes, page.keyboard):
        layout.addWidget(widget)
    qtbot.addWidget(page)
    page.resize(1366, 560)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.edit.setFocus()
    qtbot.waitUntil(lambda: page.edit.hasFocus())
    return page


def tap(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_by_touch(qtbot, keyboard, keys):
    """``keys``: "⇧" Shift, "~x" the mark row's key showing x, else the key typing that text."""
    for key in keys:
        if key == "⇧":
            tap(qtbot, keyboard._shift_key)
        elif key.startswith("~"):
            tap(qtbot, keyboard.mark_key(key[1:]))
        else:
            tap(qtbot, keyboard.key(key))


def test_typing_a_name_by_touch_gives_its_nfc_text(qtbot, page):
    edited: list[str] = []
    page.edit.textEdited.connect(edited.append)
    keys = ["⇧", "n", "g", "u", "y", "ê", "~ễ", "n", " ", "⇧", "v", "ă", "n", " ", "⇧", "a", "~Á"]
    type_by_touch(qtbot, page.keyboard, keys)
    assert page.edit.text() == "Nguyễn Văn Á"
    assert unicodedata.is_normalized("NFC", page.edit.text())
    assert page.edit.hasFocus()  # the keys never took it
    assert edited[-1] == "Nguyễn Văn Á"  # a mark is an edit like a key, for live searches
    page.keyboard.press_shift()
    page.keyboard.reset()
    assert page.keyboard.target() is None and page.keyboard.key("a").text() == "a"


def test_a_mark_after_the_word_goes_on_its_vowel_and_backspace_and_digits_work(qtbot, page):
    type_by_touch(qtbot, page.keyboard, ["n", "g", "ư", "ơ", "i"])
    with pytest.raises(KeyError):
        page.keyboard.mark_key("ì")  # in ươi the mark goes on the ơ, and the row shows that
    type_by_touch(qtbot, page.keyboard, ["~ờ", "x"])
    assert page.edit.text() == "ngườix"
    tap(qtbot, page.keyboard._backspace)
    type_by_touch(qtbot, page.keyboard, [" ", "1", "2"])
    assert page.edit.text() == "người 12"
    page.edit.clear()
    type_by_touch(qtbot, page.keyboard, ["v", "i", "ê", "t", "~ệ"])
    assert page.edit.text() == "việt"
    tap(qtbot, page.keyboard.mark_key("ê"))  # the mark row takes a mark off again
    assert page.edit.text() == "viêt"


def test_enter_reaches_the_line_and_the_text_box_gets_a_new_line(qtbot, page):
    with qtbot.waitSignal(page.edit.returnPressed):
        tap(qtbot, page.keyboard._enter)
    page.notes.setFocus()
    qtbot.waitUntil(lambda: page.notes.hasFocus())
    type_by_touch(qtbot, page.keyboard, ["đ", "i", "~í"])
    tap(qtbot, page.keyboard._enter)
    type_by_touch(qtbot, page.keyboard, ["a"])
    assert page.notes.toPlainText() == "đí\na"
    assert page.edit.text() == ""


def test_keys_are_touch_sized_never_take_focus_and_are_named(qtbot, page):
    keyboard = page.keyboard
    assert keyboard.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    buttons = keyboard.findChildren(type(keyboard.key("a")))
    assert len(buttons) > 50
    for button in buttons:
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert button.width() >= KEY_SIZE and button.height() >= KEY_SIZE, button.text()
        assert button.accessibleName(), button.text()


def test_tone_placement():
    assert tone_position("Nguyên", 6) == 4   # after the consonant: the ê of uyê
    assert tone_position("ngươ", 4) == 3      # the ơ of ươ
    assert tone_position("hưu", 3) == 1       # the ư of ưu
    assert tone_position("hoa", 3) == 2
    assert tone_position("ba ", 3) is None    # after a space: no word to mark
    assert tone_position("", 0) is None
