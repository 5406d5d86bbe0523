"""Outbox edge cases: kiosk purge, superseded sends, a supplement that lost the race to a
withdrawal, one sender per data folder, one upload per distinct file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from app.models import Dossier, DossierState, OutboxItem, OutboxState
from app.services.queue import AttachmentSource
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import JPEG, PDF, account

ROOT = Path(__file__).resolve().parents[2]


def _example():
    ex = default_catalog().get("1.001193").example
    return ex["applicant"], ex["fields"]


def _signed_in(live_portal, make_services, mode="desk", data_dir=None):
    services = make_services(live_portal.url, data_dir, mode=mode)
    officer = account(live_portal, "officer")
    services.login(officer["username"], officer["password"])
    return services


def test_kiosk_dossier_leaves_no_trace_once_the_portal_confirms_it(live_portal, make_services,
                                                                   attachments, tmp_path):
    services = _signed_in(live_portal, make_services, mode="kiosk")
    queued = services.queue.enqueue("1.001193", *_example(), attachments, mode="kiosk")
    shas = [a.sha256 for a in services.queue.get(queued.id).attachments]
    report = services.sync_engine().run_once()
    assert [s.id for s in report.sent] == [queued.id] and report.sent[0].code
    assert services.queue.get(queued.id) is None
    assert not any(services.blobs.has(sha) for sha in shas)
    # No trace in the database file's bytes either (secure_delete overwrites freed pages).
    services.close()
    raw = (tmp_path / "app" / "dvc-desk.sqlite3").read_bytes()
    raw += b"".join(p.read_bytes() for p in (tmp_path / "app").glob("dvc-desk.sqlite3-*"))
    assert "Lê Thị Hoa".encode() not in raw and b"038195012345" not in raw
    assert services.client.get_dossier(queued.id)["code"] == report.sent[0].code


def test_a_new_send_supersedes_one_that_was_given_up(live_portal, make_services, attachments):
    services = _signed_in(live_portal, make_services)
    queued = services.queue.enqueue("1.001193", *_example(), attachments)
    with services.sessions.begin() as s:  # as if the portal had refused it (needs attention)
        s.execute(update(OutboxItem).values(state=OutboxState.ATTENTION, last_error="x"))
        s.execute(update(Dossier).values(state=DossierState.NEEDS_ACTION))
    services.queue.enqueue("1.001193", *_example(), attachments, dossier_id=queued.id)
    report = services.sync_engine().run_once()
    assert [s.id for s in report.sent] == [queued.id]
    assert services.queue.outbox_info(queued.id) is None


def test_a_supplement_after_the_dossier_was_withdrawn_is_not_reported_as_sent(
        live_portal, make_services, attachments, tmp_path):
    services = _signed_in(live_portal, make_services)
    queued = services.queue.enqueue("1.001193", *_example(), attachments)
    services.sync_engine().run_once()
    for action, note in (("receive", None), ("start", None), ("request_supplement", "Thiếu giấy")):
        version = services.client.get_dossier(queued.id)["version"]
        services.client.action(queued.id, action, version, note)
    services.sync_engine().run_once()
    dossier = services.queue.get(queued.id)
    letter = tmp_path / "thư.jpg"
    letter.write_bytes(JPEG)
    services.queue.resubmit(queued.id, dossier.applicant, dossier.fields,
                            attachments + [AttachmentSource("uy_quyen", letter)])
    # Meanwhile the citizen withdrew it at the counter, on the portal directly.
    version = services.client.get_dossier(queued.id)["version"]
    services.client.action(queued.id, "withdraw", version, "Rút tại quầy")
    report = services.sync_engine().run_once()
    assert report.sent == []
    assert [a.id for a in report.attention] == [queued.id]
    assert services.queue.get(queued.id).state == DossierState.NEEDS_ACTION


def test_resubmit_is_refused_while_a_withdrawal_waits(live_portal, make_services, attachments):
    from dvc_core.rules import ValidationFailed

    services = _signed_in(live_portal, make_services)
    queued = services.queue.enqueue("1.001193", *_example(), attachments)
    services.sync_engine().run_once()
    for action, note in (("receive", None), ("start", None), ("request_supplement", "Thiếu")):
        version = services.client.get_dossier(queued.id)["version"]
        services.client.action(queued.id, action, version, note)
    services.sync_engine().run_once()
    services.queue.queue_action(queued.id, "withdraw", "Không làm nữa")
    dossier = services.queue.get(queued.id)
    with pytest.raises(ValidationFailed) as info:
        services.queue.resubmit(queued.id, dossier.applicant, dossier.fields, attachments)
    assert "rút hồ sơ" in info.value.errors[0].message()


def test_one_sender_per_data_folder_and_other_commands_leave_its_sends_alone(
        live_portal, make_services, attachments, tmp_path):
    from app.services.synclock import SyncBusy

    data_dir = tmp_path / "app"
    first = _signed_in(live_portal, make_services, data_dir=data_dir)
    first.sync_engine()  # holds the lock, like the app's sync worker
    queued = first.queue.enqueue("1.001193", *_example(), attachments)
    with first.sessions.begin() as s:  # a send in progress in the app
        s.execute(update(OutboxItem).values(state=OutboxState.IN_FLIGHT))
    listing = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data_dir),
                              "--server", live_portal.url, "queue", "list", "--json"],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0
    state = sqlite3.connect(data_dir / "dvc-desk.sqlite3").execute(
        "select state from outbox").fetchone()[0]
    assert state == OutboxState.IN_FLIGHT  # not taken for a crash's leftover
    sync = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data_dir),
                           "--server", live_portal.url, "sync", "--once", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert sync.returncode == 1 and "đang gửi hồ sơ" in sync.stderr and sync.stdout == ""
    second = make_services(live_portal.url, tmp_path / "app")
    with pytest.raises(SyncBusy):
        second.sync_engine()
    assert queued.id


def test_the_same_file_under_two_names_is_uploaded_once(live_portal, make_services, tmp_path):
    services = _signed_in(live_portal, make_services)
    a = tmp_path / "a.pdf"
    a.write_bytes(PDF + b"x" * 200_000)
    b = tmp_path / "bản sao của a.pdf"
    b.write_bytes(a.read_bytes())
    queued = services.queue.enqueue("1.001193", *_example(), [
        AttachmentSource("to_khai", a), AttachmentSource("giay_chung_sinh", b)])
    report = services.sync_engine().run_once()
    assert [s.id for s in report.sent] == [queued.id] and report.retry_later == []


def test_an_unsafe_server_address_is_invalid_input(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path),
                             "--server", "http://example.com", "sync", "--once", "--json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--server" in result.stderr and "Traceback" not in result.stderr
