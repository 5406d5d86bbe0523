"""Account passwords: the guide's policy, the one rule the app's screens and the portal apply.

Besides the guide's checklist (8 characters, lower and upper case, a digit, a special
character), a password may not be a common or leaked one: the 10,000 most frequent passwords
of a leaked-password list (``dvc_core/data/common_passwords.txt``, where it comes from and its
licence are written at its top), compared without regard to case, and also once the digits and
symbols at its ends are taken off. The checklist is met most often by exactly that shape — a
common word, capitalised, with a year and a symbol stuck on (``Password1!``, ``Qwerty@123``,
``CongDan@2026``) — and guessing tools try those forms first, so the checklist alone keeps none of
them out.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from dvc_core.rules.messages import FieldError
from dvc_core.rules.text import CONTROL_CHARS

PASSWORD_MIN_LENGTH = 8
PASSWORD_LABEL = "Mật khẩu"
CONFIRM_LABEL = "Nhập lại mật khẩu"


def password_checks(password: str) -> dict[str, bool]:
    """Each part of the password policy, in the order a checklist shows them.

    Keys: ``length`` (≥ 8 characters), ``lower``, ``upper``, ``digit``, ``special``.
    Vietnamese letters count as letters (``đ`` is lower case, ``Ư`` upper case).
    """
    return {
        "length": len(password) >= PASSWORD_MIN_LENGTH,
        "lower": any(c.islower() for c in password),
        "upper": any(c.isupper() for c in password),
        "digit": any(c.isdigit() for c in password),
        "special": any(not c.isalnum() and not c.isspace() for c in password),
    }


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common and leaked passwords (lower case), read once."""
    text = resources.files("dvc_core").joinpath("data/common_passwords.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# Digits, punctuation and symbols at either end: "Password1!" → "password", "2026@demo" → "demo".
_ENDS = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def is_common_password(password: str) -> bool:
    """Whether ``password`` is on the list, ignoring case, as typed or without the digits and
    symbols at its ends."""
    lowered = password.casefold()
    common = common_passwords()
    return lowered in common or _ENDS.sub("", lowered) in common


def check_password(password: str, confirmation: str | None = None) -> str | None:
    """``None`` when the password meets the policy (and matches ``confirmation`` if given);
    else the error code: ``required``, ``text_chars`` (a control character),
    ``password_policy``, ``password_common`` (on the list of common or leaked passwords) or
    ``password_mismatch``."""
    if not password:
        return "required"
    if CONTROL_CHARS.search(password):
        return "text_chars"
    if not all(password_checks(password).values()):
        return "password_policy"
    if is_common_password(password):
        return "password_common"
    if confirmation is not None and confirmation != password:
        return "password_mismatch"
    return None


def password_error(password: str, confirmation: str | None = None) -> FieldError | None:
    """:func:`check_password` as the error a form or a problem answer shows, or ``None``.

    A mismatch is about the ``confirmation`` field; anything else about ``password``.
    """
    code = check_password(password, confirmation)
    if code is None:
        return None
    if code == "password_mismatch":
        return FieldError("confirmation", CONFIRM_LABEL, code)
    return FieldError("password", PASSWORD_LABEL, code)
