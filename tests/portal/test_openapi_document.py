"""The API document tells the truth: it is served where generic tools look, every path
parameter and the tus answers (412 included) are declared, and so are the constraints the
portal enforces (enums, patterns, non-empty values, its limits) — and what breaks them is
refused (schemathesis, negative cases, on a few operations)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from dvc_core import lifecycle
from dvc_core.blobs import MEDIA_TYPES
from tests.helpers.portal_api import (
    Api,
    assert_problem,
    attachment,
    auth,
    example_dossier,
    pdf_bytes,
)


@pytest.fixture
def doc(client) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json()


def test_the_document_is_also_served_at_the_root(client, doc):
    root = client.get("/openapi.json")
    assert root.status_code == 200 and root.json() == doc


def test_every_path_parameter_is_declared(doc):
    for path, item in doc["paths"].items():
        names = set(re.findall(r"{(\w+)}", path))
        for method, operation in item.items():
            declared = {p["name"] for p in operation.get("parameters", [])
                        if p["in"] == "path" and p["required"]}
            assert declared == names, f"{method.upper()} {path}: {declared} ≠ {names}"


def test_tus_operations_declare_412_and_their_headers(doc):
    uploads = {f"{m.upper()} {p}": op for p, item in doc["paths"].items()
               if p.startswith("/api/v1/uploads") for m, op in item.items()}
    assert set(uploads) == {"OPTIONS /api/v1/uploads", "POST /api/v1/uploads",
                            "OPTIONS /api/v1/uploads/{upload_id}",
                            "HEAD /api/v1/uploads/{upload_id}",
                            "PATCH /api/v1/uploads/{upload_id}",
                            "DELETE /api/v1/uploads/{upload_id}"}
    for label, operation in uploads.items():
        if label.startswith("OPTIONS"):
            assert {"Tus-Version", "Tus-Extension", "Tus-Checksum-Algorithm"} <= set(
                operation["responses"]["204"]["headers"])
            continue
        answer = operation["responses"]["412"]
        assert "Tus-Version" in answer["headers"], label
        assert answer["content"]["application/problem+json"]["schema"] == {
            "$ref": "#/components/schemas/Problem"}
        version = next(p for p in operation["parameters"] if p["name"] == "Tus-Resumable")
        assert version["required"] and version["schema"]["enum"] == ["1.0.0"]
    status = uploads["HEAD /api/v1/uploads/{upload_id}"]["responses"]
    assert {"Upload-Offset", "Upload-Length", "Upload-Metadata", "Upload-Expires"} <= set(
        status["200"]["headers"])
    assert {"404", "410"} <= set(status)
    assert "460" in uploads["PATCH /api/v1/uploads/{upload_id}"]["responses"]
    create = next(p for p in uploads["POST /api/v1/uploads"]["parameters"]
                  if p["name"] == "Upload-Length")
    assert create["schema"]["maximum"] == 64 * 1024  # the portal's per-file limit


def test_the_constraints_the_portal_enforces_are_declared(client, doc):
    models = doc["components"]["schemas"]
    action = models["ActionIn"]["properties"]["action"]
    assert action["enum"] == [a for a, t in lifecycle.TRANSITIONS.items() if t.api]
    assert action["maxLength"] == 40
    file = models["AttachmentIn"]["properties"]
    assert file["media_type"]["enum"] == sorted(MEDIA_TYPES)
    assert file["sha256"]["pattern"] == "^[0-9a-fA-F]{64}$"
    assert file["size"]["minimum"] == 1 and file["size"]["maximum"] == 64 * 1024
    assert file["component"]["minLength"] == 1
    catalog = client.app.state.portal.catalog
    codes = models["DossierIn"]["properties"]["procedure_code"]["enum"]
    assert {p.code for p in catalog} <= set(codes)
    procedure = doc["paths"]["/api/v1/procedures/{code}"]["get"]["parameters"][0]
    assert procedure["schema"]["enum"] == codes
    register = models["RegisterIn"]["properties"]
    assert register["method"]["enum"] == ["mobile"]
    assert register["sex"]["enum"] == ["nam", "nu"]
    assert all(register[f]["minLength"] == 1 for f in ("id_number", "full_name", "phone"))
    assert models["DeviceIn"]["properties"]["name"]["minLength"] == 1
    blob = doc["paths"]["/api/v1/blobs/{sha256}"]["head"]["parameters"][0]
    assert blob["schema"]["pattern"] == "^[0-9a-fA-F]{64}$"


def _file(**changes: Any) -> dict[str, Any]:
    return {**attachment("to_khai", pdf_bytes("declared")), **changes}


@pytest.mark.parametrize(("changes", "field"), [
    ({"procedure_code": "9.999999"}, "procedure_code"),
    ({"procedure_code": ""}, "procedure_code"),
    ({"attachments": [_file(media_type="image/gif")]}, "attachments[0].media_type"),
    ({"attachments": [_file(sha256="ab" * 31)]}, "attachments[0].sha256"),
    ({"attachments": [_file(size=0)]}, "attachments[0].size"),
    ({"attachments": [_file(component="")]}, ""),
])
def test_a_dossier_breaking_a_declared_constraint_is_refused(api: Api, citizen: str,
                                                             changes: dict[str, Any], field: str):
    reply = api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=example_dossier(**changes),
                        headers=auth(citizen))
    assert_problem(reply, 422, *([field] if field else []))


def test_other_declared_constraints_are_refused(api: Api, citizen: str, officer: str):
    dossier = api.submitted(citizen)
    action = api.request("POST", f"/dossiers/{dossier['uuid']}/actions", headers=auth(officer),
                         json={"action": "fly", "expected_version": dossier["version"]})
    assert_problem(action, 422, "action")
    sign_up = {"account_type": "cong_dan", "method": "mobile", "id_number": "038090123457",
               "full_name": "Nguyễn Văn Bình", "birth_date": "1990-01-01", "sex": "nam",
               "phone": "0983456780"}
    for changes, field in (({"method": "vneid"}, "method"), ({"full_name": ""}, "full_name"),
                           ({"phone": ""}, "phone")):
        assert_problem(api.request("POST", "/accounts", json={**sign_up, **changes}), 422, field)
    assert_problem(api.request("POST", "/devices", json={"name": " "}, headers=auth(officer)),
                   422, "name")
    blob = api.request("HEAD", "/blobs/not-a-hash", headers=auth(citizen))
    assert blob.status_code == 422
    assert api.request("GET", "/procedures/9.999999").status_code == 404


schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import negative_data_rejection  # noqa: E402

NEGATIVE = ["POST /api/v1/dossiers/{uuid}/actions", "PUT /api/v1/dossiers/{uuid}",
            "POST /api/v1/accounts", "POST /api/v1/devices", "HEAD /api/v1/blobs/{sha256}",
            "GET /api/v1/procedures/{code}"]


@pytest.mark.parametrize("label", NEGATIVE)
def test_what_breaks_the_declared_constraints_is_refused(client, api: Api, officer: str,
                                                          label: str):
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", client.app)
    operation = next(result.ok() for result in schema.get_all_operations()
                     if result.ok().label == label)
    headers = {"Authorization": f"Bearer {officer}"}

    @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @hypothesis_settings(max_examples=25, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error, negative_data_rejection])

    run()
