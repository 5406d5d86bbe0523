"""Regenerate ``resources/divisions.json`` from the ``vietnam-provinces`` package.

    .venv/bin/pip install vietnam-provinces==2025.10.1
    .venv/bin/python tools/make_divisions.py

The data are the post-1/7/2025 administrative divisions (34 provinces, no district level) that
``vietnam-provinces`` (GPL-3.0-or-later, like this project) ships. The app reads only the JSON
file, so it does not need the package at run time.
"""

from __future__ import annotations

import json
import unicodedata
from importlib.metadata import version
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "divisions.json"


def _key(name: str) -> str:
    """Sort key: Vietnamese names without diacritics, đ after d (close to the usual order)."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d~").replace("Đ", "D~"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def main() -> None:
    from vietnam_provinces import Province, Ward

    provinces = []
    for province in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        wards = sorted(Ward.iter_by_province(province.code), key=lambda w: _key(w.name.split(" ", 1)[-1]))
        provinces.append({
            "code": f"{int(province.code):02d}",
            "name": province.name,
            "type": str(province.division_type.value),
            "communes": [[f"{int(w.code):05d}", w.name] for w in wards],
        })
    data = {
        "source": f"vietnam-provinces {version('vietnam-provinces')} (GPL-3.0-or-later)",
        "note": "Đơn vị hành chính sau 1/7/2025 (Nghị quyết 202/2025/QH15): tỉnh → xã/phường/đặc khu.",
        "provinces": provinces,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(OUT, sum(len(p["communes"]) for p in provinces), "communes")


if __name__ == "__main__":
    main()
