"""Drafts: saved as typed, resumed, queued under the same id, purged after the retention."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from app.models import Dossier, DossierState
from app.models.db import open_database
from app.services.drafts import DraftFile, DraftStore
from app.services.queue import AttachmentSource, DossierQueue
from dvc_core.blobs import BlobStore
from dvc_core.catalog import default_catalog

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def stores(tmp_path):
    engine, sessions = open_database(tmp_path / "q.sqlite3")
    blobs = BlobStore(tmp_path / "blobs")
    yield (DraftStore(sessions, blobs, default_catalog(), retention_days=30),
           DossierQueue(sessions, blobs, default_catalog()), sessions, blobs)
    engine.dispose()


def test_save_list_load_and_queue_a_draft(stores, tmp_path):
    drafts, queue, sessions, blobs = stores
    pdf = tmp_path / "tờ khai.pdf"
    pdf.write_bytes(PDF)
    answers = {"applicant.full_name": "Lê Thị Hoa", "applicant.phone": "09123",  # not valid yet
               "child.birth_date": "02/11/2026", "copies": None}
    draft_id, ref = drafts.save("1.001193", answers, [DraftFile("to_khai", pdf, "tờ khai.pdf")])
    [summary] = drafts.list()
    assert (summary.id, summary.local_ref, summary.applicant_name) == (draft_id, ref, "Lê Thị Hoa")
    assert summary.procedure_name == "Đăng ký khai sinh" and summary.files == 1
    assert summary.delete_after - summary.saved_at == dt.timedelta(days=30)
    # Saving again updates the same draft.
    answers["applicant.phone"] = "0912345678"
    assert drafts.save("1.001193", answers, [DraftFile("to_khai", pdf, "tờ khai.pdf")],
                       draft_id=draft_id)[0] == draft_id
    assert drafts.count() == 1

    pdf.unlink()  # the original file is gone: the draft keeps its own copy
    loaded = drafts.load(draft_id)
    assert loaded.answers == {"applicant.full_name": "Lê Thị Hoa",
                              "applicant.phone": "0912345678", "child.birth_date": "02/11/2026"}
    [stored] = loaded.files
    assert (stored.component, stored.name, stored.size, stored.media_type) == (
        "to_khai", "tờ khai.pdf", len(PDF), "application/pdf")
    path = blobs.path(stored.sha256)
    assert path.read_bytes() == PDF
    # Nothing was copied out of the store: the draft refers to its blob.
    assert [p for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes() == PDF] == [path]

    example = default_catalog().get("1.001193").example
    ref_of = {"sha256": stored.sha256, "media_type": stored.media_type, "filename": stored.name}
    queued = queue.enqueue("1.001193", example["applicant"], example["fields"],
                           [AttachmentSource("to_khai", path, **ref_of),
                            AttachmentSource("giay_chung_sinh", path, **ref_of)],
                           dossier_id=draft_id)
    assert (queued.id, queued.local_ref, queued.state) == (draft_id, ref, "queued")
    assert drafts.list() == []
    assert queue.get(draft_id).attachments[0].filename == "tờ khai.pdf"


def test_delete_and_purge_remove_rows_and_unused_files(stores, tmp_path):
    drafts, queue, sessions, blobs = stores
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(PDF)
    old_id, _ = drafts.save("1.000656", {"applicant.full_name": "A"}, [DraftFile("to_khai", pdf, "a.pdf")])
    new_id, _ = drafts.save("1.000656", {"applicant.full_name": "B"})
    with sessions.begin() as session:
        session.execute(update(Dossier).where(Dossier.id == old_id).values(
            updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=31)))
    sha = queue.get(old_id).attachments[0].sha256
    assert blobs.has(sha)
    assert drafts.purge() == 1
    assert [d.id for d in drafts.list()] == [new_id]
    assert not blobs.has(sha)
    assert drafts.delete(new_id) and drafts.list() == []
    assert not drafts.delete(new_id)


def test_kiosk_keeps_no_drafts(stores):
    drafts, _queue, sessions, _blobs = stores
    with pytest.raises(ValueError):
        drafts.save("1.001193", {}, mode="kiosk")
    draft_id, _ = drafts.save("1.001193", {"applicant.full_name": "X"})
    with sessions.begin() as session:  # a kiosk draft from an older version, say
        session.execute(update(Dossier).where(Dossier.id == draft_id).values(mode="kiosk"))
    assert drafts.purge() == 1
    with sessions() as session:
        assert session.scalars(select(Dossier).where(Dossier.state == DossierState.DRAFT)).all() == []


def test_a_queued_dossier_is_not_a_draft(stores, tmp_path):
    drafts, queue, _sessions, _blobs = stores
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(PDF)
    ex = default_catalog().get("1.004873").example
    queued = queue.enqueue("1.004873", ex["applicant"], ex["fields"], [AttachmentSource("to_khai", pdf)])
    with pytest.raises(ValueError):
        drafts.save("1.004873", {}, draft_id=queued.id)
    assert not drafts.delete(queued.id)
    assert drafts.purge(dt.datetime.now(dt.UTC) + dt.timedelta(days=999)) == 0


def test_a_scan_taken_out_of_a_draft_is_not_left_on_disk(stores, tmp_path):
    drafts, queue, sessions, blobs = stores
    a = tmp_path / "a.pdf"
    a.write_bytes(PDF + b"a")
    b = tmp_path / "b.pdf"
    b.write_bytes(PDF + b"b")
    draft_id, _ = drafts.save("1.001193", {}, [DraftFile("to_khai", a, "a.pdf")])
    sha_a = queue.get(draft_id).attachments[0].sha256
    drafts.save("1.001193", {}, [DraftFile("to_khai", b, "b.pdf")], draft_id=draft_id)
    assert not blobs.has(sha_a)
    drafts.delete(draft_id)
    assert not [p for p in blobs.root.rglob("*") if p.is_file()]
