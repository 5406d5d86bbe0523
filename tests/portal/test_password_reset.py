"""“Quên mật khẩu”: a new password through an OTP sent to the account's phone."""

from __future__ import annotations

import re

from tests.helpers.portal_api import Api, Clock, assert_problem, auth

# The sandbox's demo citizen (see portal/seed.py).
CITIZEN_PHONE = "0912345678"
CITIZEN_ID = "038195012345"
OLD_PASSWORD = "CongDan@2026"
NEW_PASSWORD = "Moi@2026xy"


def _last_otp(client, phone: str) -> tuple[str, str]:
    body = [m["body"] for m in client.get("/api/v1/sandbox/messages").json()
            if m["channel"] == "sms" and m["to"] == phone][-1]
    return re.search(r"\b(\d{6})\b", body).group(1), body


def test_reset_by_id_number_sets_the_password_and_signs_out_everywhere(client, api: Api):
    old_token = api.login(CITIZEN_PHONE, OLD_PASSWORD)
    reply = api.request("POST", "/accounts/password-reset", json={"username": CITIZEN_ID})
    assert reply.status_code == 202, reply.text
    # Named by ID number: the answer does not show (or confirm) the account's phone.
    assert reply.json()["otp_sent_to"] is None and CITIZEN_ID in reply.json()["message"]
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


def test_reset_answers_alike_whether_or_not_the_account_exists(client, api: Api, clock: Clock):
    """An unknown phone, a staff name, an unknown ID number and the demo citizen's phone get
    the same answers at every step; only the real citizen's phone receives a code."""
    names = ("0987000111", "canbo.thuchanh", "038090999999", CITIZEN_PHONE)
    asked = [api.request("POST", "/accounts/password-reset", json={"username": name})
             for name in names]
    assert [r.status_code for r in asked] == [202] * 4
    assert [set(r.json()) for r in asked] == [{"otp_sent_to", "message"}] * 4
    assert [r.json()["otp_sent_to"] for r in asked] == ["098****111", None, None, "091****678"]
    assert [m["to"] for m in client.get("/api/v1/sandbox/messages").json()] == [CITIZEN_PHONE]
    right, _ = _last_otp(client, CITIZEN_PHONE)
    wrong = "000000" if right != "000000" else "111111"

    def confirm(name: str) -> tuple[int, str, str]:
        reply = api.request("POST", "/accounts/password-reset/confirm",
                            json={"username": name, "otp": wrong, "password": NEW_PASSWORD})
        body = reply.json()
        return reply.status_code, body["errors"][0]["code"], body["detail"]

    for left in (4, 3, 2, 1):
        answers = {confirm(name) for name in names}
        assert len(answers) == 1, answers
        assert f"Còn {left} lần thử" in answers.pop()[2]
    assert len({confirm(name) for name in names}) == 1  # the fifth: no tries left
    assert len({confirm(name) for name in names}) == 1  # 429 for all alike
    clock.advance(minutes=5, seconds=1)
    assert {confirm(name)[1] for name in names} == {"otp_expired"}
    assert_problem(api.request("POST", "/accounts/password-reset", json={"username": " "}),
                   422, "username")
