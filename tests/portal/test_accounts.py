"""Sign-up, OTP and login rules, in process with a pinned clock."""

from __future__ import annotations

import re
import unicodedata

from tests.helpers.portal_api import Api, Clock, assert_problem, auth, finish_sign_up

SIGN_UP = {"account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
           "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
           "phone": "0983456789"}


def _otps(client, phone: str) -> list[str]:
    bodies = [m["body"] for m in client.get("/api/v1/sandbox/messages").json()
              if m["channel"] == "sms" and m["to"] == phone]
    return [found.group(1) for b in bodies if (found := re.search(r"\b(\d{6})\b", b))]


def _register(api: Api, **changes) -> str:
    reply = api.request("POST", "/accounts", json={**SIGN_UP, **changes})
    assert reply.status_code == 201, reply.text
    return reply.json()["account_id"]


def test_a_registered_id_number_is_answered_like_a_new_one_and_its_owner_is_told(client, api: Api):
    """No 409 naming the ID number: the same 201, no code, an SMS to the account's phone."""
    reply = api.request("POST", "/accounts", json={
        **SIGN_UP, "id_number": "038195012345", "full_name": "Lê Thị Hoa",
        "birth_date": "1995-04-12", "sex": "nu", "phone": "0977000111"})
    assert reply.status_code == 201, reply.text
    assert set(reply.json()) == {"account_id", "otp_sent_to"}
    assert reply.json()["otp_sent_to"] == "097****111"
    sms = {m["to"]: m["body"] for m in client.get("/api/v1/sandbox/messages").json()}
    assert "số CMND/CCCD của bạn" in sms["0912345678"]  # the demo citizen, the real owner
    assert not _otps(client, "0977000111") and not _otps(client, "0912345678")
    # The request can never be finished: no code was sent for it.
    body = assert_problem(api.request("POST", f"/accounts/{reply.json()['account_id']}/verify",
                                      json={"otp": "123456"}), 422, "otp")
    assert "Còn 4 lần thử" in body["detail"]


def test_a_registered_phone_is_answered_like_a_new_one(client, api: Api):
    reply = api.request("POST", "/accounts", json={**SIGN_UP, "phone": "0912345678"})
    assert reply.status_code == 201, reply.text
    assert reply.json()["otp_sent_to"] == "091****678"
    assert not _otps(client, "0912345678")
    assert "đã có tài khoản" in client.get("/api/v1/sandbox/messages").json()[-1]["body"]


def test_bad_phone_and_id_mismatch_name_the_fields(api: Api):
    reply = api.request("POST", "/accounts", json={**SIGN_UP, "phone": "0123", "sex": "nu"})
    body = assert_problem(reply, 422, "phone", "id_number")
    by_field = {e["field"]: e for e in body["errors"]}
    assert by_field["phone"]["message"].startswith("Số điện thoại:")
    assert by_field["id_number"]["code"] == "id_mismatch"
    assert "Số CMND/CCCD" in body["detail"]


def test_wrong_types_huge_strings_and_unknown_method(api: Api):
    reply = api.request("POST", "/accounts", json={**SIGN_UP, "full_name": 12, "phone": "9" * 5000})
    body = assert_problem(reply, 422, "full_name", "phone")
    assert "full_name" in body["detail"] and "phone" in body["detail"]
    reply = api.request("POST", "/accounts", json={**SIGN_UP, "method": "bhxh"})
    body = assert_problem(reply, 422, "method")
    assert body["detail"].startswith("Phương thức đăng ký “Mã số bảo hiểm xã hội” chưa được hỗ trợ")
    assert_problem(api.request("POST", "/accounts", content=b"{not json",
                               headers={"Content-Type": "application/json"}), 422, "body")


def test_otp_wrong_attempts_are_capped(client, api: Api):
    account_id = _register(api)
    right = _otps(client, "0983456789")[-1]
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1):
        body = assert_problem(api.request("POST", f"/accounts/{account_id}/verify",
                                          json={"otp": wrong}), 422, "otp")
        assert f"Còn {left} lần thử" in body["detail"]
    assert_problem(api.request("POST", f"/accounts/{account_id}/verify", json={"otp": wrong}), 422)
    # Five wrong tries: even the right code no longer works.
    assert_problem(api.request("POST", f"/accounts/{account_id}/verify", json={"otp": right}), 429)


def test_otp_expires_and_resend_is_throttled(client, api: Api, clock: Clock):
    account_id = _register(api)
    first = _otps(client, "0983456789")[-1]
    too_soon = api.request("POST", f"/accounts/{account_id}/otp")
    assert_problem(too_soon, 429)
    assert int(too_soon.headers["Retry-After"]) <= 60
    clock.advance(minutes=5, seconds=1)
    assert_problem(api.request("POST", f"/accounts/{account_id}/verify", json={"otp": first}), 422, "otp")
    assert api.request("POST", f"/accounts/{account_id}/otp").status_code == 200
    second = _otps(client, "0983456789")[-1]
    if second != first:  # the replaced code is dead
        assert_problem(api.request("POST", f"/accounts/{account_id}/verify", json={"otp": first}), 422)
    assert api.request("POST", f"/accounts/{account_id}/verify", json={"otp": second}).json()["verified"]
    # Single use: the account is verified, a further resend is refused.
    assert_problem(api.request("POST", f"/accounts/{account_id}/otp"), 409)


def test_resend_at_most_five_an_hour(api: Api, clock: Clock):
    account_id = _register(api)
    for _ in range(4):
        clock.advance(seconds=61)
        assert api.request("POST", f"/accounts/{account_id}/otp").status_code == 200
    clock.advance(seconds=61)
    assert_problem(api.request("POST", f"/accounts/{account_id}/otp"), 429)


def test_nfd_name_is_stored_nfc(client, api: Api):
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn An")
    account_id = _register(api, full_name=nfd)
    otp = _otps(client, "0983456789")[-1]
    assert finish_sign_up(api, account_id, otp, "An@12345x").status_code == 200
    token = api.login("038090123456", "An@12345x")
    me = api.request("GET", "/sessions/current", headers=auth(token)).json()
    assert me["display_name"] == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", me["display_name"])


def test_login_rate_limited_and_logout_and_expiry(api: Api, clock: Clock):
    for _ in range(5):
        assert_problem(api.request("POST", "/sessions",
                                   json={"username": "canbo.thuchanh", "password": "sai"}), 401)
    locked = api.request("POST", "/sessions", json={"username": "canbo.thuchanh",
                                                    "password": "CanBo@2026"})
    body = assert_problem(locked, 429)
    assert "Retry-After" in locked.headers and "thử lại" in body["detail"]
    clock.advance(minutes=16)
    token = api.login("canbo.thuchanh", "CanBo@2026")
    assert api.request("GET", "/sessions/current", headers=auth(token)).status_code == 200
    assert api.request("DELETE", "/sessions/current", headers=auth(token)).status_code == 204
    assert_problem(api.request("GET", "/sessions/current", headers=auth(token)), 401)

    token = api.login("canbo.thuchanh", "CanBo@2026")
    clock.advance(hours=13)
    expired = assert_problem(api.request("GET", "/dossiers", headers=auth(token)), 401)
    assert "hết hạn" in expired["detail"]


def test_the_address_of_the_additional_information_step_is_kept(client, api: Api, settings):
    from sqlalchemy import create_engine, text

    account_id = _register(api, address="Thôn Đông, xã Thực Hành, tỉnh Thanh Hóa")
    otp = _otps(client, "0983456789")[-1]
    assert finish_sign_up(api, account_id, otp, "An@12345x").status_code == 200
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        stored = connection.execute(text("select address from accounts where id = :id"),
                                    {"id": account_id}).scalar()
    engine.dispose()
    assert stored == "Thôn Đông, xã Thực Hành, tỉnh Thanh Hóa"
    reply = api.request("POST", "/accounts", json={**SIGN_UP, "phone": "0983456700",
                                                   "id_number": "038090123400",
                                                   "address": "Thôn\x00Đông"})
    assert_problem(reply, 422, "address")


def test_sign_up_is_refused_with_the_errors_the_app_finds(api: Api, clock: Clock):
    """The portal checks the sign-up with the app's own rule: the same fields, codes, messages."""
    from app.services.accounts import validate_registration
    from portal.scheduling import local

    cases = [
        {"phone": "0123", "sex": "nu"},
        {"full_name": "An 2", "birth_date": "31/02/1990", "email": "an@", "address": "Thôn\x07"},
        {"id_number": "999090123456", "birth_date": "2090-01-01"},
        {"full_name": "", "id_number": "", "phone": ""},
    ]
    for changes in cases:
        body = {**SIGN_UP, **changes}
        _, expected = validate_registration(body, local(clock.now).date())
        problem = assert_problem(api.request("POST", "/accounts", json=body), 422)
        assert [(e["field"], e["code"], e["message"]) for e in problem["errors"]] == [
            (e.field, e.code, e.message()) for e in expected], changes
