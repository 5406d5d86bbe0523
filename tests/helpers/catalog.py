"""Helpers of the catalog tests: a client that serves procedures like the portal."""

from __future__ import annotations

import copy

from dvc_core.catalog import default_catalog


class FakeClient:
    """Answers ``procedures(etag)`` like PortalClient: (etag, list) or (etag, None) for 304."""

    def __init__(self, procedures, etag="v2"):
        self.procedures_list, self.etag, self.asked = procedures, etag, []

    def procedures(self, etag=None):
        self.asked.append(etag)
        if etag == self.etag:
            return etag, None
        return self.etag, copy.deepcopy(self.procedures_list)


def served(**changes):
    """The shipped catalog as the portal serves it (no examples), 1.004873's fee changed."""
    out = []
    for proc in default_catalog():
        data = proc.to_json()
        if proc.code == "1.004873":
            data["fee"] = {**data["fee"], "amount_vnd": 20000}
            data.update(changes)
        out.append(data)
    return out
