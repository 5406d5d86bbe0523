"""Log in and out (bearer tokens, failed attempts rate-limited per account and per address, in the database)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from dvc_core.rules import nfc, normalize_id_number, normalize_phone
from portal.context import (
    Ctx,
    CurrentCaller,
    DbSession,
    count_events,
    record_event,
    retry_after,
)
from portal.models import Account, SessionToken
from portal.problems import Problem
from portal.security import hash_password, new_token, token_digest, verify_password
from portal.wire import WireModel

router = APIRouter(tags=["sessions"])

# Verified against when the user name is unknown, so a wrong name costs as long as a wrong
# password and response times do not reveal which accounts exist.
_DUMMY_HASH = hash_password("không-phải-mật-khẩu-thật")


class LoginIn(WireModel):
    username: str = Field(max_length=128)
    password: str = Field(max_length=256)


def find_login(session: Session, username: str) -> Account | None:
    """Staff log in by login name; citizens by phone number or ID number."""
    name = nfc(username)
    if not name:
        return None
    staff = session.scalar(select(Account).where(Account.username == name))
    if staff is not None:
        return staff
    candidates = session.scalars(select(Account).where(
        Account.password_hash.is_not(None),
        or_(Account.id_number == normalize_id_number(name), Account.phone == normalize_phone(name)),
    )).all()
    return candidates[0] if len(candidates) == 1 else None


def session_json(account: Account, token: str, row: SessionToken) -> dict[str, Any]:
    return {
        "token": token,
        "role": account.role,
        "expires_at": row.expires_at.isoformat(),
        "account_id": account.id,
        "display_name": account.full_name,
        "commune": account.commune_code,
        "commune_name": account.commune.name if account.commune else None,
    }


@router.post("/sessions", status_code=201)
def login(body: LoginIn, request: Request, session: DbSession,
          ctx: Ctx) -> JSONResponse:
    """Log in; answers a bearer token, the role and when the token expires.

    Failed attempts are counted per account (5 per 15 minutes) and per client address (30 per
    15 minutes, whichever names are tried), in the database so every worker sees them.
    """
    settings = ctx.settings
    now = ctx.now()
    address = f"login-addr:{request.client.host if request.client else 'unknown'}"
    if count_events(session, address, now - settings.login_window) >= settings.login_address_limit:
        wait = retry_after(session, address, now, settings.login_window)
        raise Problem(429, "login-address-limit",
                      "Có quá nhiều lần đăng nhập sai từ máy này. Vui lòng thử lại sau khoảng "
                      f"{max(1, wait // 60)} phút.", headers={"Retry-After": str(wait)})
    account = find_login(session, body.username)
    key = f"login:{account.id}" if account else f"login-name:{nfc(body.username).lower()[:100]}"
    if count_events(session, key, now - settings.login_window) >= settings.login_limit:
        wait = retry_after(session, key, now, settings.login_window)
        minutes = max(1, wait // 60)
        raise Problem(429, "login-locked",
                      f"Đăng nhập sai quá {settings.login_limit} lần. Tài khoản tạm khóa, vui lòng "
                      f"thử lại sau khoảng {minutes} phút.", headers={"Retry-After": str(wait)})
    ok = verify_password(account.password_hash if account else _DUMMY_HASH, body.password)
    if account is None or not ok:
        record_event(session, key, now)
        record_event(session, address, now)
        session.commit()
        left = settings.login_limit - count_events(session, key, now - settings.login_window)
        hint = f" Còn {left} lần thử." if left > 0 else ""
        raise Problem(401, "bad-credentials",
                      "Tên đăng nhập hoặc mật khẩu không đúng. Công dân đăng nhập bằng số điện "
                      "thoại hoặc số CMND/CCCD." + hint, title="Đăng nhập không thành công")
    token = new_token()
    row = SessionToken(token_hash=token_digest(token), account_id=account.id, created_at=now,
                       expires_at=now + settings.token_ttl)
    session.add(row)
    session.commit()
    return JSONResponse(session_json(account, token, row), status_code=201)


@router.get("/sessions/current")
def whoami(caller: CurrentCaller, session: DbSession) -> dict[str, Any]:
    """The logged-in account (token not repeated)."""
    row = session.get(SessionToken, caller.token_hash)
    assert row is not None
    account = caller.account
    return {"account_id": account.id, "role": account.role, "display_name": account.full_name,
            "commune": account.commune_code, "expires_at": row.expires_at.isoformat()}


@router.delete("/sessions/current", status_code=204)
def logout(caller: CurrentCaller, session: DbSession,
           ctx: Ctx) -> Response:
    """Revoke the token used for this request."""
    row = session.get(SessionToken, caller.token_hash)
    if row is not None:
        row.revoked_at = ctx.now()
        session.commit()
    return Response(status_code=204)
