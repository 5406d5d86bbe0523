"""The exercises' checks against the local queue and the real sandbox portal: each says “not
yet” (with its hint) until the participant has done the thing, then that the goal is reached;
only what is done after the exercise started counts."""

from __future__ import annotations

import re

import pytest

from app.services.exercises import ExerciseChecker, ExerciseError, load
from app.services.faults import Faults, mount
from app.services.portal_client import PortalClient
from app.services.queue import AttachmentSource
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import JPEG, account


@pytest.fixture
def desk(live_portal, make_services):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    checker = ExerciseChecker(services.queue,
                              lambda u, p: PortalClient(live_portal.url).login(u, p))
    return services, checker, {e.id: e for e in load()}


def test_the_birth_registration_exercise(desk, attachments):
    services, checker, exercises = desk
    ex = default_catalog().get("1.001193").example
    before = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    services.sync_engine().run_once()
    assert services.queue.get(before.id).code  # done before the exercise: does not count
    exercise = exercises["khai_sinh"]
    checker.start(exercise)
    outcome = checker.check(exercise)
    assert not outcome.reached and "Lưu và gửi" in outcome.message
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    assert not checker.check(exercise).reached  # queued, not sent yet
    services.sync_engine().run_once()
    assert services.queue.get(queued.id).code
    outcome = checker.check(exercise)
    assert outcome.reached and outcome.message == "Đã đạt mục tiêu của bài tập."


def test_the_supplement_exercise(desk, attachments, tmp_path):
    services, checker, exercises = desk
    faults = Faults(supplement=True)
    mount(services.client.session, faults)
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    services.sync_engine().run_once()
    services.sync_engine().run_once()
    dossier = services.queue.get(queued.id)
    assert dossier.status == 5, faults.errors
    exercise = exercises["bo_sung"]
    checker.start(exercise)
    assert not checker.check(exercise).reached

    letter = tmp_path / "chứng sinh rõ.jpg"
    letter.write_bytes(JPEG + b"ro net")
    kept = [AttachmentSource(a.component, services.blobs.path(a.sha256), a.filename)
            for a in dossier.attachments]
    services.queue.resubmit(queued.id, dossier.applicant, dossier.fields,
                            kept + [AttachmentSource("giay_chung_sinh", letter)])
    assert not checker.check(exercise).reached  # answered, not sent yet
    services.sync_engine().run_once()
    assert checker.check(exercise).reached


def test_the_sign_up_exercise(desk, live_portal):
    services, checker, exercises = desk
    exercise = exercises["dang_ky"]
    checker.start(exercise)
    outcome = checker.check(exercise)
    assert not outcome.reached and "0987000111" in outcome.message
    api = PortalClient(live_portal.url)
    account_id = api.json("POST", "/accounts", json={
        "account_type": "cong_dan", "method": "mobile", "id_number": "038196054321",
        "full_name": "Trần Thị Mai", "birth_date": "1996-08-20", "sex": "nu",
        "phone": "0987000111"})["account_id"]
    assert not checker.check(exercise).reached  # the code not entered yet
    sms = [m for m in api.json("GET", "/sandbox/messages") if m["to"] == "0987000111"][-1]
    otp = re.search(r"\b(\d{6})\b", sms["body"]).group(1)
    verified = api.json("POST", f"/accounts/{account_id}/verify", json={"otp": otp})
    api.json("POST", f"/accounts/{account_id}/password", json={
        "password": "Mai@2026xy", "verification_token": verified["verification_token"]})
    assert checker.check(exercise).reached


def test_a_wrong_exercises_file_names_the_key(tmp_path):
    bad = tmp_path / "exercises.json"
    bad.write_text('{"exercises": [{"id": "x", "title": {"vi": "A"}, "goal": {"vi": "B"}, '
                   '"hint": {"vi": "C"}, "check": {"kind": "đoán"}}]}', encoding="utf-8")
    with pytest.raises(ExerciseError) as caught:
        load(bad)
    assert caught.value.key == "exercises[0].check.kind"
    assert "Tệp bài tập: mục “exercises[0].check.kind”" in caught.value.message
