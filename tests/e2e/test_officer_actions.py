"""Officer actions take one road: queued in the outbox with the version decided on, sent by the
sync engine, checked by the real portal."""

from __future__ import annotations

import pytest

from app.models import OutboxState
from dvc_core.catalog import default_catalog
from dvc_core.rules import ValidationFailed
from tests.helpers.e2e import account


def _filed(live_portal, make_services, attachments, role="officer"):
    person = account(live_portal, role)
    services = make_services(live_portal.url)
    services.login(person["username"], person["password"])
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    return services, queued.id


def _submitted(live_portal, make_services, attachments, role="officer"):
    services, dossier_id = _filed(live_portal, make_services, attachments, role)
    assert [s.id for s in services.sync_engine().run_once().sent] == [dossier_id]
    return services, dossier_id


def test_receive_goes_through_the_outbox_with_the_version_the_officer_saw(
        live_portal, make_services, attachments):
    services, dossier_id = _submitted(live_portal, make_services, attachments)
    seen = services.queue.get(dossier_id).portal_version
    assert isinstance(seen, int)
    queued = services.queue.queue_officer_action(dossier_id, "receive")
    assert queued.expected_version == seen  # the local copy's: what the screen showed
    item = services.queue.outbox_info(dossier_id)
    assert (item.op, item.action, item.state) == ("action", "receive", OutboxState.PENDING)

    report = services.sync_engine().run_once()
    assert [(s.id, s.action, s.status) for s in report.sent] == [
        (dossier_id, "receive", 2)]
    assert report.attention == [] and report.retry_later == []
    local = services.queue.get(dossier_id)
    assert local.status == 2 and local.last_error is None
    assert local.portal_version > seen
    assert services.queue.outbox_info(dossier_id) is None
    assert services.client.get_dossier(dossier_id)["status"] == 2


def test_an_action_queued_before_the_submission_is_sent_after_it(live_portal, make_services,
                                                                 attachments):
    services, dossier_id = _filed(live_portal, make_services, attachments)
    queued = services.queue.queue_officer_action(dossier_id, "receive")
    assert queued.expected_version is None  # not on the portal yet: its version when sent
    report = services.sync_engine().run_once()
    assert [s.op or s.action for s in report.sent] == ["submit", "receive"]
    assert services.queue.get(dossier_id).status == 2


def test_a_decision_on_a_dossier_changed_meanwhile_is_a_clear_conflict(live_portal, make_services,
                                                                       attachments):
    services, dossier_id = _submitted(live_portal, make_services, attachments)
    seen = services.queue.get(dossier_id).portal_version
    services.client.action(dossier_id, "receive", seen)  # another officer receives it first
    services.queue.queue_officer_action(dossier_id, "refuse", "Không thuộc thẩm quyền.")

    report = services.sync_engine().run_once()
    assert report.sent == []
    [entry] = report.attention
    assert entry.id == dossier_id
    message = entry.error
    assert message.startswith("Chưa thực hiện “Từ chối tiếp nhận”: hồ sơ trên cổng đã thay đổi")
    assert "“Được tiếp nhận”" in message
    item = services.queue.outbox_info(dossier_id)
    assert item.state == OutboxState.ATTENTION and item.last_error == message
    local = services.queue.get(dossier_id)
    assert local.last_error == message
    assert local.status == 2  # the other officer's receipt, from the feed; the refusal not applied
    assert services.client.get_dossier(dossier_id)["status"] == 2
    # Given up on, it holds nothing back: the next pass sends nothing and stays quiet.
    again = services.sync_engine().run_once()
    assert again.sent == [] and again.attention == []


def test_a_refused_action_needs_attention_with_the_portals_message(live_portal, make_services,
                                                                   attachments):
    # A citizen's desk offers no officer actions, but should one be queued the portal says no
    # (403) and that answer is what the person reads.
    services, dossier_id = _submitted(live_portal, make_services, attachments, role="citizen")
    services.queue.queue_officer_action(dossier_id, "receive")
    report = services.sync_engine().run_once()
    [entry] = report.attention
    assert entry.error == "Bạn không có quyền thực hiện thao tác “Tiếp nhận hồ sơ” với hồ sơ này."
    assert services.queue.outbox_info(dossier_id).state == OutboxState.ATTENTION
    assert services.queue.get(dossier_id).status == 1


def test_queueing_checks_what_it_can_before_anything_is_sent(live_portal, make_services,
                                                             attachments):
    services, dossier_id = _filed(live_portal, make_services, attachments)
    with pytest.raises(ValidationFailed) as unknown:
        services.queue.queue_officer_action(dossier_id, "withdraw")  # the citizen's, not ours
    assert unknown.value.errors[0].field == "action"
    with pytest.raises(ValidationFailed) as no_reason:
        services.queue.queue_officer_action(dossier_id, "refuse", "   ")
    assert no_reason.value.errors[0].field == "note"
    with pytest.raises(ValidationFailed) as missing:
        services.queue.queue_officer_action("00000000-0000-0000-0000-000000000000", "receive")
    assert missing.value.errors[0].code == "not_found"
    # A double click is one decision: the second asks for what already waits.
    first = services.queue.queue_officer_action(dossier_id, "receive")
    second = services.queue.queue_officer_action(dossier_id, "receive")
    assert second.item_id == first.item_id
    report = services.sync_engine().run_once()
    assert [s.op or s.action for s in report.sent] == ["submit", "receive"]
