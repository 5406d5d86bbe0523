"""Dossier rules in process: validation, uploads, submission, visibility, officer actions."""

from __future__ import annotations

import base64
import datetime as dt
import re
import unicodedata
import uuid

import pytest

from tests.helpers.portal_api import (
    CODE_RE,
    TUS,
    Api,
    Clock,
    assert_problem,
    attachment,
    auth,
    example_dossier,
    other_officer,
    pdf_bytes,
    second_citizen,
    sha256,
    tus_metadata,
)


def test_put_validates_with_the_shared_rules(api: Api, citizen: str):
    body = example_dossier()
    body["applicant"]["phone"] = "12345"
    body["fields"]["child.birth_date"] = "31/02/2026"
    body["fields"]["mother.birth_year"] = 2020
    body["fields"]["bogus"] = "x"
    reply = api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=body, headers=auth(citizen))
    problem = assert_problem(reply, 422, "applicant.phone", "child.birth_date", "bogus",
                             "attachments.to_khai", "attachments.giay_chung_sinh")
    messages = {e["field"]: e["message"] for e in problem["errors"]}
    assert messages["child.birth_date"].startswith("Ngày, tháng, năm sinh của trẻ:")
    # Required components: the kernel's check, with the code and message the app shows.
    missing = {e["field"]: e for e in problem["errors"] if e["field"].startswith("attachments.")}
    assert missing["attachments.to_khai"]["code"] == "attachment_required"
    assert missing["attachments.to_khai"]["message"].startswith("Tờ khai đăng ký khai sinh")
    assert "Số điện thoại của người yêu cầu" in problem["detail"]


def test_the_way_the_result_is_received_is_checked_with_the_answers(api: Api, citizen: str):
    def put(**fields):
        body = example_dossier(attachments=[attachment("to_khai", pdf_bytes("a")),
                                            attachment("giay_chung_sinh", pdf_bytes("b"))])
        body["fields"].update(fields)
        return api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=body, headers=auth(citizen))

    assert put().status_code in (200, 201)  # not asked by older clients: still accepted
    assert put(**{"delivery.method": "counter"}).status_code in (200, 201)
    problem = assert_problem(put(**{"delivery.method": "post"}), 422, "delivery.address")
    assert "Địa chỉ nhận kết quả qua bưu chính" in problem["detail"]
    posted = put(**{"delivery.method": "post",
                    "delivery.address": {"province": "38", "commune": "15772", "detail": "Thôn Tây"}})
    assert posted.status_code in (200, 201), posted.text
    assert_problem(put(**{"delivery.method": "drone"}), 422, "delivery.method")
    # An address is no answer when the result is collected at the counter.
    assert put(**{"delivery.method": "counter", "delivery.address": {"province": "38"}}
               ).status_code in (200, 201)


def test_an_electronic_result_only_for_level_4(api: Api, citizen: str):
    from dvc_core.catalog import default_catalog

    proc = default_catalog().get("1.001022")  # level 3: counter or post
    assert proc.level == 3 and "online" in proc.result_delivery
    body = {"procedure_code": proc.code, "schema_version": proc.schema_version,
            "applicant": dict(proc.example["applicant"]),
            "fields": {**proc.example["fields"], "delivery.method": "online"},
            "attachments": [attachment(c.id, pdf_bytes(c.id)) for c in proc.components
                            if c.required]}
    problem = assert_problem(api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=body,
                                         headers=auth(citizen)), 422, "delivery.method")
    assert "Hình thức nhận kết quả" in problem["detail"]


def test_put_rejects_bad_attachments_and_unknown_procedure(api: Api, citizen: str):
    data = pdf_bytes()
    bad = example_dossier(attachments=[
        attachment("to_khai", data),
        {"component": "giay_chung_sinh", "sha256": "xyz", "size": 10, "filename": "a.exe",
         "media_type": "application/x-msdownload"},
        attachment("hoc_ba", data)])
    problem = assert_problem(api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=bad,
                                         headers=auth(citizen)),
                             422, "attachments[1].sha256", "attachments[1].media_type",
                             "attachments.hoc_ba")
    assert "hoc_ba" in problem["detail"]
    assert {e["code"] for e in problem["errors"] if e["field"] == "attachments.hoc_ba"} == {
        "unknown_component"}
    unknown = example_dossier(procedure_code="9.999999")
    assert_problem(api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=unknown,
                               headers=auth(citizen)), 422, "procedure_code")
    huge = example_dossier(attachments=[{**attachment("to_khai", data), "size": 10**9},
                                        attachment("giay_chung_sinh", data)])
    assert_problem(api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=huge,
                               headers=auth(citizen)), 413, "attachments[0].size")
    assert_problem(api.request("PUT", "/dossiers/not-a-uuid", json=example_dossier(),
                               headers=auth(citizen)), 422, "uuid")
    assert_problem(api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=example_dossier()), 401)


def test_nfd_answers_are_stored_nfc(api: Api, citizen: str):
    dossier_id, _ = api.new_dossier(citizen)
    body = example_dossier(attachments=api.request("GET", f"/dossiers/{dossier_id}",
                                                   headers=auth(citizen)).json()["attachments"])
    body["fields"]["child.full_name"] = unicodedata.normalize("NFD", "Nguyễn Minh Khang")
    assert api.request("PUT", f"/dossiers/{dossier_id}", json=body,
                       headers=auth(citizen)).status_code == 200
    stored = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()
    assert stored["fields"]["child.full_name"] == "Nguyễn Minh Khang"
    assert unicodedata.is_normalized("NFC", stored["fields"]["child.full_name"])


def test_submit_needs_every_blob_then_is_idempotent(api: Api, citizen: str, clock: Clock):
    data = {"to_khai": pdf_bytes("tk"), "giay_chung_sinh": pdf_bytes("gcs")}
    dossier_id = str(uuid.uuid4())
    body = example_dossier(attachments=[attachment(c, d) for c, d in data.items()])
    put = api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(citizen))
    assert put.status_code == 201
    assert sorted(put.json()["missing_blobs"]) == sorted(sha256(d) for d in data.values())
    api.upload(citizen, data["to_khai"])
    refused = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen))
    problem = assert_problem(refused, 409, "attachments")
    assert problem["missing_blobs"] == [sha256(data["giay_chung_sinh"])]
    assert "Chưa tải lên đủ tệp" in problem["detail"]

    api.upload(citizen, data["giay_chung_sinh"], chunk=100)
    first = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen)).json()
    assert re.match(CODE_RE, first["code"])
    assert first["code"] == "000.99.99.H56-261125-0001"
    # Same-day procedure received at 09:00 on a Wednesday: due 17:00 the same day (10:00 UTC).
    assert first["due_at"] == "2026-11-25T10:00:00+00:00"
    clock.advance(minutes=5)
    assert api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen)).json() == first
    # Once submitted the content is frozen.
    assert_problem(api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(citizen)), 409)
    second = api.submitted(citizen)
    assert second["code"] == "000.99.99.H56-261125-0002"


def test_daily_sequence_restarts_and_late_receipt_is_due_next_working_day(
        api: Api, citizen: str, clock: Clock):
    clock.now = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)  # Friday 16:30 in Hà Nội
    citizen = api.login("0912345678", "CongDan@2026")
    late = api.submitted(citizen)
    assert late["code"].endswith("-261127-0001")
    assert late["due_at"] == "2026-11-30T10:00:00+00:00"  # Monday 17:00
    clock.now = dt.datetime(2026, 11, 27, 17, 30, tzinfo=dt.UTC)  # already Saturday 00:30 locally
    assert api.submitted(citizen)["code"].endswith("-261128-0001")


def test_upload_hash_mismatch_and_chunk_checksum(api: Api, citizen: str):
    data = pdf_bytes("mismatch")
    reply = api.upload(citizen, data, declared_sha=sha256(b"something else"))
    problem = assert_problem(reply, 460)
    assert "không khớp mã băm" in problem["detail"]

    created = api.request("POST", "/uploads", headers={
        **TUS, **auth(citizen), "Upload-Length": str(len(data)),
        "Upload-Metadata": tus_metadata(sha256=sha256(data), filename="a.pdf")})
    location = created.headers["Location"].removeprefix("/api/v1")
    patch = {**TUS, **auth(citizen), "Content-Type": "application/offset+octet-stream"}
    wrong = base64.b64encode(b"\0" * 32).decode()
    bad = api.request("PATCH", location, content=data[:50],
                      headers={**patch, "Upload-Offset": "0", "Upload-Checksum": f"sha256 {wrong}"})
    assert_problem(bad, 460)
    head = api.request("HEAD", location, headers={**TUS, **auth(citizen)})
    assert head.headers["Upload-Offset"] == "0" and head.headers["Cache-Control"] == "no-store"
    ok = api.request("PATCH", location, content=data[:50], headers={**patch, "Upload-Offset": "0"})
    assert ok.status_code == 204 and ok.headers["Upload-Offset"] == "50"
    assert_problem(api.request("PATCH", location, content=data[50:],
                               headers={**patch, "Upload-Offset": "0"}), 409)
    assert_problem(api.request("PATCH", location, content=data[50:],
                               headers={**auth(citizen), "Tus-Resumable": "0.2.2",
                                        "Content-Type": "application/offset+octet-stream",
                                        "Upload-Offset": "50"}), 412)
    # Resume after a "lost connection": ask where to continue, then finish.
    offset = api.request("HEAD", location, headers={**TUS, **auth(citizen)}).headers["Upload-Offset"]
    done = api.request("PATCH", location, content=data[int(offset):],
                       headers={**patch, "Upload-Offset": offset})
    assert done.status_code == 204 and done.headers["Tus-Resumable"] == "1.0.0"
    assert api.request("HEAD", f"/blobs/{sha256(data)}", headers=auth(citizen)).status_code == 200
    # A hash the caller holds is complete at once when the creation carries the bytes (its
    # answer's offset is read): nothing more is sent.
    meta = {"Upload-Length": str(len(data)),
            "Upload-Metadata": tus_metadata(sha256=sha256(data), filename="a.pdf")}
    again = api.request("POST", "/uploads", content=data, headers={
        **TUS, **auth(citizen), **meta, "Content-Type": "application/offset+octet-stream"})
    assert again.status_code == 201 and again.headers["Upload-Offset"] == str(len(data))
    # Without a body a creation starts at 0, as tus clients expect (their next request is the
    # PATCH at 0), and that PATCH completes it.
    plain = api.request("POST", "/uploads", headers={**TUS, **auth(citizen), **meta})
    assert plain.status_code == 201 and plain.headers["Upload-Offset"] == "0"
    finish = api.request("PATCH", plain.headers["Location"].removeprefix("/api/v1"), content=data,
                         headers={**patch, "Upload-Offset": "0"})
    assert finish.status_code == 204 and finish.headers["Upload-Offset"] == str(len(data))


def test_tus_options_limits_and_termination(api: Api, citizen: str, settings):
    options = api.request("OPTIONS", "/uploads")
    assert options.status_code == 204
    assert options.headers["Tus-Version"] == "1.0.0"
    assert "checksum" in options.headers["Tus-Extension"]
    assert options.headers["Tus-Checksum-Algorithm"] == "sha1,sha256"
    assert options.headers["Tus-Max-Size"] == str(settings.max_file_bytes)
    too_big = api.request("POST", "/uploads", headers={
        **TUS, **auth(citizen), "Upload-Length": str(settings.max_file_bytes + 1),
        "Upload-Metadata": tus_metadata(sha256="a" * 64)})
    assert_problem(too_big, 413)
    bad_sha = api.request("POST", "/uploads", headers={
        **TUS, **auth(citizen), "Upload-Length": "10", "Upload-Metadata": tus_metadata(sha256="a1")})
    assert_problem(bad_sha, 400, "sha256")
    assert_problem(api.request("POST", "/uploads", headers={
        **TUS, "Upload-Length": "10", "Upload-Metadata": tus_metadata(sha256="a" * 64)}), 401)
    created = api.request("POST", "/uploads", headers={
        **TUS, **auth(citizen), "Upload-Length": "10", "Upload-Metadata": tus_metadata(sha256="a" * 64)})
    location = created.headers["Location"].removeprefix("/api/v1")
    assert api.request("DELETE", location, headers={**TUS, **auth(citizen)}).status_code == 204
    assert api.request("HEAD", location, headers={**TUS, **auth(citizen)}).status_code == 404


def test_visibility_between_citizens_and_communes(client, api: Api, citizen: str, officer: str):
    dossier_id, body = api.new_dossier(citizen)
    # Before submission even the commune's officer does not see a draft.
    assert_problem(api.request("GET", f"/dossiers/{dossier_id}", headers=auth(officer)), 404)
    api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen))
    assert api.request("GET", f"/dossiers/{dossier_id}", headers=auth(officer)).status_code == 200

    other = second_citizen(api, client)
    problem = assert_problem(api.request("GET", f"/dossiers/{dossier_id}", headers=auth(other)), 404)
    assert "Không tìm thấy hồ sơ" in problem["detail"]
    assert_problem(api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(other)), 404)
    assert api.request("GET", "/dossiers", headers=auth(other)).json()["dossiers"] == []
    assert api.request("GET", "/changes", headers=auth(other)).json()["changes"] == []

    stranger = api.login(*other_officer(client))
    assert_problem(api.request("GET", f"/dossiers/{dossier_id}", headers=auth(stranger)), 404)
    assert_problem(api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(stranger),
                               json={"action": "receive", "expected_version": 1}), 404)
    assert api.request("GET", "/changes", headers=auth(stranger)).json()["changes"] == []
    listed = api.request("GET", "/dossiers?status=1", headers=auth(officer)).json()["dossiers"]
    assert [d["uuid"] for d in listed] == [dossier_id]


def test_officer_actions_versions_and_transitions(api: Api, citizen: str, officer: str):
    submitted = api.submitted(citizen)
    dossier_id = submitted["uuid"]
    version = submitted["version"]

    def act(token: str, action: str, expected: int, note: str | None = None):
        return api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(token),
                           json={"action": action, "expected_version": expected, "note": note})

    assert_problem(act(citizen, "receive", version), 403)
    not_allowed = assert_problem(act(officer, "finish", version), 409)
    assert "Đã xử lý xong" not in not_allowed["detail"] and "Mới đăng ký" in not_allowed["detail"]
    assert_problem(act(officer, "dance", version), 422, "action")
    received = act(officer, "receive", version).json()
    assert received["status"] == 2 and received["version"] == version + 1
    stale = assert_problem(act(officer, "start", version), 409)
    assert stale["status"] == 409 and stale["dossier_status"] == 2
    assert stale["version"] == version + 1 and stale["current"]["status"] == 2
    assert_problem(act(officer, "request_supplement", received["version"]), 422, "note")
    started = act(officer, "start", received["version"]).json()
    assert started["status"] == 4
    fee = act(officer, "fee_required", started["version"]).json()
    paid = act(officer, "fee_paid", fee["version"]).json()
    finished = act(officer, "finish", paid["version"]).json()
    returned = act(officer, "return", finished["version"]).json()
    assert returned["status"] == 10
    assert_problem(act(citizen, "withdraw", returned["version"]), 409)
    history = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()["history"]
    assert [h["status"] for h in history] == [1, 2, 4, 6, 4, 9, 10]


def test_supplement_flow_keeps_previous_version(api: Api, citizen: str, officer: str):
    submitted = api.submitted(citizen)
    dossier_id = submitted["uuid"]

    def act(action: str, note: str | None = None):
        version = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(officer)).json()["version"]
        reply = api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(officer),
                            json={"action": action, "expected_version": version, "note": note})
        assert reply.status_code == 200, reply.text
        return reply.json()

    act("receive")
    act("request_supplement", "Thiếu bản chụp Giấy chứng sinh rõ nét")
    current = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()
    assert current["status"] == 5 and "withdraw" in current["allowed_actions"]
    assert current["history"][-1]["note"] == "Thiếu bản chụp Giấy chứng sinh rõ nét"

    clearer = pdf_bytes("clearer scan")
    body = example_dossier(attachments=[a for a in current["attachments"] if a["component"] == "to_khai"]
                           + [attachment("giay_chung_sinh", clearer)])
    put = api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(citizen))
    assert put.status_code == 200 and put.json()["missing_blobs"] == [sha256(clearer)]
    api.upload(citizen, clearer)
    again = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen)).json()
    assert again["status"] == 1 and again["code"] == submitted["code"]
    after = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()
    actions = [h["action"] for h in after["history"]]
    assert actions == ["submit", "receive", "request_supplement", "supplement_update", "resubmit"]
    feed = api.request("GET", "/changes", headers=auth(citizen)).json()["changes"]
    assert [c["status"] for c in feed] == [1, 2, 5, 1]
    assert feed[2]["note"] == "Thiếu bản chụp Giấy chứng sinh rõ nét"


def test_owner_may_withdraw(api: Api, citizen: str):
    submitted = api.submitted(citizen)
    reply = api.request("POST", f"/dossiers/{submitted['uuid']}/actions", headers=auth(citizen),
                        json={"action": "withdraw", "expected_version": submitted["version"]})
    assert reply.json()["status"] == 7


def test_lookup_is_rate_limited(client, api: Api, settings):
    for _ in range(settings.lookup_limit):
        assert_problem(api.request("GET", "/lookup?code=x&id_number=y"), 404)
    limited = assert_problem(api.request("GET", "/lookup?code=x&id_number=y"), 429)
    assert "Tra cứu quá nhiều lần" in limited["detail"]


def test_procedures_with_etag(api: Api):
    first = api.request("GET", "/procedures")
    assert first.status_code == 200
    body = first.json()
    assert body["etag"] and any(p["code"] == "1.001193" for p in body["procedures"])
    cached = api.request("GET", "/procedures", headers={"If-None-Match": first.headers["ETag"]})
    assert cached.status_code == 304
    one = api.request("GET", "/procedures/1.001193").json()
    assert [c["id"] for c in one["components"]] == ["to_khai", "giay_chung_sinh", "uy_quyen"]
    assert_problem(api.request("GET", "/procedures/0.000000"), 404)


@pytest.mark.parametrize("payload", [b"[]", b'"x"', b"null", b'{"action": ["receive"]}'])
def test_odd_bodies_are_problems(api: Api, officer: str, payload: bytes):
    reply = api.request("POST", f"/dossiers/{uuid.uuid4()}/actions", content=payload,
                        headers={**auth(officer), "Content-Type": "application/json"})
    assert_problem(reply, 422)


def test_oversized_json_body_is_refused(api: Api, citizen: str, settings):
    blob = "x" * (settings.max_json_bytes + 10)
    reply = api.request("PUT", f"/dossiers/{uuid.uuid4()}", headers=auth(citizen),
                        content=('{"procedure_code": "' + blob + '"}').encode(),
                        )
    assert_problem(reply, 413)


def test_openapi_is_served(api: Api):
    spec = api.request("GET", "/openapi.json").json()
    assert "/api/v1/dossiers/{uuid}" in spec["paths"]


def test_lost_partial_file_restarts_the_upload(api: Api, citizen: str, settings):
    data = pdf_bytes("lost")
    created = api.request("POST", "/uploads", headers={
        **TUS, **auth(citizen), "Upload-Length": str(len(data)),
        "Upload-Metadata": tus_metadata(sha256=sha256(data))})
    location = created.headers["Location"].removeprefix("/api/v1")
    patch = {**TUS, **auth(citizen), "Content-Type": "application/offset+octet-stream"}
    api.request("PATCH", location, content=data[:40], headers={**patch, "Upload-Offset": "0"})
    (settings.storage_dir / "uploads" / location.rsplit("/", 1)[1]).unlink()
    lost = api.request("PATCH", location, content=data[40:], headers={**patch, "Upload-Offset": "40"})
    assert_problem(lost, 409)
    assert lost.headers["Upload-Offset"] == "0"
    done = api.request("PATCH", location, content=data, headers={**patch, "Upload-Offset": "0"})
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))


def _create(api: Api, token: str, data: bytes, body: bytes | None = None, **headers: str):
    extra = {"Content-Type": "application/offset+octet-stream"} if body is not None else {}
    return api.request("POST", "/uploads", content=body, headers={
        **TUS, **auth(token), **extra, **headers, "Upload-Length": str(len(data)),
        "Upload-Metadata": tus_metadata(sha256=sha256(data), filename="a.pdf")})


def test_creation_with_upload_sends_a_small_file_in_one_request(api: Api, citizen: str):
    assert "creation-with-upload" in api.request("OPTIONS", "/uploads").headers["Tus-Extension"]
    data = pdf_bytes("one request")
    created = _create(api, citizen, data, body=data)
    assert created.status_code == 201 and created.headers["Upload-Offset"] == str(len(data))
    assert api.request("HEAD", f"/blobs/{sha256(data)}", headers=auth(citizen)).status_code == 200
    # The portal already holds it: a second creation with the bytes is complete at once.
    again = _create(api, citizen, data, body=data)
    assert again.status_code == 201 and again.headers["Upload-Offset"] == str(len(data))


def test_creation_with_the_first_part_then_patches_the_rest(api: Api, citizen: str):
    data = pdf_bytes("two parts")
    created = _create(api, citizen, data, body=data[:30])
    assert created.status_code == 201 and created.headers["Upload-Offset"] == "30"
    location = created.headers["Location"].removeprefix("/api/v1")
    done = api.request("PATCH", location, content=data[30:], headers={
        **TUS, **auth(citizen), "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": "30"})
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    assert api.request("HEAD", f"/blobs/{sha256(data)}", headers=auth(citizen)).status_code == 200


def test_creation_with_upload_refuses_bad_bytes(api: Api, citizen: str):
    data = pdf_bytes("bad creation")
    assert_problem(_create(api, citizen, data, body=data, **{"Content-Type": "text/plain"}), 415)
    wrong = base64.b64encode(b"\0" * 32).decode()
    assert_problem(_create(api, citizen, data, body=data,
                           **{"Upload-Checksum": f"sha256 {wrong}"}), 460)
    assert_problem(_create(api, citizen, data, body=data + b"more"), 413)
    not_a_pdf = b"MZ" + data[2:]
    refused = api.request("POST", "/uploads", content=not_a_pdf, headers={
        **TUS, **auth(citizen), "Content-Type": "application/offset+octet-stream",
        "Upload-Length": str(len(not_a_pdf)),
        "Upload-Metadata": tus_metadata(sha256=sha256(not_a_pdf), filename="virus.pdf")})
    assert_problem(refused, 415)
    assert api.request("HEAD", f"/blobs/{sha256(not_a_pdf)}", headers=auth(citizen)).status_code == 404


def test_a_creation_asked_again_with_its_key_resumes_where_it_stopped(client, api: Api,
                                                                     citizen: str):
    """A client whose creation was cut off never learnt the address: it asks again, same key."""
    data = pdf_bytes("resume me")
    key = {"Idempotency-Key": "k-" + uuid.uuid4().hex}
    first = _create(api, citizen, data, body=data[:25], **key)
    again = _create(api, citizen, data, **key)
    assert again.status_code == 201
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Upload-Offset"] == "25"
    # The same key with its bytes again: nothing is taken twice, the offset says where to go on.
    replay = _create(api, citizen, data, body=data, **key)
    assert replay.headers["Location"] == first.headers["Location"]
    assert replay.headers["Upload-Offset"] == "25"
    # Without a key, or with another one, a creation is a new upload from zero.
    fresh = _create(api, citizen, data)
    assert fresh.headers["Location"] != first.headers["Location"]
    assert fresh.headers["Upload-Offset"] == "0"
    # Another citizen using the same key gets an upload of their own.
    other = second_citizen(api, client)
    theirs = _create(api, other, data, **key)
    assert theirs.headers["Location"] != first.headers["Location"]
    assert theirs.headers["Upload-Offset"] == "0"
    location = again.headers["Location"].removeprefix("/api/v1")
    assert api.request("HEAD", location, headers={**TUS, **auth(other)}).status_code == 404
    # A key is for one file; bad keys are named.
    assert_problem(_create(api, citizen, pdf_bytes("another file"), **key), 422, "Idempotency-Key")
    assert_problem(_create(api, citizen, data, **{"Idempotency-Key": "a b/c"}), 400,
                   "Idempotency-Key")


def test_an_empty_patch_finishes_an_upload_holding_every_byte(client, api: Api, citizen: str,
                                                             settings):
    """The portal stopped between storing the last chunk and checking the file: the upload says
    every byte is there but there is no blob. An empty PATCH at the end finishes it."""
    from sqlalchemy import update

    from portal.models import Upload

    data = pdf_bytes("stuck at the end")
    created = _create(api, citizen, data)
    location = created.headers["Location"].removeprefix("/api/v1")
    upload_id = location.rsplit("/", 1)[1]
    patch = {**TUS, **auth(citizen), "Content-Type": "application/offset+octet-stream"}
    api.request("PATCH", location, content=data[:40], headers={**patch, "Upload-Offset": "0"})
    with open(settings.storage_dir / "uploads" / upload_id, "ab") as partial:
        partial.write(data[40:])  # the last chunk landed; the check never ran
    ctx = client.app.state.portal
    with ctx.sessions() as session:
        session.execute(update(Upload).where(Upload.id == upload_id).values(offset=len(data)))
        session.commit()
    blob = f"/blobs/{sha256(data)}"
    assert api.request("HEAD", blob, headers=auth(citizen)).status_code == 404
    done = api.request("PATCH", location, content=b"",
                       headers={**patch, "Upload-Offset": str(len(data))})
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    assert api.request("HEAD", blob, headers=auth(citizen)).status_code == 200
