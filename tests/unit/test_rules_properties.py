"""Property-based tests: no input crashes the ID, phone and date validators; every CCCD made
from a birth date and sex passes against that date and sex."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from dvc_core.rules import (
    PROVINCE_CODES,
    FieldSpec,
    check_id_number,
    check_phone,
    check_value,
    date_in_words,
    number_in_words,
    parse_date,
)

TODAY = dt.date(2026, 11, 25)
anything = st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none(),
                     st.lists(st.text(), max_size=3), st.dictionaries(st.text(), st.text(), max_size=3))


def make_cccd(province: str, born: dt.date, sex: str, tail: int) -> str:
    century = (born.year - 1900) // 100
    digit = century * 2 + (1 if sex == "nu" else 0)
    return f"{province}{digit}{born.year % 100:02d}{tail:06d}"


@given(st.text())
def test_id_number_never_crashes(text):
    value, code, _ = check_id_number(text)
    assert isinstance(value, str) and code in (None, "id_number", "id_province")


@given(st.text(), st.dates(), st.sampled_from(["nam", "nu", None, "x"]))
def test_id_number_with_birth_never_crashes(text, born, sex):
    check_id_number(text, born, sex)
    check_id_number(text, born.year, sex)


@given(st.sampled_from(sorted(PROVINCE_CODES)), st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
       st.sampled_from(["nam", "nu"]), st.integers(0, 999_999))
def test_generated_cccds_pass(province, born, sex, tail):
    number = make_cccd(province, born, sex, tail)
    assert check_id_number(number, born, sex) == (number, None, {})
    assert check_id_number(f" {number[:4]} {number[4:]} ")[1] is None
    other = "nu" if sex == "nam" else "nam"
    assert check_id_number(number, born, other)[1] == "id_mismatch"


@given(st.text())
def test_phone_never_crashes(text):
    phone, code, _ = check_phone(text)
    assert isinstance(phone, str) and code in (None, "phone", "phone_prefix")


@given(st.sampled_from(["096", "091", "090", "056", "059", "086"]), st.integers(0, 9_999_999),
       st.sampled_from(["0{}", "+84{}", "84{}", "0{} "]))
def test_valid_phones_pass_in_every_spelling(prefix, rest, form):
    local = f"{prefix[1:]}{rest:07d}"
    phone, code, _ = check_phone(form.format(local))
    assert code is None and phone == f"0{local}"


@given(st.text())
def test_parse_date_never_crashes(text):
    result = parse_date(text)
    assert result is None or isinstance(result, dt.date)


@given(st.dates(dt.date(1900, 1, 1), TODAY))
def test_dates_round_trip_and_have_words(date):
    assert parse_date(date.strftime("%d/%m/%Y")) == date
    spec = FieldSpec("d", "Ngày", "date", True)
    assert check_value(spec, date.strftime("%d/%m/%Y"), TODAY) == (date.isoformat(), None)
    words = date_in_words(date)
    assert words.startswith("Ngày ") and ", năm " in words and not any(c.isdigit() for c in words)


@given(anything, st.sampled_from(["text", "person_name", "date", "year", "id_number", "phone",
                                  "email", "choice", "yes_no", "number", "address", "group"]))
def test_check_value_never_crashes(value, kind):
    spec = FieldSpec("f", "Trường", kind, True, choices=(("a", "A"),),
                     items=(FieldSpec("n", "Số", "number", True, min=1, max=5),))
    _, error = check_value(spec, value, TODAY)
    assert error is None or error.message()


@given(st.integers(0, 9999))
def test_number_words(n):
    words = number_in_words(n)
    assert words and not any(c.isdigit() for c in words)
