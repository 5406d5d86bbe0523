"""Soak: many dossiers through a faulty link while the sync process is SIGKILLed and restarted.

At the end the portal holds exactly the dossiers queued, each once, every attachment verified
by its hash, and every local dossier shows the portal's code. The default suite runs a small
version; ``-m soak`` runs 200 dossiers (``.ci/run`` runs both).
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.models import DossierState
from app.models.db import open_database
from app.services.queue import AttachmentSource, DossierQueue
from dvc_core.blobs import BlobStore
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import account
from tests.helpers.faultproxy import FaultPlan, FaultProxy

ROOT = Path(__file__).resolve().parents[2]


def _files(folder: Path, count: int, rng: random.Random) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"scan-{i}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + rng.randbytes(rng.randint(2_000, 120_000)))
        paths.append(path)
    return paths


def _worker(data_dir: Path, server: str, officer: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.soak_worker", str(data_dir), server, officer["username"],
         officer["password"]],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def run_soak(live_portal, tmp_path: Path, dossiers: int, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    officer = account(live_portal, "officer")
    data_dir = tmp_path / "app"
    engine, sessions = open_database(data_dir / "dvc-desk.sqlite3")
    queue = DossierQueue(sessions, BlobStore(data_dir / "blobs"), default_catalog())
    shared = _files(tmp_path / "shared", 3, rng)  # some files are attached to many dossiers
    own = _files(tmp_path / "own", dossiers, rng)
    example = default_catalog().get("1.001193").example
    ids = []
    for i in range(dossiers):
        queued = queue.enqueue("1.001193", example["applicant"], example["fields"], [
            AttachmentSource("to_khai", own[i]),
            AttachmentSource("giay_chung_sinh", rng.choice(shared)),
        ])
        ids.append(queued.id)

    plan = FaultPlan(drop=0.06, stall=0.03, error=0.06, truncate=0.06, stall_seconds=5, seed=seed)
    with FaultProxy("127.0.0.1", int(live_portal.url.rsplit(":", 1)[1]), plan) as proxy:
        for _ in range(kills):
            worker = _worker(data_dir, proxy.url, officer)
            time.sleep(rng.uniform(0.5, 2.0))
            worker.kill()  # SIGKILL, wherever it is
            worker.wait(timeout=30)
        worker = _worker(data_dir, proxy.url, officer)
        output, _ = worker.communicate(timeout=900)
        assert worker.returncode == 0, output[-3000:]
        assert sum(plan.counts[f] for f in ("drop", "stall", "error", "truncate")) > 0

    # Every local dossier shows the portal's code.
    local = {d.id: d for d in queue.list()}
    assert set(local) == set(ids)
    stuck = [(d.local_ref, d.state, d.last_error) for d in local.values()
             if d.state != DossierState.SUBMITTED or not d.code]
    assert stuck == [], live_portal.log()[-4000:]
    assert len({d.code for d in local.values()}) == dossiers

    # The portal holds exactly these, each once.
    token = live_portal.login(officer["username"], officer["password"])
    headers = {"Authorization": f"Bearer {token}"}
    listing = live_portal.http.get(live_portal.api + "/dossiers", params={"limit": 1000},
                                   headers=headers, timeout=30).json()["dossiers"]
    remote = [d["uuid"] for d in listing]
    assert sorted(remote) == sorted(ids)
    assert {d["uuid"]: d["code"] for d in listing} == {i: d.code for i, d in local.items()}

    # Every blob the portal stored matches its name (SHA-256), and each file is there once.
    stored = [p for p in (Path(live_portal.storage) / "blobs").rglob("*") if p.is_file()]
    for path in stored:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
    wanted = {hashlib.sha256(p.read_bytes()).hexdigest() for p in own}
    assert wanted <= {p.name for p in stored}
    engine.dispose()


def test_soak_small(live_portal, tmp_path):
    run_soak(live_portal, tmp_path, dossiers=20, kills=2, seed=int(os.environ.get("DVC_SOAK_SEED", 3)))


@pytest.mark.soak
def test_soak_full(live_portal, tmp_path):
    run_soak(live_portal, tmp_path, dossiers=200, kills=5, seed=int(os.environ.get("DVC_SOAK_SEED", 11)))
