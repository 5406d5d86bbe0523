"""Separation of duties: an officer never acts on a dossier in which they are the applicant.

Against the real server on SQLite and PostgreSQL; the officer whose ID number is the
applicant's is written straight into the portal's database, as an administrator would.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy

from portal.models import Account
from portal.security import hash_password
from portal.seed import DEMO_UNIT_CODE
from tests.helpers.portal_api import Api, assert_problem, auth, example_dossier

PASSWORD = "Tach-Bach-2026x"


def _officer_with_id_number(live_portal, id_number: str) -> str:
    engine = sqlalchemy.create_engine(live_portal.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(sqlalchemy.insert(Account.__table__).values(
                id="5e1f0000-0000-4000-8000-000000000013", role="officer",
                username="canbo.hoa", full_name="Lê Thị Hoa", id_number=id_number,
                commune_code=DEMO_UNIT_CODE, password_hash=hash_password(PASSWORD),
                created_at=dt.datetime.now(dt.UTC)))
    finally:
        engine.dispose()
    return live_portal.login("canbo.hoa", PASSWORD)


def _act(live_api: Api, token: str, dossier: dict, action: str = "receive"):
    return live_api.request("POST", f"/dossiers/{dossier['uuid']}/actions", json={
        "action": action, "note": None, "expected_version": dossier["version"]},
        headers=auth(token))


def test_an_officer_cannot_act_on_a_dossier_they_applied_for(live_portal, live_api: Api):
    # The officer's own ID number (the example's applicant is the demo citizen, born 1995).
    applicant = dict(example_dossier()["applicant"], id_number="038195067890")
    hoa = _officer_with_id_number(live_portal, applicant["id_number"])
    citizen = live_portal.token_for("citizen")
    # Filed by a citizen account (a relative's, say) with the officer as the applicant …
    by_citizen = live_api.submitted(citizen, applicant=applicant)
    # … or by the officer herself at the counter, for herself.
    by_herself = live_api.submitted(hoa, applicant=applicant)
    for dossier in (by_citizen, by_herself):
        for action in ("receive", "refuse"):
            problem = assert_problem(_act(live_api, hoa, dossier, action), 403)
            assert problem["type"].endswith(":own-dossier"), problem
            assert "tách bạch nhiệm vụ" in problem["detail"]
        # … and none is offered to her.
        shown = live_api.request("GET", f"/dossiers/{dossier['uuid']}", headers=auth(hoa)).json()
        assert not {"receive", "refuse"} & set(shown["allowed_actions"]), shown["allowed_actions"]
    # Nothing moved, and another officer of the commune takes them in.
    colleague = live_portal.token_for("officer")
    for dossier in (by_citizen, by_herself):
        reply = _act(live_api, colleague, dossier)
        assert reply.status_code == 200 and reply.json()["status"] == 2, reply.text
    # The rule is about the applicant, not the counter: a dossier she files for someone else
    # at the desk is hers to take in.
    other = dict(applicant, id_number="038090123456", full_name="Nguyễn Văn An",
                 birth_date="1990-01-01", sex="nam")
    for_someone = live_api.submitted(hoa, applicant=other)
    reply = _act(live_api, hoa, for_someone)
    assert reply.status_code == 200, reply.text
