"""The list screen's service: typed rows and details built from the queue, acts as outbox items."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.models import Dossier, OutboxItem, OutboxState, StatusEvent
from app.models.db import open_database
from app.services.dossiers import LocalDossiers
from app.services.queue import AttachmentSource, DossierQueue
from app.services.records import DossierFacts, ListSnapshot, OutboxInfo
from dvc_core.blobs import BlobStore
from dvc_core.catalog import default_catalog
from dvc_core.rules import ValidationFailed

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def parts(tmp_path):
    engine, sessions = open_database(tmp_path / "q.sqlite3")
    queue = DossierQueue(sessions, BlobStore(tmp_path / "blobs"), default_catalog())
    yield queue, LocalDossiers(queue, default_catalog, "embedded")
    engine.dispose()


def _queued(queue, tmp_path) -> str:
    pdf = tmp_path / "tờ khai.pdf"
    pdf.write_bytes(PDF)
    ex = default_catalog().get("1.001193").example
    return queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", pdf), AttachmentSource("giay_chung_sinh", pdf)]).id


def _as_submitted(queue, dossier_id: str, status: int, version: int = 2) -> None:
    with queue.sessions.begin() as session:
        dossier = session.get(Dossier, dossier_id)
        dossier.state, dossier.code, dossier.status = "submitted", "H56-261102-0001", status
        dossier.status_text, dossier.portal_version = "Mới đăng ký", version
        dossier.status_note = "Thiếu giấy ủy quyền" if status == 5 else None
        for item in session.query(OutboxItem).filter_by(dossier_id=dossier_id):
            item.state = OutboxState.DONE
        session.add(StatusEvent(dossier_id=dossier_id, status=status, status_text="Mới đăng ký",
                                note="ghi chú", at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC), seq=1))


def test_the_real_parts_fit_the_seams_views_are_given(parts, tmp_path):
    from app.config import resolve
    from app.services.auth import TokenStore
    from app.services.context import Services
    from app.services.ports import (
        CatalogReader,
        LocalDossierPort,
        QueueStatus,
        SessionReader,
    )

    queue, dossiers = parts
    assert isinstance(dossiers, LocalDossierPort) and isinstance(queue, QueueStatus)
    assert isinstance(default_catalog(), CatalogReader)
    assert isinstance(TokenStore("dvc-desk:embedded", persist=False), SessionReader)
    services = Services(resolve(tmp_path / "data", "https://portal.invalid", "desk", "vi"))
    try:
        # ShellServices, checked without touching ``accounts`` (making it reaches the portal).
        assert isinstance(services.tokens, SessionReader) and isinstance(services.queue, QueueStatus)
        assert isinstance(services.dossiers, LocalDossierPort)
        assert isinstance(services.is_embedded, bool) and hasattr(type(services), "accounts")
        assert "client" not in vars(services)
    finally:
        services.close()


def test_snapshot_has_rows_the_waiting_count_and_no_sync_yet(parts, tmp_path):
    queue, dossiers = parts
    dossier_id = _queued(queue, tmp_path)
    snapshot = dossiers.snapshot()
    assert isinstance(snapshot, ListSnapshot)
    assert snapshot.pending == 1 and snapshot.last_sync is None
    [row] = snapshot.rows
    assert row.id == dossier_id and row.procedure == default_catalog().get("1.001193").name
    assert row.state_text == "Đã lưu trên máy – chờ gửi"


def test_details_are_a_frozen_value_with_history_documents_and_the_outbox(parts, tmp_path):
    queue, dossiers = parts
    dossier_id = _queued(queue, tmp_path)
    facts = dossiers.details(dossier_id)
    assert isinstance(facts, DossierFacts) and isinstance(facts.outbox, OutboxInfo)
    assert facts.outbox.op == "submit" and facts.outbox.state == "pending"
    assert facts.attachment_names == ("tờ khai.pdf", "tờ khai.pdf")
    assert facts.applicant_name and facts.state_text == "Đã lưu trên máy – chờ gửi"
    assert not facts.can_withdraw and not facts.can_supplement and not facts.can_retry
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.state = "submitted"  # type: ignore[misc]
    _as_submitted(queue, dossier_id, 1)
    facts = dossiers.details(dossier_id)
    assert facts.outbox is None and facts.can_withdraw and facts.officer_may("receive")
    assert [(h.status, h.note) for h in facts.history] == [(1, "ghi chú")]
    assert dossiers.details("no-such-id") is None


def test_an_officer_action_is_queued_with_the_version_the_officer_saw(parts, tmp_path):
    queue, dossiers = parts
    dossier_id = _queued(queue, tmp_path)
    _as_submitted(queue, dossier_id, 1, version=3)
    dossiers.officer_action(dossier_id, "receive", 3)
    facts = dossiers.details(dossier_id)
    assert facts.outbox.op == "action" and facts.outbox.action == "receive"
    with queue.sessions() as session:
        item = session.query(OutboxItem).filter_by(op="action").one()
        assert item.payload["expected_version"] == 3 and item.state == OutboxState.PENDING


def test_withdraw_hides_withdraw_and_supplement_while_it_waits(parts, tmp_path):
    queue, dossiers = parts
    dossier_id = _queued(queue, tmp_path)
    _as_submitted(queue, dossier_id, 5)
    assert dossiers.details(dossier_id).can_supplement
    dossiers.withdraw(dossier_id, "Không làm nữa")
    facts = dossiers.details(dossier_id)
    assert facts.outbox.withdrawing and not facts.can_withdraw and not facts.can_supplement


def test_withdraw_refused_once_the_status_no_longer_allows_it(parts, tmp_path):
    queue, dossiers = parts
    dossier_id = _queued(queue, tmp_path)
    _as_submitted(queue, dossier_id, 9)
    with pytest.raises(ValidationFailed):
        dossiers.withdraw(dossier_id, None)


def test_retry_puts_a_given_up_item_back(parts, tmp_path):
    queue, dossiers = parts
    dossier_id = _queued(queue, tmp_path)
    with queue.sessions.begin() as session:
        session.query(OutboxItem).update({"state": OutboxState.ATTENTION, "attempts": 8})
    facts = dossiers.details(dossier_id)
    assert facts.outbox.given_up and facts.can_retry
    assert dossiers.retry(dossier_id) is True
    assert dossiers.details(dossier_id).outbox.state == "pending"
    assert dossiers.retry(dossier_id) is False


def test_supplement_reopens_only_in_status_5_and_copies_no_file(parts, tmp_path):
    queue, dossiers = parts
    dossier_id = _queued(queue, tmp_path)
    assert dossiers.supplement(dossier_id) is None
    _as_submitted(queue, dossier_id, 5)
    source = dossiers.supplement(dossier_id)
    assert source.note == "Thiếu giấy ủy quyền" and len(source.dossier.attachments) == 2
    assert not (tmp_path / "tmp").exists()
