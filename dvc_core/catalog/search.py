"""Accent-, case- and form-insensitive matching of Vietnamese text, as the catalog search does it.

Text is *folded* (:func:`dvc_core.rules.text.fold`: NFD, combining marks stripped, ``đ`` →
``d``, lower case, ``y`` → ``i``) and split into tokens; a query matches when each of its words
starts a token. When nothing matches so, a word may be one typo away from a whole token
(:class:`TypoIndex`, :func:`~dvc_core.rules.text.typo_allowed`). The commune picker
(:func:`dvc_core.divisions.find_communes`) and the dossier lists (:func:`dossier_search_text`)
match the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dvc_core.rules.text import deletions, fold, fold_aligned, tokens, typo_allowed

__all__ = ["PrefixIndex", "SearchResult", "TypoIndex", "dossier_search_text", "fold",
           "fold_aligned", "match_spans", "matches_all", "tokens"]


def match_spans(query: str, text: str,
                corrections: Mapping[str, Iterable[str]] | None = None) -> list[tuple[int, int]]:
    """Where the query's words match the start of a word of ``text``: (start, end) pairs.

    Works on the NFC text as shown, whatever form, case or accents the query was typed in.
    ``corrections`` (a typo search's :attr:`SearchResult.corrections`) marks, for a word
    typed that starts no word of ``text``, the whole words it was read as.
    """
    text = unicodedata.normalize("NFC", text)
    folded = fold_aligned(text)
    words = sorted(set(tokens(fold(query))), key=len, reverse=True)
    found = list(re.finditer(r"[^\s,;:()/\-–]+", folded))
    spans: list[tuple[int, int]] = []
    matched: set[str] = set()
    for m in found:
        for word in words:
            if m.group().startswith(word):
                spans.append((m.start(), m.start() + len(word)))
                matched.add(word)
                break
    if corrections:
        read_as = {t for word, near in corrections.items() if word not in matched for t in near}
        marked = {start for start, _ in spans}
        spans.extend((m.start(), m.end()) for m in found
                     if m.start() not in marked and m.group() in read_as)
        spans.sort()
    return spans


def matches_all(query: str, text: str) -> bool:
    """Whether every word of the query starts a word of ``text`` (the search's own rule)."""
    text_tokens = tokens(fold(text))
    return all(any(t.startswith(w) for t in text_tokens) for w in tokens(fold(query)))


class PrefixIndex:
    """Token-prefix → positions, so a query touches only the entries it matches; ``words``
    keeps each whole token's positions for the typo search."""

    def __init__(self) -> None:
        self.sets: dict[str, set[int]] = {}
        self.words: dict[str, set[int]] = {}

    def add(self, position: int, text: str) -> None:
        for token in tokens(text):
            self.words.setdefault(token, set()).add(position)
            for end in range(1, len(token) + 1):
                self.sets.setdefault(token[:end], set()).add(position)

    def costs(self, word: str, typos: TypoIndex) -> dict[int, int]:
        """Positions matching ``word``: 0 where a token starts with it, 1 where a token is one
        typo away from it (and none starts with it)."""
        out: dict[int, int] = {}
        for token in typos.near(word):
            for position in self.words.get(token, ()):
                out[position] = 1
        for position in self.sets.get(word, ()):
            out[position] = 0
        return out

    def match(self, words: list[str]) -> set[int]:
        """Positions where every word starts a token: the index's own set for one word (not
        to be changed), a new one for several (intersected from the smallest)."""
        found = [self.sets.get(word) for word in set(words)]
        if not found or not all(found):
            return set()
        found.sort(key=len)
        return found[0].intersection(*found[1:]) if len(found) > 1 else found[0]


class TypoIndex:
    """Whole tokens by their one-letter deletions (symmetric deletion): the tokens one typo away
    from a word are found with a few dictionary reads, whatever the vocabulary's size."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._keys: dict[str, set[str]] = {}
        for word in words:
            self.add(word)

    def add(self, word: str) -> None:
        if len(word) < 4 or any(ch.isdigit() for ch in word):
            return
        for key in (word, *deletions(word)):
            self._keys.setdefault(key, set()).add(word)

    def near(self, word: str) -> set[str]:
        """The tokens ``word`` may be a typo of (never ``word`` itself)."""
        if len(word) < 3:
            return set()
        found: set[str] = set()
        for key in (word, *deletions(word)):
            found |= self._keys.get(key, set())
        return {token for token in found if typo_allowed(word, token)}


@dataclass(frozen=True)
class SearchResult:
    """What a search found, and how (:meth:`~dvc_core.catalog.Catalog.lookup`).

    ``match`` is ``"exact"`` (every word starts a word of the name, code or everyday names),
    ``"typo"`` (found once a word was read as a near word: ``terms`` holds the words to mark),
    ``"closest"`` (nothing has every word: the procedures sharing the most words) or ``"none"``;
    ``examples`` are everyday names (the catalog's synonyms) to offer when nothing was found
    exactly; ``corrections`` maps each word typed to the near words it may stand for (for
    :func:`match_spans`).
    """

    procedures: list[Any]
    match: str = "exact"
    terms: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    corrections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


#: The answers' keys that hold a person's name or ID number, whatever the procedure: every
#: catalog form names them ``<person>.full_name`` / ``<person>.id_number`` (checked by
#: ``dvc catalog check``'s kinds), the applicant ``full_name`` / ``id_number``.
_PERSON_KEYS = ("full_name", "id_number")


def dossier_search_text(applicant: Mapping[str, Any] | None, fields: Mapping[str, Any] | None,
                        specs: Iterable[Any] = ()) -> str:
    """Folded text of every person in a dossier, for a list's lookup box: the applicant's and
    every ``person_name`` / ``id_number`` answer (child, mother, father, spouse, deceased…),
    found by kind from the form's ``specs`` and by key name without them, in repeated groups
    too. Each distinct word once, space-separated (``"le thi hoa 038195012345 nguyen …"``).
    """
    kinds = {getattr(s, "id", ""): getattr(s, "kind", "") for s in specs}
    values: list[str] = []

    def wanted(key: str) -> bool:
        return (kinds.get(key) in ("person_name", "id_number")
                or key.rsplit(".", 1)[-1] in _PERSON_KEYS)

    def walk(tree: Mapping[str, Any]) -> None:
        for key, value in tree.items():
            if isinstance(value, str) and wanted(str(key)):
                values.append(value)
            elif isinstance(value, list):
                for entry in value:
                    if isinstance(entry, Mapping):
                        walk(entry)

    for tree in (applicant, fields):
        if isinstance(tree, Mapping):
            walk(tree)
    seen: dict[str, None] = {}
    for value in values:
        for word in tokens(fold(unicodedata.normalize("NFC", value))):
            seen.setdefault(word, None)
    return " ".join(seen)


def lookup_key(*texts: str) -> str:
    """The folded key a list row is looked up by: each word of ``texts`` once, after a space
    (``" 000.00.12.h56 261102 0001 k7qm 3xpd le thi hoa"``); see :func:`lookup_needles`."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in tokens(fold(text).replace("-", " ")):
            seen.setdefault(word, None)
    return " " + " ".join(seen)


def lookup_needles(query: str) -> list[str]:
    """What a :func:`lookup_key` must contain to match ``query``: each word of a name as the
    start of a word (``" binh"`` finds "Nguyễn Văn Bình"; "an" finds "An" and "Anh", never
    "Xuân"), each word with a digit anywhere (the end of a code, part of an
    ID number). Longest first, so a list is narrowed fastest."""
    needles = []
    for word in tokens(fold(query).replace("-", " ")):
        needles.append(word if any(ch.isdigit() for ch in word) else " " + word)
    return sorted(set(needles), key=len, reverse=True)
