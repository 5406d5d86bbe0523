"""The catalog's typed objects: procedures with their components and form sections, and the
loaded catalog (looked up by code, searched, versioned by its content)."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dvc_core.catalog.search import PrefixIndex, SearchResult, TypoIndex, fold, tokens
from dvc_core.rules import FieldSpec, normalize_tree

if TYPE_CHECKING:
    from dvc_core.fees import FeeQuote
    from dvc_core.workdays import WorkingCalendar


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
                  filed_on: dt.date | None = None,
                  calendar: WorkingCalendar | None = None) -> FeeQuote:
        """This dossier's fee (exemptions evaluated on the answers and the filing date, default
        today in Vietnam) — the one computation the wizard, ``dvc``, the receipt and the portal
        share."""
        from dvc_core.fees import quote

        labels = {f.id: f.label for f in self.field_specs}
        return quote(self.fee, fields or {}, filed_on=filed_on, labels=labels, calendar=calendar)

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
        """Every answer the dossier may carry: the declaration's sections, then how the result
        is received (:mod:`dvc_core.delivery`, optional here; the wizard asks it)."""
        return (*self.declaration_specs, *self.delivery_specs())

    @property
    def declaration_specs(self) -> tuple[FieldSpec, ...]:
        """The fields of the declaration (Tờ khai) alone, section by section."""
        return tuple(f for s in self.sections for f in s.fields)

    def delivery_specs(self, *, required: bool = False) -> tuple[FieldSpec, ...]:
        """The question "how is the result received", with the ways this procedure offers."""
        from dvc_core import delivery

        return delivery.specs(self.result_delivery, self.level, required=required)

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
        # For the forgiving search (one typo per word, the closest): names and everyday names
        # in one index, and their words by their one-letter deletions.
        self._by_text = PrefixIndex()
        for position in range(len(self._ordered)):
            self._by_text.add(position, " ".join((self._names[position], *(
                fold(synonym) for synonym in self._ordered[position].synonyms))))
        self._typos = TypoIndex(self._by_text.words)

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
        """Case-, accent- and form-insensitive prefix search, forgiving one typo per word when
        nothing matches exactly (:meth:`lookup`, without its closest-procedure suggestions).

        Ranking: a name that starts with the query, then any name match, then code, then a
        colloquial synonym; ties in alphabetical order of the name.
        """
        found = self.lookup(query, level=level, field_name=field_name, limit=limit,
                            fee_free=fee_free, agency=agency)
        return found.procedures if found.match in ("exact", "typo") else []

    def lookup(
        self, query: str, *, level: int | None = None, field_name: str | None = None,
        limit: int = 50, fee_free: bool | None = None, agency: str | None = None,
        suggestions: int = 5,
    ) -> SearchResult:
        """Search as the procedure page does: exact matches; else the same with a word one typo
        away from a catalog word ("khai snh" → khai sinh; only words of four letters or more,
        never codes); else the procedures sharing the most words, with everyday names to try.

        Everything is precomputed when the catalog loads (prefix postings, the typo index):
        the exact search reads no more than its limit, the forgiving one works on sets.
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

        filtered = not (level is None and field_name is None and fee_free is None
                        and agency is None)
        if not words:
            return SearchResult([p for i, p in enumerate(self._ordered) if keep(i)][:limit])
        phrase = " ".join(words)
        name_hits = self._by_name.match(words)
        # Names are kept in alphabetical order, so those starting with the phrase are one
        # range; each group after it is read in position (alphabetical) order only as far as
        # the limit: a query never sorts or ranks every procedure it matches.
        start = bisect.bisect_left(self._names, phrase)
        end = bisect.bisect_left(self._names, phrase + "\U0010ffff", start)
        first = [p for p in range(start, end) if p in name_hits]

        def groups() -> Iterator[Iterable[int]]:
            yield first
            yield sorted(name_hits.difference(first))
            code_hits = self._by_code.match(words) - name_hits
            yield sorted(code_hits)
            yield sorted(self._by_synonym.match(words) - name_hits - code_hits)

        found: list[Procedure] = []
        for group in groups():
            for position in group:
                if not filtered or keep(position):
                    found.append(self._ordered[position])
                    if len(found) >= limit:
                        return SearchResult(found)
        if found:
            return SearchResult(found)
        return self._forgiving(words, keep if filtered else None, limit, suggestions)

    def _forgiving(self, words: list[str], keep: Any, limit: int,
                   suggestions: int) -> SearchResult:
        """Nothing matched every word exactly: allow one typo per word, else the closest.

        Set operations over the precomputed postings throughout; ``keep`` (the filters) is
        asked only of the candidates left, so a query costs about the same with filters.
        """
        typos, names, texts = self._typos, self._by_name, self._by_text
        empty: set[int] = set()
        terms: set[str] = set(words)
        # For each word, where it is found exactly, and where by each near word: the pieces
        # are the index's own sets, never copied; only ``common`` (small) is built.
        pieces = []
        corrections: dict[str, tuple[str, ...]] = {}
        for word in words:
            near = typos.near(word)
            terms |= near
            if near:
                corrections[word] = tuple(sorted(near))
            pieces.append((texts.sets.get(word, empty),
                           [texts.words.get(t, empty) for t in near], word, near))
        pieces.sort(key=lambda piece: len(piece[0]) + sum(map(len, piece[1])))
        exact, others, *_ = pieces[0]
        common = exact.union(*others)
        for exact, others, *_ in pieces[1:]:
            if not common:
                break
            common = (common & exact).union(*(common & other for other in others))
        if keep is not None:
            common = {p for p in common if keep(p)}
        if common:
            # Every word found (some by a typo) in the name or the everyday names: fewest typos
            # first, then a name before an everyday name, then the alphabet.
            typo_count = Counter(chain.from_iterable(common - exact for exact, *_ in pieces))
            in_names = common
            for _exact, _others, word, near in pieces:
                in_names = (in_names & names.sets.get(word, empty)).union(
                    *(in_names & names.words.get(t, empty) for t in near))
            found = sorted(common, key=lambda p: (typo_count[p], p not in in_names, p))[:limit]
            # Marked: the words typed, and the near words the results shown really hold.
            shown = set(found)
            used = {t for t in terms if t in words or texts.words.get(t, empty) & shown}
            return SearchResult([self._ordered[p] for p in found], "typo", tuple(sorted(used)),
                                corrections=corrections)
        exact_sets = [exact for exact, *_ in pieces]
        all_sets = [exact.union(*others) for exact, others, *_ in pieces]
        # The closest: the most words found as typed, then the most found at all. A word
        # read as another one ("chung" as "chồng") only counts when none was found as typed.
        exact_counts = Counter(chain.from_iterable(exact_sets))
        all_counts = Counter(chain.from_iterable(all_sets))
        closest: list[tuple[int, int]] = []
        for pool in (exact_counts, all_counts):
            closest = [(0, p) for p in heapq.nsmallest(
                suggestions, (p for p in pool if keep is None or keep(p)),
                key=lambda p: (-exact_counts[p], -all_counts[p], p))]
            if closest:
                break
        procedures = [self._ordered[p] for _, p in closest]
        pool = procedures or (p for i, p in enumerate(self._ordered) if keep is None or keep(i))
        examples: dict[str, None] = {}
        for procedure in pool:
            if procedure.synonyms:
                examples.setdefault(procedure.synonyms[0], None)
                if len(examples) >= 6:
                    break
        return SearchResult(procedures, "closest" if procedures else "none",
                            tuple(sorted(terms)), tuple(examples), corrections)


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
