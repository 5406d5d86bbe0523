"""Account passwords: the guide's policy, the one rule the app's screens and the portal apply."""

from __future__ import annotations

from dvc_core.rules.messages import FieldError

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


def check_password(password: str, confirmation: str | None = None) -> str | None:
    """``None`` when the password meets the policy (and matches ``confirmation`` if given);
    else the error code: ``required``, ``password_policy`` or ``password_mismatch``."""
    if not password:
        return "required"
    if not all(password_checks(password).values()):
        return "password_policy"
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
