"""Address and repeatable-group fields, dates in words, and cross-field rules."""

from __future__ import annotations

import datetime as dt

import pytest

from dvc_core import divisions
from dvc_core.catalog import default_catalog
from dvc_core.rules import FieldSpec, check_value, date_in_words, validate_dossier

TODAY = dt.date(2026, 11, 25)
ADDRESS = FieldSpec("home", "Nơi cư trú", "address", True)


def test_thanh_hoa_has_166_communes():
    province = divisions.province("38")
    assert province.name == "Thanh Hóa"
    kinds = [c.name.split(" ")[0] for c in province.communes]
    assert len(kinds) == 166 and kinds.count("Xã") == 147 and kinds.count("Phường") == 19
    assert len(divisions.provinces()) == 34
    assert divisions.provinces()[0].code == "38"  # the home province first


def test_address_is_checked_and_written_out():
    value, error = check_value(ADDRESS, {"province": "38", "commune": "15772", "detail": " Thôn  Đông "})
    assert error is None
    assert value == {"province": "38", "commune": "15772", "detail": "Thôn Đông",
                     "text": "Thôn Đông, xã Thiệu Hóa, tỉnh Thanh Hóa"}
    # The text a client sends is recomputed from the codes, never trusted.
    again, _ = check_value(ADDRESS, {**value, "text": "somewhere else"})
    assert again == value


@pytest.mark.parametrize(("value", "code"), [
    ("Thôn Đông", "address"),
    ({"province": "38"}, "address_commune_missing"),
    ({"commune": "15772", "detail": "x"}, "address_province_missing"),
    ({"province": "38", "commune_name": "thieu", "detail": "x"}, "address_commune_unchosen"),
    ({"province": "38", "commune_name": "Xã Không Có", "detail": "x"}, "address_commune_unknown"),
    ({"province": "99", "commune": "15772", "detail": "x"}, "address_province"),
    ({"province": "01", "commune": "15772", "detail": "x"}, "address_commune"),
    ({"province": "38", "commune": "15772", "detail": ""}, "address_detail"),
])
def test_bad_addresses(value, code):
    _, error = check_value(ADDRESS, value)
    assert error is not None and error.code == code and "Nơi cư trú" in error.message()


def test_each_wrong_part_of_an_address_is_named():
    def message(value):
        _, error = check_value(ADDRESS, value)
        assert error is not None
        return error.message()

    assert "chưa chọn tỉnh/thành phố" in message({"commune": "15772", "detail": "x"})
    assert "chưa chọn xã/phường thuộc tỉnh Thanh Hóa" in message({"province": "38", "detail": "x"})
    unchosen = message({"province": "38", "commune_name": "thieu", "detail": "x"})
    assert "“thieu” khớp với 5 xã/phường thuộc tỉnh Thanh Hóa" in unchosen
    unknown = message({"province": "38", "commune_name": "Thiệu Xyz", "detail": "x"})
    assert "tỉnh Thanh Hóa không có xã/phường nào tên “Thiệu Xyz”" in unknown
    assert "“" + "x" * 59 + "…”" in message({"province": "38", "commune_name": "x" * 500,
                                               "detail": "x"})


def test_a_commune_name_naming_one_commune_stands_for_its_code():
    for typed in ("Xã Thiệu Hóa", "thieu hoa", "XA THIEU HOA"):
        value, error = check_value(ADDRESS, {"province": "38", "commune_name": typed,
                                             "detail": "Thôn Đông"})
        assert error is None and value["commune"] == "15772", typed
        assert "commune_name" not in value


def test_match_address_from_a_qr_code():
    assert divisions.match_address("Thôn 1, Xã Thiệu Hóa, Thanh Hóa") == ("38", "15772", "Thôn 1")
    assert divisions.match_address("Thôn 1, Xã Cũ, Huyện Cũ, Tỉnh Thanh Hóa") == (
        "38", None, "Thôn 1, Xã Cũ, Huyện Cũ")
    assert divisions.match_address("Somewhere") == (None, None, "Somewhere")


def test_repeatable_group_reports_each_entry():
    proc = default_catalog().get("2.000815")
    ex = proc.example
    docs = [{"name": "Giấy khai sinh", "pages": 1, "copies": 2},
            {"name": "", "pages": 0, "copies": 1}]
    checked = validate_dossier(proc.field_specs, ex["applicant"], {"documents": docs}, today=TODAY)
    fields = sorted(e.field for e in checked.errors)
    assert fields == ["documents[2].name", "documents[2].pages"]
    assert "(giấy tờ 2)" in checked.errors[0].message()
    empty = validate_dossier(proc.field_specs, ex["applicant"], {"documents": []}, today=TODAY)
    assert [e.code for e in empty.errors] == ["group_count"]
    ok = validate_dossier(proc.field_specs, ex["applicant"], {"documents": docs[:1]}, today=TODAY)
    assert ok.ok and ok.fields["documents"] == [{"name": "Giấy khai sinh", "pages": 1, "copies": 2}]


@pytest.mark.parametrize(("date", "words"), [
    ("2026-11-02", "Ngày hai, tháng mười một, năm hai nghìn không trăm hai mươi sáu"),
    ("1995-04-24", "Ngày hai mươi tư, tháng tư, năm một nghìn chín trăm chín mươi lăm"),
    ("2005-01-15", "Ngày mười lăm, tháng một, năm hai nghìn không trăm linh năm"),
    ("2010-12-31", "Ngày ba mươi mốt, tháng mười hai, năm hai nghìn không trăm mười"),
    ("21/10/2021", "Ngày hai mươi mốt, tháng mười, năm hai nghìn không trăm hai mươi mốt"),
])
def test_date_in_words(date, words):
    assert date_in_words(date) == words


def example(code):
    proc = default_catalog().get(code)
    return proc, dict(proc.example["applicant"]), dict(proc.example["fields"])


def test_cross_field_rules():
    proc, applicant, fields = example("1.000656")
    fields["deceased.death_date"] = "1939-01-01"
    errors = validate_dossier(proc.field_specs, applicant, fields, today=TODAY).errors
    assert [(e.field, e.code) for e in errors] == [("deceased.death_date", "date_order")]
    # The deceased's CCCD contradicts the birth year and sex given.
    proc, applicant, fields = example("1.000656")
    fields["deceased.sex"] = "nu"
    errors = validate_dossier(proc.field_specs, applicant, fields, today=TODAY).errors
    assert [(e.field, e.code) for e in errors] == [("deceased.id_number", "id_mismatch")]
    # Mother's CCCD vs her birth year (no sex field on the form: year only).
    proc, applicant, fields = example("1.001193")
    fields["mother.birth_year"] = 1994
    codes = {(e.field, e.code) for e in validate_dossier(proc.field_specs, applicant, fields,
                                                          today=TODAY).errors}
    assert ("mother.id_number", "id_mismatch_year") in codes
    # Child born after the mother (at least 10 years).
    proc, applicant, fields = example("1.001193")
    fields["mother.birth_year"] = 2020
    fields.pop("mother.id_number")
    codes = {(e.field, e.code) for e in validate_dossier(proc.field_specs, applicant, fields,
                                                          today=TODAY).errors}
    assert codes == {("mother.birth_year", "child_before_mother")}


def test_marriage_ages():
    proc, applicant, fields = example("1.000894")
    fields["party_b.birth_date"] = "2010-01-01"
    fields.pop("party_b.id_number")
    errors = validate_dossier(proc.field_specs, applicant, fields, today=TODAY).errors
    assert [(e.field, e.code) for e in errors] == [("party_b.birth_date", "too_young")]
    assert "18 tuổi" in errors[0].message()
