"""The procedure catalog: data files under ``resources/catalog``, loaded into typed objects.

The same module serves the app (wizard, ``dvc catalog``) and the portal (``GET /procedures``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dvc_core.rules import FIELD_KINDS, FieldSpec, check_value, normalize_tree, validate_dossier


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
    words = sorted(set(_tokens(fold(query))), key=len, reverse=True)
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\s,;:()/\-–]+", folded):
        for word in words:
            if m.group().startswith(word):
                spans.append((m.start(), m.start() + len(word)))
                break
    return spans


def matches_all(query: str, text: str) -> bool:
    """Whether every word of the query starts a word of ``text`` (the search's own rule)."""
    tokens = _tokens(fold(text))
    return all(any(t.startswith(w) for t in tokens) for w in _tokens(fold(query)))


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
        self._field_keys = [fold(p.field) for p in self._ordered]
        self._agency_keys = [fold(p.agency) for p in self._ordered]
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
        words = _tokens(fold(query))
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


# ------------------------------------------------------------------------------------------
# Checking a catalog file (``dvc catalog check``): every problem, each with its JSON path.

FEE_RULES = ("free", "fixed", "per_page", "per_copy")
ND42_LABELS = ("toan_trinh", "mot_phan")
DELIVERY = ("counter", "post", "online")
COPY_KINDS = ("original", "copy", "certified")
_TOP_KEYS = frozenset({
    "code", "provincial_code", "schema_version", "min_schema_version", "name", "field", "level",
    "nd42_label", "level_note", "agency", "time_limit", "fee", "personal_presence",
    "personal_presence_note", "paperless_only", "paperless_only_unconfirmed", "paperless_only_note",
    "result_delivery", "synonyms", "components", "sections", "example",
})
_FIELD_KEYS = frozenset({
    "id", "label", "kind", "required", "choices", "min", "max", "max_length", "default", "when",
    "state_held", "help", "in_words", "min_age", "items", "min_items", "max_items", "item_label",
    "after",
})
_SLUG = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


@dataclass(frozen=True)
class CatalogProblem:
    """One problem in a catalog file: where (a JSON path such as ``$.sections[1].fields[0]``)
    and what, in Vietnamese."""

    path: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


class _Checker:
    def __init__(self) -> None:
        self.problems: list[CatalogProblem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(CatalogProblem(path, message))

    def typed(self, data: Mapping[str, Any], key: str, path: str, kind: type | tuple[type, ...],
              *, required: bool = True, what: str = "") -> Any:
        if key not in data:
            if required:
                self.add(f"{path}.{key}", f"thiếu khóa bắt buộc “{key}”{what}")
            return None
        value = data[key]
        bad_bool = isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))
        if not isinstance(value, kind) or bad_bool:
            names = "/".join(t.__name__ for t in (kind if isinstance(kind, tuple) else (kind,)))
            self.add(f"{path}.{key}", f"phải có kiểu {_TYPE_VI.get(names, names)}, "
                                      f"đang là {type(value).__name__}")
            return None
        if isinstance(value, str) and not value.strip():
            self.add(f"{path}.{key}", "không được để trống")
            return None
        return value

    def int_range(self, data: Mapping[str, Any], key: str, path: str, lo: int, hi: int,
                  required: bool = True) -> int | None:
        value = self.typed(data, key, path, int, required=required)
        if value is not None and not lo <= value <= hi:
            self.add(f"{path}.{key}", f"phải từ {lo} đến {hi}, đang là {value}")
            return None
        return value


_TYPE_VI = {"str": "chuỗi", "int": "số nguyên", "bool": "true/false", "dict": "đối tượng",
            "list": "danh sách", "list/tuple": "danh sách"}


def check_procedure_data(data: Any, *, today: Any = None,
                         require_example: bool = True) -> list[CatalogProblem]:
    """Every problem in one procedure document (the content of one catalog file).

    ``require_example=False`` for a procedure as the portal serves it (without its example).
    """
    c = _Checker()
    if not isinstance(data, Mapping):
        c.add("$", "tệp phải chứa một đối tượng JSON mô tả một thủ tục")
        return c.problems
    for key in data:
        if key not in _TOP_KEYS:
            c.add(f"$.{key}", f"khóa không được biết “{key}” (viết sai tên khóa?)")
    code = c.typed(data, "code", "$", str)
    if code is not None and not re.fullmatch(r"\d\.\d{6}", code):
        c.add("$.code", f"mã thủ tục quốc gia dạng 1.001193, đang là “{code}”")
    provincial = c.typed(data, "provincial_code", "$", str)
    if code and provincial and not provincial.startswith(code + "."):
        c.add("$.provincial_code", f"mã cấp tỉnh phải bắt đầu bằng mã quốc gia “{code}.”")
    version = c.int_range(data, "schema_version", "$", 1, 10_000)
    minimum = c.int_range(data, "min_schema_version", "$", 1, 10_000, required=False)
    if version and minimum and minimum > version:
        c.add("$.min_schema_version", "không được lớn hơn schema_version")
    name = c.typed(data, "name", "$", dict)
    if name is not None:
        c.typed(name, "vi", "$.name", str)
        c.typed(name, "en", "$.name", str)
    c.typed(data, "field", "$", str)
    c.typed(data, "agency", "$", str)
    level = c.typed(data, "level", "$", int)
    if level is not None and level not in (3, 4):
        c.add("$.level", f"mức độ phải là 3 hoặc 4, đang là {level}")
    label = c.typed(data, "nd42_label", "$", str)
    if label is not None and label not in ND42_LABELS:
        c.add("$.nd42_label", f"phải là một trong {', '.join(ND42_LABELS)}")
    for key in ("personal_presence", "paperless_only"):
        c.typed(data, key, "$", bool)
    c.typed(data, "paperless_only_unconfirmed", "$", bool, required=False)
    _check_time_limit(c, data)
    delivery = c.typed(data, "result_delivery", "$", list)
    if delivery is not None:
        if not delivery:
            c.add("$.result_delivery", "cần ít nhất một cách nhận kết quả")
        for i, d in enumerate(delivery):
            if d not in DELIVERY:
                c.add(f"$.result_delivery[{i}]", f"phải là một trong {', '.join(DELIVERY)}")
    synonyms = c.typed(data, "synonyms", "$", list, required=False)
    for i, syn in enumerate(synonyms or ()):
        if not isinstance(syn, str) or not syn.strip():
            c.add(f"$.synonyms[{i}]", "phải là một chuỗi không rỗng")
    _check_components(c, data)
    specs = _check_sections(c, data)
    _check_fee(c, data, specs)
    if specs is not None and (require_example or "example" in data):
        _check_example(c, data, specs, today)
    return c.problems


def _check_time_limit(c: _Checker, data: Mapping[str, Any]) -> None:
    tl = c.typed(data, "time_limit", "$", dict)
    if tl is None:
        return
    days = c.int_range(tl, "working_days", "$.time_limit", 0, 365)
    same_day = c.typed(tl, "same_day", "$.time_limit", bool)
    c.int_range(tl, "extended_working_days", "$.time_limit", 0, 365, required=False)
    c.typed(tl, "text", "$.time_limit", str)
    if same_day:
        if days:
            c.add("$.time_limit.working_days", "thủ tục trong ngày phải có working_days = 0")
        cutoff = c.typed(tl, "same_day_cutoff", "$.time_limit", str)
        if cutoff is not None and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", cutoff):
            c.add("$.time_limit.same_day_cutoff", "giờ dạng HH:MM, ví dụ 15:00")
    elif same_day is False and days == 0:
        c.add("$.time_limit.working_days", "cần số ngày làm việc (> 0) khi không trả trong ngày")


def _check_fee(c: _Checker, data: Mapping[str, Any], specs: dict[str, FieldSpec] | None) -> None:
    fee = c.typed(data, "fee", "$", dict)
    if fee is None:
        return
    rule = c.typed(fee, "rule", "$.fee", str)
    if rule is not None and rule not in FEE_RULES:
        c.add("$.fee.rule", f"phải là một trong {', '.join(FEE_RULES)}")
    c.typed(fee, "legal_basis", "$.fee", str)
    c.typed(fee, "unconfirmed", "$.fee", bool)
    c.typed(fee, "note", "$.fee", str, what=" (ghi chú: tỉnh có thể sửa mức phí)")
    if rule in ("fixed", "per_copy"):
        c.int_range(fee, "amount_vnd", "$.fee", 0, 100_000_000)
    elif rule == "free":
        amount = c.int_range(fee, "amount_vnd", "$.fee", 0, 0, required=False)
        del amount
    elif rule == "per_page":
        for key in ("first_pages", "first_page_vnd", "later_page_vnd", "cap_per_copy_vnd"):
            c.int_range(fee, key, "$.fee", 0, 100_000_000)
        group = c.typed(fee, "group_field", "$.fee", str)
        if group and specs is not None and (group not in specs or specs[group].kind != "group"):
            c.add("$.fee.group_field", f"“{group}” không phải một nhóm lặp lại của tờ khai")
    copies = c.typed(fee, "copies_field", "$.fee", str, required=False)
    if copies and specs is not None and copies not in specs:
        c.add("$.fee.copies_field", f"tờ khai không có trường “{copies}”")


def _check_components(c: _Checker, data: Mapping[str, Any]) -> None:
    components = c.typed(data, "components", "$", list)
    if components is None:
        return
    if not components:
        c.add("$.components", "cần ít nhất một thành phần hồ sơ")
    seen: set[str] = set()
    for i, comp in enumerate(components):
        path = f"$.components[{i}]"
        if not isinstance(comp, Mapping):
            c.add(path, "phải là một đối tượng")
            continue
        cid = c.typed(comp, "id", path, str)
        if cid is not None:
            if not _SLUG.fullmatch(cid):
                c.add(f"{path}.id", f"mã “{cid}” chỉ gồm chữ thường không dấu, số và _")
            if cid in seen:
                c.add(f"{path}.id", f"mã thành phần “{cid}” bị trùng")
            seen.add(cid)
        c.typed(comp, "name", path, str)
        c.typed(comp, "required", path, bool)
        c.typed(comp, "scan_ok", path, bool)
        c.typed(comp, "present_original", path, bool, required=False)
        copy = c.typed(comp, "copy", path, str)
        if copy is not None and copy not in COPY_KINDS:
            c.add(f"{path}.copy", f"phải là một trong {', '.join(COPY_KINDS)}")


def _check_sections(c: _Checker, data: Mapping[str, Any]) -> dict[str, FieldSpec] | None:
    sections = c.typed(data, "sections", "$", list)
    if sections is None:
        return None
    specs: dict[str, FieldSpec] = {}
    section_ids: set[str] = set()
    pending_refs: list[tuple[str, str, str]] = []  # (path, referenced id, what)
    for si, section in enumerate(sections):
        spath = f"$.sections[{si}]"
        if not isinstance(section, Mapping):
            c.add(spath, "phải là một đối tượng")
            continue
        sid = c.typed(section, "id", spath, str)
        if sid is not None:
            if sid in section_ids:
                c.add(f"{spath}.id", f"mã mục “{sid}” bị trùng")
            section_ids.add(sid)
        c.typed(section, "title", spath, str)
        fields = c.typed(section, "fields", spath, list)
        if fields is not None and not fields:
            c.add(f"{spath}.fields", "mục không có trường nào")
        for fi, raw in enumerate(fields or ()):
            spec = _check_field(c, raw, f"{spath}.fields[{fi}]", pending_refs, nested=False)
            if spec is None:
                continue
            if spec.id in specs:
                c.add(f"{spath}.fields[{fi}].id", f"mã trường “{spec.id}” bị trùng")
            specs[spec.id] = spec
    for path, ref, what in pending_refs:
        if ref not in specs:
            c.add(path, f"{what} “{ref}” không có trong tờ khai")
    return specs


def _check_field(c: _Checker, raw: Any, path: str, refs: list[tuple[str, str, str]],
                 nested: bool) -> FieldSpec | None:
    if not isinstance(raw, Mapping):
        c.add(path, "phải là một đối tượng")
        return None
    for key in raw:
        if key not in _FIELD_KEYS:
            c.add(f"{path}.{key}", f"khóa không được biết “{key}”")
    fid = c.typed(raw, "id", path, str)
    label = c.typed(raw, "label", path, str)
    kind = c.typed(raw, "kind", path, str, required=False) or "text"
    ok = fid is not None and label is not None
    if fid is not None and not _SLUG.fullmatch(fid):
        c.add(f"{path}.id", f"mã “{fid}” chỉ gồm chữ thường không dấu, số, _ và dấu chấm")
        ok = False
    if kind not in FIELD_KINDS:
        c.add(f"{path}.kind", f"loại trường “{kind}” không có; dùng một trong "
                              f"{', '.join(sorted(FIELD_KINDS))}")
        ok = False
    if nested and kind in ("group", "address"):
        c.add(f"{path}.kind", "trường trong nhóm lặp lại không được là nhóm hay địa chỉ")
        ok = False
    for key in ("required", "state_held", "in_words"):
        c.typed(raw, key, path, bool, required=False)
    for key in ("min", "max", "max_length", "min_age", "min_items", "max_items"):
        c.typed(raw, key, path, int, required=False)
    if isinstance(raw.get("min"), int) and isinstance(raw.get("max"), int) and raw["min"] > raw["max"]:
        c.add(f"{path}.min", "min lớn hơn max")
    if kind == "choice":
        choices = c.typed(raw, "choices", path, list)
        values = []
        for i, choice in enumerate(choices or ()):
            if not isinstance(choice, Mapping) or not isinstance(choice.get("value"), str) \
                    or not isinstance(choice.get("label"), str):
                c.add(f"{path}.choices[{i}]", "mỗi lựa chọn cần “value” và “label” là chuỗi")
                continue
            values.append(choice["value"])
        if choices is not None and not choices:
            c.add(f"{path}.choices", "cần ít nhất một lựa chọn")
        if len(values) != len(set(values)):
            c.add(f"{path}.choices", "giá trị lựa chọn bị trùng")
    elif "choices" in raw:
        c.add(f"{path}.choices", "chỉ trường loại choice mới có choices")
    if raw.get("in_words") and kind != "date":
        c.add(f"{path}.in_words", "chỉ trường ngày (date) mới ghi bằng chữ")
    items: list[FieldSpec] = []
    if kind == "group":
        raw_items = c.typed(raw, "items", path, list)
        if raw_items is not None and not raw_items:
            c.add(f"{path}.items", "nhóm lặp lại cần ít nhất một trường")
        for i, item in enumerate(raw_items or ()):
            spec = _check_field(c, item, f"{path}.items[{i}]", [], nested=True)
            if spec is not None:
                items.append(spec)
        if len({s.id for s in items}) != len(items):
            c.add(f"{path}.items", "mã trường trong nhóm bị trùng")
    elif "items" in raw:
        c.add(f"{path}.items", "chỉ trường loại group mới có items")
    when = raw.get("when")
    if when is not None:
        if not isinstance(when, Mapping) or not when:
            c.add(f"{path}.when", "điều kiện phải là đối tượng {\"mã trường\": giá trị}")
        else:
            for ref in when:
                refs.append((f"{path}.when.{ref}", ref, "điều kiện nhắc tới trường"))
    after = raw.get("after")
    if after is not None:
        if kind != "date" or not isinstance(after, str):
            c.add(f"{path}.after", "“after” chỉ dùng cho trường ngày và là mã một trường khác")
        else:
            refs.append((f"{path}.after", after, "“after” nhắc tới trường"))
    if not ok:
        return None
    try:
        spec = FieldSpec.from_json(raw)
    except (TypeError, ValueError, KeyError) as exc:
        c.add(path, f"không đọc được trường: {exc}")
        return None
    if "default" in raw and raw["default"] is not None and kind not in ("group", "address"):
        _, error = check_value(spec, raw["default"])
        if error is not None:
            c.add(f"{path}.default", f"giá trị mặc định không hợp lệ: {error.message()}")
    return spec


def _check_example(c: _Checker, data: Mapping[str, Any], specs: dict[str, FieldSpec],
                   today: Any) -> None:
    example = c.typed(data, "example", "$", dict)
    if example is None:
        return
    applicant = c.typed(example, "applicant", "$.example", dict)
    fields = c.typed(example, "fields", "$.example", dict)
    if applicant is None or fields is None:
        return
    checked = validate_dossier(specs.values(), applicant, fields, today=today)
    for error in checked.errors:
        where = (f"$.example.applicant.{error.field.removeprefix('applicant.')}"
                 if error.field.startswith("applicant.") else f"$.example.fields.{error.field}")
        c.add(where, f"ví dụ không hợp lệ: {error.message()}")


def check_catalog_files(paths: Iterable[Path]) -> dict[str, list[CatalogProblem]]:
    """Check each file (and that no two files give the same code); only files with problems
    appear in the answer."""
    out: dict[str, list[CatalogProblem]] = {}
    codes: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            out[str(path)] = [CatalogProblem("$", f"không đọc được tệp: {exc.strerror or exc}")]
            continue
        except UnicodeDecodeError:
            out[str(path)] = [CatalogProblem("$", "tệp phải mã hóa UTF-8")]
            continue
        except ValueError as exc:
            out[str(path)] = [CatalogProblem(
                "$", f"không phải JSON hợp lệ (dòng {getattr(exc, 'lineno', '?')}, "
                     f"cột {getattr(exc, 'colno', '?')}): {getattr(exc, 'msg', exc)}")]
            continue
        problems = check_procedure_data(data)
        code = data.get("code") if isinstance(data, Mapping) else None
        if isinstance(code, str):
            if code in codes:
                problems.append(CatalogProblem("$.code", f"mã “{code}” đã có trong tệp {codes[code]}"))
            codes.setdefault(code, str(path))
        if problems:
            out[str(path)] = problems
    return out


def shipped_catalog_files() -> list[Path]:
    root = resources.files("resources") / "catalog"
    return sorted(Path(str(f)) for f in root.iterdir() if f.name.endswith(".json"))
