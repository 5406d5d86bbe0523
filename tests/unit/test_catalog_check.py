"""``dvc catalog check``: every problem in a catalog file, each with its JSON path."""

from __future__ import annotations

import copy
import json

import pytest

from app.cli import main as dvc
from dvc_core.catalog import (
    check_catalog_files,
    check_procedure_data,
    default_catalog,
    shipped_catalog_files,
)


def test_shipped_catalog_has_no_problem(capsys):
    assert check_catalog_files(shipped_catalog_files()) == {}
    assert dvc(["catalog", "check"]) == 0
    assert dvc(["catalog", "check", "--json", *map(str, shipped_catalog_files())]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"files": 9, "problems": []}


def good() -> dict:
    return copy.deepcopy(dict(default_catalog().get("1.001193").raw))


def paths(data) -> list[str]:
    return [p.path for p in check_procedure_data(data)]


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d.update(level=5), "$.level"),
    (lambda d: d.update(code="1001193"), "$.code"),
    (lambda d: d.update(provincial_code="9.999999.000.00.00.H56"), "$.provincial_code"),
    (lambda d: d.pop("agency"), "$.agency"),
    (lambda d: d.update(nd42_label="toan"), "$.nd42_label"),
    (lambda d: d["fee"].update(rule="per_kg"), "$.fee.rule"),
    (lambda d: d["fee"].pop("note"), "$.fee.note"),
    (lambda d: d["time_limit"].update(working_days=3), "$.time_limit.working_days"),
    (lambda d: d["components"][1].update(id="to_khai"), "$.components[1].id"),
    (lambda d: d["components"][0].update(copy="photo"), "$.components[0].copy"),
    (lambda d: d["sections"][1]["fields"][2].update(kind="gender"), "$.sections[1].fields[2].kind"),
    (lambda d: d["sections"][1]["fields"][2].update(choices=[]), "$.sections[1].fields[2].choices"),
    (lambda d: d["sections"][3]["fields"][1].update(when={"father.knwn": True}),
     "$.sections[3].fields[1].when.father.knwn"),
    (lambda d: d["sections"][2]["fields"].append({"id": "mother.full_name", "label": "x"}),
     "$.sections[2].fields[6].id"),
    (lambda d: d["example"]["fields"].update({"child.birth_date": "2999-01-01"}),
     "$.example.fields.child.birth_date"),
    (lambda d: d["example"]["applicant"].update(phone="12"), "$.example.applicant.phone"),
    (lambda d: d.update(colour="blue"), "$.colour"),
    (lambda d: d.update(result_delivery=["drone"]), "$.result_delivery[0]"),
    (lambda d: d["sections"][1]["fields"][0].update(required="yes"),
     "$.sections[1].fields[0].required"),
    # A question's answer is the person's: never pre-chosen ("Đã xác định được cha: Có").
    (lambda d: d["sections"][3]["fields"][0].update(default=True),
     "$.sections[3].fields[0].default"),
    (lambda d: d["sections"][1]["fields"][2].update(default="nam"),
     "$.sections[1].fields[2].default"),
])
def test_each_problem_is_reported_with_its_path(change, path):
    data = good()
    change(data)
    assert path in paths(data)


def test_every_problem_not_just_the_first(tmp_path, capsys):
    data = good()
    data["level"] = 7
    data["fee"]["rule"] = "sometimes"
    data["components"][0]["required"] = "yes"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"code": "1.001193",', encoding="utf-8")
    duplicate = tmp_path / "dup.json"
    duplicate.write_text(json.dumps(good(), ensure_ascii=False), encoding="utf-8")
    assert dvc(["catalog", "check", str(bad), str(broken), str(duplicate),
                str(shipped_catalog_files()[0])]) == 2
    out = capsys.readouterr()
    assert f"{bad}: $.level:" in out.out
    assert f"{bad}: $.fee.rule:" in out.out
    assert f"{bad}: $.components[0].required:" in out.out
    assert f"{broken}: $: không phải JSON hợp lệ (dòng 1" in out.out
    assert f"{duplicate}: $.code: mã “1.001193” đã có" in out.out
    assert "lỗi trong 3/4 tệp" in out.err


def test_not_an_object():
    assert paths([1, 2]) == ["$"]


def _exemption(d) -> dict:
    return d["fee"]["exemptions"][0]


def _between(d) -> dict:
    return _exemption(d)["when"]["days_between"]


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda d: _between(d).update(from_field="child.birth_dat"),
     "$.fee.exemptions[0].when.days_between.from_field", "không có trường ngày “child.birth_dat”"),
    (lambda d: _between(d).update(from_field="child.full_name"),
     "$.fee.exemptions[0].when.days_between.from_field", "phải là trường ngày"),
    (lambda d: _between(d).update(max="60"),
     "$.fee.exemptions[0].when.days_between.max", "số nguyên"),
    (lambda d: _between(d).pop("max"), "$.fee.exemptions[0].when.days_between.max", "thiếu khóa"),
    (lambda d: _between(d).update(min=61), "$.fee.exemptions[0].when.days_between.min",
     "lớn hơn max"),
    (lambda d: _between(d).update(to="ngay_nop"), "$.fee.exemptions[0].when.days_between.to",
     "filed_on"),
    (lambda d: _between(d).update(days=3), "$.fee.exemptions[0].when.days_between.days",
     "không được biết"),
    (lambda d: _between(d).update(last_day_off_extends="có"),
     "$.fee.exemptions[0].when.days_between.last_day_off_extends", "true/false"),
    (lambda d: _exemption(d).update(when={"days_since": {}}), "$.fee.exemptions[0].when.days_since",
     "loại điều kiện “days_since” không có"),
    (lambda d: _exemption(d).update(when={}), "$.fee.exemptions[0].when", "đúng một khóa"),
    (lambda d: _exemption(d).update(when={"any": []}), "$.fee.exemptions[0].when.any",
     "không rỗng"),
    (lambda d: _exemption(d).update(when={"all": [{"field_equals": {"field": "x", "value": 1}}]}),
     "$.fee.exemptions[0].when.all[0].field_equals.field", "không có trường “x”"),
    (lambda d: _exemption(d).pop("when"), "$.fee.exemptions[0].when", "thiếu khóa"),
    (lambda d: _exemption(d).pop("legal_basis"), "$.fee.exemptions[0].legal_basis", "thiếu khóa"),
    (lambda d: _exemption(d).update(label=""), "$.fee.exemptions[0].label", "không được để trống"),
    (lambda d: _exemption(d).update(lydo="x"), "$.fee.exemptions[0].lydo", "không được biết"),
    (lambda d: d["fee"]["exemptions"].append(dict(_exemption(d))), "$.fee.exemptions[1].id",
     "bị trùng"),
    (lambda d: d["fee"].update(exemptions="đúng hạn"), "$.fee.exemptions", "danh sách"),
    (lambda d: d["fee"].update(rule="free"), "$.fee.exemptions", "chỉ lệ phí cố định"),
    (lambda d: d["fee"]["copies"].update(field="child.sex"), "$.fee.copies.field",
     "phải là số"),
    (lambda d: d["fee"]["copies"].update(amount_vnd=-1), "$.fee.copies.amount_vnd", "phải từ 0"),
    (lambda d: d["fee"]["copies"].pop("unconfirmed"), "$.fee.copies.unconfirmed", "thiếu khóa"),
])
def test_malformed_fee_rules_are_refused_with_their_path(change, path, words):
    data = good()
    change(data)
    problems = {p.path: p.message for p in check_procedure_data(data)}
    assert path in problems, problems
    assert words in problems[path]


def _cases(d) -> dict:
    return d["time_limit"]["by_choice"]["cases"]


def supplement() -> dict:
    return copy.deepcopy(dict(default_catalog().get("1.004859").raw))


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda d: d["time_limit"]["by_choice"].update(field="change.reason"),
     "$.time_limit.by_choice.field", "phải là trường lựa chọn"),
    (lambda d: d["time_limit"]["by_choice"].update(field="change.loai"),
     "$.time_limit.by_choice.field", "không có trường “change.loai”"),
    (lambda d: _cases(d).update(bo_xung=_cases(d)["bo_sung"]),
     "$.time_limit.by_choice.cases.bo_xung", "không phải một lựa chọn"),
    (lambda d: _cases(d).pop("xac_dinh_lai_dan_toc"), "$.time_limit.by_choice.cases",
     "thiếu thời hạn cho lựa chọn “xac_dinh_lai_dan_toc”"),
    (lambda d: _cases(d)["bo_sung"].update(working_days=2),
     "$.time_limit.by_choice.cases.bo_sung.working_days", "working_days = 0"),
    (lambda d: _cases(d)["bo_sung"].update(same_day_cutoff="3pm"),
     "$.time_limit.by_choice.cases.bo_sung.same_day_cutoff", "HH:MM"),
    (lambda d: _cases(d)["cai_chinh"].pop("text"), "$.time_limit.by_choice.cases.cai_chinh.text",
     "thiếu khóa"),
    (lambda d: _cases(d).update(thay_doi=3), "$.time_limit.by_choice.cases.thay_doi",
     "đối tượng thời hạn"),
    (lambda d: _cases(d)["thay_doi"].update(by_choice={}),
     "$.time_limit.by_choice.cases.thay_doi.by_choice", "không được biết"),
])
def test_malformed_time_limits_per_choice_are_refused_with_their_path(change, path, words):
    data = supplement()
    assert check_procedure_data(data) == []
    change(data)
    problems = {p.path: p.message for p in check_procedure_data(data)}
    assert path in problems, problems
    assert words in problems[path]


def test_a_removed_component_needs_its_reason_and_cannot_stay_listed():
    data = copy.deepcopy(dict(default_catalog().get("1.000894").raw))
    assert check_procedure_data(data) == []
    data["removed_components"][0].pop("legal_basis")
    data["removed_components"].append({"id": "to_khai", "name": "x", "reason": "y",
                                       "legal_basis": "z"})
    problems = {p.path: p.message for p in check_procedure_data(data)}
    assert "thiếu khóa" in problems["$.removed_components[0].legal_basis"]
    assert "vẫn còn trong components" in problems["$.removed_components[1].id"]


def test_the_old_name_of_the_one_stop_unit_is_refused():
    data = good()
    data["components"][0]["name"] = "Tờ khai (nhận tại Bộ phận Tiếp nhận và Trả kết quả)"
    data["time_limit"]["text"] = "Trả tại Bộ phận Một cửa"
    problems = {p.path: p.message for p in check_procedure_data(data)}
    assert "Trung tâm Phục vụ hành chính công" in problems["$.components[0].name"]
    assert "118/2025/NĐ-CP" in problems["$.time_limit.text"]


def test_every_shipped_form_says_which_fields_were_checked_against_the_2024_form():
    for proc in default_catalog():
        fc = proc.raw["form_check"]
        listed = set(fc["confirmed"]) | set(fc["unconfirmed"])
        assert listed == {f.id for f in proc.declaration_specs}, proc.code
        assert "04/2024/TT-BTP" in fc["basis"]
    birth = default_catalog().get("1.001193").raw["form_check"]
    assert "Năm sinh" in birth["unconfirmed"]["mother.birth_year"]
    assert "UNCONFIRMED" in birth["unconfirmed"]["mother.birth_year"]


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda d: d["form_check"]["confirmed"].append("child.nickname"), "$.form_check.confirmed[19]",
     "không có trường “child.nickname”"),
    (lambda d: d["form_check"]["unconfirmed"].update({"child.sex": "x"}),
     "$.form_check.unconfirmed.child.sex", "chỉ ghi ở một nơi"),
    (lambda d: d["form_check"]["unconfirmed"].update({"mother.birth_year": " "}),
     "$.form_check.unconfirmed.mother.birth_year", "lý do"),
    (lambda d: d["form_check"]["confirmed"].remove("copies"), "$.form_check.unconfirmed",
     "trường “copies” chưa ghi"),
    (lambda d: d["form_check"].pop("source"), "$.form_check.source", "thiếu khóa"),
])
def test_a_malformed_form_check_is_refused(change, path, words):
    data = good()
    change(data)
    problems = {p.path: p.message for p in check_procedure_data(data)}
    assert path in problems, problems
    assert words in problems[path]


def test_a_newer_portals_unknown_top_level_keys_pass_when_asked():
    data = good()
    data["added_later"] = {"x": 1}
    assert "$.added_later" in paths(data)
    assert check_procedure_data(data, unknown_keys=True) == []
    data["level"] = 9
    assert [p.path for p in check_procedure_data(data, unknown_keys=True)] == ["$.level"]
