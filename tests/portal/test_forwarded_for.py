"""``X-Forwarded-For`` chooses the client address only when a configured proxy sends it.

Per-address limits (sign-in, public lookup, sign-up) count the client's address. If any local
process could name its own address in a header, each request could claim a new one and the
limits would never be reached.
"""

from __future__ import annotations

from pathlib import Path

import requests

from tests.helpers.portal_fixture import start_portal

LOOKUP_LIMIT = 30  # PortalSettings.lookup_limit: public lookups per address per 10 minutes


def _lookup(portal, forwarded_for: str) -> requests.Response:
    return portal.http.get(f"{portal.api}/lookup",
                           params={"code": "000.00.00.H00-261204-0001", "id_number": "038090123456"},
                           headers={"X-Forwarded-For": forwarded_for}, timeout=10)


def test_a_loopback_client_cannot_pick_its_address_by_default(live_portal):
    answers = [_lookup(live_portal, f"203.0.113.{n}").status_code for n in range(LOOKUP_LIMIT + 1)]
    assert answers[:LOOKUP_LIMIT] == [404] * LOOKUP_LIMIT
    # One address after all: the 31st lookup is refused whatever the header says.
    assert answers[LOOKUP_LIMIT] == 429
    assert _lookup(live_portal, "198.51.100.7").status_code == 429


def test_a_configured_proxy_is_believed(tmp_path: Path):
    with start_portal(tmp_path / "portal", extra_args=["--forwarded-allow-ips", "127.0.0.1"]) as portal:
        for _ in range(LOOKUP_LIMIT):
            assert _lookup(portal, "203.0.113.5").status_code == 404
        refused = _lookup(portal, "203.0.113.5")
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        # Another client behind the same proxy has its own count.
        assert _lookup(portal, "203.0.113.6").status_code == 404
