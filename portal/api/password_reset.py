"""“Quên mật khẩu”: a new password through an OTP sent to the account's phone.

The answers never tell whether an account exists: ``POST /accounts/password-reset`` answers
202 alike (the code goes only to the phone of a citizen account the name finds), and a confirm
for a name without an account is refused the way a wrong or expired code is — with the same
count of tries left, kept per name typed. The code and the new password come in one request,
so whoever proves the code is whoever sets the password.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dvc_core.rules import check_phone, nfc, normalize_phone, password_error
from dvc_core.rules.registration import OTP_MAX_ATTEMPTS, OTP_TTL
from portal.api.sessions import find_login
from portal.context import Ctx, DbSession, PortalContext, count_events
from portal.models import Account, OtpChallenge, RateEvent, SessionToken
from portal.otp import (
    EXPIRED,
    FAIL_NAME,
    FAIL_PHONE,
    SEND_NAME,
    SendLimit,
    address_limit,
    attempts_exhausted,
    check_fail_caps,
    claim_send,
    may_notify,
    use_code,
    wrong_code,
)
from portal.problems import field_problem
from portal.security import hash_password, mask_phone, new_otp, otp_digest
from portal.wire import WireModel

router = APIRouter(tags=["accounts"])

_RESET_SMS = ("Mã xác thực (OTP) đặt lại mật khẩu Cổng dịch vụ công: {otp}. Mã có hiệu lực 5 "
              "phút. Không cung cấp mã này cho bất kỳ ai.")
_SENT = ("Nếu {name} là số điện thoại hoặc số CMND/CCCD của một tài khoản công dân, mã OTP đã "
         "được gửi đến số điện thoại của tài khoản đó.")


class ResetIn(WireModel):
    username: str = Field(max_length=128)


class ResetConfirmIn(WireModel):
    # The password is the password rule's alone (see accounts.PasswordIn).
    opaque_fields = frozenset()
    rule_fields = frozenset({"password"})

    username: str = Field(max_length=128)
    otp: str = Field(max_length=16)
    password: str = Field(max_length=256)


def _name_key(username: str) -> str:
    """The name as typed, in one form (``+84 912…`` and ``0912…`` count as one)."""
    name = nfc(username).strip()
    if not name:
        raise field_problem("username", "required",
                            "Hãy nhập số điện thoại hoặc số CMND/CCCD của tài khoản.")
    return normalize_phone(name).lower()[:100]


def _reset_account(session: Session, username: str) -> Account | None:
    account = find_login(session, username)
    if account is None or account.role != "citizen" or not account.password_hash or not account.phone:
        return None
    return account


@router.post("/accounts/password-reset", status_code=202)
def password_reset(body: ResetIn, request: Request, session: DbSession,
                   ctx: Ctx) -> JSONResponse:
    """Send an OTP to the phone of the account named by phone number or ID number.

    The same 202 whether or not such an account exists; ``otp_sent_to`` masks the name when it
    is a phone number (else it is null), never the account's own phone.
    """
    key = _name_key(body.username)
    claim_send(session, ctx, [SendLimit(SEND_NAME + key), address_limit(ctx, request)])
    account = _reset_account(session, body.username)
    # The account's phone has its own hourly cap (a code is not sent past it; the answer is
    # the same).
    if account is not None and account.phone and may_notify(session, ctx, account.phone):
        now = ctx.now()
        for old in session.scalars(select(OtpChallenge).where(
                OtpChallenge.account_id == account.id, OtpChallenge.used_at.is_(None))):
            old.used_at = now  # only the newest code is valid
        otp = new_otp()
        session.add(OtpChallenge(account_id=account.id, code_hash=otp_digest(account.id, otp),
                                 created_at=now, expires_at=now + OTP_TTL, attempts=0))
        ctx.notifier.queue(session, "sms", account.phone, _RESET_SMS.format(otp=otp),
                           expires_after=OTP_TTL)
    session.commit()
    ctx.notifier.kick()
    phone, problem, _ = check_phone(body.username)
    return JSONResponse({"otp_sent_to": mask_phone(phone) if problem is None else None,
                         "message": _SENT.format(name=nfc(body.username).strip())},
                        status_code=202)


def _no_account(session: Session, ctx: PortalContext, key: str) -> None:
    """Refuse a confirm for a name without an account exactly as for one with an account:
    expired past 5 minutes after the last reset asked for that name, else a wrong code with
    the tries left counted per name."""
    now = ctx.now()
    asked = session.scalar(select(func.max(RateEvent.at)).where(RateEvent.key == SEND_NAME + key))
    if asked is None or asked + OTP_TTL <= now:
        raise field_problem("otp", "otp_expired", EXPIRED)
    tries = count_events(session, FAIL_NAME + key, asked - dt.timedelta(microseconds=1))
    if tries >= OTP_MAX_ATTEMPTS:
        raise attempts_exhausted()
    check_fail_caps(session, ctx, [FAIL_NAME + key])
    session.add(RateEvent(key=FAIL_NAME + key, at=now))
    session.commit()
    raise wrong_code(tries + 1)


@router.post("/accounts/password-reset/confirm")
def password_reset_confirm(body: ResetConfirmIn, session: DbSession, ctx: Ctx) -> dict[str, Any]:
    """Check the reset OTP, set the new password and sign the account out everywhere."""
    key = _name_key(body.username)
    error = password_error(body.password)
    if error is not None:
        raise field_problem(error.field, error.code, error.message())
    account = _reset_account(session, body.username)
    if account is None:
        _no_account(session, ctx, key)
        raise AssertionError("unreachable")  # _no_account always refuses
    challenge = session.scalar(
        select(OtpChallenge).where(OtpChallenge.account_id == account.id)
        .order_by(OtpChallenge.id.desc()).limit(1))
    use_code(session, ctx, challenge, account.id, body.otp,
             [FAIL_PHONE + (account.phone or ""), FAIL_NAME + key])
    now = ctx.now()
    account.password_hash = hash_password(body.password)
    # Whoever knew the old password is signed out too.
    for row in session.scalars(select(SessionToken).where(
            SessionToken.account_id == account.id, SessionToken.revoked_at.is_(None))):
        row.revoked_at = now
    session.commit()
    return {"account_id": account.id, "username": account.phone}

