"""Crash safety: a process killed with SIGKILL at the worst moments loses nothing and sends once."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from app.models import DossierState
from tests.helpers.e2e import account

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import json, os, signal, sys
from pathlib import Path
from app.config import resolve
from app.services.context import Services
from dvc_core.catalog import default_catalog
from app.services.queue import AttachmentSource
args = json.loads(sys.argv[1])
services = Services(resolve(args["data_dir"], args["server"], "desk", "vi"))
def die():
    os.kill(os.getpid(), signal.SIGKILL)
"""


def run_child(body: str, **args) -> subprocess.CompletedProcess:
    code = PRELUDE + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", code, json.dumps(args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_killed_right_after_queueing_then_sent_exactly_once(live_portal, make_services, attachments,
                                                            tmp_path):
    data_dir = tmp_path / "app"
    officer = account(live_portal, "officer")
    result = run_child(
        """
        ex = default_catalog().get("1.001193").example
        files = [AttachmentSource(c, Path(p)) for c, p in args["files"]]
        queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], files)
        print(queued.id, flush=True)
        die()  # the power goes out the instant after "saved" was shown
        """,
        data_dir=str(data_dir), server=live_portal.url,
        files=[(a.component, str(a.path)) for a in attachments],
    )
    assert result.returncode == -9, result.stderr
    dossier_id = result.stdout.strip()

    services = make_services(live_portal.url, data_dir)
    dossier = services.queue.get(dossier_id)
    assert dossier is not None and dossier.state == DossierState.QUEUED
    assert len(dossier.attachments) == 2
    assert all(services.blobs.has(a.sha256) for a in dossier.attachments)

    services.login(officer["username"], officer["password"])
    assert [s.id for s in services.sync_engine().run_once().sent] == [dossier_id]
    assert services.sync_engine().run_once().sent == []
    assert _portal_count(services, dossier_id) == 1


def test_killed_between_put_and_submit_then_sent_exactly_once(live_portal, make_services,
                                                              attachments, tmp_path):
    data_dir = tmp_path / "app"
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url, data_dir)
    services.login(officer["username"], officer["password"])
    from dvc_core.catalog import default_catalog

    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    services.close()

    result = run_child(
        """
        services.login(args["username"], args["password"])
        client = services.client
        real_submit = client.submit
        def submit_then_die(dossier_id):
            die()  # PUT done, blobs uploaded, the submit never leaves
        client.submit = submit_then_die
        services.sync_engine().run_once()
        """,
        data_dir=str(data_dir), server=live_portal.url,
        username=officer["username"], password=officer["password"],
    )
    assert result.returncode == -9, result.stderr

    services = make_services(live_portal.url, data_dir)
    services.sync_engine()  # taking the sync lock is what puts back abandoned sends
    assert services.recovered == 1  # the item the crash left in flight went back to the queue
    assert services.queue.get(queued.id).state == DossierState.QUEUED
    services.login(officer["username"], officer["password"])
    report = services.sync_engine().run_once()
    assert [s.id for s in report.sent] == [queued.id]
    assert services.queue.get(queued.id).code
    assert _portal_count(services, queued.id) == 1


def _portal_count(services, dossier_id: str) -> int:
    listing = services.client.json("GET", "/dossiers", params={"limit": 500})
    items = listing["dossiers"]
    return sum(1 for item in items if item.get("uuid") == dossier_id)


def test_answer_lost_after_submit_then_the_replay_gets_the_same_code(live_portal, make_services,
                                                                     attachments):
    officer = account(live_portal, "officer")
    services = make_services(live_portal.url)
    services.login(officer["username"], officer["password"])
    from sqlalchemy import update

    from app.models import Dossier, OutboxItem, OutboxState
    from dvc_core.catalog import default_catalog

    ex = default_catalog().get("1.001193").example
    queued = services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], attachments)
    services.sync_engine().run_once()
    code = services.queue.get(queued.id).code
    # As if the submit's answer never arrived: the local copy still thinks it must send.
    with services.sessions.begin() as s:
        s.execute(update(OutboxItem).values(state=OutboxState.PENDING))
        s.execute(update(Dossier).values(state=DossierState.QUEUED, code=None))
    report = services.sync_engine().run_once()
    assert [s.code for s in report.sent] == [code]
    assert services.queue.get(queued.id).code == code
    assert _portal_count(services, queued.id) == 1
