"""Administrative divisions since 1/7/2025: province → commune (xã, phường, đặc khu).

Data: ``resources/divisions.json``, derived from the ``vietnam-provinces`` package by
``tools/make_divisions.py`` (34 provinces; Thanh Hóa, code 38, has 166 communes: 147 xã and
19 phường). Qt-free: the rules module and the portal check addresses with it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

HOME_PROVINCE = "38"  # Thanh Hóa: the province whose guide the app mirrors


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # "Xã Thiệu Hóa", "Phường Hạc Thành"
    province_code: str


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
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


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
