"""Checking a catalog file (``dvc catalog check``): every problem, each with its JSON path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dvc_core.fees import CONDITION_KINDS, FILED_ON
from dvc_core.rules import FIELD_KINDS, FieldSpec, check_value, validate_dossier

FEE_RULES = ("free", "fixed", "per_page", "per_copy")
ND42_LABELS = ("toan_trinh", "mot_phan")
DELIVERY = ("counter", "post", "online")
COPY_KINDS = ("original", "copy", "certified")
_TOP_KEYS = frozenset({
    "code", "provincial_code", "schema_version", "min_schema_version", "name", "field", "level",
    "nd42_label", "level_note", "agency", "time_limit", "fee", "personal_presence",
    "personal_presence_note", "paperless_only", "paperless_only_unconfirmed", "paperless_only_note",
    "result_delivery", "synonyms", "components", "removed_components", "sections", "example",
    "form_check",
})
_FIELD_KEYS = frozenset({
    "id", "label", "kind", "required", "choices", "min", "max", "max_length", "default", "when",
    "state_held", "help", "in_words", "min_age", "items", "min_items", "max_items", "item_label",
    "after", "applicant_is",
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


def check_procedure_data(data: Any, *, today: Any = None, require_example: bool = True,
                         unknown_keys: bool = False) -> list[CatalogProblem]:
    """Every problem in one procedure document (the content of one catalog file).

    ``require_example=False`` for a procedure as the portal serves it (without its example);
    ``unknown_keys=True`` lets top-level keys this version does not know pass (a newer portal's
    additions), everything it knows is still checked.
    """
    c = _Checker()
    if not isinstance(data, Mapping):
        c.add("$", "tệp phải chứa một đối tượng JSON mô tả một thủ tục")
        return c.problems
    for key in data:
        if key not in _TOP_KEYS and not unknown_keys:
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
    _check_old_unit_names(c, data, "$")
    _check_components(c, data)
    specs = _check_sections(c, data)
    _check_fee(c, data, specs)
    _check_form_check(c, data, specs)
    if specs is not None and (require_example or "example" in data):
        _check_example(c, data, specs, today)
    return c.problems


#: Names of the one-stop unit before 1/7/2025; since then it is the commune's "Trung tâm Phục vụ
#: hành chính công" (Nghị định 118/2025/NĐ-CP, Điều 7 khoản 3).
_OLD_UNIT_NAMES = ("bộ phận tiếp nhận và trả kết quả", "bộ phận một cửa")


def _check_old_unit_names(c: _Checker, value: Any, path: str) -> None:
    if isinstance(value, str):
        lowered = value.lower()
        for old in _OLD_UNIT_NAMES:
            if old in lowered:
                c.add(path, f"“{old}” là tên cũ: từ 1/7/2025 là “Trung tâm Phục vụ hành chính "
                            "công” của xã, phường (Nghị định 118/2025/NĐ-CP, Điều 7 khoản 3)")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _check_old_unit_names(c, item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_old_unit_names(c, item, f"{path}[{i}]")


def _check_time_limit(c: _Checker, data: Mapping[str, Any]) -> None:
    tl = c.typed(data, "time_limit", "$", dict)
    if tl is None:
        return
    _check_limit(c, tl, "$.time_limit")
    by_choice = c.typed(tl, "by_choice", "$.time_limit", dict, required=False)
    if by_choice is None:
        return
    path = "$.time_limit.by_choice"
    for key in by_choice:
        if key not in ("field", "cases"):
            c.add(f"{path}.{key}", f"khóa không được biết “{key}” (dùng field, cases)")
    field_id = c.typed(by_choice, "field", path, str)
    cases = c.typed(by_choice, "cases", path, dict)
    choices: list[str] | None = None
    if field_id:
        spec = _field_raw(data, field_id)
        if spec is None:
            c.add(f"{path}.field", f"tờ khai không có trường “{field_id}”")
        elif spec.get("kind") != "choice":
            c.add(f"{path}.field", f"trường “{field_id}” phải là trường lựa chọn (kind “choice”)")
        else:
            choices = [ch.get("value") for ch in spec.get("choices") or () if isinstance(ch, Mapping)]
    if cases is not None and not cases:
        c.add(f"{path}.cases", "cần ít nhất một lựa chọn có thời hạn riêng")
    for value, case in (cases or {}).items():
        here = f"{path}.cases.{value}"
        if choices is not None and value not in choices:
            c.add(here, f"“{value}” không phải một lựa chọn của trường “{field_id}” "
                        f"({', '.join(str(v) for v in choices)})")
        if not isinstance(case, Mapping):
            c.add(here, "phải là một đối tượng thời hạn (working_days, same_day, text)")
            continue
        _check_limit(c, case, here)
    if choices is not None and cases:
        missing = [v for v in choices if v not in cases]
        if missing:
            c.add(f"{path}.cases", "thiếu thời hạn cho lựa chọn " + ", ".join(f"“{v}”" for v in missing))


_LIMIT_KEYS = frozenset({"working_days", "same_day", "same_day_cutoff", "extended_working_days",
                         "text", "legal_basis", "note", "by_choice"})


def _field_raw(data: Mapping[str, Any], field_id: str) -> Mapping[str, Any] | None:
    for section in data.get("sections") or ():
        if isinstance(section, Mapping):
            for raw in section.get("fields") or ():
                if isinstance(raw, Mapping) and raw.get("id") == field_id:
                    return raw
    return None


def _check_limit(c: _Checker, tl: Mapping[str, Any], path: str) -> None:
    for key in tl:
        if key not in _LIMIT_KEYS or (key == "by_choice" and path != "$.time_limit"):
            c.add(f"{path}.{key}", f"khóa không được biết “{key}”")
    days = c.int_range(tl, "working_days", path, 0, 365)
    same_day = c.typed(tl, "same_day", path, bool)
    c.int_range(tl, "extended_working_days", path, 0, 365, required=False)
    c.typed(tl, "text", path, str)
    c.typed(tl, "legal_basis", path, str, required=False)
    c.typed(tl, "note", path, str, required=False)
    if same_day:
        if days:
            c.add(f"{path}.working_days", "thủ tục trong ngày phải có working_days = 0")
        cutoff = c.typed(tl, "same_day_cutoff", path, str)
        if cutoff is not None and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", cutoff):
            c.add(f"{path}.same_day_cutoff", "giờ dạng HH:MM, ví dụ 15:00")
    elif same_day is False and days == 0:
        c.add(f"{path}.working_days", "cần số ngày làm việc (> 0) khi không trả trong ngày")


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
    for key in ("label", "free_when", "text", "per", "conflict"):
        c.typed(fee, key, "$.fee", str, required=False)
    extra = c.typed(fee, "copies", "$.fee", dict, required=False)
    if extra is not None:
        _check_copies(c, extra, specs)
    exemptions = c.typed(fee, "exemptions", "$.fee", list, required=False)
    if exemptions is not None and rule != "fixed":
        c.add("$.fee.exemptions", "chỉ lệ phí cố định (rule “fixed”) mới có trường hợp miễn")
    seen: set[str] = set()
    for i, exemption in enumerate(exemptions or ()):
        path = f"$.fee.exemptions[{i}]"
        if not isinstance(exemption, Mapping):
            c.add(path, "mỗi trường hợp miễn phải là một đối tượng")
            continue
        for key in exemption:
            if key not in _EXEMPTION_KEYS:
                c.add(f"{path}.{key}", f"khóa không được biết “{key}” (dùng "
                                       f"{', '.join(sorted(_EXEMPTION_KEYS))})")
        eid = c.typed(exemption, "id", path, str)
        if eid is not None:
            if not _SLUG.fullmatch(eid):
                c.add(f"{path}.id", f"mã “{eid}” chỉ gồm chữ thường không dấu, số và _")
            if eid in seen:
                c.add(f"{path}.id", f"mã trường hợp miễn “{eid}” bị trùng")
            seen.add(eid)
        c.typed(exemption, "label", path, str)
        c.typed(exemption, "reason", path, str)
        c.typed(exemption, "legal_basis", path, str)
        c.typed(exemption, "note", path, str, required=False)
        if "when" not in exemption:
            c.add(f"{path}.when", "thiếu khóa bắt buộc “when” (điều kiện được miễn)")
        else:
            _check_condition(c, exemption["when"], f"{path}.when", specs)


_EXEMPTION_KEYS = frozenset({"id", "label", "reason", "legal_basis", "note", "when"})
_COPIES_KEYS = frozenset({"field", "label", "amount_vnd", "legal_basis", "unconfirmed", "conflict",
                          "note"})


def _check_copies(c: _Checker, extra: Mapping[str, Any], specs: dict[str, FieldSpec] | None) -> None:
    path = "$.fee.copies"
    for key in extra:
        if key not in _COPIES_KEYS:
            c.add(f"{path}.{key}", f"khóa không được biết “{key}”")
    field_id = c.typed(extra, "field", path, str)
    if field_id and specs is not None:
        if field_id not in specs:
            c.add(f"{path}.field", f"tờ khai không có trường “{field_id}”")
        elif specs[field_id].kind != "number":
            c.add(f"{path}.field", f"trường “{field_id}” phải là số (kind “number”)")
    c.int_range(extra, "amount_vnd", path, 0, 100_000_000)
    for key in ("label", "legal_basis"):
        c.typed(extra, key, path, str)
    c.typed(extra, "unconfirmed", path, bool)
    for key in ("conflict", "note"):
        c.typed(extra, key, path, str, required=False)


def _check_condition(c: _Checker, cond: Any, path: str, specs: dict[str, FieldSpec] | None,
                     depth: int = 0) -> None:
    """One exemption condition (see :mod:`dvc_core.fees`)."""
    kinds = ", ".join(CONDITION_KINDS)
    if not isinstance(cond, Mapping) or len(cond) != 1:
        c.add(path, f"điều kiện phải là một đối tượng có đúng một khóa: {kinds}")
        return
    (kind, spec), = cond.items()
    if kind not in CONDITION_KINDS:
        c.add(f"{path}.{kind}", f"loại điều kiện “{kind}” không có; dùng một trong {kinds}")
        return
    if depth > 4:
        c.add(path, "điều kiện lồng nhau quá sâu (tối đa 4 mức)")
        return
    here = f"{path}.{kind}"
    if kind in ("all", "any"):
        if not isinstance(spec, list) or not spec:
            c.add(here, "cần một danh sách điều kiện không rỗng")
            return
        for i, part in enumerate(spec):
            _check_condition(c, part, f"{here}[{i}]", specs, depth + 1)
        return
    if not isinstance(spec, Mapping):
        c.add(here, "phải là một đối tượng")
        return
    if kind == "field_equals":
        for key in spec:
            if key not in ("field", "value"):
                c.add(f"{here}.{key}", f"khóa không được biết “{key}” (dùng field, value)")
        field_id = c.typed(spec, "field", here, str)
        if "value" not in spec:
            c.add(f"{here}.value", "thiếu khóa bắt buộc “value”")
        if field_id and specs is not None and field_id not in specs:
            c.add(f"{here}.field", f"tờ khai không có trường “{field_id}”")
        return
    for key in spec:
        if key not in ("from_field", "to", "min", "max", "last_day_off_extends"):
            c.add(f"{here}.{key}", f"khóa không được biết “{key}” (dùng from_field, to, min, max, "
                                   "last_day_off_extends)")
    c.typed(spec, "last_day_off_extends", here, bool, required=False)
    start = c.typed(spec, "from_field", here, str)
    end = c.typed(spec, "to", here, str)
    low = c.int_range(spec, "min", here, 0, 36_500, required=False)
    high = c.int_range(spec, "max", here, 0, 36_500)
    if low is not None and high is not None and low > high:
        c.add(f"{here}.min", f"min ({low}) lớn hơn max ({high})")
    for key, ref in (("from_field", start), ("to", end)):
        if not ref or (key == "to" and ref == FILED_ON) or specs is None:
            continue
        if ref not in specs:
            extra = " (hoặc “filed_on”: ngày nộp hồ sơ)" if key == "to" else ""
            c.add(f"{here}.{key}", f"tờ khai không có trường ngày “{ref}”{extra}")
        elif specs[ref].kind != "date":
            c.add(f"{here}.{key}", f"trường “{ref}” phải là trường ngày (kind “date”), "
                                   f"đang là “{specs[ref].kind}”")


def _check_removed_components(c: _Checker, data: Mapping[str, Any], current: set[str]) -> None:
    removed = c.typed(data, "removed_components", "$", list, required=False)
    for i, comp in enumerate(removed or ()):
        path = f"$.removed_components[{i}]"
        if not isinstance(comp, Mapping):
            c.add(path, "phải là một đối tượng")
            continue
        for key in comp:
            if key not in ("id", "name", "reason", "legal_basis"):
                c.add(f"{path}.{key}", f"khóa không được biết “{key}” (dùng id, name, reason, "
                                       "legal_basis)")
        cid = c.typed(comp, "id", path, str)
        if cid in current:
            c.add(f"{path}.id", f"“{cid}” vẫn còn trong components: bỏ một trong hai")
        for key in ("name", "reason", "legal_basis"):
            c.typed(comp, key, path, str)


def _check_form_check(c: _Checker, data: Mapping[str, Any],
                      specs: dict[str, FieldSpec] | None) -> None:
    """``form_check``: which fields of the form were checked against the official declaration
    form (Thông tư 04/2024/TT-BTP) and which not; every field of the form is in exactly one list."""
    fc = c.typed(data, "form_check", "$", dict, required=False)
    if fc is None:
        return
    path = "$.form_check"
    known = {"form", "basis", "applies", "source", "confirmed", "unconfirmed", "not_asked", "note"}
    for key in fc:
        if key not in known:
            c.add(f"{path}.{key}", f"khóa không được biết “{key}” (dùng {', '.join(sorted(known))})")
    for key in ("form", "basis", "source"):
        c.typed(fc, key, path, str)
    c.typed(fc, "note", path, str, required=False)
    c.typed(fc, "applies", path, bool)
    confirmed = c.typed(fc, "confirmed", path, list) or []
    unconfirmed = c.typed(fc, "unconfirmed", path, dict) or {}
    not_asked = c.typed(fc, "not_asked", path, list) or []
    for i, item in enumerate(not_asked):
        if not isinstance(item, str) or not item.strip():
            c.add(f"{path}.not_asked[{i}]", "phải là một chuỗi không rỗng")
    seen: set[str] = set()
    for i, fid in enumerate(confirmed):
        if not isinstance(fid, str):
            c.add(f"{path}.confirmed[{i}]", "phải là mã một trường của tờ khai")
            continue
        if specs is not None and fid not in specs:
            c.add(f"{path}.confirmed[{i}]", f"tờ khai không có trường “{fid}”")
        seen.add(fid)
    for fid, reason in unconfirmed.items():
        if specs is not None and fid not in specs:
            c.add(f"{path}.unconfirmed.{fid}", f"tờ khai không có trường “{fid}”")
        if fid in seen:
            c.add(f"{path}.unconfirmed.{fid}", f"“{fid}” đã ghi trong confirmed: chỉ ghi ở một nơi")
        if not isinstance(reason, str) or not reason.strip():
            c.add(f"{path}.unconfirmed.{fid}", "cần ghi lý do chưa xác nhận")
        seen.add(fid)
    for fid in specs or ():
        if fid not in seen:
            c.add(f"{path}.unconfirmed", f"trường “{fid}” chưa ghi đã đối chiếu với mẫu tờ khai hay "
                                         "chưa (thêm vào confirmed hoặc unconfirmed)")


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
    _check_removed_components(c, data, seen)


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
        applicant_is = raw.get("applicant_is")
        if applicant_is is not None:
            if not isinstance(applicant_is, Mapping) or not all(
                    isinstance(v, str) and _SLUG.fullmatch(v) for v in applicant_is.values()):
                c.add(f"{path}.applicant_is", "phải là {\"lựa chọn\": \"mã phần tờ khai\"}")
            else:
                for choice, section in applicant_is.items():
                    if choice not in values:
                        c.add(f"{path}.applicant_is.{choice}", f"không có lựa chọn “{choice}”")
                    refs.append((f"{path}.applicant_is.{choice}", f"{section}.full_name",
                                 "người yêu cầu là người của phần có trường"))
    elif "applicant_is" in raw:
        c.add(f"{path}.applicant_is", "chỉ trường loại choice mới có applicant_is")
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
    if "default" in raw and kind in ("yes_no", "choice"):
        # The person answers a question themselves: a pre-chosen answer goes through unread.
        c.add(f"{path}.default", "trường lựa chọn không có câu trả lời đặt sẵn: người khai tự "
                                 "chọn")
    elif "default" in raw and raw["default"] is not None and kind not in ("group", "address"):
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
