"""Purging confirmed kiosk dossiers: the rows, their overflow and freed pages, the WAL, the
blobs and the store's abandoned temporary copies — checked in raw bytes, database open."""

from __future__ import annotations

import os
import time
import uuid

from app.models import Attachment, Dossier, DossierState
from app.models.db import open_database
from app.services.purge import PURGED_MODES, clean_up, purge_confirmed, purges_on_confirmation
from dvc_core.blobs import BlobStore
from tests.helpers.residue import files_in, residue

NAME = "Nguyễn Thị Thanh Hương"
ID_NUMBER = "038195271828"


def _dossier(session, blobs, mode: str, code: str | None, number: int, name: str = NAME,
             id_number: str = ID_NUMBER) -> str:
    # A row far larger than a page (4 KB): most of it lives in overflow pages.
    applicant = {"full_name": name, "id_number": id_number,
                 "address": f"{name} {id_number} " * 400}
    sha = blobs.put_bytes(f"%PDF-1.4 {name} {id_number} {number}".encode())
    dossier = Dossier(id=str(uuid.uuid4()), local_ref=f"K7QM-{number:04d}",
                      procedure_code="1.001193", schema_version=1, applicant=applicant,
                      fields={"child.full_name": name}, state=DossierState.SUBMITTED, mode=mode,
                      code=code)
    dossier.attachments.append(Attachment(component="to_khai", sha256=sha, size=10,
                                          filename=f"CCCD {name}.pdf",
                                          media_type="application/pdf"))
    session.add(dossier)
    return dossier.id


def test_the_policy_says_which_modes_purge():
    assert PURGED_MODES == ("kiosk",)
    assert purges_on_confirmation("kiosk")
    assert not purges_on_confirmation("desk") and not purges_on_confirmation("training")
    assert not purges_on_confirmation("a mode from a newer version")  # kept, not guessed at


def test_confirmed_kiosk_dossiers_leave_no_byte_in_pages_freed_or_overflowed(tmp_path):
    engine, sessions = open_database(tmp_path / "db" / "dvc-desk.sqlite3")
    blobs = BlobStore(tmp_path / "db" / "blobs")
    with sessions.begin() as session:
        purged = [_dossier(session, blobs, "kiosk", f"000.00.00.H01-261204-{n:04d}", n)
                  for n in range(5)]
    with sessions.begin() as session:
        # Not confirmed yet: it stays.
        waiting = _dossier(session, blobs, "kiosk", None, 10, "Trần Văn An", "038095000111")
    with engine.connect() as connection:  # the rows reached the database file itself too
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    assert clean_up(sessions, blobs, scrub_anyway=False)
    with sessions() as session:
        assert [d.id for d in session.query(Dossier)] == [waiting]
        assert all(session.get(Dossier, d) is None for d in purged)
    with engine.connect() as connection:
        freed = connection.exec_driver_sql("PRAGMA freelist_count").scalar()
    assert freed > 5  # the overflow pages went to the free list: the search covers them
    assert residue(tmp_path / "db", [NAME, ID_NUMBER]) == []
    assert len(files_in(tmp_path / "db" / "blobs")) == 1  # the waiting dossier's scan
    engine.dispose()


def test_a_desk_dossier_is_never_purged(tmp_path):
    engine, sessions = open_database(tmp_path / "dvc-desk.sqlite3")
    blobs = BlobStore(tmp_path / "blobs")
    with sessions.begin() as session:
        kept = _dossier(session, blobs, "desk", "000.00.00.H01-261204-0001", 1)
    assert purge_confirmed(sessions, blobs) == 0
    with sessions() as session:
        assert session.get(Dossier, kept) is not None
    engine.dispose()


def test_a_copy_an_import_left_behind_is_deleted_once_abandoned(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    abandoned = blobs.root / ".in-k3j2h1"
    abandoned.write_bytes(f"%PDF-1.4 {NAME}".encode())
    an_hour_ago = time.time() - 3600
    os.utime(abandoned, (an_hour_ago, an_hour_ago))
    going_on = blobs.root / ".in-a9b8c7"  # another process's import, being written now
    going_on.write_bytes(b"%PDF-1.4")
    assert blobs.remove_abandoned_temporaries() == 1
    assert not abandoned.exists() and going_on.exists()
