"""The shared form rules: every validator, the worst inputs, and NFC normalisation."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvc_core import rules
from dvc_core.catalog import default_catalog

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def khai_sinh():
    return default_catalog().get("1.001193")


def codes(errors):
    return {(e.field, e.code) for e in errors}


def test_the_catalog_example_is_valid(khai_sinh):
    checked = rules.validate_dossier(khai_sinh.field_specs, khai_sinh.example["applicant"],
                                     khai_sinh.example["fields"], today=TODAY)
    assert checked.ok, [e.message() for e in checked.errors]
    assert checked.fields["child.birth_date"] == "2026-11-02"


def test_missing_required_fields_are_each_named_in_vietnamese(khai_sinh):
    checked = rules.validate_dossier(khai_sinh.field_specs, {}, {}, today=TODAY)
    fields = {e.field for e in checked.errors}
    assert {"applicant.full_name", "applicant.phone", "child.full_name", "child.birth_date",
            "mother.full_name"} <= fields
    message = next(e for e in checked.errors if e.field == "child.full_name").message()
    assert message == "Họ, chữ đệm, tên của trẻ: chưa nhập. Vui lòng nhập thông tin này."
    assert next(e for e in checked.errors if e.field == "child.full_name").message("en").endswith(
        "missing. Please fill this in.")
    # A question answered by choosing is "not chosen" (the code on the wire stays "required").
    sex = next(e for e in checked.errors if e.field == "child.sex")
    assert sex.code == "required" and sex.to_json()["code"] == "required"
    assert sex.message() == "Giới tính của trẻ: chưa chọn. Vui lòng chọn một câu trả lời."
    assert sex.message("en") == "Giới tính của trẻ: not answered. Please choose an answer."


@pytest.mark.parametrize("text", ["31/02/2024", "2024-13-01", "hôm qua", "12/2024", "00/01/2020"])
def test_malformed_dates_are_refused(khai_sinh, text):
    spec = next(s for s in khai_sinh.field_specs if s.id == "child.birth_date")
    value, error = rules.check_value(spec, text, TODAY)
    assert error is not None and error.code == "date_format"
    assert "ngày/tháng/năm" in error.message()


def test_dates_in_the_future_are_refused_and_valid_ones_stored_iso(khai_sinh):
    spec = next(s for s in khai_sinh.field_specs if s.id == "child.birth_date")
    assert rules.check_value(spec, "26/11/2026", TODAY)[1].code == "date_future"
    assert rules.check_value(spec, "25/11/2026", TODAY) == ("2026-11-25", None)
    assert rules.check_value(spec, "5.3.2024", TODAY) == ("2024-03-05", None)
    assert rules.check_value(spec, "01/01/1899", TODAY)[1].code == "date_too_old"


def test_text_is_stored_nfc_with_spaces_folded(khai_sinh):
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Minh Khang ")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    spec = next(s for s in khai_sinh.field_specs if s.id == "child.full_name")
    value, error = rules.check_value(spec, decomposed, TODAY)
    assert error is None
    assert value == "Nguyễn Minh Khang"
    assert unicodedata.is_normalized("NFC", value)


def test_person_names_refuse_digits_and_symbols(khai_sinh):
    spec = next(s for s in khai_sinh.field_specs if s.id == "child.full_name")
    assert rules.check_value(spec, "Nguyễn Văn 2", TODAY)[1].code == "person_name"
    assert rules.check_value(spec, "<script>", TODAY)[1].code == "person_name"
    assert rules.check_value(spec, "Hồ Thị Ngọc-Ánh", TODAY)[1] is None


def test_control_characters_and_overlong_text_are_refused(khai_sinh):
    spec = next(s for s in khai_sinh.field_specs if s.id == "child.birth_place")
    assert rules.check_value(spec, "Trạm y tế\x00", TODAY)[1].code == "text_chars"
    assert rules.check_value(spec, "x" * 301, TODAY)[1].code == "too_long"


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\u200f",
                                  "\ufeff", "\u2028"])
def test_invisible_and_direction_changing_characters_are_refused(khai_sinh, char):
    # The app's forms and the portal apply this same rule: a right-to-left override would
    # show "Trạm y tế gpj.exe" as "Trạm y tế exe.jpg", a zero-width space hides in a name.
    for field in ("child.birth_place", "child.full_name"):
        spec = next(s for s in khai_sinh.field_specs if s.id == field)
        assert rules.check_value(spec, f"Trạm y tế {char}gpj", TODAY)[1] is not None
    spec = next(s for s in khai_sinh.field_specs if s.id == "child.birth_place")
    assert rules.check_value(spec, f"Trạm y tế {char}gpj", TODAY)[1].code == "text_invisible"
    assert rules.text_problem("Xã Đông\x9b") == "text_chars"  # C1 controls too
    assert rules.plain_text(f"Lê{char} Thị\x00 Hoa") == "Lê Thị Hoa"


def test_trees_are_measured_without_recursion(khai_sinh):
    deep: object = "x"
    for _ in range(100_000):  # far past Python's recursion limit
        deep = [deep]
    assert rules.tree_problem(deep) == ("[0]" * rules.MAX_DEPTH, "too_deep")
    assert rules.tree_problem({"a": [{"b": "ok"}]}) is None
    assert rules.tree_problem({"a": [{"b": "o\x00k"}]}) == ("a[0].b", "text_chars")
    assert rules.tree_problem({"k\u202e": 1}) == ("k\u202e", "text_invisible")
    fields = {**khai_sinh.example["fields"], "child.hometown": deep}
    checked = rules.validate_dossier(khai_sinh.field_specs, khai_sinh.example["applicant"], fields,
                                     today=TODAY)
    # The declaration is then read as empty: its required answers are reported missing too.
    assert (checked.errors[0].field, checked.errors[0].code) == ("fields", "too_deep")
    assert "32 cấp" in checked.errors[0].message()


def test_father_fields_only_required_when_the_father_is_known(khai_sinh):
    fields = dict(khai_sinh.example["fields"])
    for key in list(fields):
        if key.startswith("father.") and key != "father.known":
            del fields[key]
    fields["father.known"] = False
    checked = rules.validate_dossier(khai_sinh.field_specs, khai_sinh.example["applicant"], fields,
                                     today=TODAY)
    assert checked.ok, [e.message() for e in checked.errors]
    fields["father.known"] = "true"
    checked = rules.validate_dossier(khai_sinh.field_specs, khai_sinh.example["applicant"], fields,
                                     today=TODAY)
    assert ("father.full_name", "required") in codes(checked.errors)


def test_unknown_keys_and_non_objects_are_refused(khai_sinh):
    checked = rules.validate_dossier(khai_sinh.field_specs, "x", {"bogus": 1}, today=TODAY)
    assert ("applicant", "not_object") in codes(checked.errors)
    assert ("bogus", "unknown_field") in codes(checked.errors)


def test_mother_must_be_older_than_the_child(khai_sinh):
    fields = dict(khai_sinh.example["fields"], **{"mother.birth_year": 2020})
    checked = rules.validate_dossier(khai_sinh.field_specs, khai_sinh.example["applicant"], fields,
                                     today=TODAY)
    assert ("mother.birth_year", "child_before_mother") in codes(checked.errors)


@pytest.mark.parametrize(
    ("number", "birth", "sex", "code"),
    [
        ("038195012345", dt.date(1995, 4, 12), "nu", None),
        ("038095012345", dt.date(1995, 4, 12), "nam", None),
        ("038095012345", dt.date(1995, 4, 12), "nu", "id_mismatch"),
        ("038195012345", dt.date(1996, 4, 12), "nu", "id_mismatch"),
        ("038205012345", dt.date(2005, 1, 1), "nam", None),
        ("000195012345", dt.date(1995, 4, 12), "nu", "id_province"),
        ("12345678", None, None, "id_number"),
        ("123456789", None, None, None),  # old CMND
        ("03819501234a", None, None, "id_number"),
    ],
)
def test_cccd_digits_agree_with_birth_year_and_sex(number, birth, sex, code):
    assert rules.check_id_number(number, birth, sex)[1] == code


def test_applicant_id_is_checked_against_the_given_birth_date(khai_sinh):
    applicant = dict(khai_sinh.example["applicant"], sex="nam")
    checked = rules.validate_dossier(khai_sinh.field_specs, applicant, khai_sinh.example["fields"],
                                     today=TODAY)
    assert ("applicant.id_number", "id_mismatch") in codes(checked.errors)


@pytest.mark.parametrize(
    ("raw", "normal", "code"),
    [
        ("0912345678", "0912345678", None),
        ("+84 912 345 678", "0912345678", None),
        ("84912345678", "0912345678", None),
        ("091.234.5678", "0912345678", None),
        ("0112345678", "0112345678", "phone_prefix"),
        ("12345", "12345", "phone"),
    ],
)
def test_phone_numbers_are_normalised_and_prefixes_checked(raw, normal, code):
    assert rules.check_phone(raw)[:2] == (normal, code)


def test_attachments_required_components_and_unknown_ones(khai_sinh):
    components = [(c.id, c.name, c.required) for c in khai_sinh.components]
    errors = rules.check_attachments(components, ["to_khai", "nonsense"])
    assert ("attachments.giay_chung_sinh", "attachment_required") in codes(errors)
    assert ("attachments.nonsense", "unknown_component") in codes(errors)
    assert "chưa đính kèm" in errors[0].message()
    assert rules.check_attachments(components, ["to_khai", "giay_chung_sinh"]) == []


@given(st.text(max_size=40))
def test_no_input_crashes_the_validators(text):
    rules.check_phone(text)
    rules.check_id_number(text, dt.date(2000, 1, 1), "nam")
    rules.parse_date(text)
    for kind in ("text", "person_name", "date", "year", "id_number", "phone", "email", "yes_no",
                 "number"):
        rules.check_value(rules.FieldSpec("x", "X", kind, True), text, TODAY)


@pytest.mark.parametrize("phone", ["0921234567", "0991234567", "0871234567", "0521234567",
                                   "0551234567", "0084912345678"])
def test_less_common_mobile_prefixes_and_0084_are_accepted(phone):
    assert rules.check_phone(phone)[1] is None


@pytest.mark.parametrize("name", ["H\u2019Hen Niê", "Ksor H\u2019Bia", "Y\u02bcMơn", "H'Hen Niê"])
def test_names_with_an_apostrophe_are_accepted(khai_sinh, name):
    spec = next(s for s in khai_sinh.field_specs if s.id == "child.full_name")
    assert rules.check_value(spec, name, TODAY) == (name, None)
