"""The catalog's typed objects: procedures with their components and form sections, and the
loaded catalog (looked up by code, searched, versioned by its content)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dvc_core.catalog.search import PrefixIndex, fold, tokens
from dvc_core.rules import FieldSpec, normalize_tree

if TYPE_CHECKING:
    from dvc_core.fees import FeeQuote


def time_limit_for(time_limit: Mapping[str, Any],
                   fields: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """``time_limit`` with the case for the chosen answer laid over it (see
    :meth:`Procedure.time_limit_for`); the result has no ``by_choice``."""
    base = {k: v for k, v in time_limit.items() if k != "by_choice"}
    by_choice = time_limit.get("by_choice")
    if not isinstance(by_choice, Mapping) or not fields:
        return base
    case = (by_choice.get("cases") or {}).get(fields.get(by_choice.get("field")))
    if not isinstance(case, Mapping):
        return base
    merged = {**base, **case}
    if merged.get("same_day") and "extended_working_days" not in case:
        merged.pop("extended_working_days", None)
    return merged


@dataclass(frozen=True)
class Component:
    """One dossier component (thành phần hồ sơ) a procedure asks for."""

    id: str
    name: str
    required: bool
    copy: str = "original"
    scan_ok: bool = True
    present_original: bool = False  # the original is shown at the counter to be compared


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
    min_schema_version: int = 1  # dossiers filed under an older form are still accepted
    personal_presence: bool = False
    paperless_only: bool = False
    result_delivery: tuple[str, ...] = ("counter",)

    @property
    def fee_free(self) -> bool:
        """No fee at all (a fee waived only in some cases, e.g. on-time registration, is not)."""
        return self.fee.get("rule") == "free" or (
            self.fee.get("rule") == "fixed" and not self.fee.get("amount_vnd"))

    @property
    def removed_components(self) -> tuple[Mapping[str, Any], ...]:
        """Components no longer asked for, each with why (``removed_components`` in the data):
        a file sent for one before the change is still accepted, never required."""
        return tuple(r for r in self.raw.get("removed_components") or () if isinstance(r, Mapping))

    def accepted_components(self) -> tuple[tuple[str, str, bool], ...]:
        """``(id, name, required)`` of every component a dossier may carry files for: the
        current ones, and removed ones as optional (dossiers queued before the change)."""
        return (*((c.id, c.name, c.required) for c in self.components),
                *((str(r.get("id")), str(r.get("name", r.get("id"))), False)
                  for r in self.removed_components))

    def quote_fee(self, fields: Mapping[str, Any] | None = None, *,
                  filed_on: dt.date | None = None) -> FeeQuote:
        """This dossier's fee (exemptions evaluated on the answers and the filing date, default
        today in Vietnam) — the one computation the wizard, ``dvc``, the receipt and the portal
        share."""
        from dvc_core.fees import quote

        labels = {f.id: f.label for f in self.field_specs}
        return quote(self.fee, fields or {}, filed_on=filed_on, labels=labels)

    def time_limit_for(self, fields: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        """The time limit that applies to these answers: ``time_limit.by_choice`` gives one per
        value of a choice (e.g. bổ sung hộ tịch same day, cải chính 3 working days); without an
        answer (or without ``by_choice``) the procedure's own limit."""
        return time_limit_for(self.time_limit, fields)

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
                          bool(c.get("scan_ok", True)), bool(c.get("present_original", False)))
                for c in data.get("components", ())
            ),
            sections=tuple(
                Section(s["id"], s["title"], tuple(FieldSpec.from_json(f) for f in s["fields"]))
                for s in data.get("sections", ())
            ),
            synonyms=tuple(data.get("synonyms", ())),
            example=data.get("example", {}),
            raw=data,
            min_schema_version=int(data.get("min_schema_version", data.get("schema_version", 1))),
            personal_presence=bool(data.get("personal_presence", False)),
            paperless_only=bool(data.get("paperless_only", False)),
            result_delivery=tuple(data.get("result_delivery", ("counter",))),
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
                "nd42_label": self.nd42_label, "agency": self.agency, "fee_free": self.fee_free}


class Catalog:
    """The loaded procedures, searchable, with a version (ETag) computed from their content."""

    def __init__(self, procedures: Iterable[Procedure]):
        self._procedures = {p.code: p for p in procedures}
        self._ordered = sorted(self._procedures.values(), key=lambda p: (fold(p.name), p.code))
        self._names = [fold(p.name) for p in self._ordered]
        self._field_keys = [fold(p.field) for p in self._ordered]
        self._agency_keys = [fold(p.agency) for p in self._ordered]
        self._by_name, self._by_code, self._by_synonym = PrefixIndex(), PrefixIndex(), PrefixIndex()
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

    def fields(self) -> list[str]:
        """The fields (lĩnh vực) in the catalog, for the search filter."""
        return sorted({p.field for p in self._procedures.values()}, key=fold)

    def agencies(self) -> list[str]:
        return sorted({p.agency for p in self._procedures.values() if p.agency}, key=fold)

    def search(
        self, query: str, *, level: int | None = None, field_name: str | None = None,
        limit: int = 50, fee_free: bool | None = None, agency: str | None = None,
    ) -> list[Procedure]:
        """Case-, accent- and form-insensitive prefix search.

        Ranking: a name that starts with the query, then any name match, then code, then a
        colloquial synonym; ties in alphabetical order of the name.
        """
        words = tokens(fold(query))
        wanted_field = fold(field_name) if field_name is not None else None
        wanted_agency = fold(agency) if agency is not None else None

        def keep(position: int) -> bool:
            proc = self._ordered[position]
            return ((level is None or proc.level == level)
                    and (wanted_field is None or self._field_keys[position] == wanted_field)
                    and (fee_free is None or proc.fee_free == fee_free)
                    and (wanted_agency is None or self._agency_keys[position] == wanted_agency))

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
