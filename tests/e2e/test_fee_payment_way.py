"""How a fee was paid, recorded from the officer's desk through the outbox and the real portal
(uvicorn on loopback): kept on the dossier's history line, counted in the commune's
paid-online share; a way given with another action is refused before anything is queued."""

from __future__ import annotations

import datetime as dt

import pytest

from dvc_core.catalog import default_catalog
from dvc_core.rules import ValidationFailed
from dvc_core.stats import Period
from dvc_core.vntime import vn_today
from tests.helpers.e2e import account


def test_a_fee_paid_online_is_counted_as_paid_online(live_portal, make_services, attachments):
    citizen = make_services(live_portal.url)
    person = account(live_portal, "citizen")
    citizen.login(person["username"], person["password"])
    ex = default_catalog().get("1.001193").example
    codes = []
    for _ in range(2):
        queued = citizen.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
        citizen.sync_engine().run_once()
        codes.append(citizen.queue.get(queued.id).code)
    officer = make_services(live_portal.url, live_portal.storage.parent / "desk")
    staff = account(live_portal, "officer")
    officer.login(staff["username"], staff["password"])
    actions = officer.officer_actions
    online, counter = (actions.find(code) for code in codes)
    with pytest.raises(ValidationFailed) as refused:
        actions.act(online, "receive", payment="online")
    assert [e.field for e in refused.value.errors] == ["payment"]
    for dossier_id, way in ((online, "online"), (counter, "counter")):
        for action in ("receive", "start", "fee_required"):
            queued = actions.act(dossier_id, action)
            officer.sync_engine().run_once()
            assert actions.outcome(queued).state == "sent"
        queued = actions.act(dossier_id, "fee_paid", payment=way)
        officer.sync_engine().run_once()
        assert (actions.outcome(queued).state, actions.outcome(queued).status) == ("sent", 4)
        history = officer.client.get_dossier(dossier_id)["history"]
        assert (history[-1]["action"], history[-1]["payment"]) == ("fee_paid", way)
    today = vn_today()  # yesterday too: a run across midnight in Hà Nội
    shown = officer.dashboard.read(Period(today - dt.timedelta(days=1), today))
    assert shown.copy.online
    assert shown.figures.totals["fee_paid"] == 2 and shown.figures.totals["paid_online"] == 1
    assert shown.figures.shares["paid_online_share"] == 0.5
