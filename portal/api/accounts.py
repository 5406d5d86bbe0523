"""Citizen sign-up, the guide's way: identity fields → SMS OTP → password."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dvc_core.rules import FieldError, nfc, password_error
from dvc_core.rules.registration import (
    METHOD_NAMES,
    OFFERED_METHODS,
    OTP_MAX_ATTEMPTS,
    OTP_TTL,
    RESEND_GAP,
    RESEND_PER_HOUR,
    check_registration,
)
from portal.api.sessions import find_login
from portal.context import Ctx, DbSession, PortalContext
from portal.models import Account, OtpChallenge, SessionToken
from portal.problems import Problem, field_problem
from portal.scheduling import local
from portal.security import hash_password, mask_phone, new_otp, otp_digest
from portal.wire import WireModel

router = APIRouter(tags=["accounts"])

class RegisterIn(WireModel):
    rule_fields = frozenset({"id_number", "full_name", "birth_date", "phone", "email", "address"})

    account_type: Literal["cong_dan", "doanh_nghiep", "co_quan_nha_nuoc"]
    method: str = Field(max_length=32)
    id_number: str = Field(max_length=32)
    full_name: str = Field(max_length=200)
    birth_date: str = Field(max_length=32)
    sex: Literal["nam", "nu"]
    phone: str = Field(max_length=32)
    email: str | None = Field(default=None, max_length=254)
    address: str | None = Field(default=None, max_length=300)


class OtpIn(WireModel):
    otp: str = Field(max_length=16)


class PasswordIn(WireModel):
    password: str = Field(max_length=256)


def _errors_problem(errors: list[FieldError]) -> Problem:
    items = [e.to_json() for e in errors]
    detail = "Thông tin đăng ký chưa hợp lệ. " + " ".join(e["message"] for e in items)
    return Problem(422, "validation", detail, errors=items)


def _check_password(password: str) -> None:
    """The shared password policy; a refusal names the field with the kernel's message."""
    error = password_error(password)
    if error is not None:
        raise field_problem(error.field, error.code, error.message())


def _send_otp(session: Session, ctx: PortalContext, account: Account,
              purpose: str = "đăng ký tài khoản") -> None:
    now = ctx.now()
    # A new code replaces every earlier one: only the latest SMS is valid.
    for old in session.scalars(select(OtpChallenge).where(
            OtpChallenge.account_id == account.id, OtpChallenge.used_at.is_(None))):
        old.used_at = now
    otp = new_otp()
    session.add(OtpChallenge(account_id=account.id, code_hash=otp_digest(account.id, otp),
                             created_at=now, expires_at=now + OTP_TTL, attempts=0))
    assert account.phone
    ctx.notifier.queue(
        session, "sms", account.phone,
        f"Mã xác thực (OTP) {purpose} Cổng dịch vụ công: {otp}. "
        f"Mã có hiệu lực 5 phút. Không cung cấp mã này cho bất kỳ ai.",
        expires_after=OTP_TTL,  # a code not delivered in time is never sent late
    )


def _sent_last_hour(session: Session, account_id: str, now: dt.datetime) -> int:
    return session.scalar(select(func.count()).select_from(OtpChallenge).where(
        OtpChallenge.account_id == account_id,
        OtpChallenge.created_at > now - dt.timedelta(hours=1))) or 0


def _resend_allowed(session: Session, account_id: str, now: dt.datetime) -> None:
    """429 unless another code may be sent now: a gap after the last one, a cap per hour."""
    last = session.scalar(select(func.max(OtpChallenge.created_at))
                          .where(OtpChallenge.account_id == account_id))
    if last is not None and now - last < RESEND_GAP:
        wait = max(1, math.ceil((last + RESEND_GAP - now).total_seconds()))
        raise Problem(429, "otp-resend-too-soon",
                      f"Vui lòng chờ {wait} giây trước khi yêu cầu gửi lại mã OTP.",
                      headers={"Retry-After": str(wait)})
    _resend_limited(session, account_id, now)


def _resend_limited(session: Session, account_id: str, now: dt.datetime) -> None:
    if _sent_last_hour(session, account_id, now) >= RESEND_PER_HOUR:
        raise Problem(429, "otp-resend-limit",
                      "Đã gửi mã OTP quá 5 lần trong một giờ. Vui lòng thử lại sau một giờ.",
                      headers={"Retry-After": "3600"})


@router.post("/accounts", status_code=201)
def register(body: RegisterIn, session: DbSession,
             ctx: Ctx) -> JSONResponse:
    """Register an account by mobile number; sends a 6-digit OTP by SMS."""
    method = nfc(body.method)
    if method not in OFFERED_METHODS:
        name = METHOD_NAMES.get(method)
        if name is None:
            raise field_problem("method", "choice",
                                "Phương thức đăng ký: hãy chọn một trong: "
                                + ", ".join(METHOD_NAMES.values()) + ".")
        raise field_problem("method", "unsupported",
                            f"Phương thức đăng ký “{name}” chưa được hỗ trợ trên cổng này. "
                            "Hãy đăng ký bằng số thuê bao di động.")
    values, errors = check_registration(
        {"full_name": body.full_name, "birth_date": body.birth_date, "id_number": body.id_number,
         "sex": body.sex, "phone": body.phone, "email": body.email, "address": body.address},
        local(ctx.now()).date())
    if errors:
        raise _errors_problem(errors)

    existing = session.scalar(select(Account).where(Account.id_number == values["id_number"]))
    if existing is not None and existing.password_hash:
        raise Problem(409, "id-number-registered",
                      f"Số CMND/CCCD {values['id_number']} đã được đăng ký tài khoản. Mỗi số "
                      "CMND/CCCD chỉ đăng ký một tài khoản; nếu quên mật khẩu, hãy liên hệ bộ "
                      "phận một cửa của xã để được hỗ trợ.",
                      errors=[{"field": "id_number", "code": "duplicate",
                               "message": "Số CMND/CCCD đã có tài khoản."}])
    phone_owner = session.scalar(select(Account).where(
        Account.phone == values["phone"], Account.password_hash.is_not(None)))
    if phone_owner is not None:
        raise Problem(409, "phone-registered",
                      f"Số điện thoại {mask_phone(values['phone'])} đã được dùng cho một tài khoản "
                      "khác. Hãy dùng số điện thoại của chính mình.",
                      errors=[{"field": "phone", "code": "duplicate",
                               "message": "Số điện thoại đã được dùng cho tài khoản khác."}])
    now = ctx.now()
    if existing is None:
        account = Account(role="citizen", created_at=now)
        session.add(account)
    else:
        # An unfinished sign-up (no password yet) is simply restarted with the new details.
        account = existing
        _resend_limited(session, account.id, now)
    account.account_type = body.account_type
    account.id_number = values["id_number"]
    account.full_name = values["full_name"]
    account.birth_date = dt.date.fromisoformat(values["birth_date"])
    account.sex = body.sex
    account.phone = values["phone"]
    account.email = values.get("email")
    account.address = values.get("address")
    account.verified_at = None
    session.flush()
    _send_otp(session, ctx, account)
    session.commit()
    ctx.notifier.kick()
    return JSONResponse({"account_id": account.id, "otp_sent_to": mask_phone(account.phone or "")},
                        status_code=201)


def _pending_account(session: Session, account_id: str) -> Account:
    account = session.get(Account, account_id)
    if account is None or account.role != "citizen":
        raise Problem(404, "account-not-found",
                      "Không tìm thấy yêu cầu đăng ký này. Hãy đăng ký lại từ đầu.")
    return account


def _use_otp(session: Session, account: Account, typed: str, now: dt.datetime) -> None:
    """Spend the account's newest OTP (5 minutes, at most 5 tries, single use) or refuse.

    A wrong code counts a try and is committed at once, so the limit holds across requests and
    workers; the caller commits the success together with what the code unlocks.
    """
    challenge = session.scalar(
        select(OtpChallenge).where(OtpChallenge.account_id == account.id)
        .order_by(OtpChallenge.id.desc()).limit(1))
    if challenge is None or challenge.used_at is not None or challenge.expires_at <= now:
        raise field_problem("otp", "otp_expired",
                            "Mã OTP đã hết hạn (hiệu lực 5 phút). Hãy bấm “Gửi lại mã” để nhận mã mới.")
    if challenge.attempts >= OTP_MAX_ATTEMPTS:
        raise Problem(429, "otp-attempts",
                      "Đã nhập sai mã OTP quá 5 lần. Hãy bấm “Gửi lại mã” để nhận mã mới.",
                      errors=[{"field": "otp", "code": "otp_attempts",
                               "message": "Đã nhập sai mã OTP quá 5 lần."}])
    if challenge.code_hash != otp_digest(account.id, nfc(typed).replace(" ", "")):
        challenge.attempts += 1
        session.commit()
        left = OTP_MAX_ATTEMPTS - challenge.attempts
        hint = (f"Còn {left} lần thử." if left > 0
                else "Đã hết số lần thử; hãy bấm “Gửi lại mã” để nhận mã mới.")
        raise field_problem("otp", "otp_wrong", f"Mã OTP không đúng. {hint}")
    challenge.used_at = now


@router.post("/accounts/{account_id}/verify")
def verify(account_id: str, body: OtpIn, session: DbSession,
           ctx: Ctx) -> dict[str, Any]:
    """Check the OTP sent by SMS (5 minutes, at most 5 tries, single use)."""
    account = _pending_account(session, account_id)
    if account.verified_at is not None:
        return {"account_id": account.id, "verified": True}
    now = ctx.now()
    _use_otp(session, account, body.otp, now)
    account.verified_at = now
    session.commit()
    return {"account_id": account.id, "verified": True}


@router.post("/accounts/{account_id}/otp")
def resend(account_id: str, session: DbSession,
           ctx: Ctx) -> dict[str, Any]:
    """Send a new OTP (at least 60 s after the previous one, at most 5 per hour)."""
    account = _pending_account(session, account_id)
    if account.verified_at is not None:
        raise Problem(409, "already-verified", "Số điện thoại đã được xác thực; hãy đặt mật khẩu.")
    now = ctx.now()
    _resend_allowed(session, account.id, now)
    _send_otp(session, ctx, account)
    session.commit()
    ctx.notifier.kick()
    return {"account_id": account.id, "otp_sent_to": mask_phone(account.phone or "")}


@router.post("/accounts/{account_id}/password")
def set_password(account_id: str, body: PasswordIn, session: DbSession,
                 ctx: Ctx) -> dict[str, Any]:
    """Set the password, once the phone number has been verified by OTP."""
    account = _pending_account(session, account_id)
    if account.verified_at is None:
        raise Problem(409, "not-verified",
                      "Hãy nhập mã OTP đã gửi đến điện thoại trước khi đặt mật khẩu.")
    if account.password_hash:
        raise Problem(409, "password-set",
                      "Tài khoản đã có mật khẩu. Hãy đăng nhập bằng số điện thoại hoặc số CMND/CCCD.")
    _check_password(body.password)
    account.password_hash = hash_password(body.password)
    session.commit()
    return {"account_id": account.id, "username": account.phone, "role": account.role}


# --------------------------------------------------------------------------------------------
# "Quên mật khẩu": a new password through an OTP sent to the account's phone. The challenge
# rows are the sign-up's: a reset is only offered to accounts that already have a password,
# and sign-up verification only to accounts that have none, so the two never mix.

RESET_PURPOSE = "đặt lại mật khẩu"


class ResetIn(WireModel):
    username: str = Field(max_length=128)


class ResetConfirmIn(WireModel):
    username: str = Field(max_length=128)
    otp: str = Field(max_length=16)
    password: str = Field(max_length=256)


def _reset_account(session: Session, username: str) -> Account:
    account = find_login(session, username)
    if account is None or account.role != "citizen" or not account.password_hash or not account.phone:
        raise Problem(404, "account-not-found",
                      "Không tìm thấy tài khoản công dân với số điện thoại hoặc số CMND/CCCD này. "
                      "Hãy kiểm tra lại, hoặc đăng ký tài khoản mới.",
                      errors=[{"field": "username", "code": "not_found",
                               "message": "Không tìm thấy tài khoản."}])
    return account


@router.post("/accounts/password-reset", status_code=202)
def password_reset(body: ResetIn, session: DbSession, ctx: Ctx) -> JSONResponse:
    """Send an OTP to the phone of the account named by phone number or ID number."""
    account = _reset_account(session, body.username)
    now = ctx.now()
    _resend_allowed(session, account.id, now)
    _send_otp(session, ctx, account, RESET_PURPOSE)
    session.commit()
    ctx.notifier.kick()
    return JSONResponse({"otp_sent_to": mask_phone(account.phone or "")}, status_code=202)


@router.post("/accounts/password-reset/confirm")
def password_reset_confirm(body: ResetConfirmIn, session: DbSession, ctx: Ctx) -> dict[str, Any]:
    """Check the reset OTP, set the new password and sign the account out everywhere."""
    account = _reset_account(session, body.username)
    _check_password(body.password)
    now = ctx.now()
    _use_otp(session, account, body.otp, now)
    account.password_hash = hash_password(body.password)
    # Whoever knew the old password is signed out too.
    for row in session.scalars(select(SessionToken).where(
            SessionToken.account_id == account.id, SessionToken.revoked_at.is_(None))):
        row.revoked_at = now
    session.commit()
    return {"account_id": account.id, "username": account.phone}
