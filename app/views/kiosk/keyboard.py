"""An on-screen keyboard that types Vietnamese by touch, with no Telex to learn.

Every letter is on a key: ``ă â đ ê ô ơ ư`` have their own keys, and the **mark row** on top
shows the vowel being typed with each of its five tone marks (``ê ế ề ể ễ ệ``): touching one
puts that letter in place of the vowel. Digits, space, backspace, Enter, a one-shot Shift. The
text goes into the focused ``QLineEdit`` or ``QPlainTextEdit`` as NFC; the keyboard never
takes the focus (its keys have ``Qt.NoFocus`` and it shows without activating), so the cursor
stays where the person is typing. Keys are at least :data:`KEY_SIZE` (56 px) square.

API::

    keyboard = KioskKeyboard(parent)
    keyboard.set_target(edit)        # optional: by default the last focused text field
    keyboard.key(text) -> QToolButton   # the key that types ``text`` ("a", "ă", "1", " ")
    keyboard.mark_keys() -> list[QToolButton]   # the mark row, as now shown
    keyboard.press_shift() / press_backspace() / press_enter()
    keyboard.reset()                 # a visit's end: no Shift, no field held
    keyboard.enter_pressed  (Signal)  # after Enter was sent to the field
    keyboard.typed(str)     (Signal)  # each piece of text inserted

Tone placement: a mark goes on the vowel just before the cursor; when the cursor follows a
consonant, on the vowel of the word's last vowel group that carries a hat or a horn (``ươ`` →
``ơ``, ``uyê`` → ``ê``), else its last vowel — and the mark row shows exactly that letter, so
what a key shows is what it writes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

KEY_SIZE = 56
TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc, huyền, hỏi, ngã, nặng
TONE_NAMES = ("sắc", "huyền", "hỏi", "ngã", "nặng")
BASE_VOWELS = "aăâeêioôơuưy"
HAT_OR_HORN = "ăâêôơư"
ROWS = (
    ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),
    ("q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "đ"),
    ("a", "s", "d", "f", "g", "h", "j", "k", "l", "ă", "â"),
    ("z", "x", "c", "v", "b", "n", "m", "ê", "ô", "ơ", "ư"),
)
PUNCTUATION = (",", ".", "-", "/")
# Its own look (high contrast, text >= 20 px), so it reads the same inside any page.
STYLE = """
#kioskKeyboard { background: #dfe4e8; border-top: 2px solid #5b6770; }
#kioskKeyboard QLabel#keyboardHint { font-size: 20px; color: #1f2933; }
QToolButton[kioskKey="true"] {
    font-size: 24px; color: #111111; background: #ffffff;
    border: 1px solid #5b6770; border-radius: 8px; padding: 4px;
}
QToolButton[kioskKey="true"]:pressed { background: #c7dcff; }
QToolButton[kioskKey="true"]:checked { background: #0b4fb3; color: #ffffff; }
QToolButton#markKey { background: #fff4c2; font-weight: 600; font-size: 26px; }
QToolButton#markKey:disabled { background: #eceff1; border-color: #b0b8bf; }
QToolButton#enterKey { background: #0b4fb3; color: #ffffff; font-weight: 600; }
"""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_tone(letter: str) -> str:
    """The letter without its tone mark, keeping its hat, horn or breve (``ễ`` → ``ê``)."""
    return nfc("".join(ch for ch in unicodedata.normalize("NFD", letter) if ch not in TONES))


def is_vowel(letter: str) -> bool:
    return len(letter) == 1 and strip_tone(letter).lower() in BASE_VOWELS


def with_tone(letter: str, tone: str | None) -> str:
    """``letter`` with ``tone`` (one of :data:`TONES`, or None for no mark), NFC."""
    base = strip_tone(letter)
    return nfc(base + tone) if tone else base


def tone_position(text: str, cursor: int) -> int | None:
    """Where a tone mark typed now goes in ``text`` (an index), or None (no vowel to mark)."""
    if cursor > 0 and is_vowel(text[cursor - 1]):
        end = cursor
    else:
        end = cursor
        while end > 0 and text[end - 1].isalpha() and not is_vowel(text[end - 1]):
            end -= 1
        if end == 0 or not is_vowel(text[end - 1]) or end < cursor - 2:
            return None  # a word ends in at most two consonants (ng, nh, ch)
    start = end
    while start > 0 and is_vowel(text[start - 1]):
        start -= 1
    group = range(start, end)
    marked = [i for i in group if strip_tone(text[i]).lower() in HAT_OR_HORN]
    if end == cursor:
        return end - 1 if not marked or marked[-1] == end - 1 else marked[-1]
    return marked[-1] if marked else end - 1


@dataclass
class _Target:
    """The text field being typed into, as plain text with a cursor."""

    widget: QWidget

    def text_and_cursor(self) -> tuple[str, int]:
        if isinstance(self.widget, QLineEdit):
            return self.widget.text(), self.widget.cursorPosition()
        assert isinstance(self.widget, QPlainTextEdit)
        cursor = self.widget.textCursor()
        block = cursor.block()
        return block.text(), cursor.positionInBlock()

    def insert(self, text: str) -> None:
        if isinstance(self.widget, QLineEdit):
            self.widget.insert(text)
        else:
            self.widget.insertPlainText(text)

    def backspace(self) -> None:
        if isinstance(self.widget, QLineEdit):
            self.widget.backspace()
        else:
            cursor = self.widget.textCursor()
            cursor.deletePreviousChar()
            self.widget.setTextCursor(cursor)

    def replace(self, index: int, letter: str) -> None:
        """Put ``letter`` at ``index`` of the current line, the cursor where it was."""
        if isinstance(self.widget, QLineEdit):
            # Through the selection, as typing does: textEdited fires, undo keeps the step.
            position = self.widget.cursorPosition()
            self.widget.setSelection(index, 1)
            self.widget.insert(letter)
            self.widget.setCursorPosition(position)
        else:
            cursor = self.widget.textCursor()
            position = cursor.position()
            block_start = cursor.block().position()
            cursor.setPosition(block_start + index)
            cursor.setPosition(block_start + index + 1, cursor.MoveMode.KeepAnchor)
            cursor.insertText(letter)
            cursor.setPosition(position)
            self.widget.setTextCursor(cursor)


class KioskKeyboard(QWidget):
    """A Telex-free Vietnamese keyboard for touch screens (see the module's docstring)."""

    typed = Signal(str)
    enter_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskKeyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("On-screen keyboard"))
        self.setStyleSheet(STYLE)
        self._target: QWidget | None = None
        self._explicit = False
        self._shift = False
        self._keys: dict[str, QToolButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)

        marks = QHBoxLayout()
        self._mark_hint = QLabel(self.tr("Marks: type a vowel, then touch it here with its mark"),
                                 self)
        self._mark_hint.setObjectName("keyboardHint")
        self._mark_hint.setWordWrap(True)
        marks.addWidget(self._mark_hint, 2)
        self._mark_buttons: list[QToolButton] = []
        for position in range(6):
            button = self._button("", lambda _=False, p=position: self._mark(p))
            button.setObjectName("markKey")
            self._mark_buttons.append(button)
            marks.addWidget(button, 1)
        layout.addLayout(marks)

        for number, row in enumerate(ROWS):
            line = QHBoxLayout()
            line.setSpacing(6)
            for letter in row:
                button = self._button(letter, lambda _=False, t=letter: self._letter(t))
                self._keys[letter] = button
                line.addWidget(button, 1)
            if number == 0:
                self._backspace = self._button("⌫", lambda _=False: self.press_backspace())
                self._backspace.setAccessibleName(self.tr("Delete the letter before the cursor"))
                self._backspace.setToolTip(self._backspace.accessibleName())
                line.addWidget(self._backspace, 1)
            layout.addLayout(line)

        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        self._shift_key = self._button(self.tr("⇧ Capital"), lambda _=False: self.press_shift())
        self._shift_key.setCheckable(True)
        self._shift_key.setAccessibleName(self.tr("Capital letter"))
        bottom.addWidget(self._shift_key, 2)
        for mark in PUNCTUATION:
            button = self._button(mark, lambda _=False, t=mark: self._insert(t))
            self._keys[mark] = button
            bottom.addWidget(button, 1)
        space = self._button(self.tr("Space"), lambda _=False: self._insert(" "))
        space.setAccessibleName(self.tr("Space"))
        self._keys[" "] = space
        bottom.addWidget(space, 5)
        self._enter = self._button(self.tr("Enter ↵"), lambda _=False: self.press_enter())
        self._enter.setObjectName("enterKey")
        self._enter.setAccessibleName(self.tr("Enter"))
        bottom.addWidget(self._enter, 3)
        layout.addLayout(bottom)

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            self._focus_changed(None, app.focusWidget())
        self._refresh()

    # ------------------------------------------------------------------ public API
    def set_target(self, widget: QLineEdit | QPlainTextEdit | None) -> None:
        """Type into ``widget`` from now on (None: follow the focus again)."""
        self._explicit = widget is not None
        self._set_target(widget)

    def target(self) -> QWidget | None:
        return self._target

    def key(self, text: str) -> QToolButton:
        """The key that types ``text`` (lower-case letters, digits, punctuation, " ")."""
        return self._keys[text]

    def mark_keys(self) -> list[QToolButton]:
        """The mark row's keys, as now shown (enabled ones carry a letter)."""
        return list(self._mark_buttons)

    def mark_key(self, letter: str) -> QToolButton:
        """The mark row's key now showing ``letter`` (``"ễ"``); KeyError if none does."""
        for button in self._mark_buttons:
            if button.isEnabled() and button.text() == nfc(letter):
                return button
        raise KeyError(letter)

    def reset(self) -> None:
        """Back to the start (a visit's end): no Shift, no field, the focus followed again."""
        self._shift = False
        self._relabel()
        self.set_target(None)

    def press_shift(self) -> None:
        self._shift = not self._shift
        self._relabel()

    def press_backspace(self) -> None:
        target = self._editable()
        if target is not None:
            target.backspace()
        self._refresh()

    def press_enter(self) -> None:
        target = self._editable()
        if target is not None:
            if isinstance(target.widget, QPlainTextEdit):
                target.insert("\n")
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target.widget, QKeyEvent(
                        kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))
        self.enter_pressed.emit()
        self._refresh()

    # ------------------------------------------------------------------ keys
    def _button(self, text: str, action) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAutoRepeat(text == "⌫")
        button.setProperty("kioskKey", True)
        if text:
            button.setAccessibleName(text)
        button.clicked.connect(action)
        return button

    def _letter(self, letter: str) -> None:
        if self._shift:
            letter = letter.upper()
            self._shift = False
            self._relabel()
        self._insert(letter)

    def _insert(self, text: str) -> None:
        target = self._editable()
        if target is None:
            return
        text = nfc(text)
        target.insert(text)
        self.typed.emit(text)
        self._refresh()

    def _mark(self, position: int) -> None:
        target = self._editable()
        if target is None:
            return
        text, cursor = target.text_and_cursor()
        index = tone_position(text, cursor)
        if index is None:
            return
        letter = with_tone(text[index], None if position == 0 else TONES[position - 1])
        target.replace(index, letter)
        self.typed.emit(letter)
        self._refresh()

    # ------------------------------------------------------------------ state
    def _relabel(self) -> None:
        self._shift_key.setChecked(self._shift)
        for letter, button in self._keys.items():
            if letter.isalpha():
                shown = letter.upper() if self._shift else letter
                button.setText(shown)
                button.setAccessibleName(shown)

    def _refresh(self) -> None:
        """Show the mark row for the vowel a mark would go on now."""
        target = self._editable()
        vowel = None
        if target is not None:
            text, cursor = target.text_and_cursor()
            index = tone_position(text, cursor)
            vowel = text[index] if index is not None else None
        self._mark_hint.setVisible(vowel is None)
        for position, button in enumerate(self._mark_buttons):
            if vowel is None:
                button.setText("")
                button.setEnabled(False)
                button.setAccessibleName(self.tr("Mark (type a vowel first)"))
                continue
            letter = with_tone(vowel, None if position == 0 else TONES[position - 1])
            button.setText(letter)
            button.setEnabled(True)
            name = TONE_NAMES[position - 1] if position else self.tr("no mark")
            button.setAccessibleName(f"{letter} ({name})")

    def _editable(self) -> _Target | None:
        widget = self._target
        if widget is None or widget.isHidden() or not widget.isEnabled():
            return None
        if isinstance(widget, QLineEdit | QPlainTextEdit) and not widget.isReadOnly():
            return _Target(widget)
        return None

    def _set_target(self, widget: QWidget | None) -> None:
        if self._target is not None:
            self._target.removeEventFilter(self)
            try:
                self._target.destroyed.disconnect(self._target_gone)
            except (RuntimeError, TypeError):
                pass
        self._target = widget
        if widget is not None:
            widget.installEventFilter(self)
            widget.destroyed.connect(self._target_gone)
        self._refresh()

    def _target_gone(self, *_args) -> None:
        self._target = None
        self._explicit = False

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._explicit or new is None:
            return
        if isinstance(new, QLineEdit | QPlainTextEdit) and not new.isReadOnly():
            self._set_target(new)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._target and event.type() in (QEvent.Type.KeyRelease,
                                                          QEvent.Type.MouseButtonRelease):
            self._refresh()  # the person typed on a real keyboard or moved the cursor
        return False


__all__ = ["KEY_SIZE", "KioskKeyboard", "strip_tone", "tone_position", "with_tone"]
