"""The app and the portal accept and refuse the same passwords (one rule, in the kernel).

The portal is asked through its real endpoint: ``POST /accounts/password-reset/confirm``
checks the password before the OTP, so a refused password is a problem about ``password`` and
an accepted one gets as far as the (deliberately wrong) OTP, changing nothing.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.services.accounts import validate_password
from portal.cli import main as portal_main
from tests.helpers.portal_api import Api, assert_problem

# The sandbox's demo citizen (portal/seed.py).
CITIZEN_PHONE = "0912345678"

_VIETNAMESE = ("aăâbcdđeêghiklmnoôơpqrstuưvxy"
               "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_ALPHABET = (
    _VIETNAMESE + _VIETNAMESE.upper()
    + "abcxyzABCXYZ0123456789"
    + "٠١٢٣٤٥٦٧٨٩०१२३४५६७८९０１２３"  # digits of other scripts (Arabic-Indic, Devanagari, full width)
    + "²³½Ⅻ"  # numeric but not decimal digits
    + "!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~"
    + "₫€©®°±×÷§¶•…–—“”‘’«»"  # symbols and punctuation beyond ASCII
    + "ßǅΣσЖжー中文ʰ"  # other scripts: title case, no case, modifier letters
    + "\u0301\u0306\u0323"  # combining marks (a decomposed Vietnamese letter)
    + " \t\u00a0\u3000"  # white space
)

passwords = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=24),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=24),  # JSON cannot carry surrogates
)


def _portal_verdict(api: Api, password: str) -> tuple[bool, dict]:
    """Whether the portal accepted the password, and its answer."""
    reply = api.request("POST", "/accounts/password-reset/confirm",
                        json={"username": CITIZEN_PHONE, "otp": "000000", "password": password})
    body = reply.json()
    fields = {e["field"] for e in body.get("errors", [])}
    if "password" in fields:
        assert_problem(reply, 422, "password")
        return False, body
    # Accepted: the OTP check came next and refused the made-up code.
    assert reply.status_code in (422, 429) and "otp" in fields, reply.text
    return True, body


def test_the_app_and_the_portal_agree_on_every_password(api: Api):
    @settings(max_examples=400, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(password=passwords)
    @example(password="ĂBCDEFG1!")  # once accepted by the portal alone (no lower case letter)
    @example(password="ăbcdefg1!")  # no upper case letter
    @example(password="Hoa@2026x")
    @example(password="Đường@2026")
    @example(password="Hoa@２０２６x")  # full-width digits are digits
    @example(password="Hoaa2026x\u0301")  # a lone combining mark is the special character
    @example(password="Hoa 2026x")  # a space is not a special character
    @example(password="")
    @example(password="Password1!")  # common: refused by both
    @example(password="Qwerty@123")
    @example(password="0000:A\x1fa")  # a control character: the rule's, not only the wire's
    def agree(password: str) -> None:
        app_errors = validate_password(password)
        accepted, body = _portal_verdict(api, password)
        assert accepted == (app_errors == []), (password, app_errors, body)
        if not accepted:
            error = next(e for e in body["errors"] if e["field"] == "password")
            assert error["code"] == app_errors[0].code
            assert error["message"] == app_errors[0].message() == body["detail"]

    agree()


def test_sign_up_password_uses_the_same_rule(api: Api, client):
    """``POST /accounts/{id}/password`` refuses what the app refuses, with the app's message."""
    reply = api.request("POST", "/accounts", json={
        "account_type": "cong_dan", "method": "mobile", "id_number": "038096001234",
        "full_name": "Lê Thị Bình", "birth_date": "1996-04-02", "sex": "nam",
        "phone": "0983456780"})
    assert reply.status_code == 201, reply.text
    account_id = reply.json()["account_id"]
    sms = [m["body"] for m in client.get("/api/v1/sandbox/messages").json()
           if m["to"] == "0983456780"][-1]
    otp = next(word for word in sms.replace(".", " ").split() if word.isdigit() and len(word) == 6)
    verified = api.request("POST", f"/accounts/{account_id}/verify", json={"otp": otp})
    assert verified.status_code == 200
    token = verified.json()["verification_token"]
    refused = api.request("POST", f"/accounts/{account_id}/password",
                          json={"password": "ĂBCDEFG1!", "verification_token": token})
    problem = assert_problem(refused, 422, "password")
    assert problem["detail"] == validate_password("ĂBCDEFG1!")[0].message()
    accepted = api.request("POST", f"/accounts/{account_id}/password",
                           json={"password": "Ăbcdefg1!", "verification_token": token})
    assert accepted.status_code == 200, accepted.text


def test_user_add_command_uses_the_same_rule(tmp_path, monkeypatch, capsys):
    db = f"sqlite:///{tmp_path}/portal.sqlite3"
    args = ["user", "add", "--database", db, "--storage", str(tmp_path), "--username", "canbo2",
            "--password-stdin", "--role", "officer", "--commune", "00001", "--commune-name",
            "Xã Thử", "--name", "Cán bộ Thử"]
    monkeypatch.setattr("sys.stdin", io.StringIO("ĂBCDEFG1!\n"))
    assert portal_main(args) == 2
    assert validate_password("ĂBCDEFG1!")[0].message() in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("Ăbcdefg1!\n"))
    assert portal_main(args) == 0


def test_common_passwords_are_refused_by_the_portal(api: Api):
    """The audit's ``Password1!``, ``Demo@2026`` and ``Qwerty@123`` (reset checks the password
    before the code, so the answer is about the password alone)."""
    for password in ("Password1!", "Demo@2026", "Qwerty@123"):
        accepted, body = _portal_verdict(api, password)
        assert not accepted, password
        assert body["errors"][0]["code"] == "password_common"
        assert "quá phổ biến" in body["detail"]
