"""Sync figures: loopback throughput, a slow rural line, and bytes after an interruption.

- Loopback: N dossiers × 3 attachments × 1 MB through the app's SyncEngine, against ``requests``
  sending the same files to the same portal, one request each (a whole-file tus ``PATCH`` to an
  upload created beforehand) — throughput ratio, budget ≥ 0.6.
- Slow link: the same sync through a throttling proxy (2 Mbit/s, 100 ms round trip) as a
  fraction of the link's capacity (budget ≥ 0.85), with the HTTP round trips per dossier.
- Interrupted: bytes sent when the line drops in the middle of a file and the sync resumes,
  over the payload (budget ≤ 1.05).

Environment: ``DVC_BENCH_DOSSIERS`` (default 200) and ``DVC_BENCH_SLOW_DOSSIERS`` (default 4).
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import time
from pathlib import Path

import requests

from benchmarks.common import report

MB = 1024 * 1024


class _Counting(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def request(self, *args, **kwargs):
        self.requests += 1
        return super().request(*args, **kwargs)


def _files(folder: Path, count: int, size: int = MB) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        path = folder / f"scan-{i}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + os.urandom(size - 9))
        out.append(path)
    return out


def _queue(root: Path, dossiers: int, size: int = MB):
    from app.models.db import open_database
    from app.services.queue import AttachmentSource, DossierQueue
    from dvc_core.blobs import BlobStore
    from dvc_core.catalog import default_catalog

    engine, sessions = open_database(root / "app" / "dvc-desk.sqlite3")
    queue = DossierQueue(sessions, BlobStore(root / "app" / "blobs"), default_catalog())
    example = default_catalog().get("1.001193").example
    files = _files(root / "files", dossiers * 3, size)
    for i in range(dossiers):
        a, b, c = files[3 * i: 3 * i + 3]
        queue.enqueue("1.001193", example["applicant"], example["fields"], [
            AttachmentSource("to_khai", a), AttachmentSource("giay_chung_sinh", b),
            AttachmentSource("uy_quyen", c)])
    return engine, queue, files


def _engine(queue, url: str, token: str, session: requests.Session | None = None):
    from app.services.portal_client import PortalClient
    from app.services.sync import SyncEngine

    client = PortalClient(url, session=session, token=lambda: token, timeout=(5, 120))
    return SyncEngine(queue.sessions, client, queue.blobs, server_key=url)


def _floor_throughput(portal, token: str, files: list[Path], folder: Path) -> float:
    """``requests`` sending each file whole, one request each (uploads created beforehand, untimed).

    The floor sends files of the same sizes as the app's, with their true hashes, so the portal
    does for each exactly what it does for the app's: verify, fsync, move into the blob store.
    (Not the app's very files: the portal would then already hold them and the app would send
    nothing.)
    """
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)
    http = requests.Session()
    headers = {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}
    targets = []
    for i, original in enumerate(files):
        path = folder / f"floor-{i}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + os.urandom(original.stat().st_size - 9))
        data = path.read_bytes()
        meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in (
            ("sha256", hashlib.sha256(data).hexdigest()), ("filename", path.name),
            ("media_type", "application/pdf")))
        created = http.post(portal.api + "/uploads", headers={**headers, "Upload-Length": str(len(data)),
                            "Upload-Metadata": meta}, timeout=30)
        created.raise_for_status()
        targets.append((requests.compat.urljoin(portal.api + "/", created.headers["Location"]), path))
    start = time.perf_counter()
    sent = 0
    for url, path in targets:
        data = path.read_bytes()
        response = http.patch(url, data=data, timeout=120, headers={
            **headers, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"})
        response.raise_for_status()
        sent += len(data)
    return sent / (time.perf_counter() - start)


def run() -> list[dict]:
    from tests.helpers.faultproxy import FaultProxy
    from tests.helpers.portal_fixture import start_portal

    dossiers = int(os.environ.get("DVC_BENCH_DOSSIERS", 200))
    slow_dossiers = int(os.environ.get("DVC_BENCH_SLOW_DOSSIERS", 4))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # The floor uploads every file without attaching it to a dossier: 600 MB of pending uploads
        # for one account, far past the portal's default quota, which is no part of either figure.
        with start_portal(root / "portal", sandbox=True,
                          extra_args=["--upload-quota-mb", "4096"]) as portal:
            officer = portal.account("officer")
            token = portal.login(officer["username"], officer["password"])

            # --- loopback throughput
            engine, queue, files = _queue(root / "loop", dossiers)
            floor = _floor_throughput(portal, token, files, root / "floor")
            sync = _engine(queue, portal.url, token)
            start = time.perf_counter()
            result = sync.run_once()
            elapsed = time.perf_counter() - start
            assert len(result.sent) == dossiers, result.to_json()
            value = 3 * dossiers * MB / elapsed
            engine.dispose()
            results.append(report(f"sync {dossiers} dossiers × 3 × 1 MB, loopback", value / MB,
                                  floor / MB, "MB/s", "≥ 0.6× floor", value >= 0.6 * floor))

            # --- slow rural line: 2 Mbit/s, 100 ms round trip
            engine, queue, _ = _queue(root / "slow", slow_dossiers, size=256 * 1024)
            rate = 2_000_000
            port = int(portal.url.rsplit(":", 1)[1])
            with FaultProxy("127.0.0.1", port, rate_bps=rate, latency_s=0.05) as proxy:
                counting = _Counting()
                sync = _engine(queue, proxy.url, token, session=counting)
                start = time.perf_counter()
                result = sync.run_once(pull=False)
                elapsed = time.perf_counter() - start
                assert len(result.sent) == slow_dossiers, result.to_json()
                used = proxy.bytes_up * 8 / elapsed
            engine.dispose()
            fraction = used / rate
            results.append(report(f"sync over 2 Mbit/s, 100 ms RTT ({slow_dossiers} dossiers)",
                                  used / 1e6, rate / 1e6, "Mb/s", "≥ 0.85× link",
                                  fraction >= 0.85))
            print(f"{'':<46} round trips per dossier: {counting.requests / slow_dossiers:.1f}")

            # --- interrupted sync: bytes sent over the payload
            engine, queue, _ = _queue(root / "cut", 1)
            with FaultProxy("127.0.0.1", port) as proxy:
                proxy.cut_once_after = int(1.6 * MB)
                _engine(queue, proxy.url, token).run_once()
                done = _engine(queue, proxy.url, token).run_once(ignore_backoff=True)
                assert len(done.sent) == 1, done.to_json()
                example = json.dumps(queue.list()[0].fields).encode()
                payload = 3 * MB + len(example)
                ratio = proxy.bytes_up / payload
            engine.dispose()
            results.append(report("bytes sent after an interrupted sync / payload", ratio, None,
                                  "×", "≤ 1.05×", ratio <= 1.05))
    return results
