"""SMS codes (OTP): how often one may be sent, and how many wrong ones a phone may take.

Everything is counted in ``rate_events`` (so every worker, and a restart, sees it) under keys
of what was *typed* — the phone, the ID number, the name given to the password reset, the
client's address — never of whether an account exists: a limit answers the same for a
stranger's number as for a known one, so it cannot be used to tell them apart.

Limits (sliding one-hour window, ``PortalSettings.otp_window``): a code at most every 60 s and
5 an hour per phone, per ID number and per name asked for a reset (the kernel's ``RESEND_GAP``
and ``RESEND_PER_HOUR``, the numbers the app shows); ``otp_address_limit`` per client address;
``otp_fail_limit`` wrong codes per phone (and per reset name), across every code and sign-up.
"""

from __future__ import annotations

import datetime as dt
import hmac
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from dvc_core.rules import nfc
from dvc_core.rules.registration import OTP_MAX_ATTEMPTS, RESEND_GAP, RESEND_PER_HOUR
from portal.context import PortalContext, count_events, record_event, retry_after
from portal.models import RateEvent
from portal.problems import Problem, field_problem
from portal.security import otp_digest

SEND_PHONE = "otp-send-phone:"
SEND_ID = "otp-send-id:"
SEND_NAME = "otp-send-name:"
SEND_ADDRESS = "otp-send-addr:"
FAIL_PHONE = "otp-fail-phone:"
FAIL_NAME = "otp-fail-name:"

EXPIRED = "Mã OTP đã hết hạn (hiệu lực 5 phút). Hãy bấm “Gửi lại mã” để nhận mã mới."


class Code(Protocol):
    """What a stored code has: a sign-up request, or a password reset's challenge."""

    code_hash: str
    expires_at: dt.datetime
    attempts: int
    used_at: dt.datetime | None


@dataclass(frozen=True)
class SendLimit:
    """One count a new code is checked against.

    Attributes:
        key: the rate-event key (a ``SEND_*`` prefix and the value typed).
        per_window: codes allowed in the window.
        gap: the 60 s spacing between two codes applies too.
    """

    key: str
    per_window: int = RESEND_PER_HOUR
    gap: bool = True


def client_address(request: Request) -> str:
    # The peer, or the client a configured proxy names (portal.app): never a header alone.
    return request.client.host if request.client else "unknown"


def address_limit(ctx: PortalContext, request: Request) -> SendLimit:
    return SendLimit(SEND_ADDRESS + client_address(request), ctx.settings.otp_address_limit,
                     gap=False)


def _minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def claim_send(session: Session, ctx: PortalContext, limits: Sequence[SendLimit]) -> None:
    """Count one code under every key, or answer 429 (and count nothing) when a limit is reached.

    The counts are written and committed first, then read: two requests racing (two workers,
    two threads) see each other and are both refused, where a check made before either had
    written would let both through — the audit sent 30 codes to one phone in 0.6 s that way.
    """
    now = ctx.now()
    window = ctx.settings.otp_window
    events = [RateEvent(key=limit.key, at=now) for limit in limits]
    session.add_all(events)
    session.commit()
    own = [event.id for event in events]
    refusal: Problem | None = None
    for limit in limits:
        if limit.gap:
            earlier = session.scalar(select(RateEvent.at).where(
                RateEvent.key == limit.key, RateEvent.at > now - RESEND_GAP,
                RateEvent.id.not_in(own)).order_by(RateEvent.at).limit(1))
            if earlier is not None:
                wait = max(1, math.ceil((earlier + RESEND_GAP - now).total_seconds()))
                refusal = Problem(429, "otp-resend-too-soon",
                                  f"Vui lòng chờ {wait} giây trước khi yêu cầu gửi lại mã OTP.",
                                  headers={"Retry-After": str(wait)})
                break
        if count_events(session, limit.key, now - window) > limit.per_window:
            wait = retry_after(session, limit.key, now, window)
            if limit.key.startswith(SEND_ADDRESS):
                refusal = Problem(429, "otp-address-limit",
                                  "Có quá nhiều yêu cầu gửi mã OTP từ máy này. Vui lòng thử lại "
                                  f"sau khoảng {_minutes(wait)} phút.",
                                  headers={"Retry-After": str(wait)})
            else:
                refusal = Problem(429, "otp-resend-limit",
                                  f"Đã gửi mã OTP quá {limit.per_window} lần trong một giờ. Vui "
                                  f"lòng thử lại sau khoảng {_minutes(wait)} phút.",
                                  headers={"Retry-After": str(wait)})
            break
    if refusal is not None:
        for event in events:
            session.delete(event)
        session.commit()
        raise refusal


def may_notify(session: Session, ctx: PortalContext, phone: str) -> bool:
    """Count an SMS notice to ``phone`` if its hourly cap allows one (a notice is never refused
    to the requester: it is just not sent, so the answer stays the same)."""
    now = ctx.now()
    key = SEND_PHONE + phone
    if count_events(session, key, now - ctx.settings.otp_window) >= RESEND_PER_HOUR:
        return False
    record_event(session, key, now)
    return True


def check_fail_caps(session: Session, ctx: PortalContext, keys: Sequence[str]) -> None:
    """429 once a phone (or reset name) has had ``otp_fail_limit`` wrong codes in the window."""
    now = ctx.now()
    window = ctx.settings.otp_window
    for key in keys:
        if count_events(session, key, now - window) >= ctx.settings.otp_fail_limit:
            wait = retry_after(session, key, now, window)
            raise Problem(429, "otp-attempts",
                          "Đã nhập sai mã OTP quá nhiều lần cho số điện thoại này. Vui lòng thử "
                          f"lại sau khoảng {_minutes(wait)} phút.",
                          headers={"Retry-After": str(wait)},
                          errors=[{"field": "otp", "code": "otp_attempts",
                                   "message": "Đã nhập sai mã OTP quá nhiều lần."}])


def attempts_exhausted() -> Problem:
    return Problem(429, "otp-attempts",
                   "Đã nhập sai mã OTP quá 5 lần. Hãy bấm “Gửi lại mã” để nhận mã mới.",
                   headers={"Retry-After": str(int(RESEND_GAP.total_seconds()))},
                   errors=[{"field": "otp", "code": "otp_attempts",
                            "message": "Đã nhập sai mã OTP quá 5 lần."}])


def wrong_code(attempts: int) -> Problem:
    left = OTP_MAX_ATTEMPTS - attempts
    hint = (f"Còn {left} lần thử." if left > 0
            else "Đã hết số lần thử; hãy bấm “Gửi lại mã” để nhận mã mới.")
    return field_problem("otp", "otp_wrong", f"Mã OTP không đúng. {hint}")


def use_code(session: Session, ctx: PortalContext, code: Code | None, salt: str, typed: str,
             fail_keys: Sequence[str]) -> None:
    """Spend ``code`` (5 minutes, at most 5 tries, single use) or refuse.

    A wrong code counts a try on the code and under every ``fail_keys`` (the phone's cap), and
    is committed at once, so the limits hold across requests and workers; the caller commits
    the success together with what the code unlocks.
    """
    now = ctx.now()
    if code is None or code.used_at is not None or code.expires_at <= now:
        raise field_problem("otp", "otp_expired", EXPIRED)
    if code.attempts >= OTP_MAX_ATTEMPTS:
        raise attempts_exhausted()
    check_fail_caps(session, ctx, fail_keys)
    if not hmac.compare_digest(code.code_hash, otp_digest(salt, nfc(typed).replace(" ", ""))):
        code.attempts += 1
        for key in fail_keys:
            record_event(session, key, now)
        session.commit()
        raise wrong_code(code.attempts)
    code.used_at = now
