"""Worst inputs on every JSON endpoint: always a problem detail in Vietnamese, never a 500."""

from __future__ import annotations

import json
import unicodedata
import uuid

import pytest

from tests.helpers.portal_api import Api, assert_problem, auth, example_dossier

BAD_BODIES = [
    b"",
    b"not json",
    b"[1, 2, 3]",
    b"null",
    b'"\\u0000"',
    json.dumps({"x": "a" * 100_000}).encode(),
    json.dumps({k: {"nested": [1, {"a": None}]} for k in (
        "account_type", "method", "id_number", "full_name", "birth_date", "sex", "phone",
        "username", "password", "otp", "action", "expected_version", "note", "procedure_code",
        "schema_version", "applicant", "fields", "attachments", "local_ref")}).encode(),
    b"[" * 5000 + b"]" * 5000,
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_no_endpoint_answers_500(api: Api, citizen: str, body: bytes):
    headers = {**auth(citizen), "Content-Type": "application/json"}
    account = str(uuid.uuid4())
    dossier = str(uuid.uuid4())
    for method, path in [("POST", "/accounts"), ("POST", f"/accounts/{account}/verify"),
                         ("POST", f"/accounts/{account}/password"), ("POST", "/sessions"),
                         ("PUT", f"/dossiers/{dossier}"), ("POST", f"/dossiers/{dossier}/actions")]:
        reply = api.request(method, path, content=body, headers=headers)
        assert 400 <= reply.status_code < 500, (method, path, reply.status_code, reply.text)
        problem = assert_problem(reply, reply.status_code)
        assert any(ch in problem["detail"] for ch in "ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựớ"), problem


def test_applicant_with_wrong_shapes_and_control_characters(api: Api, citizen: str):
    body = example_dossier(applicant=["not", "an", "object"], fields="nope")
    problem = assert_problem(api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=body,
                                         headers=auth(citizen)), 422, "applicant", "fields")
    assert "đối tượng JSON" in problem["detail"]
    body = example_dossier()
    body["fields"]["child.birth_place"] = "Trạm\x07 Y tế"
    body["fields"]["child.hometown"] = "x" * 5000
    body["applicant"]["full_name"] = unicodedata.normalize("NFD", "Lê Thị Hoa") + "1"
    assert_problem(api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=body, headers=auth(citizen)),
                   422, "child.birth_place", "child.hometown", "applicant.full_name")


def test_bad_query_and_header_values(api: Api, citizen: str):
    assert_problem(api.request("GET", "/dossiers?status=abc", headers=auth(citizen)), 422, "status")
    assert_problem(api.request("GET", "/changes?since=-1", headers=auth(citizen)), 422, "since")
    assert_problem(api.request("GET", "/lookup?code=" + "9" * 500), 422, "code")
    assert_problem(api.request("POST", "/uploads", headers={
        "Tus-Resumable": "1.0.0", **auth(citizen), "Upload-Length": "12abc"}), 400, "upload-length")
    assert_problem(api.request("POST", "/uploads", headers={
        "Tus-Resumable": "1.0.0", **auth(citizen), "Upload-Length": "10",
        "Upload-Metadata": "sha256 !!!notbase64"}), 400)
    assert_problem(api.request("GET", "/dossiers", headers={"Authorization": "Bearer " + "x" * 5000}),
                   401)
    assert_problem(api.request("GET", "/dossiers", headers={"Authorization": "Basic abc"}), 401)
