"""Text and shape rules on the wire, against the real server on SQLite and PostgreSQL.

Control characters (NUL, which PostgreSQL's text columns refuse), invisible and
direction-changing characters, JSON nested without end and loosely typed numbers are refused
with a 422 naming the field — at every endpoint, with or without a token.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from tests.helpers.portal_api import Api, assert_problem, auth, example_dossier


def _cases(token: str, officer: str, dossier: str, bad: str) -> list[tuple[str, str, Any, dict, str]]:
    """(method, path, JSON body, headers, the field the problem must name)."""
    account = str(uuid.uuid4())
    return [
        # Without a token.
        ("POST", "/sessions", {"username": f"0912{bad}345678", "password": "x"}, {}, "username"),
        ("GET", f"/lookup?code=000.99.99.H56-261125-0001{bad}&id_number=038090123456", None, {},
         "code"),
        ("GET", f"/lookup?code=000.99.99.H56-261125-0001&id_number=0380{bad}90123456", None, {},
         "id_number"),
        ("POST", "/accounts/password-reset", {"username": f"0912{bad}345678"}, {}, "username"),
        ("POST", f"/accounts/{account}{bad}/verify", {"otp": "123456"}, {}, "account_id"),
        ("POST", f"/accounts/{account}/verify", {"otp": f"12{bad}3456"}, {}, "otp"),
        ("POST", f"/accounts/{account}{bad}/otp", None, {}, "account_id"),
        ("POST", "/accounts", {"account_type": "cong_dan", "method": f"mobile{bad}",
                               "id_number": "038090123456", "full_name": "Nguyễn Văn An",
                               "birth_date": "1990-01-01", "sex": "nam",
                               "phone": "0983456789"}, {}, "method"),
        ("POST", "/accounts", {"account_type": "cong_dan", "method": "mobile",
                               "id_number": "038090123456", "full_name": "Nguyễn Văn An",
                               "birth_date": "1990-01-01", "sex": "nam", "phone": "0983456789",
                               "address": f"Thôn{bad} 2"}, {}, "address"),
        # With a token.
        ("PUT", f"/dossiers/{dossier}", example_dossier(local_ref=f"K7M{bad}2QX"), auth(token),
         "local_ref"),
        ("PUT", f"/dossiers/{dossier}", example_dossier(unit_code=f"000.99{bad}.99.H56"),
         auth(token), "unit_code"),
        ("PUT", f"/dossiers/{dossier}", example_dossier(procedure_code=f"1.00{bad}1193"),
         auth(token), "procedure_code"),
        ("PUT", f"/dossiers/{dossier}", example_dossier(attachments=[{
            "component": "to_khai", "sha256": "a" * 64, "size": 10,
            "filename": f"to{bad}khai.pdf", "media_type": "application/pdf"}]), auth(token),
         "attachments.0.filename"),
        ("POST", f"/dossiers/{dossier}/actions", {"action": f"receive{bad}", "note": None,
                                                   "expected_version": 1}, auth(officer),
         "action"),
        ("POST", f"/dossiers/{dossier}/actions", {"action": "receive", "note": f"Thiếu{bad}",
                                                   "expected_version": 1}, auth(officer), "note"),
        ("POST", "/devices", {"name": f"Ki-ốt{bad} sảnh"}, auth(officer), "name"),
        ("POST", "/devices", {"name": "Ki-ốt sảnh", "commune": f"000.99{bad}.99.H56"},
         auth(officer), "commune"),
        ("GET", f"/dossiers/{dossier}/attachments/{'a' * 63}{bad}", None, auth(token), "sha256"),
    ]


def _send(live_api: Api, method: str, path: str, body: Any, headers: dict) -> Any:
    # Encoded by hand: the bad characters must reach the server exactly as written.
    kw: dict[str, Any] = {"headers": {**headers}}
    if body is not None:
        kw["content"] = json.dumps(body).encode()
        kw["headers"]["Content-Type"] = "application/json"
    return live_api.request(method, path.replace("\x00", "%00").replace("\x1b", "%1B")
                            .replace("\u202e", "%E2%80%AE"), **kw)


@pytest.mark.parametrize("bad", ["\x00", "\x1b"], ids=["nul", "escape"])
def test_control_characters_refused_at_every_endpoint_naming_the_field(live_portal, live_api: Api,
                                                                        bad: str):
    token = live_portal.token_for("citizen")
    officer = live_portal.token_for("officer")
    dossier, _ = live_api.new_dossier(token)
    for method, path, body, headers, field in _cases(token, officer, dossier, bad):
        reply = _send(live_api, method, path, body, headers)
        problem = assert_problem(reply, 422, field)
        assert "ký tự điều khiển" in problem["detail"], (method, path, problem)
    assert "answered 500" not in live_portal.log() and "Traceback" not in live_portal.log()


def test_invisible_and_direction_changing_characters_refused(live_portal, live_api: Api):
    token = live_portal.token_for("citizen")
    officer = live_portal.token_for("officer")
    dossier, _ = live_api.new_dossier(token)
    for method, path, body, headers, field in _cases(token, officer, dossier, "\u202e"):
        problem = assert_problem(_send(live_api, method, path, body, headers), 422, field)
        assert "đổi chiều hiển thị" in problem["detail"], (method, path, problem)
    # In the answers the dossier rules check (the app's rules too), each answer is named.
    body = example_dossier()
    body["applicant"]["full_name"] = "Lê Thị\u200b Hoa"
    body["fields"]["child.birth_place"] = "Trạm Y tế \u202egpj.exe"
    problem = assert_problem(live_api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=body,
                                              headers=auth(token)),
                             422, "applicant.full_name", "child.birth_place")
    codes = {e["field"]: e["code"] for e in problem["errors"]}
    assert codes["child.birth_place"] == "text_invisible"
    # Nothing was stored with them: the dossier keeps its clean reference.
    assert live_api.request("GET", f"/dossiers/{dossier}", headers=auth(token)).json()[
        "local_ref"] == "K7M-2QX"


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"a": [value]} if depth % 2 else [value]
    return value


@pytest.mark.parametrize("depth", [33, 700, 900])
def test_json_nested_too_deep_is_a_422(live_portal, live_api: Api, depth: int):
    token = live_portal.token_for("citizen")
    for where in ("fields", "applicant"):
        body = example_dossier()
        body[where]["child.hometown" if where == "fields" else "address"] = _nested(depth)
        reply = live_api.request("PUT", f"/dossiers/{uuid.uuid4()}",
                                 content=json.dumps(body).encode(),
                                 headers={**auth(token), "Content-Type": "application/json"})
        problem = assert_problem(reply, 422)
        assert problem["errors"][0]["code"] == "too_deep", problem
        # Named by the answer, as the dossier rules name it.
        assert problem["errors"][0]["field"].startswith(
            "child.hometown" if where == "fields" else "applicant.address"), problem
        assert "32 cấp" in problem["detail"], problem
    # The catalog's own forms nest far less and still pass.
    live_api.new_dossier(token)
    assert "answered 500" not in live_portal.log()


@pytest.mark.parametrize(("change", "field"), [
    ({"schema_version": "2"}, "schema_version"),
    ({"schema_version": 2.0}, "schema_version"),
    ({"schema_version": True}, "schema_version"),
    ({"local_ref": 12345}, "local_ref"),
    ({"attachments": [{"component": "to_khai", "sha256": "a" * 64, "size": "10",
                       "filename": "a.pdf", "media_type": "application/pdf"}]},
     "attachments.0.size"),
])
def test_numbers_and_strings_are_strict_on_the_wire(live_portal, live_api: Api, change: dict,
                                                    field: str):
    token = live_portal.token_for("citizen")
    reply = live_api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=example_dossier(**change),
                             headers=auth(token))
    assert_problem(reply, 422, field)
    officer = live_portal.token_for("officer")
    dossier = live_api.submitted(token)["uuid"]
    assert_problem(live_api.request("POST", f"/dossiers/{dossier}/actions", json={
        "action": "receive", "note": None, "expected_version": "2"}, headers=auth(officer)),
        422, "expected_version")


def test_names_stored_before_the_rules_cannot_change_how_they_display(live_portal, live_api: Api):
    """Rows written before these rules (or by hand) keep their characters in the database, but
    what the portal shows of a name is plain: no override reorders the text around it."""
    import sqlalchemy

    from portal.models import Account, Dossier

    token = live_portal.token_for("citizen")
    officer = live_portal.token_for("officer")
    dossier = live_api.submitted(token)["uuid"]
    engine = sqlalchemy.create_engine(live_portal.database_url)
    try:
        with engine.begin() as conn:
            accounts, dossiers = Account.__table__, Dossier.__table__
            applicant = dict(conn.execute(sqlalchemy.select(dossiers.c.applicant).where(
                dossiers.c.id == dossier)).scalar_one())
            applicant["full_name"] = "Lê Thị \u202eaoH\u200b"
            conn.execute(dossiers.update().where(dossiers.c.id == dossier)
                         .values(applicant=applicant))
            conn.execute(accounts.update().where(accounts.c.username == live_portal.account(
                "officer")["username"]).values(full_name="Cán bộ \u2067Một\u2069 cửa"))
    finally:
        engine.dispose()
    assert live_api.request("POST", f"/dossiers/{dossier}/actions", json={
        "action": "receive", "note": None, "expected_version": 2},
        headers=auth(officer)).status_code == 200
    listed = live_api.request("GET", "/dossiers", headers=auth(officer)).json()["dossiers"]
    assert [d["applicant_name"] for d in listed if d["uuid"] == dossier] == ["Lê Thị aoH"]
    history = live_api.request("GET", f"/dossiers/{dossier}", headers=auth(token)).json()["history"]
    assert history[-1]["by"] == "Cán bộ Một cửa"
