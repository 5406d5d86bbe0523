"""Text normalisation and dates: NFC everywhere, dates as people type them and as stored,
numbers and dates in Vietnamese words (the Tờ khai writes the date of birth in words too), and
the folding every Vietnamese search matches with (procedures, communes, dossier lists)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_BLANKS = re.compile(r"[ \t\u00a0]+")


def nfc(value: str) -> str:
    """Unicode NFC with surrounding blanks removed and inner runs of spaces folded."""
    # Fast path for text that is already clean (catalog data, most answers): no copy made.
    if (unicodedata.is_normalized("NFC", value) and "  " not in value and "\t" not in value
            and "\u00a0" not in value and value == value.strip()):
        return value
    return _BLANKS.sub(" ", unicodedata.normalize("NFC", value)).strip()


def normalize_tree(value: Any) -> Any:
    """NFC-normalise every string in a JSON-like tree (dict keys too)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, Mapping):
        return {nfc(str(k)): normalize_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize_tree(v) for v in value]
    return value


#: C0 controls but tab and line feed, DEL and the C1 controls: never typed by a person, and
#: NUL is refused outright by PostgreSQL's text columns.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Characters nobody sees that change how the text around them displays: bidi embeddings,
#: overrides and isolates (RLO U+202E shows "gpj.exe" as "exe.jpg"), bidi marks, zero-width
#: spaces and joiners, the word joiner and invisible operators, the BOM, line and paragraph
#: separators. Vietnamese text never needs one.
INVISIBLE_CHARS = re.compile(
    "[\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
#: How deeply a JSON answer (a dossier's ``fields``, its ``applicant``) may nest. The deepest
#: form in the catalog nests three levels; anything deeper is an attack on a recursive reader.
MAX_DEPTH = 32


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as typed text: ``text_chars`` (a control character),
    ``text_invisible`` (an invisible or direction-changing character), or None."""
    if CONTROL_CHARS.search(value):
        return "text_chars"
    if INVISIBLE_CHARS.search(value):
        return "text_invisible"
    return None


def tree_problem(value: Any, max_depth: int = MAX_DEPTH,
                 check_text: bool = True) -> tuple[str, str] | None:
    """The first thing wrong in a JSON-like tree: ``(path, code)`` or None.

    ``code`` is ``too_deep`` (nested more than ``max_depth`` levels) or a :func:`text_problem`
    code for a string or a key; ``path`` names the place (``child.birth_place``,
    ``documents[2].pages``, empty for the root). Walks without recursion, so no nesting depth
    can exhaust the stack.
    """
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, str):
            code = text_problem(node) if check_text else None
            if code:
                return path, code
            continue
        if isinstance(node, Mapping | list | tuple) and depth >= max_depth:
            return path, "too_deep"
        if isinstance(node, Mapping):
            for key, child in node.items():
                key = str(key)
                where = f"{path}.{key}" if path else key
                code = text_problem(key) if check_text else None
                if code:
                    return where, code
                stack.append((child, where, depth + 1))
        elif isinstance(node, list | tuple):
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(node))
    return None


def plain_text(value: str) -> str:
    """``value`` with control and invisible characters removed, for showing a name stored
    elsewhere (or before these rules) without it reordering or hiding the text around it."""
    return INVISIBLE_CHARS.sub("", CONTROL_CHARS.sub("", value))

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),  # ISO, as stored
)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def parse_date(text: str) -> dt.date | None:
    """Parse ``dd/mm/yyyy`` (as people type it) or ``yyyy-mm-dd`` (as stored). None if invalid."""
    text = nfc(text)
    m = _DMY.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        for pattern in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def format_date_vi(value: dt.date | str) -> str:
    """``2024-03-05`` → ``05/03/2024``."""
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is None:
            return value
        value = parsed
    return value.strftime("%d/%m/%Y")



_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def number_in_words(n: int) -> str:
    """Vietnamese words for 0–9999: ``21`` → ``hai mươi mốt``, ``2005`` → ``hai nghìn không
    trăm linh năm``."""
    if not 0 <= n <= 9999:
        raise ValueError("only 0–9999")
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
        if unit == 0:
            return head
        if unit == 1 and tens > 1:
            return f"{head} mốt"
        if unit == 4 and tens > 1:
            return f"{head} tư"
        if unit == 5:
            return f"{head} lăm"
        return f"{head} {_DIGITS[unit]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_DIGITS[hundreds]} trăm"
        if rest == 0:
            return head
        return f"{head} linh {_DIGITS[rest]}" if rest < 10 else f"{head} {number_in_words(rest)}"
    thousands, rest = divmod(n, 1000)
    head = f"{_DIGITS[thousands]} nghìn"
    if rest == 0:
        return head
    if rest < 100:
        tail = f"linh {_DIGITS[rest]}" if rest < 10 else number_in_words(rest)
        return f"{head} không trăm {tail}"
    return f"{head} {number_in_words(rest)}"


_MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
           "mười một", "mười hai")


def date_in_words(value: dt.date | str) -> str:
    """``2026-11-02`` → ``Ngày hai, tháng mười một, năm hai nghìn không trăm hai mươi sáu``.

    The Tờ khai đăng ký khai sinh asks for the date of birth in figures and in words; April is
    "tháng tư" as people write it.
    """
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is None:
            raise ValueError(f"not a date: {value!r}")
        value = parsed
    return (f"Ngày {number_in_words(value.day)}, tháng {_MONTHS[value.month]}, "
            f"năm {number_in_words(value.year)}")


# ----------------------------------------------------------------------------- folding
# One way to compare Vietnamese text typed with or without diacritics, in any case or Unicode
# form: the procedure search, the commune picker and the dossier lists all use it.

_WORD_SPLIT = re.compile(r"[\s,;:()/\-–.]+")
_TOKEN_SPLIT = re.compile(r"[\s,;:()/\-–]+")  # keeps "1.001193" and "000.00.12.H56" whole


def fold(text: str) -> str:
    """Fold for matching: NFC→NFD, strip combining marks, đ/Đ (and Ð, U+00D0) → d, lower
    case, i/y folded (``Thiệu Hóa`` and ``thieu hoa``, ``Lý`` and ``li`` fold alike)."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().translate(_FOLD_LETTERS)


_FOLD_LETTERS = str.maketrans({"đ": "d", "\u00f0": "d", "y": "i"})  # Đ/Ð lower to đ/ð


def fold_aligned(text: str) -> str:
    """:func:`fold` one character at a time, so position *i* of the result is character *i* of
    ``text`` (NFC input): used to highlight the matched part of a name."""
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded[:1] if folded else " "


def tokens(text: str) -> list[str]:
    """The words of folded text, split at spaces and punctuation (a dotted code stays whole)."""
    return [t for t in _TOKEN_SPLIT.split(text) if t]


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, split at spaces, punctuation and dots too."""
    return [t for t in _WORD_SPLIT.split(fold(text)) if t]


#: A typo is forgiven only in a word this long (as the catalog spells it): one letter off a
#: short word ("hôn", "tử", "xã") lands on another real word far too often.
TYPO_MIN_LENGTH = 4


def typo_allowed(typed: str, word: str) -> bool:
    """Whether ``typed`` may stand for ``word`` with one typo (both folded): ``word`` has at
    least :data:`TYPO_MIN_LENGTH` letters, ``typed`` at least one fewer, neither has a digit
    (codes and ID numbers are matched exactly), and they are :func:`one_edit_apart`."""
    return (len(word) >= TYPO_MIN_LENGTH and len(typed) >= TYPO_MIN_LENGTH - 1
            and abs(len(typed) - len(word)) <= 1 and not _has_digit(typed)
            and not _has_digit(word) and one_edit_apart(typed, word))


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one deleted, inserted or substituted letter,
    or two adjacent letters swapped (the optimal-string-alignment distance is 1)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    start = 0
    while start < min(la, lb) and a[start] == b[start]:
        start += 1
    if la == lb:
        if a[start + 1:] == b[start + 1:]:
            return True  # one substitution
        return (start + 1 < la and a[start] == b[start + 1] and a[start + 1] == b[start]
                and a[start + 2:] == b[start + 2:])  # two neighbours swapped
    if la > lb:
        a, b = b, a
    return a[start:] == b[start + 1:]  # one letter more in b


def deletions(word: str) -> set[str]:
    """``word`` with any one letter left out: the keys of a symmetric-deletion typo index, in
    which two words one edit apart always share a key."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}
