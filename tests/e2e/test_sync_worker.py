"""The sync worker on its QThread, against the real portal: signals, progress, offline recovery."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Slot

from app.services.queue import AttachmentSource
from app.workers.sync_worker import SyncThread, SyncWorker
from dvc_core.catalog import default_catalog


class _Collector(QObject):
    """A QObject of the GUI thread, as the window is: it hears the sync thread's signals."""

    def __init__(self, files: list):
        super().__init__()
        self.files = files
        self.progress_seen = threading.Event()
        self.progress_threads: set[str] = set()

    @Slot(str, str, int, int)
    def on_file_progress(self, _dossier: str, name: str, sent: int, size: int) -> None:
        self.files.append((name, sent, size))

    @Slot(str, int, int)
    def on_progress(self, _dossier: str, _sent: int, _total: int) -> None:
        self.progress_threads.add(threading.current_thread().name)
        self.progress_seen.set()


def _queued(services, tmp_path, size=3 * 1024 * 1024):
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + bytes(size))
    small = tmp_path / "small.pdf"
    small.write_bytes(b"%PDF-1.4\nsmall")
    ex = default_catalog().get("1.001193").example
    return services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", big), AttachmentSource("giay_chung_sinh", small)])


def test_worker_sends_reports_progress_per_file_and_never_blocks_the_gui(qtbot, tmp_path):
    from app.config import resolve
    from app.services.context import Services
    from tests.helpers.portal_fixture import start_portal

    with start_portal(tmp_path / "portal", extra_args=["--max-file-mb", "40",
                                                       "--max-dossier-mb", "60"]) as portal:
        _send_30_mb(qtbot, portal, tmp_path, resolve, Services)


def _send_30_mb(qtbot, live_portal, tmp_path, resolve, Services):
    services = Services(resolve(tmp_path / "app", live_portal.url, "desk", "vi"))
    services.blobs.max_file_bytes = 40 * 1024 * 1024
    officer = live_portal.account("officer")
    services.login(officer["username"], officer["password"])
    queued = _queued(services, tmp_path, size=30 * 1024 * 1024)  # a 30 MB scan
    files: list[tuple[str, int, int]] = []
    collector = _Collector(files)
    held: list[bool] = []

    def make_engine(progress):
        def gated(dossier_id: str, sent: int, total: int) -> None:
            progress(dossier_id, sent, total)
            if 0 < sent < total and not held:
                # Mid-upload, the pass goes on only once the GUI thread has handled one of its
                # signals: were the GUI thread blocked by the pass, this would never happen.
                held.append(collector.progress_seen.wait(60))

        return services.sync_engine(gated)

    worker = SyncWorker(make_engine, interval_ms=60_000)
    thread = SyncThread(worker)
    thread.file_progress.connect(collector.on_file_progress)
    thread.progress.connect(collector.on_progress)
    try:
        with qtbot.waitSignal(thread.finished, timeout=120_000) as finished:
            thread.start()
    finally:
        thread.stop()
    report = finished.args[0]
    assert [s.id for s in report.sent] == [queued.id]
    final = {name: (sent, size) for name, sent, size in files}
    assert final == {"scan.pdf": (30 * 1024 * 1024 + 9,) * 2, "small.pdf": (14, 14)}
    assert len([f for f in files if f[0] == "scan.pdf"]) >= 7  # 4 MB chunks: progress as it goes
    # The GUI thread handled the pass's signals while the pass (a 30 MB upload) was under way.
    assert held and all(held), held
    assert collector.progress_threads == {threading.main_thread().name}
    services.close()


def test_worker_notices_the_network_coming_back(qtbot, live_portal, tmp_path):
    """Offline → quick health checks; the portal reachable again → everything sent at once."""
    from app.config import resolve
    from app.services.auth import Session
    from app.services.context import Services
    from tests.helpers.faultproxy import FaultProxy

    upstream = int(live_portal.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", upstream) as probe:
        port = probe.port  # a port that will be dead until the line comes back
    services = Services(resolve(tmp_path / "app", f"http://127.0.0.1:{port}", "desk", "vi"))
    officer = live_portal.account("officer")
    services.tokens.set(Session(token=live_portal.login(officer["username"], officer["password"]),
                                role="officer", username=officer["username"]))
    queued = _queued(services, tmp_path, size=1024)
    worker = SyncWorker(lambda progress: services.sync_engine(progress), interval_ms=60_000,
                        offline_interval_ms=200)
    thread = SyncThread(worker)
    reports: list[dict] = []
    thread.finished.connect(reports.append)  # in the GUI thread, as the window gets it
    try:
        with qtbot.waitSignal(thread.finished, timeout=30_000):
            thread.start()
        assert reports[0].online is False
        assert services.queue.outbox_info(queued.id).attempts == 1
        with FaultProxy("127.0.0.1", upstream, port=port):  # the line is back
            qtbot.waitUntil(lambda: any(r.sent for r in reports), timeout=30_000)
    finally:
        thread.stop()
    assert services.queue.get(queued.id).code
    services.close()
