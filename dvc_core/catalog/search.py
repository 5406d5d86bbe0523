"""Accent-, case- and form-insensitive matching of Vietnamese text, as the catalog search does it.

Text is *folded* (NFD, combining marks stripped, ``đ`` → ``d``, lower case, ``y`` → ``i``) and
split into tokens; a query matches when each of its words starts a token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """Fold for matching: NFC→NFD, strip combining marks, đ→d, lower case, i/y folded."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return text.replace("y", "i")


def fold_aligned(text: str) -> str:
    """:func:`fold` one character at a time, so position *i* of the result is character *i* of
    ``text`` (NFC input): used to highlight the matched part of a name."""
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded[:1] if folded else " "


def match_spans(query: str, text: str) -> list[tuple[int, int]]:
    """Where the query's words match the start of a word of ``text``: (start, end) pairs.

    Works on the NFC text as shown, whatever form, case or accents the query was typed in.
    """
    text = unicodedata.normalize("NFC", text)
    folded = fold_aligned(text)
    words = sorted(set(tokens(fold(query))), key=len, reverse=True)
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\s,;:()/\-–]+", folded):
        for word in words:
            if m.group().startswith(word):
                spans.append((m.start(), m.start() + len(word)))
                break
    return spans


def matches_all(query: str, text: str) -> bool:
    """Whether every word of the query starts a word of ``text`` (the search's own rule)."""
    text_tokens = tokens(fold(text))
    return all(any(t.startswith(w) for t in text_tokens) for w in tokens(fold(query)))


def tokens(text: str) -> list[str]:
    """The words of folded text, split at spaces and punctuation."""
    return [t for t in re.split(r"[\s,;:()/\-–]+", text) if t]


class PrefixIndex:
    """Token-prefix → procedure positions, so a query touches only the procedures it matches."""

    def __init__(self) -> None:
        self.sets: dict[str, set[int]] = {}

    def add(self, position: int, text: str) -> None:
        for token in tokens(text):
            for end in range(1, len(token) + 1):
                self.sets.setdefault(token[:end], set()).add(position)

    def match(self, words: list[str]) -> set[int]:
        result: set[int] | None = None
        for word in words:
            found = self.sets.get(word)
            if not found:
                return set()
            result = set(found) if result is None else result & found
            if not result:
                return set()
        return result or set()
