"""Kiosk devices, provisioned by an officer for their own commune (or by an admin for any).

A device is an account with role ``kiosk``: a generated login name and a generated password
that is shown once, in the answer to ``POST /devices``, and kept only as its argon2 hash.
Revoking a device clears that hash (nothing left to log in with) and revokes every session it
has open, in one transaction. Who provisioned and who revoked a device is kept on its account.
"""

from __future__ import annotations

import logging
import secrets
import uuid as uuidlib
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dvc_core.lifecycle import OFFICER_ROLES
from dvc_core.rules import FieldError, FieldSpec, check_password, check_value, nfc, plain_text
from portal.context import Caller, Ctx, CurrentCaller, DbSession
from portal.models import Account, Commune, SessionToken
from portal.problems import Problem, field_problem
from portal.security import hash_password
from portal.wire import WireModel, checked

router = APIRouter(tags=["devices"])
log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy thiết bị ki-ốt này, hoặc bạn không có quyền quản lý thiết bị này."
_NAME = FieldSpec("name", "Tên thiết bị", "text", True, max_length=100)
# Characters nobody misreads on a slip of paper or types wrongly on a kiosk's screen
# (no 0/O/o, 1/l/I/i).
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_LOWER = "abcdefghjkmnpqrstuvwxyz"
_DIGITS = "23456789"
_SUFFIX_LENGTH = 6


class DeviceIn(WireModel):
    # Checked again after NFC normalisation (1–100 characters); the bound here only keeps a
    # decomposed (NFD) name of 100 letters acceptable.
    name: str = Field(max_length=400, description="Tên thiết bị, 1–100 ký tự (sau chuẩn hóa NFC)",
                      examples=["Ki-ốt sảnh UBND"], **checked(minLength=1))
    commune: str | None = Field(default=None, max_length=32,
                                description="Mã đơn vị (xã/phường); bắt buộc với quản trị viên, "
                                            "cán bộ chỉ cấp cho xã của mình")


class DeviceOut(BaseModel):
    device_id: str
    username: str
    name: str
    commune: str
    commune_name: str | None
    created_at: str
    created_by: str | None = Field(description="Người cấp thiết bị (tên hiển thị)")
    revoked_at: str | None
    revoked_by: str | None = Field(description="Người thu hồi thiết bị (tên hiển thị)")
    open_sessions: int = Field(description="Số phiên đăng nhập còn hiệu lực")


class DeviceList(BaseModel):
    devices: list[DeviceOut]


class DeviceCreated(BaseModel):
    device_id: str
    username: str
    password: str = Field(description="Mật khẩu của thiết bị: chỉ hiện một lần, cổng không lưu")
    commune: str
    name: str
    created_at: str


def _staff(caller: CurrentCaller) -> Caller:
    """Only officers and administrators manage devices (checked before the body's fields)."""
    if caller.role not in OFFICER_ROLES:
        raise Problem(403, "staff-only",
                      "Chỉ cán bộ xã/phường hoặc quản trị viên mới được cấp và thu hồi thiết bị "
                      "ki-ốt. Hãy đăng nhập bằng tài khoản cán bộ.")
    if caller.role == "officer" and not caller.account.commune_code:
        raise Problem(403, "officer-without-commune",
                      "Tài khoản cán bộ này chưa gắn với xã/phường nào nên không cấp được thiết "
                      "bị ki-ốt. Hãy liên hệ quản trị viên.")
    return caller


StaffCaller = Annotated[Caller, Depends(_staff)]


def _clean_name(raw: str) -> str:
    value, error = check_value(_NAME, raw)
    if error is None and any(ch in value for ch in "\r\n\u2028\u2029"):
        error = FieldError(_NAME.id, _NAME.label, "text_chars")
    if error is not None:
        raise field_problem(error.field, error.code, error.message())
    return value


def _commune_for(caller: Caller, given: str | None, session: Session) -> Commune:
    """The officer's own commune (never another); for an admin, the existing one given."""
    code = nfc(given) if given else ""
    if caller.role == "officer":
        own = caller.account.commune_code
        if code and code != own:
            raise Problem(403, "other-commune",
                          f"Cán bộ chỉ được cấp thiết bị ki-ốt cho xã/phường của mình ({own}), "
                          f"không cấp cho đơn vị “{code}”.",
                          errors=[{"field": "commune", "code": "other_commune",
                                   "message": "Mã đơn vị không phải xã/phường của cán bộ."}])
        code = own or ""
    elif not code:
        raise field_problem("commune", "required",
                            "Mã đơn vị (commune): quản trị viên phải ghi mã xã/phường sẽ dùng "
                            "thiết bị, ví dụ 000.99.99.H56.")
    commune = session.get(Commune, code)
    if commune is None:
        raise field_problem("commune", "unknown_unit",
                            f"Mã đơn vị (commune): “{code}” không có trên cổng. Hãy kiểm tra lại "
                            "mã xã/phường.")
    return commune


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def new_device_password() -> str:
    """Four groups of four unambiguous characters (about 90 bits), e.g. ``Xk7m-Pq2r-Tz9w-Ab3c``.

    Meets the shared password policy (the hyphens are the special characters).
    """
    alphabet = _UPPER + _LOWER + _DIGITS
    while True:
        password = "-".join(_random(alphabet, 4) for _ in range(4))
        if check_password(password) is None:
            return password


def _new_username(unit_code: str) -> str:
    return f"kiosk-{unit_code.lower()}-{_random(_LOWER + _DIGITS, _SUFFIX_LENGTH)}"


def _names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(Account.id, Account.full_name).where(Account.id.in_(ids)))
    return {row.id: row.full_name for row in rows}


def _device_json(device: Account, names: dict[str, str], open_sessions: int) -> DeviceOut:
    return DeviceOut(
        device_id=device.id, username=device.username or "", name=plain_text(device.full_name),
        commune=device.commune_code or "",
        commune_name=device.commune.name if device.commune else None,
        created_at=device.created_at.isoformat(),
        created_by=plain_text(names.get(device.created_by) or "") or None,
        revoked_at=device.revoked_at.isoformat() if device.revoked_at else None,
        revoked_by=plain_text(names.get(device.revoked_by) or "") or None,
        open_sessions=open_sessions)


@router.post("/devices", status_code=201, response_model=DeviceCreated)
def provision(body: DeviceIn, caller: StaffCaller, session: DbSession, ctx: Ctx,
              response: Response) -> DeviceCreated:
    """Provision a kiosk device for the officer's commune (an admin names the commune).

    The answer carries the device's login name and password; the password is shown only
    this once (the portal keeps its argon2 hash), so write it down or set up the kiosk now.
    """
    name = _clean_name(body.name)
    commune = _commune_for(caller, body.commune, session)
    password = new_device_password()
    password_hash = hash_password(password)
    now = ctx.now()
    device = None
    for _attempt in range(5):
        username = _new_username(commune.unit_code)
        if session.scalar(select(Account.id).where(Account.username == username)) is not None:
            continue
        device = Account(role="kiosk", username=username, full_name=name,
                         commune_code=commune.unit_code, password_hash=password_hash,
                         verified_at=now, created_at=now, created_by=caller.id)
        session.add(device)
        try:
            session.commit()
            break
        except IntegrityError:  # the same name made at the same moment elsewhere: draw again
            session.rollback()
            device = None
    if device is None:
        raise Problem(409, "username-taken",
                      "Không tạo được tên đăng nhập riêng cho thiết bị. Vui lòng thử lại.")
    log.info("kiosk device %s (%s) provisioned by account %s", device.username,
             commune.unit_code, caller.id)
    # The password is in this answer: no cache on the way may keep a copy.
    response.headers["Cache-Control"] = "no-store"
    return DeviceCreated(device_id=device.id, username=device.username or "", password=password,
                         commune=commune.unit_code, name=name,
                         created_at=device.created_at.isoformat())


def _scope(caller: Caller) -> Select[tuple[Account]]:
    query = select(Account).where(Account.role == "kiosk")
    if caller.role == "officer":
        query = query.where(Account.commune_code == caller.account.commune_code)
    return query


@router.get("/devices", response_model=DeviceList)
def list_devices(caller: StaffCaller, session: DbSession, ctx: Ctx) -> DeviceList:
    """The kiosk devices of the officer's commune (an admin: of every commune), passwords never
    included; revoked ones stay listed with who revoked them."""
    devices = session.scalars(_scope(caller).order_by(Account.created_at, Account.id)).all()
    ids = [d.id for d in devices]
    counts: dict[str, int] = {}
    if ids:
        counts = dict(session.execute(
            select(SessionToken.account_id, func.count())
            .where(SessionToken.account_id.in_(ids), SessionToken.revoked_at.is_(None),
                   SessionToken.expires_at > ctx.now())
            .group_by(SessionToken.account_id)).all())
    names = _names(session, {i for d in devices for i in (d.created_by, d.revoked_by) if i})
    return DeviceList(devices=[_device_json(d, names, counts.get(d.id, 0)) for d in devices])


@router.delete("/devices/{device_id}", status_code=204)
def revoke(device_id: uuidlib.UUID, caller: StaffCaller, session: DbSession,
           ctx: Ctx) -> Response:
    """Revoke a device: it can no longer log in, and every session it has open ends now.

    Another commune's device answers 404, like any resource outside the caller's reach.
    Revoking a revoked device again changes nothing.
    """
    device = session.scalar(_scope(caller).where(Account.id == str(device_id)))
    if device is None:
        raise Problem(404, "device-not-found", NOT_FOUND)
    now = ctx.now()
    if device.revoked_at is None:
        device.revoked_at = now
        device.revoked_by = caller.id
    device.password_hash = None
    session.execute(update(SessionToken)
                    .where(SessionToken.account_id == device.id, SessionToken.revoked_at.is_(None))
                    .values(revoked_at=now))
    session.commit()
    log.info("kiosk device %s revoked by account %s", device.username, caller.id)
    return Response(status_code=204)
