"""Plain wording for the kiosk: office terms and what a citizen is shown instead.

The table is data, ``resources/kiosk_wording.json`` (reviewed for every kiosk page): each entry
has ``term`` (as the catalog and the desk say it), ``plain`` (what the kiosk shows and reads
aloud), and their English ``term_en`` / ``plain_en``.

API::

    table = load_wording()                 # {folded term: Wording}; cached
    plain("Thành phần hồ sơ")              # "giấy tờ cần nộp" (the term itself if not listed)
    plain("thành phần hồ sơ", lang="en")   # "papers to hand in"
    has_plain(term)                        # whether the table lists it

Terms are compared NFC and without case; the loader refuses a table with a term twice.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Wording:
    term: str
    plain: str
    term_en: str
    plain_en: str
    unconfirmed: str | None = None


def fold(term: str) -> str:
    """How terms are compared: NFC, case-folded, blank space made one."""
    return " ".join(unicodedata.normalize("NFC", term).casefold().split())


def parse_wording(data: dict[str, Any]) -> dict[str, Wording]:
    """The table from its JSON; ValueError naming the entry when one is incomplete or twice."""
    table: dict[str, Wording] = {}
    for index, entry in enumerate(data.get("terms", [])):
        where = f"terms[{index}]"
        texts = {}
        for key in ("term", "plain", "term_en", "plain_en"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{where}.{key}: thiếu nội dung")
            texts[key] = value
        key = fold(texts["term"])
        if key in table:
            raise ValueError(f"{where}.term: '{texts['term']}' đã có ở một mục trước")
        table[key] = Wording(**texts, unconfirmed=entry.get("unconfirmed"))
    return table


@cache
def load_wording() -> dict[str, Wording]:
    """The shipped table (``resources/kiosk_wording.json``)."""
    text = (resources.files("resources") / "kiosk_wording.json").read_text(encoding="utf-8")
    return parse_wording(json.loads(text))


def has_plain(term: str) -> bool:
    return fold(term) in load_wording()


def plain(term: str, lang: str = "vi") -> str:
    """The plain wording of ``term`` in ``lang`` ("vi" or "en"); ``term`` itself if unlisted."""
    entry = load_wording().get(fold(term))
    if entry is None:
        return term
    return entry.plain_en if lang == "en" else entry.plain


__all__ = ["Wording", "fold", "has_plain", "load_wording", "parse_wording", "plain"]
