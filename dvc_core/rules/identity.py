"""Identity numbers and phones: the 12-digit CCCD (checked against birth year and sex), the
9-digit CMND, Vietnamese mobile numbers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from dvc_core.rules.text import nfc

# Province codes of the 63 pre-2025 provinces as used in CCCD numbers (digits 1–3).
PROVINCE_CODES = frozenset(
    {
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019",
        "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036",
        "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054",
        "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    }
)  # fmt: skip

MOBILE_PREFIXES = frozenset(
    {
        # Viettel
        "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
        # VinaPhone
        "088", "091", "094", "081", "082", "083", "084", "085",
        # MobiFone
        "089", "090", "093", "070", "076", "077", "078", "079",
        # Vietnamobile, Gmobile, Itelecom (092, 052 and 099 are older Vietnamobile/Gmobile
        # prefixes still in use; 055 and 087 were opened later)
        "056", "058", "059", "092", "052", "099", "055", "087",
    }
)  # fmt: skip


def ascii_digits(text: str) -> str:
    """Decimal digits of any script (full-width ``０``, Arabic-Indic ``٠`` …) as ASCII ``0``–``9``.

    ID numbers and phones are compared and stored as ASCII digits only, so that ``０３８…`` and
    ``038…`` are the same number (one account per ID number). Other characters are kept, for the
    checks to refuse (``²`` is a digit but not a decimal one, so it stays and is refused).
    """
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def normalize_phone(text: str) -> str:
    """Strip spaces, dots and dashes; ASCII digits; turn +84 / 84 into a leading 0."""
    digits = re.sub(r"[\s.\-()]", "", ascii_digits(nfc(text)))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def check_phone(text: str) -> tuple[str, str | None, dict[str, Any]]:
    phone = normalize_phone(text)
    if not re.fullmatch(r"0[0-9]{9}", phone):
        return phone, "phone", {}
    if phone[:3] not in MOBILE_PREFIXES:
        return phone, "phone_prefix", {"prefix": phone[:3]}
    return phone, None, {}


def normalize_id_number(text: str) -> str:
    """Strip spaces; ASCII digits (the form an ID number is stored, compared and unique in)."""
    return re.sub(r"\s", "", ascii_digits(nfc(text)))


def check_id_number(
    text: str, birth_date: dt.date | int | None = None, sex: str | None = None
) -> tuple[str, str | None, dict[str, Any]]:
    """A 12-digit CCCD (checked against birth year and sex when given) or a 9-digit CMND.

    ``birth_date`` may be a date or just a year; with a year and no sex only the century and
    year digits are compared (``id_mismatch_year``).
    """
    value = normalize_id_number(text)
    if re.fullmatch(r"[0-9]{9}", value):
        return value, None, {}
    if not re.fullmatch(r"[0-9]{12}", value):
        return value, "id_number", {}
    if value[:3] not in PROVINCE_CODES:
        return value, "id_province", {"prefix": value[:3]}
    if birth_date is not None:
        birth_year = birth_date if isinstance(birth_date, int) else birth_date.year
        century_digit = int(value[3])
        century = 1900 + 100 * (century_digit // 2)
        is_female = century_digit % 2 == 1
        year = century + int(value[4:6])
        if sex in ("nam", "nu"):
            if century_digit > 5 or year != birth_year or is_female != (sex == "nu"):
                return value, "id_mismatch", {}
        elif century_digit > 5 or year != birth_year:
            return value, "id_mismatch_year", {}
    return value, None, {}
