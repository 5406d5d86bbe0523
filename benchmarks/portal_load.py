"""The portal under 100 concurrent clients: submissions per second, p95 latency, errors.

Starts the real portal (``python -m portal --sandbox``, SQLite in a temporary folder) on
loopback; 100 client threads each submit dossiers as the desktop app's sync does: ``PUT
/dossiers/{uuid}`` (one small PDF, a few KB, listed for both required components), tus ``POST
/uploads`` carrying the file (creation-with-upload), ``POST /dossiers/{uuid}/submit``. A
submission's latency is the time of its three requests. Budget (DESIGN.md): ≥ 50 submissions/s
on 2 cores, p95 ≤ 300 ms, no errors. Two runs measure it:

- capacity: the 100 clients never pause (a closed loop) — submissions/s is what the portal can
  take. Its latency is clients ÷ throughput (Little's law), so it says nothing of its own.
- latency at the budget's rate: the same 100 clients, each submitting every 100 / 50 = 2 s
  (starts spread evenly), so 50 submissions/s are offered — p95 and p50 of a submission and the
  errors. A client whose submission is late starts its next one at once, so an overloaded
  portal shows as a lower rate and a longer p95, never as a flattering one.

The clients run on the same machine as the server, so they take part of its CPU: the figures
are a floor for a real deployment. Environment: ``DVC_BENCH_PORTAL_WORKERS`` (default 2),
``DVC_BENCH_PORTAL_SECONDS`` (each measured window, default 20), ``DVC_BENCH_PORTAL_CLIENTS``
(100), ``DVC_BENCH_PORTAL_RATE`` (the offered rate, 50), ``DVC_BENCH_PORTAL_DATABASE`` (a
PostgreSQL URL: the run uses a fresh schema there, dropped afterwards, instead of SQLite).
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
    """Submits dossiers until ``stop_at``; every ``interval`` seconds from ``first_at`` (0: back
    to back). Latencies and errors count only for submissions started after ``measure_from``."""

    def __init__(self, url: str, token: str, body: dict, stop_at: float, measure_from: float,
                 interval: float = 0.0, first_at: float = 0.0):
        super().__init__(daemon=True)
        self.url, self.token, self.body = url, token, body
        self.stop_at, self.measure_from = stop_at, measure_from
        self.interval, self.next_at = interval, first_at
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        http = requests.Session()
        # The load generator shares the portal's two cores: it must not spend them reading
        # proxy settings from the environment on every request (a third of its CPU).
        http.trust_env = False
        auth = {"Authorization": f"Bearer {self.token}"}
        tus = {**auth, "Tus-Resumable": "1.0.0"}
        while time.monotonic() < self.stop_at:
            if self.interval:
                wait = self.next_at - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                # Late (the last one took longer than the interval): go at once, never skip.
                self.next_at = max(self.next_at + self.interval, time.monotonic())
                if time.monotonic() >= self.stop_at:
                    break
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
                created = http.post(f"{self.url}/uploads", data=data, timeout=30, headers={
                    **tus, "Upload-Length": str(len(data)), "Upload-Metadata": meta,
                    "Content-Type": "application/offset+octet-stream"})
                if created.status_code != 201 or created.headers.get("Upload-Offset") != str(len(data)):
                    raise RuntimeError(f"POST /uploads {created.status_code} {created.text[:200]}")
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
            warmup: float = 3.0, database: str | None = None, rate: float = 50.0) -> dict:
    """Run both loads on one portal; returns {"capacity": …, "paced": …}, each with rate,
    p50/p95 (ms), error count and sample errors."""
    with tempfile.TemporaryDirectory() as tmp, _fresh_schema(database) as db_url:
        process, url = _start(Path(tmp), workers, db_url)
        try:
            from dvc_core.catalog import default_catalog

            proc = default_catalog().get(PROCEDURE)
            body = {"procedure_code": PROCEDURE, "schema_version": proc.schema_version,
                    "applicant": copy.deepcopy(dict(proc.example["applicant"])),
                    "fields": copy.deepcopy(dict(proc.example["fields"])), "local_ref": "BENCH"}
            # A handful of sessions, as a few kiosks and desks would have: logging in (argon2)
            # is not what this measures.
            tokens = []
            for username, password in (("0912345678", "CongDan@2026"), ("kiosk.thuchanh", "Kiosk@2026")):
                for _ in range(2):
                    reply = requests.post(f"{url}/sessions", timeout=30,
                                          json={"username": username, "password": password})
                    reply.raise_for_status()
                    tokens.append(reply.json()["token"])
            results = {}
            for name, interval in (("capacity", 0.0), ("paced", clients / rate)):
                now = time.monotonic()
                measure_from, stop_at = now + warmup, now + warmup + seconds
                threads = [_Client(url, tokens[i % len(tokens)], body, stop_at, measure_from,
                                   interval, now + interval * i / clients)
                           for i in range(clients)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(seconds + warmup + 60)
                results[name] = _summary(threads, seconds)
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
    return results


def _summary(threads: list[_Client], seconds: float) -> dict:
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
    rate = float(os.environ.get("DVC_BENCH_PORTAL_RATE", "50"))
    database = os.environ.get("DVC_BENCH_PORTAL_DATABASE")
    results = measure(workers=workers, clients=clients, seconds=seconds, database=database,
                      rate=rate)
    capacity, paced = results["capacity"], results["paced"]
    label = (f"portal {'PostgreSQL' if database else 'SQLite'}, {clients} clients, "
             f"{workers} worker(s)")
    for result in (capacity, paced):
        for error in result["sample_errors"]:
            print(f"  error: {error}", file=sys.stderr)
    errors = capacity["errors"] + paced["errors"]
    return [
        report(f"{label}: capacity, submissions/s", capacity["rate"], None, "/s", "≥ 50/s",
               capacity["rate"] >= 50),
        report(f"{label}: at {rate:g}/s offered, achieved", paced["rate"], None, "/s",
               f"≈ {rate:g}/s", paced["rate"] >= 0.95 * rate),
        report(f"{label}: at {rate:g}/s, p95 submission", paced["p95_ms"], None, "ms",
               "≤ 300 ms", paced["p95_ms"] <= 300),
        report(f"{label}: at {rate:g}/s, p50 submission", paced["p50_ms"], None, "ms", "(info)",
               True),
        report(f"{label}: errors (both runs)", float(errors), None, "", "0", errors == 0),
    ]


if __name__ == "__main__":
    run()
