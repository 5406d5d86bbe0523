"""The procedure catalog: data files under ``resources/catalog``, loaded into typed objects.

The same module serves the app (wizard, ``dvc catalog``) and the portal (``GET /procedures``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
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


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,;:()/\-–]+", text) if t]


class _PrefixIndex:
    """Token-prefix → procedure positions, so a query touches only the procedures it matches."""

    def __init__(self) -> None:
        self.sets: dict[str, set[int]] = {}

    def add(self, position: int, text: str) -> None:
        for token in _tokens(text):
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


class Catalog:
    """The loaded procedures, searchable, with a version (ETag) computed from their content."""

    def __init__(self, procedures: Iterable[Procedure]):
        self._procedures = {p.code: p for p in procedures}
        self._ordered = sorted(self._procedures.values(), key=lambda p: (fold(p.name), p.code))
        self._names = [fold(p.name) for p in self._ordered]
        self._by_name, self._by_code, self._by_synonym = _PrefixIndex(), _PrefixIndex(), _PrefixIndex()
        for position, proc in enumerate(self._ordered):
            self._by_name.add(position, self._names[position])
            self._by_code.add(position, fold(proc.code) + " " + fold(proc.provincial_code))
            for synonym in proc.synonyms:
                self._by_synonym.add(position, fold(synonym))

    def __iter__(self):
        return iter(sorted(self._procedures.values(), key=lambda p: p.code))

    @cached_property
    def etag(self) -> str:
        """A version of the catalog's content (the portal's ETag; a first paint needs none)."""
        import hashlib  # loads OpenSSL: ~10 ms the GUI's start-up does not need

        payload = json.dumps([p.raw for p in self], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def __len__(self) -> int:
        return len(self._procedures)

    def get(self, code: str) -> Procedure | None:
        return self._procedures.get(code) or next(
            (p for p in self._procedures.values() if p.provincial_code == code), None
        )

    def search(
        self, query: str, *, level: int | None = None, field_name: str | None = None, limit: int = 50
    ) -> list[Procedure]:
        """Case-, accent- and form-insensitive prefix search.

        Ranking: a name that starts with the query, then any name match, then code, then a
        colloquial synonym; ties in alphabetical order of the name.
        """
        words = _tokens(fold(query))
        wanted_field = fold(field_name) if field_name is not None else None

        def keep(position: int) -> bool:
            proc = self._ordered[position]
            return (level is None or proc.level == level) and (
                wanted_field is None or fold(proc.field) == wanted_field)

        if not words:
            return [p for i, p in enumerate(self._ordered) if keep(i)][:limit]
        phrase = " ".join(words)
        name_hits = self._by_name.match(words)
        ranked: dict[int, int] = {}
        for position in name_hits:
            ranked[position] = 0 if self._names[position].startswith(phrase) else 1
        for position in self._by_code.match(words):
            ranked.setdefault(position, 2)
        for position in self._by_synonym.match(words):
            ranked.setdefault(position, 3)
        hits = sorted((rank, position) for position, rank in ranked.items() if keep(position))
        return [self._ordered[position] for _, position in hits[:limit]]


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
