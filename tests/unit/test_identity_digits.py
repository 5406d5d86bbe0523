"""ID numbers and phones are ASCII digits: other scripts' digits are the same number, or refused."""

from __future__ import annotations

from dvc_core.rules import check_id_number, check_phone, check_registration, normalize_id_number

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_full_width_id_number_is_the_ascii_number():
    number, code, _ = check_id_number("038195012345".translate(FULL_WIDTH))
    assert (number, code) == ("038195012345", None)
    assert normalize_id_number("０３８ １９５ ０１２ ３４５") == "038195012345"


def test_arabic_indic_phone_is_the_ascii_phone():
    phone, code, _ = check_phone("0983456789".translate(ARABIC_INDIC))
    assert (phone, code) == ("0983456789", None)


def test_digits_that_are_not_decimal_are_refused():
    assert check_id_number("03819501234²")[1] == "id_number"
    assert check_phone("098345678²")[1] == "phone"


def test_sign_up_values_are_stored_in_ascii():
    values, errors = check_registration({
        "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
        "id_number": "038090123456".translate(FULL_WIDTH),
        "phone": "0983456789".translate(ARABIC_INDIC)})
    assert errors == []
    assert values["id_number"] == "038090123456" and values["phone"] == "0983456789"
    assert values["id_number"].isascii() and values["phone"].isascii()
