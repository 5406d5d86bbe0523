"""Citizen sign-up, the guide's way: identity fields → SMS OTP → password.

Each ``POST /accounts`` is a request of its own (:class:`~portal.models.SignupRequest`), with
an id only its requester is told. The newest code sent to a phone proves that phone for any of
its pending requests, but only the request it was typed into gets the one-time
``verification_token`` that ``POST /accounts/{id}/password`` requires: whoever re-sends
somebody else's details gets a request of their own, never theirs, and cannot finish it
without the code that went to the victim's phone.

When the ID number or the phone already has an account, the answer is the same as for a new
one (so sign-up cannot tell who has an account); the request is marked ``blocked``, no code is
sent, and the phones concerned are told by SMS instead.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dvc_core.rules import FieldError, nfc, password_error
from dvc_core.rules.registration import METHOD_NAMES, OFFERED_METHODS, OTP_TTL, check_registration
from dvc_core.units import ONE_STOP_UNIT
from portal.api import password_reset
from portal.context import Ctx, DbSession, PortalContext
from portal.models import Account, SignupRequest, new_id
from portal.otp import (
    FAIL_PHONE,
    SEND_ID,
    SEND_PHONE,
    SendLimit,
    address_limit,
    claim_send,
    may_notify,
    use_code,
)
from portal.problems import Problem, field_problem
from portal.scheduling import local
from portal.security import hash_password, mask_phone, new_otp, new_token, otp_digest, token_digest
from portal.wire import WireModel, checked

router = APIRouter(tags=["accounts"])
router.include_router(password_reset.router)

#: How long the password step may follow the code (typing a password that meets the policy).
VERIFICATION_TTL = dt.timedelta(minutes=15)

#: Who to ask for help (NĐ 118/2025/NĐ-CP Art. 7(3): the commune's public-service centre).
_UNIT = f"{ONE_STOP_UNIT} của xã/phường"
_CODE_SMS = ("Mã xác thực (OTP) đăng ký tài khoản Cổng dịch vụ công: {otp}. Mã có hiệu lực 5 "
             "phút. Không cung cấp mã này cho bất kỳ ai.")
_PHONE_TAKEN_SMS = ("Cổng dịch vụ công: có yêu cầu đăng ký tài khoản mới với số điện thoại này, "
                    "nhưng số này đã có tài khoản. Nếu là bạn, hãy đăng nhập hoặc dùng “Quên mật "
                    "khẩu”. Nếu không phải bạn, hãy bỏ qua tin nhắn này.")
_ID_USED_SMS = ("Cổng dịch vụ công: có yêu cầu đăng ký tài khoản mới bằng số CMND/CCCD của bạn. "
                "Mỗi số CMND/CCCD chỉ có một tài khoản, nên yêu cầu này không được chấp nhận. "
                f"Nếu không phải bạn, hãy liên hệ {_UNIT}.")
_ID_TAKEN_SMS = ("Cổng dịch vụ công: không thể hoàn tất đăng ký với số CMND/CCCD đã nhập. Nếu bạn "
                 "đã có tài khoản, hãy đăng nhập hoặc dùng “Quên mật khẩu”; cần hỗ trợ, hãy liên "
                 f"hệ {_UNIT}.")


class RegisterIn(WireModel):
    rule_fields = frozenset({"id_number", "full_name", "birth_date", "phone", "email", "address"})

    account_type: Literal["cong_dan", "doanh_nghiep", "co_quan_nha_nuoc"]
    method: str = Field(max_length=32, **checked(enum=list(OFFERED_METHODS)))
    id_number: str = Field(max_length=32, **checked(minLength=1))
    full_name: str = Field(max_length=200, **checked(minLength=1))
    birth_date: str = Field(max_length=32, **checked(minLength=1))
    sex: Literal["nam", "nu"]
    phone: str = Field(max_length=32, **checked(minLength=1))
    email: str | None = Field(default=None, max_length=254)
    address: str | None = Field(default=None, max_length=300)


class OtpIn(WireModel):
    otp: str = Field(max_length=16)


class PasswordIn(WireModel):
    # The password is the password rule's alone (control characters included), so the portal
    # refuses exactly what the app's screens refuse, with the same message.
    opaque_fields = frozenset()
    rule_fields = frozenset({"password"})

    password: str = Field(max_length=256)
    verification_token: str = Field(default="", max_length=128)


def _errors_problem(errors: list[FieldError]) -> Problem:
    items = [e.to_json() for e in errors]
    detail = "Thông tin đăng ký chưa hợp lệ. " + " ".join(e["message"] for e in items)
    return Problem(422, "validation", detail, errors=items)


def check_password_field(password: str) -> None:
    """The shared password policy; a refusal names the field with the kernel's message."""
    error = password_error(password)
    if error is not None:
        raise field_problem(error.field, error.code, error.message())


def _check_method(method: str) -> None:
    if method in OFFERED_METHODS:
        return
    name = METHOD_NAMES.get(method)
    if name is None:
        raise field_problem("method", "choice", "Phương thức đăng ký: hãy chọn một trong: "
                            + ", ".join(METHOD_NAMES.values()) + ".")
    raise field_problem("method", "unsupported",
                        f"Phương thức đăng ký “{name}” chưa được hỗ trợ trên cổng này. "
                        "Hãy đăng ký bằng số thuê bao di động.")


def _owner(session: Session, column: Any, value: str) -> Account | None:
    return session.scalar(select(Account).where(column == value, Account.password_hash.is_not(None))
                          .limit(1))


def _new_code(session: Session, ctx: PortalContext, request: SignupRequest) -> str:
    """A fresh code for ``request``; the phone's other pending codes die (only the newest SMS
    is valid). A blocked request gets a code nobody is sent, and kills nothing."""
    now = ctx.now()
    if not request.blocked:
        session.execute(SignupRequest.__table__.update().where(
            SignupRequest.phone == request.phone, SignupRequest.id != request.id,
            SignupRequest.blocked.is_(False), SignupRequest.used_at.is_(None),
        ).values(used_at=now))
    otp = new_otp() if not request.blocked else secrets.token_hex(16)
    request.code_hash = otp_digest(request.id, otp)
    request.expires_at = now + OTP_TTL
    request.attempts = 0
    request.used_at = None
    return otp


def _answer(request: SignupRequest, status: int = 200) -> JSONResponse:
    return JSONResponse({"account_id": request.id, "otp_sent_to": mask_phone(request.phone)},
                        status_code=status)


@router.post("/accounts", status_code=201)
def register(body: RegisterIn, request: Request, session: DbSession, ctx: Ctx) -> JSONResponse:
    """Ask for an account by mobile number; a 6-digit OTP is sent by SMS.

    Codes are limited per phone, per ID number (one every 60 s, 5 an hour) and per client
    address. The answer is the same whether or not the ID number or phone already has an
    account; if one does, its phone is told by SMS and this request can never be finished.
    """
    _check_method(nfc(body.method))
    values, errors = check_registration(
        {"full_name": body.full_name, "birth_date": body.birth_date, "id_number": body.id_number,
         "sex": body.sex, "phone": body.phone, "email": body.email, "address": body.address},
        local(ctx.now()).date())
    if errors:
        raise _errors_problem(errors)
    phone, id_number = values["phone"], values["id_number"]
    claim_send(session, ctx, [SendLimit(SEND_PHONE + phone), SendLimit(SEND_ID + id_number),
                              address_limit(ctx, request)])
    id_owner = _owner(session, Account.id_number, id_number)
    phone_owner = _owner(session, Account.phone, phone)
    signup = SignupRequest(
        id=new_id(), account_type=body.account_type, id_number=id_number,
        full_name=values["full_name"], birth_date=dt.date.fromisoformat(values["birth_date"]),
        sex=body.sex, phone=phone, email=values.get("email"), address=values.get("address"),
        blocked=id_owner is not None or phone_owner is not None, created_at=ctx.now())
    otp = _new_code(session, ctx, signup)
    session.add(signup)
    if not signup.blocked:
        ctx.notifier.queue(session, "sms", phone, _CODE_SMS.format(otp=otp),
                           expires_after=OTP_TTL)  # a code late is no code
    else:
        # The phone typed is counted already (claim_send); the owner's other phone is not.
        notices = {phone: _PHONE_TAKEN_SMS if phone_owner is not None else _ID_TAKEN_SMS}
        if id_owner is not None and id_owner.phone and id_owner.phone != phone:
            if may_notify(session, ctx, id_owner.phone):
                notices[id_owner.phone] = _ID_USED_SMS
        for to, text in notices.items():
            ctx.notifier.queue(session, "sms", to, text)
    session.commit()
    ctx.notifier.kick()
    return _answer(signup, 201)


def _signup(session: Session, account_id: str) -> SignupRequest:
    signup = session.get(SignupRequest, account_id)
    if signup is not None:
        return signup
    account = session.get(Account, account_id)
    if account is not None and account.role == "citizen" and account.password_hash:
        raise Problem(409, "password-set",
                      "Tài khoản đã có mật khẩu. Hãy đăng nhập bằng số điện thoại hoặc số CMND/CCCD.")
    raise Problem(404, "account-not-found",
                  "Không tìm thấy yêu cầu đăng ký này. Hãy đăng ký lại từ đầu.")


def _already_verified() -> Problem:
    return Problem(409, "already-verified", "Số điện thoại đã được xác thực; hãy đặt mật khẩu.")


@router.post("/accounts/{account_id}/verify")
def verify(account_id: str, body: OtpIn, session: DbSession, ctx: Ctx) -> dict[str, Any]:
    """Check the OTP (the newest sent to the phone; 5 minutes, 5 tries, single use).

    Answers a one-time ``verification_token`` (valid 15 minutes), required to set the password.
    """
    signup = _signup(session, account_id)
    if signup.verified_at is not None:
        raise _already_verified()
    # The phone's newest code, whichever of its requests it was sent for (a blocked request's
    # own code was sent to nobody, and counts only for itself).
    code = session.scalar(
        select(SignupRequest).where(SignupRequest.phone == signup.phone,
                                    or_(SignupRequest.blocked.is_(False),
                                        SignupRequest.id == signup.id))
        .order_by(SignupRequest.expires_at.desc()).limit(1))
    now = ctx.now()
    use_code(session, ctx, code, code.id if code else "", body.otp, [FAIL_PHONE + signup.phone])
    token = new_token()
    signup.verified_at = now
    signup.token_hash = token_digest(token)
    signup.token_expires_at = now + VERIFICATION_TTL
    session.commit()
    return {"account_id": signup.id, "verified": True, "verification_token": token}


@router.post("/accounts/{account_id}/otp")
def resend(account_id: str, request: Request, session: DbSession, ctx: Ctx) -> dict[str, Any]:
    """Send a new OTP (the same limits as the sign-up: 60 s apart, 5 an hour per phone…)."""
    signup = _signup(session, account_id)
    if signup.verified_at is not None:
        raise _already_verified()
    claim_send(session, ctx, [SendLimit(SEND_PHONE + signup.phone),
                              SendLimit(SEND_ID + signup.id_number), address_limit(ctx, request)])
    otp = _new_code(session, ctx, signup)
    if not signup.blocked:
        ctx.notifier.queue(session, "sms", signup.phone, _CODE_SMS.format(otp=otp),
                           expires_after=OTP_TTL)
    session.commit()
    ctx.notifier.kick()
    return {"account_id": signup.id, "otp_sent_to": mask_phone(signup.phone)}


@router.post("/accounts/{account_id}/password")
def set_password(account_id: str, body: PasswordIn, session: DbSession,
                 ctx: Ctx) -> dict[str, Any]:
    """Create the account with this password: only with the ``verification_token`` that
    ``verify`` gave this request."""
    signup = _signup(session, account_id)
    if signup.verified_at is None:
        raise Problem(409, "not-verified",
                      "Hãy nhập mã OTP đã gửi đến điện thoại trước khi đặt mật khẩu.")
    now = ctx.now()
    if (not signup.token_hash or signup.token_expires_at is None or signup.token_expires_at <= now
            or not hmac.compare_digest(signup.token_hash, token_digest(body.verification_token))):
        raise Problem(403, "verification-token",
                      "Phiên xác thực số điện thoại không hợp lệ hoặc đã hết hạn (15 phút). Hãy "
                      "đăng ký lại từ đầu.",
                      errors=[{"field": "verification_token", "code": "invalid",
                               "message": "Mã xác thực đăng ký không hợp lệ hoặc đã hết hạn."}])
    check_password_field(body.password)
    taken = Problem(409, "account-exists",
                    "Số CMND/CCCD hoặc số điện thoại này đã có tài khoản. Hãy đăng nhập hoặc dùng "
                    f"“Quên mật khẩu”; cần hỗ trợ, hãy liên hệ {_UNIT}.")
    if signup.blocked or _owner(session, Account.id_number, signup.id_number) is not None \
            or _owner(session, Account.phone, signup.phone) is not None:
        raise taken
    # An unfinished sign-up of an older portal (an account row without a password) gives way.
    session.execute(delete(Account).where(Account.id_number == signup.id_number,
                                          Account.role == "citizen",
                                          Account.password_hash.is_(None)))
    account = Account(id=signup.id, role="citizen", account_type=signup.account_type,
                      id_number=signup.id_number, full_name=signup.full_name,
                      birth_date=signup.birth_date, sex=signup.sex, phone=signup.phone,
                      email=signup.email, address=signup.address, verified_at=signup.verified_at,
                      password_hash=hash_password(body.password), created_at=now)
    session.add(account)
    try:
        session.flush()
        # The account exists: every other pending request for its ID number or phone is moot.
        session.execute(delete(SignupRequest).where(or_(
            SignupRequest.id_number == signup.id_number, SignupRequest.phone == signup.phone)))
        session.commit()
    except IntegrityError:  # another request for this ID number finished a moment earlier
        session.rollback()
        raise taken from None
    return {"account_id": account.id, "username": account.phone, "role": account.role}
