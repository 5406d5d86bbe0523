"""A kiosk keeps nothing of a citizen once the portal has the dossier: not in the database file,
not in its WAL, not in the blob store, not in any other file of the data folder — read as raw
bytes while the database is still open, as it is in the running kiosk app. Also when the app
died between the portal's confirmation and the purge."""

from __future__ import annotations

import copy
import os
import time

import pytest

from app.models import Dossier, DossierState
from app.services.filing import FilingSession
from app.services.sync import SyncEngine
from dvc_core.catalog import default_catalog
from tests.helpers.e2e import JPEG, account
from tests.helpers.residue import files_in, residue

CITIZENS = [  # name, ID number (CCCD of a woman born 1995 in Thanh Hóa), phone, child
    ("Lê Thị Hoa", "038195012345", "0912345678", "Nguyễn Minh Khang"),
    ("Trần Thị Ngọc Ánh", "038195314151", "0987654321", "Phạm Gia Bảo"),
    ("Phạm Thị Huyền Trang", "038195271828", "0903141592", "Đặng Khánh Linh"),
    ("Đặng Thị Mỹ Duyên", "038195161803", "0354112233", "Vũ Quốc Huy"),
    ("Vũ Thị Thu Hường", "038195141421", "0769887766", "Hoàng Thảo Nguyên"),
]


def _texts(citizen) -> list[str]:
    return list(citizen)


def _dossier(citizen):
    name, id_number, phone, child = citizen
    ex = copy.deepcopy(default_catalog().get("1.001193").example)
    ex["applicant"].update(full_name=name, id_number=id_number, phone=phone,
                           email="nguoi.dan@example.vn")
    ex["fields"].update({"mother.full_name": name, "mother.id_number": id_number,
                         "child.full_name": child})
    return ex["applicant"], ex["fields"]


def _file(services, citizen, tmp_path, number: int) -> str:
    """File one citizen's dossier the way the kiosk's wizard does, scans named after them."""
    name, id_number, phone, _ = citizen
    scans = tmp_path / f"usb-{number}"
    scans.mkdir()
    scan = scans / f"CCCD {name}.pdf"  # a scan whose bytes name the citizen, as a real one does
    scan.write_bytes(f"%PDF-1.4\n% {name} {id_number} {phone}\n1 0 obj <<>> endobj\n%%EOF\n"
                     .encode())
    photo = scans / f"giấy chứng sinh {number}.jpg"
    photo.write_bytes(JPEG)
    filing = FilingSession(services.queue, data_dir=services.config.data_dir,
                           mode=services.policy)
    queued = filing.file("1.001193", *_dossier(citizen),
                         [("to_khai", scan), ("giay_chung_sinh", photo)])
    filing.wipe()  # the kiosk forgets the person before the next one
    return queued.id


def _kiosk(live_portal, make_services, data_dir, mode="kiosk"):
    services = make_services(live_portal.url, data_dir, mode=mode)
    kiosk = account(live_portal, "kiosk")
    services.login(kiosk["username"], kiosk["password"])
    return services


def test_five_kiosk_citizens_leave_no_byte_in_the_data_folder_while_it_is_open(
        live_portal, make_services, tmp_path):
    data_dir = tmp_path / "app"
    services = _kiosk(live_portal, make_services, data_dir)
    engine = services.sync_engine()
    ids = [_file(services, citizen, tmp_path, n) for n, citizen in enumerate(CITIZENS)]
    assert residue(data_dir, _texts(CITIZENS[0]))  # the search can tell: here they are now

    report = engine.run_once()
    assert sorted(s.id for s in report.sent) == sorted(ids) and all(s.code for s in report.sent)
    assert all(services.queue.get(dossier_id) is None for dossier_id in ids)
    for dossier_id, sent in ((s.id, s) for s in report.sent):
        assert services.client.get_dossier(dossier_id)["code"] == sent.code  # the portal has it
    # The database is open (the engine and its connection pool alive, as in the running app).
    with services.sessions() as session:
        assert session.query(Dossier).count() == 0
    assert [(f, t) for citizen in CITIZENS for f, t in residue(data_dir, _texts(citizen))] == []
    assert [f for f in files_in(data_dir) if f.startswith(("blobs", "tmp"))] == []


class _Killed(BaseException):
    """The process dies: nothing after this point runs (not even ``except Exception``)."""


def _crash_after_confirmation(live_portal, make_services, tmp_path, monkeypatch):
    data_dir = tmp_path / "app"
    services = _kiosk(live_portal, make_services, data_dir)
    dossier_id = _file(services, CITIZENS[1], tmp_path, 1)

    def killed(self, dossier_id):
        raise _Killed

    with monkeypatch.context() as patched:
        patched.setattr(SyncEngine, "purge", killed)
        with pytest.raises(_Killed):
            services.sync_engine().run_once()
    # The crash window: the portal confirmed it, this machine recorded that, and nothing more.
    left = services.queue.get(dossier_id)
    assert left.state == DossierState.SUBMITTED and left.code
    assert files_in(data_dir / "blobs")
    return services, dossier_id


@pytest.mark.parametrize("mode", ["kiosk", "desk"])
def test_a_dossier_confirmed_just_before_a_crash_is_purged_at_the_next_start(
        live_portal, make_services, tmp_path, monkeypatch, mode):
    services, dossier_id = _crash_after_confirmation(live_portal, make_services, tmp_path,
                                                     monkeypatch)
    # The crash also cut short a scan's copy into the blob store.
    name, id_number, phone, _ = CITIZENS[1]
    abandoned = tmp_path / "app" / "blobs" / ".in-x7k2q9"
    abandoned.write_bytes(f"%PDF-1.4 {name} {id_number} {phone}".encode())
    os.utime(abandoned, (time.time() - 3600, time.time() - 3600))
    services.close()
    # Started again — even in another mode: the dossier's own mode says it is the kiosk's.
    again = make_services(live_portal.url, tmp_path / "app", mode=mode)
    assert again.queue.get(dossier_id) is None
    assert residue(tmp_path / "app", _texts(CITIZENS[1])) == []
    assert files_in(tmp_path / "app" / "blobs") == []


def test_a_dossier_confirmed_just_before_a_crash_is_purged_by_the_next_sync_pass(
        live_portal, make_services, tmp_path, monkeypatch):
    services, dossier_id = _crash_after_confirmation(live_portal, make_services, tmp_path,
                                                     monkeypatch)
    report = services.sync_engine().run_once()  # nothing left to send; it cleans up
    assert report.sent == [] and report.attention == []
    assert services.queue.get(dossier_id) is None
    assert residue(tmp_path / "app", _texts(CITIZENS[1])) == []
    assert files_in(tmp_path / "app" / "blobs") == []


def test_a_desk_keeps_its_dossiers_once_confirmed(live_portal, make_services, tmp_path):
    services = make_services(live_portal.url, tmp_path / "app")
    officer = account(live_portal, "officer")
    services.login(officer["username"], officer["password"])
    dossier_id = _file(services, CITIZENS[2], tmp_path, 2)
    services.sync_engine().run_once()
    services.close()
    again = make_services(live_portal.url, tmp_path / "app")
    assert again.queue.get(dossier_id).code
    assert again.sync_engine().run_once().sent == []
    assert again.queue.get(dossier_id).code


def test_the_running_apps_sync_thread_leaves_nothing_either(qtbot, live_portal, make_services,
                                                           tmp_path):
    from app.workers.sync_worker import SyncThread, SyncWorker

    data_dir = tmp_path / "app"
    services = _kiosk(live_portal, make_services, data_dir)
    ids = [_file(services, citizen, tmp_path, n) for n, citizen in enumerate(CITIZENS[:2])]
    thread = SyncThread(SyncWorker(lambda progress: services.sync_engine(progress),
                                   interval_ms=60_000))
    try:
        with qtbot.waitSignal(thread.finished, timeout=60_000) as finished:
            thread.start()
        assert sorted(s.id for s in finished.args[0].sent) == sorted(ids)
        # The app runs on: its sync thread, its database and its connection pool are alive.
        assert [hit for citizen in CITIZENS[:2] for hit in residue(data_dir, citizen)] == []
        assert files_in(data_dir / "blobs") == []
    finally:
        thread.stop()
