"""Supplement and resubmit, withdrawal and offline actions, through the outbox and the real portal."""

from __future__ import annotations

from app.models import DossierState
from app.services.queue import AttachmentSource
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import JPEG, account


def _submitted(live_portal, make_services, attachments):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    assert services.sync_engine().run_once().sent
    return services, queued.id


def _act(services, dossier_id, action, note=None):
    version = services.client.get_dossier(dossier_id)["version"]
    return services.client.action(dossier_id, action, version, note)


def test_supplement_request_comes_back_and_the_resubmission_keeps_both_versions(
        live_portal, make_services, attachments, tmp_path):
    services, dossier_id = _submitted(live_portal, make_services, attachments)
    code = services.queue.get(dossier_id).code
    _act(services, dossier_id, "receive")
    _act(services, dossier_id, "start")
    note = "Thiếu văn bản ủy quyền của người nộp thay; bổ sung bản chứng thực."
    _act(services, dossier_id, "request_supplement", note)
    services.sync_engine().run_once()
    dossier = services.queue.get(dossier_id)
    assert dossier.status == 5 and dossier.status_note == note

    # The person adds the missing paper and corrects a field, then sends again.
    letter = tmp_path / "ủy quyền.jpg"
    letter.write_bytes(JPEG + b"uy quyen")
    fields = dict(dossier.fields, **{"child.birth_place": "Bệnh viện Đa khoa tỉnh Thanh Hóa"})
    kept = [AttachmentSource(a.component, services.blobs.path(a.sha256), a.filename)
            for a in dossier.attachments]
    services.queue.resubmit(dossier_id, dossier.applicant, fields,
                            kept + [AttachmentSource("uy_quyen", letter)])
    assert services.queue.get(dossier_id).state == DossierState.QUEUED
    report = services.sync_engine().run_once()
    assert [(s.id, s.op) for s in report.sent] == [(dossier_id, "resubmit")]

    dossier = services.queue.get(dossier_id)
    assert dossier.code == code and dossier.status == 1
    assert [a.filename for a in dossier.attachments] == ["tờ khai.pdf", "giấy chứng sinh.jpg",
                                                         "ủy quyền.jpg"]
    versions = services.queue.versions(dossier_id)
    assert len(versions) == 1 and versions[0].reason == note
    assert "Trạm Y tế" in versions[0].fields["child.birth_place"]
    remote = services.client.get_dossier(dossier_id)
    assert remote["status"] == 1
    assert [h["status"] for h in remote["history"]][-2:] == [5, 1]


def test_resubmit_is_refused_unless_a_supplement_was_requested(live_portal, make_services,
                                                               attachments):
    import pytest

    from dvc_core.rules import ValidationFailed

    services, dossier_id = _submitted(live_portal, make_services, attachments)
    dossier = services.queue.get(dossier_id)
    with pytest.raises(ValidationFailed) as info:
        services.queue.resubmit(dossier_id, dossier.applicant, dossier.fields, attachments)
    assert "không yêu cầu bổ sung" in info.value.errors[0].message()


def test_withdrawal_goes_through_the_outbox(live_portal, make_services, attachments):
    services, dossier_id = _submitted(live_portal, make_services, attachments)
    services.queue.queue_action(dossier_id, "withdraw", "Công dân xin rút để nộp lại sau.")
    report = services.sync_engine().run_once()
    assert [s.action for s in report.sent] == ["withdraw"]
    assert services.queue.get(dossier_id).status == 7


def test_an_offline_decision_on_a_stale_version_needs_attention(live_portal, make_services,
                                                                attachments):
    services, dossier_id = _submitted(live_portal, make_services, attachments)
    seen = services.client.get_dossier(dossier_id)["version"]
    _act(services, dossier_id, "receive")  # someone else acts first
    services.queue.queue_action(dossier_id, "refuse", "Không thuộc thẩm quyền.", seen)
    report = services.sync_engine().run_once()
    assert [a.id for a in report.attention] == [dossier_id]
    assert services.queue.get(dossier_id).status == 2  # the refusal was not applied blindly
    assert services.queue.get(dossier_id).last_error


def test_an_action_waits_for_the_submission_it_acts_on(live_portal, make_services, attachments):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    services.queue.queue_action(queued.id, "withdraw", "Rút ngay sau khi nộp.")
    report = services.sync_engine().run_once()
    sent = [s.op or s.action for s in report.sent]
    assert sent == ["submit", "withdraw"]  # in order, the withdrawal after the submission
    assert services.queue.get(queued.id).status == 7
