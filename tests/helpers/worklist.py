"""Dossiers in the officer's worklists on a real portal: filed by the demo citizen over the
API, then moved on by the demo officer."""

from __future__ import annotations

from typing import Any

from tests.helpers.portal_api import Api, auth, example_dossier


def submit(api: Api, token: str, child: str | None = None) -> str:
    """A birth registration filed and submitted (optionally for a child of that name)."""
    changes: dict[str, Any] = {}
    if child:
        changes["fields"] = dict(example_dossier()["fields"], **{"child.full_name": child})
    dossier_id, _ = api.new_dossier(token, **changes)
    reply = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(token))
    assert reply.status_code == 200, reply.text
    return dossier_id


def act(api: Api, token: str, dossier_id: str, *actions: str) -> None:
    for action in actions:
        version = api.request("GET", f"/dossiers/{dossier_id}",
                              headers=auth(token)).json()["version"]
        reply = api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(token),
                            json={"action": action, "expected_version": version})
        assert reply.status_code == 200, reply.text


def seed_office(portal: Any, arrivals: int = 2, received: int = 1,
                child: str | None = None) -> dict[str, list[str]]:
    """``arrivals`` dossiers waiting to be received (the first for ``child``, if given) and
    ``received`` more received by the officer."""
    api = Api(portal.http, portal.api, timeout=10)
    citizen, officer = portal.token_for("citizen"), portal.token_for("officer")
    waiting = [submit(api, citizen, child if i == 0 else None) for i in range(arrivals)]
    taken = [submit(api, citizen) for _ in range(received)]
    for dossier_id in taken:
        act(api, officer, dossier_id, "receive")
    return {"cho_tiep_nhan": waiting, "moi_tiep_nhan": taken}
