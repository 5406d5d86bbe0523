"""A sync process for the soak test: signs in, then syncs until nothing is left to send.

    python -m tests.helpers.soak_worker DATA_DIR SERVER USERNAME PASSWORD

It uses the app's own SyncEngine and queue over the real SQLite file; the soak test kills it
with SIGKILL at random moments and starts it again. Short timeouts make the proxy's stalls bite.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.models.db import open_database
from app.services.portal_client import NetworkError, PortalClient, PortalError
from app.services.queue import DossierQueue
from app.services.sync import SyncEngine
from dvc_core.blobs import BlobStore
from dvc_core.catalog import default_catalog


def main(data_dir: str, server: str, username: str, password: str) -> int:
    folder = Path(data_dir)
    engine, sessions = open_database(folder / "dvc-desk.sqlite3")
    queue = DossierQueue(sessions, BlobStore(folder / "blobs"), default_catalog())
    print(f"recovered {queue.recover()}", flush=True)
    token: dict[str, str] = {}
    client = PortalClient(server, token=lambda: token.get("t"), timeout=(2.0, 4.0))
    sync = SyncEngine(sessions, client, queue.blobs, server_key="soak")
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if "t" not in token:
            try:
                token["t"] = client.login(username, password)["token"]
            except (NetworkError, PortalError):
                time.sleep(0.2)
                continue
        report = sync.run_once(ignore_backoff=True)
        if report.auth_required:
            token.pop("t", None)
        # Items that used up their retries under the injected faults go back in: the soak
        # checks delivery, and a person would press "Gửi lại" on them.
        for item in report.attention:
            if not item.get("errors"):
                queue.retry(item.id)
        print(f"sent {len(report.sent)} pending {queue.pending_count()}", flush=True)
        if queue.pending_count() == 0 and not report.attention:
            print("done", flush=True)
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
