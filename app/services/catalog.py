"""The procedure catalog: data files under ``resources/catalog``, loaded into typed objects.

The same module serves the app (wizard, ``dvc catalog``) and the portal (``GET /procedures``).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from app.services.rules import FieldSpec, normalize_tree


@dataclass(frozen=True)
class Component:
    """One dossier component (thành phần hồ sơ) a procedure asks for."""

    id: str
    name: str
    required: bool
    copy: str = "original"
    scan_ok: bool = True


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class Procedure:
    code: str
    provincial_code: str
    schema_version: int
    name: str
    name_en: str
    field: str
    level: int
    nd42_label: str
    agency: str
    time_limit: Mapping[str, Any]
    fee: Mapping[str, Any]
    components: tuple[Component, ...]
    sections: tuple[Section, ...]
    synonyms: tuple[str, ...] = ()
    example: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Procedure:
        data = normalize_tree(data)
        return cls(
            code=data["code"],
            provincial_code=data.get("provincial_code", data["code"]),
            schema_version=int(data.get("schema_version", 1)),
            name=data["name"]["vi"],
            name_en=data["name"].get("en", data["name"]["vi"]),
            field=data["field"],
            level=int(data["level"]),
            nd42_label=data.get("nd42_label", "mot_phan"),
            agency=data.get("agency", ""),
            time_limit=data.get("time_limit", {}),
            fee=data.get("fee", {}),
            components=tuple(
                Component(c["id"], c["name"], bool(c["required"]), c.get("copy", "original"),
                          bool(c.get("scan_ok", True)))
                for c in data.get("components", ())
            ),
            sections=tuple(
                Section(s["id"], s["title"], tuple(FieldSpec.from_json(f) for f in s["fields"]))
                for s in data.get("sections", ())
            ),
            synonyms=tuple(data.get("synonyms", ())),
            example=data.get("example", {}),
            raw=data,
        )

    @property
    def field_specs(self) -> tuple[FieldSpec, ...]:
        return tuple(f for s in self.sections for f in s.fields)

    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def to_json(self) -> dict[str, Any]:
        """The procedure as ``dvc catalog show --json`` and the portal print it."""
        out = {k: v for k, v in self.raw.items() if k != "example"}
        out["components"] = [
            {"id": c.id, "name": c.name, "required": c.required, "copy": c.copy, "scan_ok": c.scan_ok}
            for c in self.components
        ]
        return out

    def summary(self) -> dict[str, Any]:
        return {"code": self.code, "provincial_code": self.provincial_code, "name": self.name,
                "name_en": self.name_en, "level": self.level, "field": self.field,
                "nd42_label": self.nd42_label}


def fold(text: str) -> str:
    """Fold for matching: NFC→NFD, strip combining marks, đ→d, lower case, i/y folded."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return text.replace("y", "i")


class Catalog:
    """The loaded procedures, searchable, with a version (ETag) computed from their content."""

    def __init__(self, procedures: Iterable[Procedure]):
        self._procedures = {p.code: p for p in procedures}
        payload = json.dumps([p.raw for p in self], sort_keys=True, ensure_ascii=False)
        self.etag = hashlib.sha256(payload.encode()).hexdigest()[:16]
        self._index = [
            (p, fold(p.name), fold(p.code), [fold(s) for s in p.synonyms]) for p in self
        ]

    def __iter__(self):
        return iter(sorted(self._procedures.values(), key=lambda p: p.code))

    def __len__(self) -> int:
        return len(self._procedures)

    def get(self, code: str) -> Procedure | None:
        return self._procedures.get(code) or next(
            (p for p in self._procedures.values() if p.provincial_code == code), None
        )

    def search(
        self, query: str, *, level: int | None = None, field_name: str | None = None, limit: int = 50
    ) -> list[Procedure]:
        """Case-, accent- and form-insensitive search: name matches before code before synonym."""
        words = fold(query).split()
        scored: list[tuple[int, str, Procedure]] = []
        for proc, name, code, synonyms in self._index:
            if level is not None and proc.level != level:
                continue
            if field_name is not None and fold(proc.field) != fold(field_name):
                continue
            if not words:
                rank = 0
            elif all(w in name for w in words):
                rank = 0 if name.startswith(words[0]) else 1
            elif all(w in code for w in words):
                rank = 2
            elif any(all(w in s for w in words) for s in synonyms):
                rank = 3
            else:
                continue
            scored.append((rank, proc.name, proc))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [p for _, _, p in scored[:limit]]


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load every ``*.json`` procedure file from a folder (default: the shipped catalog)."""
    if directory is None:
        root = resources.files("resources") / "catalog"
        files = [f for f in root.iterdir() if f.name.endswith(".json")]
    else:
        files = sorted(Path(directory).glob("*.json"))
    return Catalog(Procedure.from_json(json.loads(f.read_text(encoding="utf-8"))) for f in files)


_default: Catalog | None = None


def default_catalog() -> Catalog:
    global _default
    if _default is None:
        _default = load_catalog()
    return _default
