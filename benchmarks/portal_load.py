"""The portal under 100 concurrent clients: submissions per second, p95 latency, errors.

Starts the real portal (``python -m portal --sandbox``, SQLite in a temporary folder) on
loopback, then 100 client threads each submit dossiers as the desktop app's sync does: ``PUT
/dossiers/{uuid}`` (one small PDF, a few KB, listed for both required components), tus ``POST
/uploads`` + ``PATCH``, ``POST /dossiers/{uuid}/submit``. A submission's latency is the time of
all four requests. Budget (DESIGN.md): ≥ 50 submissions/s on 2 cores, p95 ≤ 300 ms, no errors.

The clients run on the same machine as the server, so they take part of its CPU: the figure
is a floor for a real deployment. Environment: ``DVC_BENCH_PORTAL_WORKERS`` (default 2),
``DVC_BENCH_PORTAL_SECONDS`` (measured window, default 20), ``DVC_BENCH_PORTAL_CLIENTS`` (100),
``DVC_BENCH_PORTAL_DATABASE`` (a PostgreSQL URL: the run uses a fresh schema there, dropped
afterwards, instead of SQLite).

With 100 clients that never pause, a submission's latency is clients ÷ throughput (Little's
law): p95 ≤ 300 ms would need over 330 submissions/s. The p95 figure is therefore only
comparable between runs of this same closed loop; submissions/s is the capacity figure.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import hashlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests

from benchmarks.common import report

ROOT = Path(__file__).resolve().parent.parent
PROCEDURE = "1.001193"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pdf(tag: str, size: int = 4096) -> bytes:
    head = b"%PDF-1.4\n% " + tag.encode() + b"\n"
    return head + b"0" * (size - len(head) - 6) + b"\n%%EOF"


def _start(storage: Path, workers: int, database: str | None = None
           ) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = open(storage / "portal.log", "wb")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "portal", "--sandbox", "--host", "127.0.0.1", "--port", str(port),
         "--storage", str(storage), "--workers", str(workers),
         *(["--database", database] if database else [])],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    url = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((storage / "portal.log").read_text(errors="replace"))
        try:
            if requests.get(url + "/health", timeout=1).status_code == 200:
                return process, url
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the portal did not start")


class _Client(threading.Thread):
    def __init__(self, url: str, token: str, body: dict, stop_at: float, measure_from: float):
        super().__init__(daemon=True)
        self.url, self.token, self.body = url, token, body
        self.stop_at, self.measure_from = stop_at, measure_from
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        http = requests.Session()
        auth = {"Authorization": f"Bearer {self.token}"}
        tus = {**auth, "Tus-Resumable": "1.0.0"}
        while time.monotonic() < self.stop_at:
            dossier = str(uuid.uuid4())
            data = _pdf(dossier)
            sha = hashlib.sha256(data).hexdigest()
            att = {"sha256": sha, "size": len(data), "filename": "to_khai.pdf",
                   "media_type": "application/pdf"}
            body = {**self.body, "attachments": [{"component": "to_khai", **att},
                                                 {"component": "giay_chung_sinh", **att}]}
            started = time.monotonic()
            try:
                put = http.put(f"{self.url}/dossiers/{dossier}", json=body, headers=auth, timeout=30)
                if put.status_code != 201:
                    raise RuntimeError(f"PUT {put.status_code} {put.text[:200]}")
                meta = f"sha256 {base64.b64encode(sha.encode()).decode()}"
                created = http.post(f"{self.url}/uploads", timeout=30, headers={
                    **tus, "Upload-Length": str(len(data)), "Upload-Metadata": meta})
                if created.status_code != 201:
                    raise RuntimeError(f"POST /uploads {created.status_code} {created.text[:200]}")
                location = created.headers["Location"].removeprefix("/api/v1")
                patched = http.patch(f"{self.url}{location}", data=data, timeout=30, headers={
                    **tus, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
                if patched.status_code != 204:
                    raise RuntimeError(f"PATCH {patched.status_code} {patched.text[:200]}")
                done = http.post(f"{self.url}/dossiers/{dossier}/submit", headers=auth, timeout=30)
                if done.status_code != 200 or not done.json().get("code"):
                    raise RuntimeError(f"submit {done.status_code} {done.text[:200]}")
            except Exception as exc:  # every failure counts, whatever it is
                if started >= self.measure_from:
                    self.errors.append(f"{type(exc).__name__}: {exc}"[:300])
                continue
            finished = time.monotonic()
            if started >= self.measure_from and finished <= self.stop_at:
                self.latencies.append(finished - started)


@contextlib.contextmanager
def _fresh_schema(url: str | None) -> Iterator[str | None]:
    if not url:
        yield None
        return
    import sqlalchemy

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    engine = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with engine.connect() as conn:
            conn.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def measure(workers: int = 2, clients: int = 100, seconds: float = 20.0,
            warmup: float = 3.0, database: str | None = None) -> dict:
    """Run the load; returns rate, p50/p95 (ms), error count and sample errors."""
    with tempfile.TemporaryDirectory() as tmp, _fresh_schema(database) as db_url:
        process, url = _start(Path(tmp), workers, db_url)
        try:
            from app.services.catalog import default_catalog

            proc = default_catalog().get(PROCEDURE)
            body = {"procedure_code": PROCEDURE, "schema_version": proc.schema_version,
                    "applicant": copy.deepcopy(dict(proc.example["applicant"])),
                    "fields": copy.deepcopy(dict(proc.example["fields"])), "local_ref": "BENCH"}
            # A handful of sessions, as a few kiosks and desks would have: logging in (argon2)
            # is not what this measures.
            tokens = []
            for username, password in (("0912345678", "Demo@2026"), ("kiosk.thuchanh", "Kiosk@2026")):
                for _ in range(2):
                    reply = requests.post(f"{url}/sessions", timeout=30,
                                          json={"username": username, "password": password})
                    reply.raise_for_status()
                    tokens.append(reply.json()["token"])
            now = time.monotonic()
            measure_from, stop_at = now + warmup, now + warmup + seconds
            threads = [_Client(url, tokens[i % len(tokens)], body, stop_at, measure_from)
                       for i in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(seconds + warmup + 60)
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
    latencies = sorted(x for t in threads for x in t.latencies)
    errors = [e for t in threads for e in t.errors]
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000 if latencies else float("inf")
    return {"rate": len(latencies) / seconds, "p95_ms": p95,
            "p50_ms": statistics.median(latencies) * 1000 if latencies else float("inf"),
            "errors": len(errors), "sample_errors": errors[:3], "count": len(latencies)}


def run() -> list[dict]:
    workers = int(os.environ.get("DVC_BENCH_PORTAL_WORKERS", "2"))
    seconds = float(os.environ.get("DVC_BENCH_PORTAL_SECONDS", "20"))
    clients = int(os.environ.get("DVC_BENCH_PORTAL_CLIENTS", "100"))
    database = os.environ.get("DVC_BENCH_PORTAL_DATABASE")
    result = measure(workers=workers, clients=clients, seconds=seconds, database=database)
    label = (f"portal {'PostgreSQL' if database else 'SQLite'}, {clients} clients, "
             f"{workers} worker(s)")
    for error in result["sample_errors"]:
        print(f"  error: {error}", file=sys.stderr)
    return [
        report(f"{label}: submissions/s", result["rate"], None, "/s", "≥ 50/s",
               result["rate"] >= 50),
        report(f"{label}: p95 submission", result["p95_ms"], None, "ms", "≤ 300 ms",
               result["p95_ms"] <= 300),
        report(f"{label}: p50 submission", result["p50_ms"], None, "ms", "(info)", True),
        report(f"{label}: errors", float(result["errors"]), None, "", "0", result["errors"] == 0),
    ]


if __name__ == "__main__":
    run()
