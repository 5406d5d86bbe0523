"""Sign-up abuse: taking over somebody's sign-up, SMS floods, guessing codes across sign-ups."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.helpers.portal_api import Api, Clock, assert_problem

VICTIM = {"account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
          "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
          "phone": "0983456789"}


def _codes(messages: list[dict], phone: str) -> list[str]:
    return [found.group(1) for m in messages if m["channel"] == "sms" and m["to"] == phone
            if (found := re.search(r"\b(\d{6})\b", m["body"]))]


def _sms(client) -> list[dict]:
    return client.get("/api/v1/sandbox/messages").json()


def test_re_sending_the_victims_details_does_not_hand_over_the_sign_up(client, api: Api,
                                                                      clock: Clock):
    mine = api.request("POST", "/accounts", json=VICTIM).json()["account_id"]
    clock.advance(seconds=61)
    # The attacker sends the same details: a request of their own, not the victim's.
    theirs = api.request("POST", "/accounts", json=VICTIM)
    assert theirs.status_code == 201
    theirs = theirs.json()["account_id"]
    assert theirs != mine
    newest = _codes(_sms(client), "0983456789")[-1]

    # The victim types the newest SMS into their own screen; only they get the token.
    verified = api.request("POST", f"/accounts/{mine}/verify", json={"otp": newest})
    assert verified.status_code == 200, verified.text
    token = verified.json()["verification_token"]
    assert len(token) >= 32
    for body in ({"password": "Ke#Gian+Chiem1"},
                 {"password": "Ke#Gian+Chiem1", "verification_token": "x" * 43}):
        assert_problem(api.request("POST", f"/accounts/{mine}/password", json=body), 403)
    assert_problem(api.request("POST", f"/accounts/{theirs}/password",
                               json={"password": "Ke#Gian+Chiem1"}), 409)
    assert_problem(api.request("POST", f"/accounts/{theirs}/verify", json={"otp": newest}), 422, "otp")

    done = api.request("POST", f"/accounts/{mine}/password",
                       json={"password": "Chu#Nhan+That1", "verification_token": token})
    assert done.status_code == 200, done.text
    assert done.json()["account_id"] == mine
    assert api.login("0983456789", "Chu#Nhan+That1")
    assert_problem(api.request("POST", "/sessions", json={"username": "0983456789",
                                                          "password": "Ke#Gian+Chiem1"}), 401)
    # The token was for one use; the attacker's request went with the account's creation.
    assert_problem(api.request("POST", f"/accounts/{mine}/password",
                               json={"password": "Khac#Nua+Lan2", "verification_token": token}), 409)
    assert_problem(api.request("POST", f"/accounts/{theirs}/verify", json={"otp": newest}), 404)


def test_the_verification_token_expires(client, api: Api, clock: Clock):
    account = api.request("POST", "/accounts", json=VICTIM).json()["account_id"]
    code = _codes(_sms(client), "0983456789")[-1]
    token = api.request("POST", f"/accounts/{account}/verify",
                        json={"otp": code}).json()["verification_token"]
    assert_problem(api.request("POST", f"/accounts/{account}/verify", json={"otp": code}), 409)
    clock.advance(minutes=16)
    body = assert_problem(api.request("POST", f"/accounts/{account}/password", json={
        "password": "Chu#Nhan+That1", "verification_token": token}), 403)
    assert "hết hạn" in body["detail"]


def test_codes_are_limited_per_phone_per_id_number_and_per_address(client, api: Api,
                                                                  clock: Clock):
    first = api.request("POST", "/accounts", json=VICTIM)
    assert first.status_code == 201
    # Re-registering at once, with the same phone or the same ID number: the 60 s gap holds.
    for changes in ({}, {"id_number": "038090123400"}, {"phone": "0983456700"}):
        refused = api.request("POST", "/accounts", json={**VICTIM, **changes})
        body = assert_problem(refused, 429)
        assert 0 < int(refused.headers["Retry-After"]) <= 60 and "giây" in body["detail"]
    assert len(_codes(_sms(client), "0983456789")) == 1
    # Five an hour per phone, however they are asked for.
    for _ in range(4):
        clock.advance(seconds=61)
        assert api.request("POST", "/accounts", json=VICTIM).status_code == 201
    clock.advance(seconds=61)
    refused = api.request("POST", "/accounts", json=VICTIM)
    body = assert_problem(refused, 429)
    assert int(refused.headers["Retry-After"]) > 60 and "một giờ" in body["detail"]
    # Per client address: 20 an hour, whatever the phones and ID numbers.
    clock.advance(hours=1, seconds=1)
    answers = [api.request("POST", "/accounts", json={
        **VICTIM, "id_number": f"03809012{n:04d}", "phone": f"098345{n:04d}"}) for n in range(21)]
    assert [a.status_code for a in answers] == [201] * 20 + [429]
    assert "từ máy này" in answers[-1].json()["detail"]
    assert int(answers[-1].headers["Retry-After"]) > 0


def test_wrong_codes_are_capped_per_phone_across_re_registrations(client, api: Api, clock: Clock):
    for _ in range(2):
        account = api.request("POST", "/accounts", json=VICTIM).json()["account_id"]
        right = _codes(_sms(client), "0983456789")[-1]
        wrong = "000000" if right != "000000" else "111111"
        for _ in range(5):
            assert_problem(api.request("POST", f"/accounts/{account}/verify",
                                       json={"otp": wrong}), 422, "otp")
        clock.advance(seconds=61)
    # Ten wrong codes for this phone in the hour: a third sign-up cannot try even the right one.
    account = api.request("POST", "/accounts", json=VICTIM).json()["account_id"]
    right = _codes(_sms(client), "0983456789")[-1]
    refused = api.request("POST", f"/accounts/{account}/verify", json={"otp": right})
    body = assert_problem(refused, 429)
    assert int(refused.headers["Retry-After"]) > 0 and "quá nhiều lần" in body["detail"]
    clock.advance(hours=1)
    clock.advance(seconds=1)
    assert api.request("POST", f"/accounts/{account}/otp").status_code == 200
    right = _codes(_sms(client), "0983456789")[-1]
    assert api.request("POST", f"/accounts/{account}/verify", json={"otp": right}).status_code == 200


def test_a_burst_of_sign_ups_sends_one_code(live_portal):
    """The audit's 30 requests in 0.6 s, in parallel against the real server: one SMS."""
    def send(_n: int) -> int:
        with requests.Session() as http:
            return http.post(f"{live_portal.api}/accounts", json=VICTIM, timeout=30).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(send, range(30)))
    assert set(statuses) <= {201, 429} and statuses.count(201) <= 1, statuses
    assert len(_codes(live_portal.messages(), "0983456789")) == statuses.count(201)
