"""An answer that did not arrive whole is a network failure, whatever status it began with.

The portal's refusals always carry a problem body. A ``409`` cut inside its headers has none
(and no ``Content-Length`` yet, so nothing looked missing): it must not pass for the portal's
refusal. Through the fault proxy, against the real portal.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from app.models import Dossier, DossierState, OutboxItem, OutboxState
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import account
from tests.helpers.faultproxy import FaultProxy

STATUS_LINE = len(b"HTTP/1.1 409 Conflict\r\n")


@pytest.fixture
def proxy(live_portal):
    upstream = int(live_portal.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", upstream) as running:
        yield running


def _signed_in(proxy, live_portal, make_services):
    services = make_services(proxy.url)
    officer = account(live_portal, "officer")
    services.login(officer["username"], officer["password"])
    return services


def _sent(services, attachments) -> tuple[str, str]:
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    [sent] = services.sync_engine().run_once().sent
    return queued.id, sent.code


@pytest.mark.parametrize("cut", [STATUS_LINE + 5, STATUS_LINE + 30])
def test_a_replayed_put_whose_409_is_cut_in_its_headers_is_retried(
        proxy, live_portal, make_services, attachments, cut):
    services = _signed_in(proxy, live_portal, make_services)
    dossier_id, code = _sent(services, attachments)
    # As if the submit's answer had been lost: the dossier is on the portal, submitted, and
    # this machine still has its item to send. The replay's PUT is answered 409 ("already
    # submitted", with where it stands), and that answer is cut inside its headers.
    with services.sessions.begin() as s:
        s.execute(update(OutboxItem).values(state=OutboxState.PENDING, attempts=0))
        s.execute(update(Dossier).values(state=DossierState.QUEUED, code=None))
    proxy.truncate_next_response = cut

    report = services.sync_engine().run_once()
    assert proxy.responses_cut == 1
    assert report.attention == [] and report.sent == []
    assert report.online is False  # a network failure, said as one
    item = services.queue.outbox_info(dossier_id)
    assert (item.state, item.attempts) == (OutboxState.PENDING, 1)
    assert services.queue.get(dossier_id).state == DossierState.QUEUED

    # The next pass hears the whole 409, takes it for its own replay, and gets the same code.
    again = services.sync_engine().run_once(ignore_backoff=True)
    assert [(s.id, s.code) for s in again.sent] == [(dossier_id, code)]
    local = services.queue.get(dossier_id)
    assert (local.state, local.code) == (DossierState.SUBMITTED, code)
    assert services.queue.outbox_info(dossier_id) is None


def test_an_action_whose_409_is_cut_is_retried_then_shown_as_the_conflict_it_is(
        proxy, live_portal, make_services, attachments):
    services = _signed_in(proxy, live_portal, make_services)
    dossier_id, _ = _sent(services, attachments)
    seen = services.queue.get(dossier_id).portal_version
    services.client.action(dossier_id, "receive", seen)  # another officer received it first
    services.queue.queue_officer_action(dossier_id, "refuse", "Không thuộc thẩm quyền.")
    proxy.truncate_next_response = STATUS_LINE + 5

    report = services.sync_engine().run_once(pull=False)
    assert proxy.responses_cut == 1 and report.attention == []
    assert services.queue.outbox_info(dossier_id).state == OutboxState.PENDING

    # Heard whole, the 409 is the conflict the officer must look at (never applied blindly).
    again = services.sync_engine().run_once(ignore_backoff=True)
    [entry] = again.attention
    assert entry.error.startswith("Chưa thực hiện “Từ chối tiếp nhận”: hồ sơ trên cổng đã thay đổi")
    assert services.queue.outbox_info(dossier_id).state == OutboxState.ATTENTION
