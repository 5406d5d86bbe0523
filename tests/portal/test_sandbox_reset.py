"""The sandbox's reset and demo dossiers on a real portal on loopback: the reset exists only on
a sandbox portal, and a reset of a portal with demo dossiers gives back exactly what it was
seeded with (the same dossiers, codes and statuses)."""

from __future__ import annotations

import requests

from portal.server import EmbeddedPortal
from portal.settings import PortalSettings


def test_a_real_portal_has_no_reset(tmp_path):
    with EmbeddedPortal(PortalSettings(storage_dir=tmp_path / "p")) as portal:
        reply = requests.post(portal.api + "/sandbox/reset", timeout=10)
        assert reply.status_code == 404


def test_reset_gives_back_the_seeded_dossiers(tmp_path):
    settings = PortalSettings(storage_dir=tmp_path / "p", sandbox=True, demo_dossiers=True)
    with EmbeddedPortal(settings) as portal:
        def seeded_state():
            token = requests.post(portal.api + "/sessions", json={
                "username": "0912345678", "password": "CongDan@2026"}, timeout=10).json()
            mine = requests.get(portal.api + "/dossiers", timeout=10, headers={
                "Authorization": f"Bearer {token['token']}"}).json()["dossiers"]
            sent = requests.get(portal.api + "/sandbox/messages", timeout=10).json()
            return (sorted((d["uuid"], d["code"], d["status"]) for d in mine),
                    sorted((m["to"], m["channel"], m["subject"]) for m in sent))

        before = seeded_state()
        messages = requests.get(portal.api + "/sandbox/messages", timeout=10).json()
        assert messages and all(m["id"] for m in messages)
        last = messages[-1]["id"]
        assert requests.get(portal.api + "/sandbox/messages", params={"after": last},
                            timeout=10).json() == []
        reply = requests.post(portal.api + "/sandbox/reset", timeout=60)
        assert reply.status_code == 200
        removed = reply.json()["removed"]
        assert removed["dossiers"] == 10 and removed["accounts"] == 4
        after = seeded_state()
        assert after == before and len(before[0]) == 10
