"""``GET /stats``: the commune's figures from the real portal (uvicorn on loopback, SQLite and
PostgreSQL) against a fortnight of dossiers whose answers were worked out by hand."""

from __future__ import annotations

import pytest

from tests.helpers.portal_api import Api, assert_problem, auth
from tests.helpers.stats_seed import EXPECTED, PERIOD, seed


@pytest.fixture
def seeded(live_portal, live_api: Api) -> dict[str, str]:
    tokens = {"citizen": live_portal.token_for("citizen"),
              "officer": live_portal.token_for("officer")}
    tokens["ids"] = seed(live_api, live_portal.database_url, tokens)
    return tokens


def test_the_figures_are_the_ones_worked_out_by_hand(live_api: Api, seeded):
    reply = live_api.request("GET", "/stats", params={"from": PERIOD[0], "to": PERIOD[1]},
                             headers=auth(seeded["officer"]))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert (body["from"], body["to"]) == PERIOD
    for key, value in EXPECTED.items():
        assert body[key] == value, key
    assert body["targets"]["paid_online_share"] == 0.8
    # The way the fee was paid is on the history line the figure read.
    paid = live_api.request("GET", f"/dossiers/{seeded['ids']['I']}",
                            headers=auth(seeded["officer"])).json()["history"][-1]
    assert paid["action"] == "fee_paid" and paid["payment"] == "online"


def test_one_week_counts_only_its_days(live_api: Api, seeded):
    reply = live_api.request("GET", "/stats", params={"from": "2026-11-09", "to": "2026-11-15"},
                             headers=auth(seeded["officer"]))
    body = reply.json()
    assert body["counts"] == {k: v for k, v in EXPECTED["weeks"][1].items()
                              if k not in ("week_start", "week_end")}
    assert body["on_time_rate"] == 1.0 and body["online_share"] == 0.75


def test_only_officers_and_only_good_dates(live_api: Api, seeded):
    citizen = live_api.request("GET", "/stats", headers=auth(seeded["citizen"]))
    assert citizen.status_code == 403 and citizen.json()["type"].endswith("not-an-office")
    assert citizen.json()["detail"].startswith("Số liệu của xã chỉ dành cho cán bộ")
    officer = auth(seeded["officer"])
    problem = assert_problem(live_api.request("GET", "/stats", headers=officer,
                                              params={"from": "2026-11-20", "to": "2026-11-02"}),
                             422, "from")
    assert "from" in problem["detail"]
    assert_problem(live_api.request("GET", "/stats", headers=officer,
                                    params={"from": "2020-01-01", "to": "2026-11-02"}), 422, "to")
    assert_problem(live_api.request("GET", "/stats", headers=officer,
                                    params={"from": "2026-13-01"}), 422, "from")
    assert_problem(live_api.request("GET", "/stats", headers=officer,
                                    params={"week": "1"}), 422, "week")
    default = live_api.request("GET", "/stats", headers=officer)
    assert default.status_code == 200 and len(default.json()["weeks"]) == 12


def test_the_way_a_fee_was_paid_is_recorded_only_with_the_payment(live_api: Api, seeded):
    officer = auth(seeded["officer"])
    dossier = live_api.submitted(seeded["citizen"])
    version = live_api.request("GET", f"/dossiers/{dossier['uuid']}", headers=officer
                               ).json()["version"]
    # Not with another action, and only one of the two ways.
    assert_problem(live_api.request("POST", f"/dossiers/{dossier['uuid']}/actions",
                                    headers=officer, json={"action": "receive", "payment": "online",
                                                           "expected_version": version}),
                   422, "payment")
    assert_problem(live_api.request("POST", f"/dossiers/{dossier['uuid']}/actions",
                                    headers=officer, json={"action": "receive", "payment": "cash",
                                                           "expected_version": version}),
                   422, "payment")
    history = live_api.request("GET", f"/dossiers/{dossier['uuid']}", headers=officer).json()
    assert history["version"] == version  # nothing was applied
