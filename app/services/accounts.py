"""Portal accounts the guide's way: sign up by mobile number, OTP, password; sign in and out;
“Quên mật khẩu” through an OTP.

Qt-free, over :class:`~app.services.portal_client.PortalClient` and
:class:`~app.services.auth.TokenStore`. The views call these methods on a worker thread and show
what comes back. A refusal comes out as :class:`AccountError`: which field (or page) it concerns,
a stable ``kind`` the views translate, and the portal's Vietnamese message as a fallback — never a
raw HTTP error. Passwords pass through and are forgotten: nothing here keeps or logs them.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.services.auth import Session, TokenStore
from app.services.portal_client import NetworkError, PortalClient, PortalError
from dvc_core.rules import FieldError, nfc, password_error
from dvc_core.rules.registration import (
    ACCOUNT_TYPES,
    OFFERED_METHODS,
    OTP_MAX_ATTEMPTS,
    REGISTRATION_FIELDS,  # noqa: F401 (the sign-up screens read the fields from here)
    RESEND_GAP,
    check_registration,
)

log = logging.getLogger(__name__)

OTP_ATTEMPTS = OTP_MAX_ATTEMPTS  # the portal's cap per code
RESEND_GAP_S = int(RESEND_GAP.total_seconds())  # the portal's spacing between two codes


class AccountError(Exception):
    """The portal (or the network) refused an account step.

    Attributes:
        kind: stable reason the views translate: ``id_registered``, ``phone_registered``,
            ``otp_wrong``, ``otp_expired``, ``otp_attempts``, ``resend_too_soon``,
            ``resend_limit``, ``bad_credentials``, ``login_locked``, ``password_policy``,
            ``not_found``, ``not_verified``, ``password_set``, ``verification_expired`` (the
            sign-up must start again), ``validation``, ``network``, ``server`` or ``other``.
        field: the field it concerns (``id_number``, ``phone``, ``otp``, ``password``,
            ``username``…) or "" for the page as a whole.
        message: the portal's Vietnamese explanation (or the client's, for network trouble).
        retry_after: seconds to wait before trying again, when the portal said so.
        attempts_left: OTP tries left, when known.
        errors: every per-field problem the portal listed (``[{field, code, message}]``).
    """

    def __init__(self, kind: str, message: str, *, field: str = "", retry_after: int | None = None,
                 attempts_left: int | None = None, errors: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.field = field
        self.retry_after = retry_after
        self.attempts_left = attempts_left
        self.errors = errors or []


_SLUG_KINDS = {
    "id-number-registered": "id_registered",
    "phone-registered": "phone_registered",
    "otp-attempts": "otp_attempts",
    "otp-resend-too-soon": "resend_too_soon",
    "otp-resend-limit": "resend_limit",
    "bad-credentials": "bad_credentials",
    "login-locked": "login_locked",
    "account-not-found": "not_found",
    "not-verified": "not_verified",
    "password-set": "password_set",
    "already-verified": "already_verified",
    "otp-address-limit": "resend_limit",
    "verification-token": "verification_expired",
    "account-exists": "id_registered",
}
_CODE_KINDS = {"otp_wrong": "otp_wrong", "otp_expired": "otp_expired",
               "password_policy": "password_policy", "password_common": "password_common",
               "unsupported": "method_unsupported"}


def account_error(exc: Exception, retry_after: int | None = None) -> AccountError:
    """Turn a client exception into an :class:`AccountError` the views can place and translate."""
    if isinstance(exc, AccountError):
        return exc
    if isinstance(exc, NetworkError):
        return AccountError("network", exc.message)
    if not isinstance(exc, PortalError):
        return AccountError("other", str(exc))
    problem = exc.problem
    slug = str(problem.get("type", "")).rsplit(":", 1)[-1]
    errors = [e for e in exc.field_errors if isinstance(e, dict)]
    first = errors[0] if errors else {}
    kind = _SLUG_KINDS.get(slug) or _CODE_KINDS.get(str(first.get("code", "")))
    if kind is None:
        kind = "server" if exc.status >= 500 else ("validation" if errors else "other")
    attempts = None
    match = re.search(r"Còn (\d+) lần thử", exc.detail)
    if match:
        attempts = int(match.group(1))
    elif kind in ("otp_attempts",) or "hết số lần thử" in exc.detail:
        attempts = 0
    if retry_after is None and kind == "resend_too_soon":
        wait = re.search(r"(\d+) giây", exc.detail)
        retry_after = int(wait.group(1)) if wait else RESEND_GAP_S
    return AccountError(kind, exc.detail, field=str(first.get("field", "")),
                        retry_after=retry_after, attempts_left=attempts, errors=errors)


@dataclass
class OtpChallenge:
    """One code on its way to a phone: where it went, when, and how many tries are left."""

    sent_to: str
    sent_at: float
    attempts_left: int = OTP_ATTEMPTS
    wait_until: float = 0.0  # the portal asked to wait until then before another code


@dataclass
class Registration:
    """A sign-up in progress: the portal's id for it, where the OTP went, and — once the code
    was proved — the one-time token the password step needs (kept in memory only, never
    stored or logged; it dies with the sign-up, and on the portal after 15 minutes)."""

    account_id: str
    phone: str
    id_number: str
    full_name: str
    otp: OtpChallenge
    verified: bool = False
    address: str = ""
    verification_token: str = field(default="", repr=False)


@dataclass
class PasswordReset:
    username: str
    otp: OtpChallenge
    extra: dict[str, Any] = field(default_factory=dict)


def validate_registration(values: dict[str, Any], today: dt.date | None = None,
                          only: set[str] | None = None) -> tuple[dict[str, Any], list[FieldError]]:
    """Check the sign-up fields with the rules the portal applies
    (:func:`dvc_core.rules.registration.check_registration`); ``only`` limits it to some."""
    return check_registration(values, today, only)


def validate_password(password: str, confirmation: str | None = None) -> list[FieldError]:
    """The shared password policy (:func:`dvc_core.rules.password_error`), as a list."""
    error = password_error(password, confirmation)
    return [] if error is None else [error]


class AccountService:
    """Sign-up, sign-in, sign-out and password reset against one portal.

    Args:
        client: the portal client (its token callable reads ``tokens``).
        tokens: where the session goes (keyring in desk mode, memory otherwise).
        clock: monotonic seconds (tests move it).
    """

    def __init__(self, client: PortalClient, tokens: TokenStore,
                 clock: Callable[[], float] = time.monotonic):
        self.client = client
        self.tokens = tokens
        self.clock = clock
        self.registration: Registration | None = None
        self.reset: PasswordReset | None = None

    # ----------------------------------------------------------------------------- helpers
    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """One JSON call; a 429's ``Retry-After`` is kept on the error."""
        try:
            response = self.client.request(method, path, json=body,
                                           expect=(200, 201, 202, 204, 429))
        except (NetworkError, PortalError) as exc:
            raise account_error(exc) from None
        if response.status_code == 429:
            try:
                wait = int(response.headers.get("Retry-After", ""))
            except ValueError:
                wait = None
            raise account_error(PortalClient._error(response), wait)
        try:
            return response.json() if response.content else {}
        except ValueError:
            raise AccountError("network", "Câu trả lời của cổng bị cắt ngang hoặc hỏng.") from None

    def _challenge(self, sent_to: str) -> OtpChallenge:
        now = self.clock()
        return OtpChallenge(sent_to=sent_to, sent_at=now, wait_until=now + RESEND_GAP_S)

    def _note_refusal(self, challenge: OtpChallenge | None, error: AccountError) -> None:
        if challenge is None:
            return
        if error.attempts_left is not None:
            challenge.attempts_left = error.attempts_left
        elif error.kind == "otp_wrong":
            challenge.attempts_left = max(0, challenge.attempts_left - 1)
        if error.retry_after is not None and error.kind == "resend_too_soon":
            challenge.wait_until = self.clock() + error.retry_after

    @staticmethod
    def wait_seconds(challenge: OtpChallenge | None, now: float) -> int:
        if challenge is None:
            return 0
        return max(0, math.ceil(challenge.wait_until - now))

    def resend_wait(self) -> int:
        """Seconds before “Gửi lại mã” may be pressed for the current sign-up (0 = now)."""
        return self.wait_seconds(self.registration.otp if self.registration else None, self.clock())

    def reset_wait(self) -> int:
        return self.wait_seconds(self.reset.otp if self.reset else None, self.clock())

    # ----------------------------------------------------------------------------- sign-up
    def register(self, account_type: str, method: str, id_number: str, full_name: str,
                 birth_date: str, sex: str, phone: str, email: str | None = None,
                 address: str | None = None, today: dt.date | None = None) -> Registration:
        """``POST /accounts`` after checking every field with the shared rules.

        ``birth_date`` may be typed ``dd/mm/yyyy``. Raises :class:`AccountError` (kind
        ``validation`` with ``errors`` for the client's own checks).
        """
        if account_type not in ACCOUNT_TYPES:
            raise AccountError("validation", "Hãy chọn loại tài khoản.", field="account_type")
        if method not in OFFERED_METHODS:
            raise AccountError("method_unsupported",
                               "Cổng này chỉ nhận đăng ký bằng số thuê bao di động.", field="method")
        values, errors = validate_registration(
            {"id_number": id_number, "full_name": full_name, "birth_date": birth_date, "sex": sex,
             "phone": phone, "email": email, "address": address}, today)
        if errors:
            raise AccountError("validation", " ".join(e.message() for e in errors),
                               field=errors[0].field, errors=[e.to_json() for e in errors])
        body = {"account_type": account_type, "method": method,
                "id_number": values["id_number"], "full_name": values["full_name"],
                "birth_date": values["birth_date"], "sex": sex, "phone": values["phone"]}
        if values.get("email"):
            body["email"] = values["email"]
        if values.get("address"):
            # Not part of the v1 wire format: a portal that does not keep it ignores it.
            body["address"] = values["address"]
        answer = self._call("POST", "/accounts", body)
        self.registration = Registration(
            account_id=str(answer["account_id"]), phone=values["phone"],
            id_number=values["id_number"], full_name=values["full_name"],
            otp=self._challenge(str(answer.get("otp_sent_to", ""))),
            address=values.get("address", ""))
        return self.registration

    def _pending(self) -> Registration:
        if self.registration is None:
            raise AccountError("not_found", "Chưa có yêu cầu đăng ký nào. Hãy đăng ký lại từ đầu.")
        return self.registration

    def verify_otp(self, otp: str) -> None:
        """``POST /accounts/{id}/verify``; a wrong code updates ``attempts_left``."""
        registration = self._pending()
        code = re.sub(r"\s", "", nfc(otp or ""))
        if not re.fullmatch(r"\d{6}", code):
            raise AccountError("otp_format", "Mã OTP gồm 6 chữ số.", field="otp",
                               attempts_left=registration.otp.attempts_left)
        try:
            answer = self._call("POST", f"/accounts/{registration.account_id}/verify",
                                {"otp": code})
        except AccountError as error:
            self._note_refusal(registration.otp, error)
            error.attempts_left = registration.otp.attempts_left
            raise
        registration.verification_token = str(answer.get("verification_token") or "")
        registration.verified = True

    def resend_otp(self) -> OtpChallenge:
        """``POST /accounts/{id}/otp`` — a new code; the old one dies."""
        registration = self._pending()
        try:
            answer = self._call("POST", f"/accounts/{registration.account_id}/otp")
        except AccountError as error:
            self._note_refusal(registration.otp, error)
            raise
        registration.otp = self._challenge(str(answer.get("otp_sent_to", registration.otp.sent_to)))
        return registration.otp

    def set_password(self, password: str, confirmation: str | None = None,
                     sign_in: bool = True) -> Session | None:
        """``POST /accounts/{id}/password``, then sign in with the new account (unless
        ``sign_in`` is False: an officer's desk session is kept; None is returned)."""
        registration = self._pending()
        errors = validate_password(password, confirmation)
        if errors:
            raise AccountError(errors[0].code, errors[0].message(), field=errors[0].field,
                               errors=[e.to_json() for e in errors])
        # Only the screen that proved the code holds the token: nobody who re-sent the same
        # details elsewhere can set this account's password.
        self._call("POST", f"/accounts/{registration.account_id}/password",
                   {"password": password, "verification_token": registration.verification_token})
        self.registration = None
        return self.login(registration.phone, password) if sign_in else None

    # ----------------------------------------------------------------------------- sessions
    def login(self, username: str, password: str) -> Session:
        """``POST /sessions`` with a phone number, an ID number or a staff login name."""
        name = nfc(username or "")
        if not name or not password:
            field_name = "username" if not name else "password"
            raise AccountError("required", "Hãy nhập tên đăng nhập và mật khẩu.", field=field_name)
        answer = self._call("POST", "/sessions", {"username": name, "password": password})
        session = Session(
            token=answer["token"], role=answer.get("role", ""), username=name,
            display_name=answer.get("display_name") or "",
            commune=answer.get("commune") or "", expires_at=answer.get("expires_at") or "",
            commune_name=answer.get("commune_name") or "")
        self.tokens.set(session)
        return session

    def logout(self) -> bool:
        """Revoke the token on the portal (``DELETE /sessions/current``) and forget it here.

        Returns False when the portal could not be told (offline): the token is forgotten on
        this machine all the same, and it expires on the portal by itself.
        """
        told = True
        if self.tokens.token():
            try:
                self.client.request("DELETE", "/sessions/current", expect=(200, 204, 401))
            except (NetworkError, PortalError):
                told = False
                log.warning("could not revoke the session on the portal; forgotten locally")
        self.tokens.clear()
        return told

    def current(self) -> dict[str, Any]:
        """``GET /sessions/current`` (raises ``AccountError`` kind ``other`` on 401)."""
        return self._call("GET", "/sessions/current")

    # ----------------------------------------------------------------------------- forgotten
    def request_reset(self, username: str) -> OtpChallenge:
        """``POST /accounts/password-reset``: a code to the account's phone."""
        name = nfc(username or "")
        if not name:
            raise AccountError("required", "Hãy nhập số điện thoại hoặc số CMND/CCCD.",
                               field="username")
        previous = self.reset if self.reset and self.reset.username == name else None
        try:
            answer = self._call("POST", "/accounts/password-reset", {"username": name})
        except AccountError as error:
            self._note_refusal(previous.otp if previous else None, error)
            raise
        # Null when the name is an ID number: the portal never says which phone an account has.
        self.reset = PasswordReset(name, self._challenge(str(answer.get("otp_sent_to") or "")))
        return self.reset.otp

    def confirm_reset(self, otp: str, password: str, confirmation: str | None = None) -> Session:
        """``POST /accounts/password-reset/confirm``, then sign in with the new password."""
        if self.reset is None:
            raise AccountError("not_found", "Hãy yêu cầu gửi mã OTP trước.", field="username")
        code = re.sub(r"\s", "", nfc(otp or ""))
        if not re.fullmatch(r"\d{6}", code):
            raise AccountError("otp_format", "Mã OTP gồm 6 chữ số.", field="otp")
        errors = validate_password(password, confirmation)
        if errors:
            raise AccountError(errors[0].code, errors[0].message(), field=errors[0].field)
        try:
            self._call("POST", "/accounts/password-reset/confirm",
                       {"username": self.reset.username, "otp": code, "password": password})
        except AccountError as error:
            self._note_refusal(self.reset.otp, error)
            error.attempts_left = self.reset.otp.attempts_left
            raise
        username = self.reset.username
        self.reset = None
        return self.login(username, password)
