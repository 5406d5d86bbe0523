"""Signing up the guide's way: account types, registration methods, the identity fields and
the SMS code's limits — one copy the app's sign-up screens and the portal both apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from dvc_core.rules.fields import FieldSpec, check_fields
from dvc_core.rules.identity import check_id_number
from dvc_core.rules.messages import FieldError

ACCOUNT_TYPES = ("cong_dan", "doanh_nghiep", "co_quan_nha_nuoc")

#: The national portal's registration methods, with the names its sign-up page shows.
METHOD_NAMES: dict[str, str] = {
    "mobile": "Thuê bao di động",
    "bhxh": "Mã số bảo hiểm xã hội",
    "buu_dien": "Bưu điện",
    "usb_ky_so": "USB ký số",
    "sim_ky_so": "SIM ký số",
    "chu_ky_so": "Chữ ký số cá nhân",
}
#: The methods this portal offers (the others need a partner system it does not have).
OFFERED_METHODS = ("mobile",)

#: The sign-up's identity fields (and the address of its "thông tin bổ sung" step).
REGISTRATION_FIELDS: dict[str, FieldSpec] = {
    "id_number": FieldSpec("id_number", "Số CMND/CCCD", "id_number", True),
    "full_name": FieldSpec("full_name", "Họ và tên", "person_name", True, max_length=100),
    "birth_date": FieldSpec("birth_date", "Ngày sinh", "date", True),
    "sex": FieldSpec("sex", "Giới tính", "choice", True, choices=(("nam", "Nam"), ("nu", "Nữ"))),
    "phone": FieldSpec("phone", "Số điện thoại", "phone", True),
    "email": FieldSpec("email", "Thư điện tử", "email", False, max_length=254),
    "address": FieldSpec("address", "Địa chỉ", "text", False, max_length=300),
}

# The SMS code (OTP): how long it lasts, how often it may be tried and sent again.
OTP_TTL = dt.timedelta(minutes=5)
OTP_MAX_ATTEMPTS = 5
RESEND_GAP = dt.timedelta(seconds=60)
RESEND_PER_HOUR = 5


def check_registration(values: Mapping[str, Any], today: dt.date | None = None,
                       only: set[str] | None = None) -> tuple[dict[str, Any], list[FieldError]]:
    """Check the sign-up fields; ``only`` limits it to some of them (a screen's own fields).

    Returns the normalised values and every error. The ID number is also checked against the
    birth date and sex given with it.
    """
    errors: list[FieldError] = []
    out = check_fields((spec for key, spec in REGISTRATION_FIELDS.items()
                        if only is None or key in only), values, today, errors)
    sex = values.get("sex")
    if "id_number" in out and "birth_date" in out and sex in ("nam", "nu"):
        _, code, params = check_id_number(out["id_number"], dt.date.fromisoformat(out["birth_date"]),
                                          sex)
        if code:
            errors.append(FieldError("id_number", REGISTRATION_FIELDS["id_number"].label, code,
                                     params))
    return out, errors
