"""Schema-driven validation of one answer: the field kinds a declaration form is made of."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dvc_core.rules.identity import check_id_number, check_phone
from dvc_core.rules.messages import FieldError
from dvc_core.rules.text import nfc, normalize_tree, parse_date, text_problem
from dvc_core.vntime import vn_today

_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")


FIELD_KINDS = frozenset({
    "text", "person_name", "date", "year", "id_number", "phone", "email", "choice", "yes_no",
    "number", "address", "group",
})


@dataclass(frozen=True)
class FieldSpec:
    """One field of a declaration form, as the catalog describes it."""

    id: str
    label: str
    kind: str = "text"  # one of FIELD_KINDS
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    min: int | None = None
    max: int | None = None
    max_length: int = 200
    default: Any = None
    when: Mapping[str, Any] | None = None  # shown and checked only when other fields hold values
    state_held: bool = False  # the state already holds this (prefilled from identity data)
    help: str = ""
    in_words: bool = False  # a date the Tờ khai also writes in words
    min_age: int | None = None  # a birth date: the person must be at least this old
    items: tuple[FieldSpec, ...] = ()  # a repeatable group: the fields of one entry
    min_items: int = 0
    max_items: int = 20
    item_label: str = ""  # "Giấy tờ" → "Giấy tờ 1", "Giấy tờ 2"
    after: str | None = None  # a date that must be later than this other field's date or year
    # A choice that says who the applicant is: {"me": "mother"} — when "me" is chosen, the
    # applicant is the person of section "mother", whose page is filled from the applicant's.
    applicant_is: Mapping[str, str] | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldSpec:
        return cls(
            id=data["id"],
            label=data["label"],
            kind=data.get("kind", "text"),
            required=bool(data.get("required", False)),
            choices=tuple((c["value"], c["label"]) for c in data.get("choices", ())),
            min=data.get("min"),
            max=data.get("max"),
            max_length=int(data.get("max_length", 200)),
            default=data.get("default"),
            when=data.get("when"),
            state_held=bool(data.get("state_held", False)),
            help=data.get("help", ""),
            in_words=bool(data.get("in_words", False)),
            min_age=data.get("min_age"),
            items=tuple(cls.from_json(item) for item in data.get("items", ())),
            min_items=int(data.get("min_items", 1 if data.get("required") else 0)),
            max_items=int(data.get("max_items", 20)),
            item_label=data.get("item_label", ""),
            after=data.get("after"),
            applicant_is=data.get("applicant_is"),
        )

    def active(self, values: Mapping[str, Any]) -> bool:
        """Whether the field applies, given the other answers (e.g. father's details when known)."""
        if not self.when:
            return True
        return all(values.get(k) == v for k, v in self.when.items())


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not nfc(value))


def check_value(spec: FieldSpec, value: Any, today: dt.date | None = None) -> tuple[Any, FieldError | None]:
    """Validate and normalise one answer. Blank optional answers come back as None."""
    today = today or vn_today()

    def err(code: str, **params: Any) -> tuple[Any, FieldError]:
        return value, FieldError(spec.id, spec.label, code, params)

    if is_blank(value):
        if not spec.required:
            return None, None
        # A question answered by choosing says "chưa chọn", not "chưa nhập" (same code).
        return None, (err("required", choice=True) if spec.kind in ("yes_no", "choice")
                      else err("required"))[1]

    kind = spec.kind
    if kind == "address":
        return _check_address(spec, value)
    if kind == "group":
        items, errors = check_group_items(spec, value, today)
        return (items, errors[0]) if errors else (items, None)
    if kind == "yes_no":
        if isinstance(value, bool):
            return value, None
        text = nfc(str(value)).lower()
        if text in ("true", "1", "co", "có", "yes"):
            return True, None
        if text in ("false", "0", "khong", "không", "no"):
            return False, None
        return err("choice", choices="có, không")
    if kind in ("number", "year"):
        lo = spec.min if spec.min is not None else (1900 if kind == "year" else 0)
        hi = spec.max if spec.max is not None else (today.year if kind == "year" else 10**9)
        try:
            number = int(nfc(str(value))) if not isinstance(value, bool) else None
        except ValueError:
            number = None
        if number is None or not lo <= number <= hi:
            return err("year_range" if kind == "year" else "number", min=lo, max=hi)
        return number, None

    if not isinstance(value, str):
        value = str(value)
    text = nfc(value)
    refused = text_problem(text)
    if refused:
        return err(refused)
    if len(text) > spec.max_length:
        return err("too_long", max=spec.max_length)

    if kind == "date":
        date = parse_date(text)
        if date is None:
            return err("date_format")
        if date > today:
            return err("date_future")
        if date.year < 1900:
            return err("date_too_old")
        if spec.min_age is not None and _age(date, today) < spec.min_age:
            return err("too_young", years=spec.min_age)
        return date.isoformat(), None
    if kind == "person_name":
        # Ê Đê and Jrai names use an apostrophe, often typed as ’ (U+2019) or ʼ (U+02BC).
        if not _NAME.match(text.replace("\u2019", "'").replace("\u02bc", "'")):
            return err("person_name")
        return text, None
    if kind == "id_number":
        number, code, params = check_id_number(text)
        return (number, None) if code is None else err(code, **params)
    if kind == "phone":
        phone, code, params = check_phone(text)
        return (phone, None) if code is None else err(code, **params)
    if kind == "email":
        if not _EMAIL.match(text):
            return err("email")
        return text, None
    if kind == "choice":
        allowed = [c[0] for c in spec.choices]
        if text not in allowed:
            return err("choice", choices=", ".join(c[1] for c in spec.choices))
        return text, None
    return text, None


def check_fields(
    specs: Iterable[FieldSpec],
    values: Mapping[str, Any],
    today: dt.date | None,
    errors: list[FieldError],
    *,
    prefix: str = "",
    strict: bool = False,
) -> dict[str, Any]:
    """Check each field's answer; returns the normalised answers and appends every error.

    Args:
        specs: the fields, with ids that start with ``prefix``.
        values: the answers, keyed by field id without ``prefix``.
        today: the date "the future" starts after.
        errors: where the errors go.
        prefix: ``applicant.`` for the applicant's fields, else empty.
        strict: also refuse keys no field knows.
    """
    specs = list(specs)
    known = {s.id.removeprefix(prefix) for s in specs}
    out: dict[str, Any] = {}
    for spec in specs:
        key = spec.id.removeprefix(prefix)
        # Conditions read the answers already normalised (so "true" and True agree).
        if not spec.active({**values, **out}):
            continue
        if spec.kind == "group" and not is_blank(values.get(key)):
            items, item_errors = check_group_items(spec, values.get(key), today)
            errors += item_errors
            if not item_errors:
                out[key] = items
            continue
        value, error = check_value(spec, values.get(key), today)
        if error:
            errors.append(error)
        elif value is not None:
            out[key] = value
    if strict:
        for key in values:
            if key not in known:
                errors.append(FieldError(prefix + key, prefix + key, "unknown_field"))
    return out


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_address(spec: FieldSpec, value: Any) -> tuple[Any, FieldError | None]:
    """``{"province": "38", "commune": "15772", "detail": "Thôn Đông"}`` → the same with ``text``.

    Each part missing or wrong has its own message (province, commune — not chosen, unknown,
    or typed but not picked among several — detail). ``commune_name`` may stand for the code
    when it names exactly one commune of the province.

    The names and the one-line ``text`` are recomputed from the codes, so whatever a client
    sends beside the codes never disagrees with them.
    """
    def err(code: str, **params: Any) -> tuple[Any, FieldError]:
        return value, FieldError(spec.id, spec.label, code, params)

    if not isinstance(value, Mapping):
        return err("address")
    province_code = nfc(str(value.get("province") or ""))
    commune_code = nfc(str(value.get("commune") or ""))
    detail = nfc(str(value.get("detail") or ""))
    if not province_code:
        return err("address_province_missing")
    from dvc_core import divisions  # its data file is read on the first address checked

    province = divisions.province(province_code)
    if province is None:
        return err("address_province", province=province_code)
    if not commune_code:
        # A name instead of the code (as typed in a picker left unchosen, or by a script):
        # taken when it names exactly one commune, else the message says what is wrong.
        typed = nfc(str(value.get("commune_name") or ""))
        named = divisions.commune_by_name(province.code, typed) if typed else None
        if named is None:
            if not typed:
                return err("address_commune_missing", province=province.full_name)
            shown = typed if len(typed) <= 60 else typed[:59] + "…"
            count = len(divisions.find_communes(province.code, typed))
            if count:
                return err("address_commune_unchosen", province=province.full_name,
                           typed=shown, count=count)
            return err("address_commune_unknown", province=province.full_name, typed=shown)
        commune_code = named.code
    if province.commune(commune_code) is None:
        return err("address_commune", province=province.full_name)
    refused = text_problem(detail)
    if refused:
        return err(refused)
    if len(detail) > spec.max_length:
        return err("too_long", max=spec.max_length)
    if not detail:
        return err("address_detail")
    return {"province": province.code, "commune": commune_code, "detail": detail,
            "text": divisions.format_address(province.code, commune_code, detail)}, None


def check_group_items(
    spec: FieldSpec, value: Any, today: dt.date | None = None
) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Check every entry of a repeatable group; errors name the entry (``documents[2].pages``)."""
    today = today or vn_today()
    if not isinstance(value, list | tuple):
        return [], [FieldError(spec.id, spec.label, "group_items")]
    errors: list[FieldError] = []
    if not spec.min_items <= len(value) <= spec.max_items:
        errors.append(FieldError(spec.id, spec.label, "group_count",
                                 {"min": spec.min_items, "max": spec.max_items}))
    items: list[dict[str, Any]] = []
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, Mapping):
            errors.append(FieldError(f"{spec.id}[{number}]", f"{spec.item_label or spec.label} "
                                     f"{number}", "not_object"))
            continue
        entry = normalize_tree(dict(entry))
        clean: dict[str, Any] = {}
        for sub in spec.items:
            if not sub.active({**entry, **clean}):
                continue
            labelled = FieldSpec(
                f"{spec.id}[{number}].{sub.id}",
                f"{sub.label} ({(spec.item_label or spec.label).lower()} {number})", sub.kind,
                sub.required, sub.choices, sub.min, sub.max, sub.max_length, sub.default)
            checked, error = check_value(labelled, entry.get(sub.id), today)
            if error:
                errors.append(error)
            elif checked is not None:
                clean[sub.id] = checked
        for key in entry:
            if key not in {sub.id for sub in spec.items}:
                errors.append(FieldError(f"{spec.id}[{number}].{key}", key, "unknown_field"))
        items.append(clean)
    return items, errors



# The person who files the dossier (người yêu cầu / người nộp hồ sơ). Same for every procedure.
APPLICANT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("applicant.full_name", "Họ, chữ đệm, tên người yêu cầu", "person_name", True,
              max_length=100, state_held=True),
    FieldSpec("applicant.id_number", "Số CCCD/định danh cá nhân của người yêu cầu", "id_number",
              True, state_held=True),
    FieldSpec("applicant.birth_date", "Ngày sinh của người yêu cầu", "date", True, state_held=True),
    FieldSpec("applicant.sex", "Giới tính của người yêu cầu", "choice", True,
              choices=(("nam", "Nam"), ("nu", "Nữ")), state_held=True),
    FieldSpec("applicant.address", "Nơi cư trú của người yêu cầu", "text", True, max_length=300,
              state_held=True),
    FieldSpec("applicant.phone", "Số điện thoại của người yêu cầu", "phone", True),
    FieldSpec("applicant.email", "Thư điện tử của người yêu cầu", "email", False),
)  # fmt: skip
