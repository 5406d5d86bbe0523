"""The durable queue: validation before queueing, content-checked files, one durable commit."""

from __future__ import annotations

import os
import sqlite3

import pytest

from app.models import DossierState, OutboxState
from app.models.db import open_database
from app.services.queue import REF_ALPHABET, AttachmentSource, DossierQueue, new_local_ref
from dvc_core.blobs import BlobStore
from dvc_core.catalog import default_catalog
from dvc_core.rules import ValidationFailed

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def queue(tmp_path):
    engine, sessions = open_database(tmp_path / "q.sqlite3")
    yield DossierQueue(sessions, BlobStore(tmp_path / "blobs"), default_catalog())
    engine.dispose()


@pytest.fixture
def files(tmp_path):
    pdf = tmp_path / "to khai.pdf"
    pdf.write_bytes(PDF)
    png = tmp_path / "chung sinh.png"
    png.write_bytes(PNG)
    return pdf, png


def example():
    ex = default_catalog().get("1.001193").example
    return ex["applicant"], ex["fields"]


def test_enqueue_stores_dossier_files_and_outbox_in_the_sqlite_file(queue, files, tmp_path):
    applicant, fields = example()
    queued = queue.enqueue("1.001193", applicant, fields,
                           [AttachmentSource("to_khai", files[0]),
                            AttachmentSource("giay_chung_sinh", files[1])])
    assert queued.state == DossierState.QUEUED
    assert len(queued.local_ref) == 9 and queued.local_ref[4] == "-"
    # Read the file with plain sqlite3: what was promised is on disk.
    con = sqlite3.connect(tmp_path / "q.sqlite3")
    assert con.execute("select state, local_ref from dossiers").fetchall() == [("queued", queued.local_ref)]
    assert con.execute("select op, state from outbox").fetchall() == [("submit", OutboxState.PENDING)]
    rows = con.execute("select component, media_type, size from attachments order by id").fetchall()
    assert rows == [("to_khai", "application/pdf", len(PDF)), ("giay_chung_sinh", "image/png", len(PNG))]
    sha = con.execute("select sha256 from attachments where component='to_khai'").fetchone()[0]
    assert queue.blobs.path(sha).read_bytes() == PDF
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_same_file_twice_is_stored_once(queue, files):
    applicant, fields = example()
    queue.enqueue("1.001193", applicant, fields,
                  [AttachmentSource("to_khai", files[0]), AttachmentSource("giay_chung_sinh", files[0])])
    stored = [p for p in queue.blobs.root.rglob("*") if p.is_file()]
    assert len(stored) == 1


def test_invalid_dossier_is_not_queued_and_every_error_is_named(queue, files, tmp_path):
    fake = tmp_path / "anh.pdf"
    fake.write_text("không phải PDF")
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    applicant, fields = example()
    bad_fields = dict(fields, **{"child.birth_date": "30/02/2024"})
    with pytest.raises(ValidationFailed) as info:
        queue.enqueue("1.001193", applicant, bad_fields,
                      [AttachmentSource("to_khai", fake), AttachmentSource("giay_chung_sinh", empty)])
    messages = {e.field: e.message() for e in info.value.errors}
    assert "ngày không hợp lệ" in messages["child.birth_date"]
    assert "không phải PDF, JPEG hay PNG" in messages["attachments.to_khai"]
    assert "rỗng" in messages["attachments.giay_chung_sinh"]
    assert queue.list() == []
    assert not [p for p in queue.blobs.root.rglob("*") if p.is_file()]


def test_missing_required_attachment_is_refused(queue, files):
    applicant, fields = example()
    with pytest.raises(ValidationFailed) as info:
        queue.enqueue("1.001193", applicant, fields, [AttachmentSource("to_khai", files[0])])
    assert [e.field for e in info.value.errors] == ["attachments.giay_chung_sinh"]


def test_unknown_procedure_is_refused(queue):
    with pytest.raises(ValidationFailed) as info:
        queue.enqueue("9.999999", {}, {})
    assert info.value.errors[0].field == "procedure"


def test_recover_puts_in_flight_items_back(queue, files):
    applicant, fields = example()
    queued = queue.enqueue("1.001193", applicant, fields,
                           [AttachmentSource("to_khai", files[0]),
                            AttachmentSource("giay_chung_sinh", files[1])])
    from sqlalchemy import update

    from app.models import Dossier, OutboxItem

    with queue.sessions.begin() as s:
        s.execute(update(OutboxItem).values(state=OutboxState.IN_FLIGHT))
        s.execute(update(Dossier).values(state=DossierState.SENDING))
    assert queue.recover() == 1
    assert queue.get(queued.id).state == DossierState.QUEUED
    assert queue.pending_count() == 1


def test_local_references_use_an_unambiguous_alphabet():
    refs = {new_local_ref() for _ in range(500)}
    assert len(refs) == 500
    for ref in refs:
        assert set(ref.replace("-", "")) <= set(REF_ALPHABET)
        assert not set(ref) & set("01OIL")


def test_a_new_blob_folder_is_made_durable_in_its_parent(tmp_path, monkeypatch):
    """blobs/ab/ made for a first file is fsynced into blobs/, then the file into blobs/ab/."""
    from dvc_core import blobs as blobs_module
    from dvc_core.blobs import BlobStore

    synced: list[str] = []
    real = blobs_module._fsync_dir
    monkeypatch.setattr(blobs_module, "_fsync_dir", lambda p: (synced.append(str(p)), real(p)))
    store = BlobStore(tmp_path / "blobs")
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4\n" + os.urandom(1000))
    info = store.import_file(source)
    folder = store.path(info.sha256).parent
    assert synced == [str(folder.parent), str(folder)]
    again = tmp_path / "again.pdf"
    again.write_bytes(b"%PDF-1.4\n" + os.urandom(1000))
    synced.clear()
    second = store.import_file(again)
    if store.path(second.sha256).parent == folder:  # same fan-out folder: no new entry
        assert synced == [str(folder)]
