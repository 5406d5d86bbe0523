"""The accounts service against a real portal on loopback (in-process uvicorn, movable clock):
sign-up with OTP and password, every refusal, sign-in/out, “Quên mật khẩu”, and where the token
is kept."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import keyring
import pytest
import requests
from keyring.backends import fail

from app.services.accounts import AccountError, AccountService, account_error, validate_registration
from app.services.auth import NO_KEYRING_VI, Session, TokenStore
from app.services.portal_client import NetworkError, PortalClient, PortalError
from dvc_core.rules import check_password, password_checks

_serial = itertools.count(100001)


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now


class Monotonic:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def portal_clock():
    return Clock()


@pytest.fixture
def portal(tmp_path, portal_clock):
    from portal.server import EmbeddedPortal
    from portal.settings import PortalSettings

    server = EmbeddedPortal(PortalSettings(storage_dir=tmp_path / "portal", sandbox=True,
                                           clock=portal_clock)).start()
    yield server
    server.stop()


@pytest.fixture
def mono():
    return Monotonic()


@pytest.fixture
def tokens(portal):
    return TokenStore(f"dvc-desk:{portal.url}", persist=True)


@pytest.fixture
def accounts(portal, tokens, mono):
    client = PortalClient(portal.url, token=tokens.token)
    return AccountService(client, tokens, clock=mono)


def person() -> dict:
    n = next(_serial)
    return {"account_type": "cong_dan", "method": "mobile", "id_number": f"038090{n:06d}",
            "full_name": "Nguyễn Văn Đức", "birth_date": "01/02/1990", "sex": "nam",
            "phone": f"0983{n % 1000000:06d}", "email": None, "address": "Thôn Đông, xã Thực Hành"}


def sandbox_messages(url: str) -> list[dict]:
    return requests.get(url + "/api/v1/sandbox/messages", timeout=10).json()


def last_otp(portal, phone: str) -> str:
    messages = requests.get(portal.api + "/sandbox/messages", timeout=10).json()
    body = [m["body"] for m in messages if m["to"] == phone and m["channel"] == "sms"][-1]
    return re.search(r"\b(\d{6})\b", body).group(1)


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_sign_up_verify_password_signed_in_then_out(accounts, portal, tokens, memory_keyring):
    who = person()
    reg = accounts.register(**who)
    assert reg.otp.sent_to == who["phone"][:3] + "****" + who["phone"][-3:]
    assert accounts.resend_wait() == 60
    code = last_otp(portal, who["phone"])
    with pytest.raises(AccountError) as wrong_code:
        accounts.verify_otp(wrong(code))
    assert wrong_code.value.kind == "otp_wrong" and wrong_code.value.field == "otp"
    assert wrong_code.value.attempts_left == 4 and reg.otp.attempts_left == 4
    accounts.verify_otp(code)
    with pytest.raises(AccountError) as weak:
        accounts.set_password("matkhau1")
    assert weak.value.kind == "password_policy" and weak.value.field == "password"
    session = accounts.set_password("Đức@2026x", "Đức@2026x")
    assert session.display_name == "Nguyễn Văn Đức" and session.role == "citizen"
    # Desk mode: the token is in the keyring under the portal's address, and nowhere else here.
    stored = memory_keyring.secrets[(f"dvc-desk:{portal.url}", "session")]
    assert session.token in stored and "Đức@2026x" not in stored
    assert accounts.current()["display_name"] == "Nguyễn Văn Đức"
    # The ID number signs in too.
    token = session.token
    assert accounts.logout() is True
    assert tokens.current() is None and not memory_keyring.secrets
    reply = requests.get(portal.api + "/sessions/current",
                         headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert reply.status_code == 401
    again = accounts.login(who["id_number"], "Đức@2026x")
    assert again.username == who["id_number"] and again.token != token


def test_a_registered_id_number_is_not_revealed(accounts, portal):
    """The portal answers as for a new ID number; the account's own phone is told instead."""
    who = {**person(), "id_number": "038195012345", "birth_date": "12/04/1995", "sex": "nu",
           "full_name": "Lê Thị Hoa"}
    registration = accounts.register(**who)
    assert registration.account_id and registration.otp.sent_to.endswith("****" + who["phone"][-3:])
    bodies = [m["body"] for m in sandbox_messages(portal.url) if m["to"] == "0912345678"]
    assert bodies and "số CMND/CCCD của bạn" in bodies[-1]


def test_client_rules_refuse_before_any_call(accounts):
    with pytest.raises(AccountError) as refused:
        accounts.register(**{**person(), "phone": "0123", "sex": "nu", "birth_date": "31/02/1990"})
    fields = {e["field"] for e in refused.value.errors}
    assert refused.value.kind == "validation" and {"phone", "birth_date"} <= fields
    values, errors = validate_registration({"id_number": "038090123456", "birth_date": "1/1/1990",
                                            "sex": "nu"}, only={"id_number", "birth_date"})
    assert [e.code for e in errors] == ["id_mismatch"] and values["birth_date"] == "1990-01-01"


def test_resend_spacing_expiry_and_attempts(accounts, portal, portal_clock, mono):
    who = person()
    accounts.register(**who)
    first = last_otp(portal, who["phone"])
    mono.now += 20
    assert accounts.resend_wait() == 40
    with pytest.raises(AccountError) as soon:
        accounts.resend_otp()  # the portal says so too
    assert soon.value.kind == "resend_too_soon" and 0 < soon.value.retry_after <= 60
    # Five minutes later the code is dead.
    portal_clock.now += dt.timedelta(minutes=5, seconds=1)
    mono.now += 300
    assert accounts.resend_wait() == 0
    with pytest.raises(AccountError) as expired:
        accounts.verify_otp(first)
    assert expired.value.kind == "otp_expired" and expired.value.field == "otp"
    challenge = accounts.resend_otp()
    assert challenge.attempts_left == 5 and accounts.resend_wait() == 60
    second = last_otp(portal, who["phone"])
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(AccountError) as bad:
            accounts.verify_otp(wrong(second))
        assert bad.value.attempts_left == left
    with pytest.raises(AccountError) as capped:
        accounts.verify_otp(second)
    assert capped.value.kind == "otp_attempts" and capped.value.attempts_left == 0
    with pytest.raises(AccountError) as fmt:
        accounts.verify_otp("12a")
    assert fmt.value.kind == "otp_format"


def test_bad_sign_in_and_lockout(accounts):
    with pytest.raises(AccountError) as bad:
        accounts.login("0912345678", "Sai@2026x")
    assert bad.value.kind == "bad_credentials" and "Còn 4 lần thử" in bad.value.message
    for _ in range(4):
        with pytest.raises(AccountError):
            accounts.login("0912345678", "Sai@2026x")
    with pytest.raises(AccountError) as locked:
        accounts.login("0912345678", "CongDan@2026")
    assert locked.value.kind == "login_locked" and locked.value.retry_after > 0


def test_forgotten_password_through_an_otp(accounts, portal, mono):
    challenge = accounts.request_reset("038195012345")
    assert challenge.sent_to == ""  # named by ID number: the portal does not say which phone
    with pytest.raises(AccountError) as soon:
        accounts.request_reset("038195012345")
    assert soon.value.kind == "resend_too_soon"
    code = last_otp(portal, "0912345678")
    with pytest.raises(AccountError) as bad:
        accounts.confirm_reset(wrong(code), "Moi@2026xy", "Moi@2026xy")
    assert bad.value.kind == "otp_wrong" and bad.value.attempts_left == 4
    session = accounts.confirm_reset(code, "Moi@2026xy", "Moi@2026xy")
    assert session.display_name == "Lê Thị Hoa"
    # An unknown number is answered alike: nothing tells that no account has it.
    assert accounts.request_reset("0987000111").sent_to == "098****111"


def test_no_keyring_backend_keeps_the_session_in_memory_only(portal, tmp_path):
    keyring.set_keyring(fail.Keyring())
    store = TokenStore(f"dvc-desk:{portal.url}", persist=True)
    accounts = AccountService(PortalClient(portal.url, token=store.token), store)
    session = accounts.login("0912345678", "CongDan@2026")
    assert store.warning == NO_KEYRING_VI
    assert store.token() == session.token  # works for this session
    assert accounts.current()["role"] == "citizen"
    # A new process would not find it: nothing was written anywhere.
    assert TokenStore(f"dvc-desk:{portal.url}", persist=True).current() is None
    assert accounts.logout() is True and store.token() is None


def test_kiosk_and_training_tokens_stay_in_memory(memory_keyring):
    store = TokenStore("dvc-desk:embedded", persist=False)
    store.set(Session(token="t0k3n", role="kiosk", username="kiosk"))
    assert store.token() == "t0k3n" and memory_keyring.secrets == {}
    desk = TokenStore("dvc-desk:https://dichvucong.example.vn", persist=True)
    desk.set(Session(token="d3sk", role="officer", username="cb", commune_name="Xã Thực Hành"))
    assert ("dvc-desk:https://dichvucong.example.vn", "session") in memory_keyring.secrets
    again = TokenStore("dvc-desk:https://dichvucong.example.vn", persist=True).current()
    assert again.token == "d3sk" and again.commune_name == "Xã Thực Hành"


def test_error_mapping_for_network_and_unknown_problems():
    assert account_error(NetworkError("mất mạng")).kind == "network"
    server = account_error(PortalError(503, "Lỗi máy chủ", {"type": "urn:dvc-desk:problem:x"}))
    assert server.kind == "server"


def test_password_policy_checklist():
    assert password_checks("abc") == {"length": False, "lower": True, "upper": False,
                                      "digit": False, "special": False}
    assert all(password_checks("Đường@2026").values())
    assert check_password("") == "required"
    assert check_password("Hoa@2026x", "Hoa@2026y") == "password_mismatch"
    assert check_password("Hoa@2026x", "Hoa@2026x") is None
