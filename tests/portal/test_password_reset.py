"""“Quên mật khẩu”: a new password through an OTP sent to the account's phone."""

from __future__ import annotations

import re

from tests.helpers.portal_api import Api, Clock, assert_problem, auth

# The sandbox's demo citizen (see portal/seed.py).
CITIZEN_PHONE = "0912345678"
CITIZEN_ID = "038195012345"
OLD_PASSWORD = "Demo@2026"
NEW_PASSWORD = "Moi@2026xy"


def _last_otp(client, phone: str) -> tuple[str, str]:
    body = [m["body"] for m in client.get("/api/v1/sandbox/messages").json()
            if m["channel"] == "sms" and m["to"] == phone][-1]
    return re.search(r"\b(\d{6})\b", body).group(1), body


def test_reset_by_id_number_sets_the_password_and_signs_out_everywhere(client, api: Api):
    old_token = api.login(CITIZEN_PHONE, OLD_PASSWORD)
    reply = api.request("POST", "/accounts/password-reset", json={"username": CITIZEN_ID})
    assert reply.status_code == 202, reply.text
    assert reply.json()["otp_sent_to"] == "091****678"
    otp, sms = _last_otp(client, CITIZEN_PHONE)
    assert "đặt lại mật khẩu" in sms

    weak = api.request("POST", "/accounts/password-reset/confirm",
                       json={"username": CITIZEN_ID, "otp": otp, "password": "abc"})
    assert_problem(weak, 422, "password")
    done = api.request("POST", "/accounts/password-reset/confirm",
                       json={"username": CITIZEN_ID, "otp": otp, "password": NEW_PASSWORD})
    assert done.status_code == 200, done.text
    assert_problem(api.request("GET", "/sessions/current", headers=auth(old_token)), 401)
    assert_problem(api.request("POST", "/sessions", json={"username": CITIZEN_PHONE,
                                                          "password": OLD_PASSWORD}), 401)
    assert api.login(CITIZEN_PHONE, NEW_PASSWORD)
    # The code is single use.
    again = api.request("POST", "/accounts/password-reset/confirm",
                        json={"username": CITIZEN_ID, "otp": otp, "password": "Khac@2026x"})
    assert_problem(again, 422, "otp")


def test_reset_wrong_code_attempts_expiry_and_spacing(client, api: Api, clock: Clock):
    assert api.request("POST", "/accounts/password-reset",
                       json={"username": CITIZEN_PHONE}).status_code == 202
    too_soon = api.request("POST", "/accounts/password-reset", json={"username": CITIZEN_PHONE})
    assert_problem(too_soon, 429)
    assert 0 < int(too_soon.headers["Retry-After"]) <= 60
    right, _ = _last_otp(client, CITIZEN_PHONE)
    wrong = "000000" if right != "000000" else "111111"
    body = assert_problem(api.request("POST", "/accounts/password-reset/confirm", json={
        "username": CITIZEN_PHONE, "otp": wrong, "password": NEW_PASSWORD}), 422, "otp")
    assert "Còn 4 lần thử" in body["detail"]
    clock.advance(minutes=5, seconds=1)
    expired = assert_problem(api.request("POST", "/accounts/password-reset/confirm", json={
        "username": CITIZEN_PHONE, "otp": right, "password": NEW_PASSWORD}), 422, "otp")
    assert expired["errors"][0]["code"] == "otp_expired"
    assert api.login(CITIZEN_PHONE, OLD_PASSWORD)


def test_reset_for_unknown_or_staff_account_is_refused(api: Api):
    for name in ("0987000111", "canbo.thuchanh", ""):
        body = assert_problem(api.request("POST", "/accounts/password-reset",
                                          json={"username": name}), 404, "username")
        assert "Không tìm thấy tài khoản" in body["detail"]
