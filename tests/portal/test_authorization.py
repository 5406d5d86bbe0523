"""Who may read and change what: every refusal the issue names, each on its own, plus the rate
limits (login per account and per address, lookup) and request ids on errors."""

from __future__ import annotations

import logging
import uuid

from fastapi.testclient import TestClient

from portal.app import create_app
from tests.helpers.portal_api import (
    Api,
    Clock,
    assert_problem,
    attachment,
    auth,
    example_dossier,
    other_officer,
    pdf_bytes,
    second_citizen,
)

KIOSK = ("kiosk.thuchanh", "Kiosk@2026")


def test_citizen_cannot_read_another_citizens_dossier(client, api: Api, citizen: str):
    dossier_id, _ = api.new_dossier(citizen)
    api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen))
    other = second_citizen(api, client)
    assert_problem(api.request("GET", f"/dossiers/{dossier_id}", headers=auth(other)), 404)
    sha = api.request("GET", f"/dossiers/{dossier_id}",
                      headers=auth(citizen)).json()["attachments"][0]["sha256"]
    assert_problem(api.request("GET", f"/dossiers/{dossier_id}/attachments/{sha}",
                               headers=auth(other)), 404)
    assert api.request("GET", "/dossiers", headers=auth(other)).json()["dossiers"] == []
    assert api.request("GET", "/changes?since=0", headers=auth(other)).json()["changes"] == []


def test_citizen_cannot_change_another_citizens_dossier(client, api: Api, citizen: str):
    dossier_id, body = api.new_dossier(citizen)
    other = second_citizen(api, client)
    # Neither replace the draft, nor submit it, nor withdraw it once submitted.
    assert_problem(api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(other)), 404)
    assert_problem(api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(other)), 404)
    submitted = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen)).json()
    assert_problem(api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(other),
                               json={"action": "withdraw", "expected_version": submitted["version"]}),
                   404)
    mine = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()
    assert mine["status"] == 1 and mine["version"] == submitted["version"]


def test_officer_of_another_commune_cannot_act(client, api: Api, citizen: str, officer: str):
    submitted = api.submitted(citizen)  # goes to the demo commune 000.99.99.H56
    stranger = api.login(*other_officer(client))
    uuid_ = submitted["uuid"]
    assert_problem(api.request("GET", f"/dossiers/{uuid_}", headers=auth(stranger)), 404)
    for action in ("receive", "refuse"):
        assert_problem(api.request("POST", f"/dossiers/{uuid_}/actions", headers=auth(stranger),
                                   json={"action": action, "note": "x",
                                         "expected_version": submitted["version"]}), 404)
    assert api.request("GET", "/dossiers?status=1", headers=auth(stranger)).json()["dossiers"] == []
    assert api.request("GET", "/changes", headers=auth(stranger)).json()["changes"] == []
    # The dossier's own commune still may.
    ok = api.request("POST", f"/dossiers/{uuid_}/actions", headers=auth(officer),
                     json={"action": "receive", "expected_version": submitted["version"]})
    assert ok.status_code == 200 and ok.json()["status"] == 2


def test_kiosk_reads_only_what_it_created_in_this_session(api: Api):
    first = api.login(*KIOSK)
    dossier_id, body = api.new_dossier(first)
    submitted = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(first)).json()
    assert submitted["code"]
    assert api.request("GET", f"/dossiers/{dossier_id}", headers=auth(first)).status_code == 200
    assert [d["uuid"] for d in api.request("GET", "/dossiers", headers=auth(first)).json()["dossiers"]] \
        == [dossier_id]

    # The next citizen at the machine: the kiosk logs in afresh and sees nothing of the last one.
    second = api.login(*KIOSK)
    assert_problem(api.request("GET", f"/dossiers/{dossier_id}", headers=auth(second)), 404)
    assert api.request("GET", "/dossiers", headers=auth(second)).json()["dossiers"] == []
    assert api.request("GET", "/changes?since=0", headers=auth(second)).json()["changes"] == []
    assert_problem(api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(second)), 404)
    assert_problem(api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(second),
                               json={"action": "withdraw", "expected_version": submitted["version"]}),
                   404)
    sha = body["attachments"][0]["sha256"]
    assert_problem(api.request("GET", f"/dossiers/{dossier_id}/attachments/{sha}",
                               headers=auth(second)), 404)

    # Its own new dossier is visible to it, and the older session still sees only its own.
    mine, _ = api.new_dossier(second)
    assert [d["uuid"] for d in api.request("GET", "/dossiers", headers=auth(second)).json()["dossiers"]] \
        == [mine]
    assert api.request("GET", f"/dossiers/{mine}", headers=auth(first)).status_code == 404
    feed = api.request("GET", "/changes?since=0", headers=auth(first)).json()["changes"]
    assert {c["uuid"] for c in feed} == {dossier_id}


def test_kiosk_dossier_goes_to_the_kiosks_commune_and_its_officer_sees_it(api: Api, officer: str):
    kiosk = api.login(*KIOSK)
    submitted = api.submitted(kiosk)
    assert submitted["code"].startswith("000.99.99.H56-")
    assert api.request("GET", f"/dossiers/{submitted['uuid']}", headers=auth(officer)).status_code == 200


def test_kiosk_files_only_for_its_own_commune(client, api: Api):
    other_officer(client)  # makes a second commune, 000.98.98.H56
    kiosk = api.login(*KIOSK)
    body = example_dossier(unit_code="000.98.98.H56", attachments=[
        attachment("to_khai", pdf_bytes("k1"), "a.pdf"),
        attachment("giay_chung_sinh", pdf_bytes("k2"), "b.pdf")])
    reply = api.request("PUT", f"/dossiers/{uuid.uuid4()}", json=body, headers=auth(kiosk))
    problem = assert_problem(reply, 422, "unit_code")
    assert "000.99.99.H56" in problem["detail"]


def test_a_token_of_a_revoked_device_is_refused_even_if_its_session_was_missed(client, api: Api):
    """A login racing the revocation may leave a session behind: the account's mark still wins."""
    from portal.models import Account

    kiosk = api.login(*KIOSK)
    ctx = client.app.state.portal
    with ctx.sessions() as session:
        account = session.query(Account).filter_by(username=KIOSK[0]).one()
        account.revoked_at = ctx.now()  # the sessions themselves are left open on purpose
        session.commit()
    assert_problem(api.request("GET", "/dossiers", headers=auth(kiosk)), 401)


def test_expired_token_is_refused(api: Api, citizen: str, clock: Clock):
    dossier_id, _ = api.new_dossier(citizen)
    clock.advance(hours=12, seconds=1)
    for method, path in (("GET", f"/dossiers/{dossier_id}"), ("GET", "/dossiers"),
                         ("GET", "/changes"), ("POST", f"/dossiers/{dossier_id}/submit")):
        reply = api.request(method, path, headers=auth(citizen))
        body = assert_problem(reply, 401)
        assert "hết hạn" in body["detail"] and "invalid_token" in reply.headers["WWW-Authenticate"]


def test_revoked_token_is_refused(api: Api, citizen: str):
    dossier_id, _ = api.new_dossier(citizen)
    assert api.request("DELETE", "/sessions/current", headers=auth(citizen)).status_code == 204
    for method, path in (("GET", f"/dossiers/{dossier_id}"), ("GET", "/changes"),
                         ("POST", f"/dossiers/{dossier_id}/submit")):
        assert_problem(api.request(method, path, headers=auth(citizen)), 401)
    # Logging in again gives a new token that works; the old one stays dead.
    fresh = api.login("0912345678", "CongDan@2026")
    assert api.request("GET", f"/dossiers/{dossier_id}", headers=auth(fresh)).status_code == 200
    assert_problem(api.request("GET", "/sessions/current", headers=auth(citizen)), 401)


def test_made_up_token_is_refused(api: Api):
    assert_problem(api.request("GET", "/dossiers", headers=auth("x" * 43)), 401)
    assert_problem(api.request("GET", "/dossiers", headers={"Authorization": "Basic abc"}), 401)


def test_login_limited_per_account(api: Api, clock: Clock):
    for _ in range(5):
        assert_problem(api.request("POST", "/sessions",
                                   json={"username": "0912345678", "password": "Sai@1234"}), 401)
    locked = api.request("POST", "/sessions", json={"username": "0912345678",
                                                    "password": "CongDan@2026"})
    assert_problem(locked, 429)
    assert int(locked.headers["Retry-After"]) > 0
    # Another account from the same address is not locked by this one's failures.
    assert api.login("canbo.thuchanh", "CanBo@2026")
    clock.advance(minutes=16)
    assert api.login("0912345678", "CongDan@2026")


def test_login_limited_per_address_whatever_the_names(client, api: Api, clock: Clock):
    client.app.state.portal.settings.login_address_limit = 8
    for i in range(8):  # each name fails only once: the per-account limit never triggers
        assert_problem(api.request("POST", "/sessions",
                                   json={"username": f"ten.doan.{i}", "password": "Sai@1234"}), 401)
    limited = api.request("POST", "/sessions", json={"username": "canbo.thuchanh",
                                                     "password": "CanBo@2026"})
    body = assert_problem(limited, 429)
    assert "từ máy này" in body["detail"] and int(limited.headers["Retry-After"]) > 0
    clock.advance(minutes=16)
    assert api.login("canbo.thuchanh", "CanBo@2026")


def test_lookup_limited_per_address_then_free_again(api: Api, settings, clock: Clock):
    for _ in range(settings.lookup_limit):
        assert_problem(api.request("GET", "/lookup?code=x&id_number=y"), 404)
    limited = api.request("GET", "/lookup?code=x&id_number=y")
    assert_problem(limited, 429)
    assert int(limited.headers["Retry-After"]) > 0
    clock.advance(minutes=11)
    assert_problem(api.request("GET", "/lookup?code=x&id_number=y"), 404)


def test_every_answer_has_a_request_id_and_5xx_are_logged_with_it(settings, caplog):
    app = create_app(settings)

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        ok = client.get("/api/v1/health", headers={"X-Request-ID": "quay-3-abc"})
        assert ok.headers["X-Request-ID"] == "quay-3-abc"
        made = client.get("/api/v1/health", headers={"X-Request-ID": "bad id\twith spaces"})
        assert made.headers["X-Request-ID"] != "bad id\twith spaces"
        assert len(made.headers["X-Request-ID"]) == 32
        with caplog.at_level(logging.ERROR, logger="portal"):
            reply = client.get("/api/v1/boom", headers={"X-Request-ID": "req-42"})
    body = assert_problem(reply, 500)
    assert reply.headers["X-Request-ID"] == "req-42" and body["request_id"] == "req-42"
    assert "req-42" in body["detail"]
    assert "secret internals" not in reply.text and "Traceback" not in reply.text
    logged = [r for r in caplog.records if "req-42" in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # the stack trace is in the log only
    assert uuid.UUID(made.headers["X-Request-ID"])
