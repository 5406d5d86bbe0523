"""Administrative divisions since 1/7/2025: province → commune (xã, phường, đặc khu).

Data: ``resources/divisions.json``, derived from the ``vietnam-provinces`` package by
``tools/make_divisions.py`` (34 provinces; Thanh Hóa, code 38, has 166 communes: 147 xã and
19 phường). Qt-free: the rules module and the portal check addresses with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dvc_core.rules.text import fold, tokens, typo_allowed

HOME_PROVINCE = "38"  # Thanh Hóa: the province whose guide the app mirrors
KINDS = ("Xã", "Phường", "Đặc khu")  # the commune-level units since 1/7/2025


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # "Xã Thiệu Hóa", "Phường Hạc Thành"
    province_code: str

    @property
    def short_name(self) -> str:
        """The name without its kind: ``Thiệu Hóa`` for ``Xã Thiệu Hóa``."""
        for kind in KINDS:
            if self.name.startswith(kind + " "):
                return self.name[len(kind) + 1:]
        return self.name


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # "Thanh Hóa", "Thành phố Hà Nội"
    communes: tuple[Commune, ...]

    @property
    def full_name(self) -> str:
        """``tỉnh Thanh Hóa`` / ``Thành phố Hà Nội`` as an address line ends."""
        return self.name if self.name.startswith("Thành phố") else f"tỉnh {self.name}"

    def commune(self, code: str) -> Commune | None:
        return _commune_index().get((self.code, code))


@cache
def provinces() -> tuple[Province, ...]:
    data = json.loads((resources.files("resources") / "divisions.json").read_text("utf-8"))
    out = []
    for p in data["provinces"]:
        communes = tuple(Commune(code, name, p["code"]) for code, name in p["communes"])
        out.append(Province(p["code"], p["name"], communes))
    # Home province first, then the usual order by name.
    return tuple(sorted(out, key=lambda p: (p.code != HOME_PROVINCE, _fold(p.name))))


@cache
def _province_index() -> dict[str, Province]:
    return {p.code: p for p in provinces()}


@cache
def _commune_index() -> dict[tuple[str, str], Commune]:
    return {(p.code, c.code): c for p in provinces() for c in p.communes}


def province(code: str) -> Province | None:
    return _province_index().get(str(code).zfill(2))


def _fold(text: str) -> str:
    return fold(text).strip()


_KIND_WORDS = frozenset(tokens(fold(" ".join(KINDS))))  # "xa", "phuong", "dac", "khu"


@cache
def _commune_keys(province_code: str) -> tuple[tuple[Commune, str, tuple[str, ...]], ...]:
    """Each commune of a province with its folded short name and the words of its name."""
    prov = province(province_code)
    return tuple((c, _fold(c.short_name), tuple(tokens(_fold(c.name))))
                 for c in (prov.communes if prov else ()))


def find_communes(province_code: str, query: str, limit: int | None = None) -> list[Commune]:
    """The communes of a province whose name matches ``query`` as the procedure search
    matches: with or without diacritics, each word starting a word of the name ("thieu"
    finds Xã Thiệu Hóa, Xã Thiệu Quang…; "p hac" Phường Hạc Thành). Ranked: names starting
    with the words typed, then any match, in the order of the alphabet. When no name has every
    word, a word of four letters or more may be one typo off ("thieuu hoa").
    """
    words = tokens(_fold(query))
    if not words:
        return []
    phrase = " ".join(w for w in words if w not in _KIND_WORDS) or " ".join(words)
    exact: list[tuple[int, str, Commune]] = []
    near: list[tuple[int, str, Commune]] = []
    for commune, short, name_words in _commune_keys(str(province_code).zfill(2)):
        costs = []
        for word in words:
            if any(t.startswith(word) for t in name_words):
                costs.append(0)
            elif any(typo_allowed(word, t) for t in name_words):
                costs.append(1)
            else:
                break
        else:
            key = (0 if short.startswith(phrase) else 1, short, commune)
            (near if any(costs) else exact).append(key)
    found = sorted(exact, key=lambda k: k[:2]) or sorted(near, key=lambda k: k[:2])
    return [commune for *_, commune in found[:limit]]


def commune_by_name(province_code: str, text: str) -> Commune | None:
    """The one commune of the province named exactly ``text`` (with or without its kind and its
    diacritics: "Thiệu Hóa", "xa thieu hoa"), or None."""
    folded = " ".join(tokens(_fold(text)))
    found = [c for c, short, name_words in _commune_keys(str(province_code).zfill(2))
             if folded in (short, " ".join(name_words))]
    return found[0] if len(found) == 1 else None


def format_address(province_code: str, commune_code: str, detail: str = "") -> str:
    """``Thôn Đông, xã Thiệu Hóa, tỉnh Thanh Hóa`` (the post-2025 form: no district)."""
    prov = province(province_code)
    if prov is None:
        return detail
    commune = prov.commune(commune_code)
    parts = [detail.strip()] if detail and detail.strip() else []
    if commune is not None:
        kind, _, rest = commune.name.partition(" ")
        parts.append(f"{kind.lower()} {rest}" if kind in ("Xã", "Phường") else commune.name)
    parts.append(prov.full_name)
    return ", ".join(parts)


def match_address(text: str) -> tuple[str | None, str | None, str]:
    """Best effort: find the province and commune named in a free-text address.

    Used for the address printed in a CCCD QR code. Returns (province code, commune code,
    the rest as the detail line); codes are None when no name matches (old CCCDs carry the
    pre-2025 district names, so the commune is often not found).
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    folded = [_fold(p) for p in parts]
    prov = None
    for i in range(len(parts) - 1, -1, -1):
        name = folded[i].removeprefix("tinh ").removeprefix("thanh pho ").strip()
        prov = next((p for p in provinces()
                     if _fold(p.name).removeprefix("thanh pho ") == name), None)
        if prov is not None:
            parts, folded = parts[:i], folded[:i]
            break
    if prov is None:
        return None, None, text.strip()
    commune = None
    for i in range(len(parts) - 1, -1, -1):
        commune = next((c for c in prov.communes if _fold(c.name) == folded[i]), None)
        if commune is not None:
            parts = parts[:i] + parts[i + 1:]
            break
    return prov.code, commune.code if commune else None, ", ".join(parts)
