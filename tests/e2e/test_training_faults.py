"""The trainer's faults, a requests adapter on the desk client's session, against the real
sandbox portal on loopback: network down keeps the dossier queued until the switch is off;
a refusal reaches the dossier as the portal's words would; an SMS is held from the simulated
phone; the sandbox officer asks for a supplement that the next sync brings back."""

from __future__ import annotations

from app.models import DossierState
from app.services.faults import (
    REFUSAL_DETAIL,
    SUPPLEMENT_NOTE,
    Faults,
    mount,
)
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import account


def _queued(live_portal, make_services, attachments):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    faults = Faults()
    mount(services.client.session, faults)
    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    return services, faults, queued.id


def test_network_down_keeps_the_dossier_queued_until_it_returns(live_portal, make_services,
                                                                attachments):
    services, faults, dossier_id = _queued(live_portal, make_services, attachments)
    faults.set("network_down", True)
    report = services.sync_engine().run_once()
    assert not report.sent
    dossier = services.queue.get(dossier_id)
    assert dossier.state == DossierState.QUEUED and dossier.code is None
    # The sandbox's own endpoints (the simulated phone) still answer.
    assert isinstance(services.client.json("GET", "/sandbox/messages"), list)

    faults.set("network_down", False)
    report = services.sync_engine().run_once(ignore_backoff=True)  # "Gửi ngay", as the menu does
    assert [s.id for s in report.sent] == [dossier_id]
    dossier = services.queue.get(dossier_id)
    assert dossier.state == DossierState.SUBMITTED and dossier.code


def test_the_portal_refuses_the_dossier(live_portal, make_services, attachments):
    services, faults, dossier_id = _queued(live_portal, make_services, attachments)
    faults.set("refuse", True)
    services.sync_engine().run_once()
    dossier = services.queue.get(dossier_id)
    assert faults.refused == [dossier_id]
    assert dossier.state == DossierState.NEEDS_ACTION and dossier.code is None
    assert REFUSAL_DETAIL in (dossier.last_error or "")


def test_an_sms_arrives_late_on_the_simulated_phone(live_portal, make_services, attachments):
    services, faults, _ = _queued(live_portal, make_services, attachments)
    before = services.client.json("GET", "/sandbox/messages")
    last = before[-1]["id"] if before else 0
    now = [1000.0]
    faults.clock = lambda: now[0]
    faults.sms_delay = 45
    faults.set("late_sms", True)
    services.client.json("POST", "/accounts", json={  # a sign-up: the portal sends the OTP
        "account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
        "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
        "phone": "0983456789"})
    sent = live_portal.http.get(  # what the portal really sent, past the adapter
        live_portal.url + f"/api/v1/sandbox/messages?after={last}", timeout=10).json()
    assert [m["to"] for m in sent if m["channel"] == "sms"] == ["0983456789"]

    def phone() -> list[str]:
        return [m["to"] for m in services.client.json("GET", "/sandbox/messages",
                                                      params={"after": last})
                if m["channel"] == "sms"]

    assert phone() == [] and faults.held_sms() == 1
    now[0] += 44
    assert phone() == []
    now[0] += 2  # 46 s after it was sent, the phone gets it
    assert phone() == ["0983456789"] and faults.held_sms() == 0

    # Switched off, nothing is held any more.
    faults.set("late_sms", False)
    assert phone() == ["0983456789"]


def test_the_officer_asks_for_a_supplement(live_portal, make_services, attachments):
    services, faults, dossier_id = _queued(live_portal, make_services, attachments)
    faults.set("supplement", True)
    report = services.sync_engine().run_once()
    assert [s.id for s in report.sent] == [dossier_id]
    assert faults.supplements == [dossier_id], faults.errors
    services.sync_engine().run_once()
    dossier = services.queue.get(dossier_id)
    assert dossier.status == 5 and dossier.status_note == SUPPLEMENT_NOTE
