"""The officer's actions from the worklists (a desk that never filed the dossier) through the
outbox and the real portal, reaching the citizen's own app through the change feed; two
officers in conflict; ``dvc act`` as a real process with its exit codes."""

from __future__ import annotations

import hashlib
import json

import pytest

from dvc_core.catalog import default_catalog
from dvc_core.rules import ValidationFailed
from tests.e2e.test_worklist import dvc
from tests.helpers.e2e import account

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _citizen_files(live_portal, make_services, attachments):
    citizen = account(live_portal, "citizen")
    services = make_services(live_portal.url)  # the citizen's own app
    services.login(citizen["username"], citizen["password"])
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    assert [s.id for s in services.sync_engine().run_once().sent] == [queued.id]
    return services, queued.id, services.queue.get(queued.id).code


def _officer(live_portal, make_services, desk="desk"):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url, live_portal.storage.parent / desk)
    services.login(officer["username"], officer["password"])
    return services


def _do(officer, code, action, **kwargs):
    actions = officer.officer_actions
    dossier_id = actions.find(code)
    queued = actions.act(dossier_id, action, **kwargs)
    officer.sync_engine().run_once()
    return actions.outcome(queued)


def test_every_missing_item_reaches_the_citizen_as_one_list(live_portal, make_services,
                                                          attachments):
    citizen, dossier_id, code = _citizen_files(live_portal, make_services, attachments)
    officer = _officer(live_portal, make_services)
    assert _do(officer, code, "receive").state == "sent"
    items = [{"component": "giay_chung_sinh", "reason": "Bản chụp mờ, không đọc được số."},
             {"component": "uy_quyen", "reason": "Người nộp thay cần văn bản ủy quyền."},
             {"component": "to_khai", "reason": "Ngày sinh của trẻ ghi sai so với giấy chứng sinh."}]
    outcome = _do(officer, code, "request_supplement", note="Đề nghị bổ sung trong 5 ngày.",
                  items=items)
    assert (outcome.state, outcome.status) == ("sent", 5)
    # The officer's desk never listed this dossier as one of its own.
    assert all(d.id != dossier_id for d in officer.queue.listing())

    report = citizen.sync_engine().run_once()
    assert [(c.id, c.status) for c in report.changed] == [(dossier_id, 2), (dossier_id, 5)]
    local = citizen.queue.get(dossier_id)
    event = local.history[-1]
    assert event.status == 5
    assert [(i["component"], i["reason"]) for i in event.detail["items"]] == [
        (i["component"], i["reason"]) for i in items]
    assert [i["component_name"].split(" (")[0] for i in event.detail["items"]] == [
        "Giấy chứng sinh", "Văn bản ủy quyền", "Tờ khai đăng ký khai sinh"]
    # One request, one list: the note an older app shows holds every item too.
    assert local.status_note.splitlines()[0] == "Đề nghị bổ sung trong 5 ngày."
    assert len(local.status_note.splitlines()) == 4
    feed = citizen.client.changes(0).changes
    assert [c.status for c in feed if c.uuid == dossier_id].count(5) == 1


def test_the_electronic_result_reaches_the_citizen_and_opens_there(live_portal, make_services,
                                                                  attachments, tmp_path):
    citizen, dossier_id, code = _citizen_files(live_portal, make_services, attachments)
    officer = _officer(live_portal, make_services)
    for action in ("receive", "start", "finish"):
        assert _do(officer, code, action).state == "sent"
    result = tmp_path / "trích lục khai sinh.pdf"
    result.write_bytes(PDF)
    with pytest.raises(ValidationFailed) as refused:
        officer.officer_actions.act(officer.officer_actions.find(code), "return",
                                    delivery_way="online")
    assert refused.value.errors[0].field == "result"
    outcome = _do(officer, code, "return", delivery_way="online", result_file=result)
    assert (outcome.state, outcome.status) == ("sent", 10)

    citizen.sync_engine().run_once()
    local = citizen.queue.get(dossier_id)
    event = local.history[-1]
    assert event.status == 10 and event.detail["delivery"] == "online"
    sha = hashlib.sha256(PDF).hexdigest()
    assert event.detail["result"]["sha256"] == sha
    assert event.detail["result"]["filename"] == "trích lục khai sinh.pdf"
    assert citizen.blobs.path(sha).read_bytes() == PDF  # kept on the citizen's machine


def test_two_officers_in_conflict_see_what_the_colleague_did(live_portal, make_services,
                                                            attachments):
    _citizen, dossier_id, code = _citizen_files(live_portal, make_services, attachments)
    first = _officer(live_portal, make_services, "desk-1")
    second = _officer(live_portal, make_services, "desk-2")
    seen = first.officer_actions.find(code)  # the first officer opens it at version v
    assert _do(second, code, "receive").state == "sent"  # the colleague was quicker
    queued = first.officer_actions.act(seen, "receive")
    first.sync_engine().run_once()
    outcome = first.officer_actions.outcome(queued)
    assert outcome.state == "conflict"
    assert outcome.conflict["status"] == 2
    assert "Tiếp nhận hồ sơ" in outcome.message and "Được tiếp nhận" in outcome.message
    assert outcome.conflict["history"][-1]["action"] == "receive"
    # “Gửi lại” does not send the old version again.
    with pytest.raises(ValidationFailed) as again:
        first.queue.retry(dossier_id)
    assert again.value.errors[0].code == "action_conflict"
    # The local copy follows the portal: the next decision is made on what is there now.
    assert first.queue.get(dossier_id).portal_version == outcome.conflict["version"]
    with pytest.raises(ValidationFailed):
        first.officer_actions.act(seen, "receive")  # not allowed from "Được tiếp nhận"
    assert _do(first, code, "start").state == "sent"
    assert first.officer_actions.conflict(dossier_id) is None  # superseded


def test_dvc_act_exit_codes(live_portal, make_services, attachments, tmp_path):
    _citizen, dossier_id, code = _citizen_files(live_portal, make_services, attachments)
    officer = account(live_portal, "officer")
    desk = tmp_path / "desk"
    server = ["--server", live_portal.url]
    login = dvc("login", *server, "--username", officer["username"], "--password-stdin",
                data_dir=desk, stdin=officer["password"] + "\n")
    assert login.returncode == 0, login.stderr

    done = dvc("act", code, "receive", *server, "--json", data_dir=desk)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["state"], out["status"], out["code"]) == ("sent", 2, code)

    wrong = dvc("act", code, "finish", *server, "--json", data_dir=desk)
    assert wrong.returncode == 2 and "Hoàn thành xử lý" in wrong.stderr
    assert "Được tiếp nhận" in wrong.stderr
    bad = dvc("act", code, "request_supplement", *server, "--item", "giay_khong_co=thiếu",
              "--item", "uy_quyen", data_dir=desk)
    assert bad.returncode == 2 and "--item" in bad.stderr
    unknown = dvc("act", code, "request_supplement", *server, "--item", "giay_khong_co=thiếu",
                  data_dir=desk)
    assert unknown.returncode == 2 and "giay_khong_co" in unknown.stderr
    no_reason = dvc("act", code, "refuse", *server, data_dir=desk)
    assert no_reason.returncode == 2
    stale = dvc("act", code, "start", *server, "--expected-version", "1", "--json",
                data_dir=desk)
    assert stale.returncode == 1, stale.stderr
    assert json.loads(stale.stdout)["conflict"]["status"] == 2
    several = dvc("act", code, "request_supplement", *server, "--item",
                  "giay_chung_sinh=Bản chụp mờ", "--item", "uy_quyen=Thiếu = chưa nộp",
                  "--json", data_dir=desk)
    assert several.returncode == 0, several.stderr
    assert [i["reason"] for i in json.loads(several.stdout)["items"]] == [
        "Bản chụp mờ", "Thiếu = chưa nộp"]
    assert json.loads(several.stdout)["status"] == 5
    del dossier_id


def test_dvc_act_offline_queues_the_decision_from_the_worklists_copy(tmp_path, make_services,
                                                                   attachments):
    from tests.helpers.portal_fixture import start_portal

    desk = tmp_path / "desk"
    with start_portal(tmp_path / "portal") as portal:
        _citizen, _dossier_id, code = _citizen_files(portal, make_services, attachments)
        officer = account(portal, "officer")
        server = ["--server", portal.url]
        login = dvc("login", *server, "--username", officer["username"], "--password-stdin",
                    data_dir=desk, stdin=officer["password"] + "\n")
        assert login.returncode == 0, login.stderr
        listed = dvc("worklist", "cho_tiep_nhan", *server, "--json", data_dir=desk)
        assert listed.returncode == 0, listed.stderr
        assert [i["code"] for i in json.loads(listed.stdout)["items"]] == [code]
    # The portal is gone: the decision is checked on the copy and kept to be sent later.
    queued = dvc("act", code, "receive", *server, "--json", data_dir=desk)
    assert queued.returncode == 0, queued.stderr
    out = json.loads(queued.stdout)
    assert (out["state"], out["status"], out["action"]) == ("queued", 1, "receive")
    refused = dvc("act", code, "finish", *server, "--json", data_dir=desk)
    assert refused.returncode == 2  # not from "Mới đăng ký", even offline
