"""The queue screen with 10,000 dossiers: memory, first page, scrolling, lookup, details.

DESIGN.md's budget is "RSS ≤ 250 MB, list scrolls without stalls". The screen is the app's own:
a child process (offscreen Qt, so its RSS is the app's and nothing of this one) builds
``MainWindow`` with the real thread-pool ``TaskRunner`` and hands it the real ``Services`` over a
SQLite data folder of 10,000 dossiers, as ``app.application`` does once the services are ready:
the list is read off the GUI thread, as at a commune office. No portal and no sync thread run
(the portal address is a closed loopback port), so nothing else competes for the GUI thread.

What counts as a stall, and why these numbers:

* **A stall is anything that keeps the GUI thread over 50 ms**: a scroll frame, a lookup
  keystroke, selecting a dossier, or a gap in the event loop while the list (re)loads. 50 ms
  is the W3C Long Tasks threshold: a task that long, plus an input arriving during it, still
  answers within RAIL's 100 ms "instant" limit; longer, a scroll visibly hitches and typing
  lags. The budget is *no* stall.
* **p99 scroll frame ≤ 16.7 ms**, one frame at 60 Hz, the strict end of the usual 16–33 ms
  range: office PCs are slower than a developer's, so a figure met here only at 30 Hz would
  not be met there at all.
* **The first page ≤ 1 s** (RAIL's limit for a view to load): services handed to the window
  (or ``refresh_list``, as after every sync) to the first rows painted.

A scroll frame is one Page Down of the scroll bar, top to bottom (the model fetches the next
batch when the bar reaches its end), with the events it posts processed — the layout and the
paint Qt posts; the viewport's paint events are counted to make sure every frame painted.
Frames and keystrokes are timed in the GUI thread's own CPU time: nothing else runs in the app
meanwhile, so it is the frame's whole cost, and another process taking the core (a test run on
a shared machine) does not count as the app's stall; their wall times are printed beside. What
involves waiting is timed on the wall clock: the first page, selecting a dossier (a SQLite
read), and the event loop's gaps while loading — a timer ticking every 5 ms, since the worker
that reads the list shares the GIL, and its garbage collections, with the GUI thread.

Each pass loads the list (the first through ``set_services``, the next two through
``refresh_list``), scrolls it to the bottom, types a name without diacritics and then an
official code into the lookup box (each keystroke filters all 10,000 rows and repaints) and
selects the one dossier found. Each figure is the median of three passes. Peak RSS is the child's ``ru_maxrss`` at the end of all three.
The officer's worklists are measured the same way in a second child process: a copy of
10,000 dossiers in "Chờ tiếp nhận" (the worklist cache, as the desk keeps it), an officer
signed in, the portal unreachable (the page reads the copy, as at an office whose network is
down): peak RSS, the first rows painted from the moment the officer's tab is built, the
longest gap of the event loop while it loads, every scroll frame to the bottom and every
keystroke of a name typed without diacritics into its search box.
Run: ``python -m benchmarks gui_list``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from benchmarks.common import report

ROOT = Path(__file__).resolve().parents[1]
DOSSIERS = 10_000
STALL_MS = 50.0
P99_MS = 1000 / 60
FIRST_PAGE_MS = 1000.0
RSS_MB = 250.0
PASSES = 3
# Nothing listens here: the services never start the embedded portal, and no sync runs.
SERVER = "http://127.0.0.1:9"

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tôn Nữ", "Lò", "Hà", "Đinh")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hoài", "Thị Mỹ",
          "Phước Bửu", "Xuân", "Công")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
         "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngân", "Oanh", "Phúc",
         "Phương Thảo", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Tiến", "Trang",
         "Trung", "Tuấn", "Uyên", "Việt", "Xuân", "Yến", "Ánh Nguyệt", "Đạt")
STATUS_TEXT = {1: "Mới đăng ký", 2: "Được tiếp nhận", 3: "Không được tiếp nhận", 4: "Đang xử lý",
               5: "Yêu cầu bổ sung giấy tờ", 6: "Yêu cầu thực hiện nghĩa vụ tài chính",
               7: "Công dân yêu cầu rút hồ sơ", 9: "Đã xử lý xong", 10: "Đã trả kết quả"}
# The lookup target: the oldest dossier (the last row of the list), with a name of its own.
TARGET_NAME = "Hoàng Thị Ngọc Ánh"
TARGET_TYPED = "hoang thi ngoc anh"


def seed(data_dir: Path, n: int = DOSSIERS, seed: int = 11) -> dict[str, Any]:
    """A data folder as the app opens it, holding ``n`` dossiers in the states a busy commune
    office has after two years: mostly sent, some waiting, a few needing attention.

    Rows go in with bulk INSERTs through the app's models (enqueue is benchmarked elsewhere).
    Returns the lookup target's id, reference and official code, and ``n``.
    """
    from sqlalchemy import insert

    from app.config import resolve
    from app.models import Attachment, Dossier, OutboxItem, StatusEvent
    from app.models.db import open_database
    from app.services.queue import new_local_ref
    from dvc_core.catalog import default_catalog
    from dvc_core.catalog.search import dossier_search_text

    rng = random.Random(seed)
    config = resolve(data_dir, SERVER, "desk", "vi")
    config.data_dir.mkdir(parents=True, exist_ok=True)
    engine, sessions = open_database(config.database_path)
    procedures = [p for p in default_catalog() if p.example]
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    refs: set[str] = set()
    dossiers, attachments, outbox, events = [], [], [], []
    target: dict[str, Any] = {}
    daily: dict[str, int] = {}
    for i in range(n):
        procedure = rng.choice(procedures)
        example = procedure.example
        created = now - dt.timedelta(minutes=(n - i) * 100 + rng.randrange(60))
        ref = new_local_ref()
        while ref in refs:
            ref = new_local_ref()
        refs.add(ref)
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if i == 0:  # the oldest: last in the list, newest first
            name = TARGET_NAME
        roll = rng.random()
        state, code, status, due, error = "submitted", None, None, None, None
        if i == 0 or roll < 0.80:
            day = created.strftime("%y%m%d")
            daily[day] = daily.get(day, 0) + 1
            code = f"000.00.{rng.randrange(10, 40)}.H56-{day}-{daily[day]:04d}"
            status = rng.choice((1, 2, 4, 4, 5, 6, 7, 9, 9, 9, 10, 10, 10, 3))
            due = created + dt.timedelta(days=rng.choice((1, 3, 5, 15)))
        elif roll < 0.92:
            state = "queued"
        elif roll < 0.97:
            state = "needs_action"
            error = "Không kết nối được tới cổng dịch vụ công. Sẽ thử lại khi có mạng."
        elif created > now - dt.timedelta(days=20):  # older drafts are purged at start-up
            state = "draft"
        else:
            state = "queued"
        dossier_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        applicant = dict(example["applicant"], full_name=name,
                         id_number=f"0{rng.randrange(10**10, 10**11)}")
        dossiers.append({
            "id": dossier_id, "local_ref": ref, "procedure_code": procedure.code,
            "schema_version": procedure.schema_version, "applicant": applicant,
            "fields": example["fields"], "state": state,
            "search_text": dossier_search_text(applicant, example["fields"]),
            "mode": "desk", "code": code,
            "status": status, "status_text": STATUS_TEXT.get(status) if status else None,
            "status_note": "Thiếu văn bản ủy quyền có chứng thực" if status == 5 else None,
            "portal_version": 1 + (status or 0) // 3 if status else None,
            "received_at": created if status else None, "due_at": due, "last_error": error,
            "created_at": created, "updated_at": created + dt.timedelta(hours=2),
            "synced_at": created + dt.timedelta(hours=2) if status else None,
        })
        for component in list(procedure.components)[:3]:
            attachments.append({
                "dossier_id": dossier_id, "component": component.id,
                "sha256": f"{rng.getrandbits(256):064x}", "size": rng.randrange(40_000, 900_000),
                "filename": f"{component.id}.pdf", "media_type": "application/pdf"})
        if status:
            for seq, step in enumerate(sorted({1, status})):
                events.append({"dossier_id": dossier_id, "status": step,
                               "status_text": STATUS_TEXT[step], "note": None,
                               "at": created + dt.timedelta(hours=seq + 1), "seq": None})
        if state in ("queued", "needs_action"):
            outbox.append({"dossier_id": dossier_id, "op": "submit",
                           "state": "pending" if state == "queued" else "attention",
                           "attempts": 0 if state == "queued" else 8,
                           "next_attempt_at": created, "created_at": created,
                           "updated_at": created})
        if i == 0:
            target = {"id": dossier_id, "local_ref": ref, "code": code or "", "count": n}
    with sessions.begin() as session:
        for model, rows in ((Dossier, dossiers), (Attachment, attachments),
                            (StatusEvent, events), (OutboxItem, outbox)):
            if rows:
                session.execute(insert(model), rows)
    engine.dispose()
    return target


def _peak_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)]


def _median(samples: list[float]) -> float:
    return sorted(samples)[len(samples) // 2]


def screen(data_dir: Path, target: dict[str, Any], passes: int = PASSES) -> dict[str, Any]:
    """In the child process: the queue screen as the app builds it, measured ``passes`` times.

    Each pass loads the list (the first when the services are handed over, the others through
    ``refresh_list`` as after every sync), scrolls it to the bottom, types the two lookups and
    selects the dossier found.
    """
    import time

    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QAbstractSlider, QApplication

    from app.application import install_translator
    from app.config import resolve
    from app.services.context import Services
    from app.views.common.theme import apply_theme
    from app.views.shell.main_window import MainWindow
    from dvc_core.catalog import default_catalog

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    config = resolve(data_dir, SERVER, "desk", "vi")
    qt_app = QApplication(sys.argv[:1])
    apply_theme(qt_app)
    install_translator(qt_app, config.lang, config.data_dir / "i18n")
    window = MainWindow(default_catalog(), mode=config.policy, lang=config.lang)
    window.show()
    qt_app.processEvents()
    window.on_show_list()  # the person opens "Dossiers on this computer" (still empty)
    qt_app.processEvents()
    services = Services(config)  # built on a loader thread in the app; not timed
    view, model = window.list_view, window.model
    table = view.table
    paints = PaintCounter()
    table.viewport().installEventFilter(paints)
    bar = table.verticalScrollBar()

    def load(start_loading) -> tuple[float, float]:
        """Wall ms to the first page painted, and the longest gap of the GUI event loop."""
        loop = QEventLoop()
        ticks: list[float] = []
        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
        painted: list[float] = []

        def on_reset() -> None:
            if model.total() == target["count"]:
                table.viewport().repaint()
                painted.append(time.perf_counter())
                loop.quit()

        model.modelReset.connect(on_reset)
        QTimer.singleShot(120_000, loop.quit)
        start = time.perf_counter()
        ticker.start()
        start_loading()
        ticks.append(time.perf_counter())
        loop.exec()
        ticker.stop()
        model.modelReset.disconnect(on_reset)
        if not painted:
            raise RuntimeError(f"the list did not load: {model.total()} of {target['count']}")
        gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]
        return (painted[0] - start) * 1000, max(gaps, default=0.0)

    def scroll() -> tuple[list[float], list[float]]:
        """Page Down on the scroll bar to the bottom: wall and GUI-thread CPU ms per frame."""
        walls, cpus = [], []
        painted = paints.count
        while True:
            before = bar.value()
            wall, cpu = time.perf_counter(), time.thread_time()
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
            qt_app.processEvents()  # layout, fetchMore, and the paint Qt posted
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.thread_time() - cpu) * 1000)
            if bar.value() == before and not model.canFetchMore():
                break
        if model.rowCount() != target["count"]:
            raise RuntimeError(f"scrolling stopped at row {model.rowCount()} of {target['count']}")
        if paints.count - painted < len(walls) - 1:
            raise RuntimeError("frames were not painted: the figures would be wrong")
        return walls, cpus

    def lookups() -> tuple[list[float], list[float]]:
        """Each keystroke of a name typed without diacritics, then of an official code."""
        walls, cpus = [], []
        for text, found in ((TARGET_TYPED, target["id"]), (target["code"], target["id"])):
            view.lookup.clear()
            qt_app.processEvents()
            for end in range(1, len(text) + 1):
                wall, cpu = time.perf_counter(), time.thread_time()
                view.lookup.setText(text[:end])
                qt_app.processEvents()
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.thread_time() - cpu) * 1000)
            if model.total() != 1 or model.row_at(0).id != found:
                raise RuntimeError(f"the lookup {text!r} did not find the dossier alone")
        return walls, cpus

    def select() -> float:
        """Select the dossier found: its details read (on a worker), shown and painted."""
        table.clearSelection()
        view.details.show_dossier(None)
        qt_app.processEvents()
        start = time.perf_counter()
        table.selectRow(0)
        deadline = start + 10
        while target["local_ref"] not in view.details.title.text():
            if time.perf_counter() > deadline:
                raise RuntimeError("the details pane does not show the dossier selected")
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        view.details.repaint()
        elapsed = (time.perf_counter() - start) * 1000
        view.lookup.clear()
        qt_app.processEvents()
        return elapsed

    def start_app() -> None:
        # What the app does once its services are built (app.application.on_services_ready).
        from app.application import freeze_long_lived_objects

        window.set_services(services)
        freeze_long_lived_objects()

    figures: dict[str, list[float]] = {}
    frames = 0
    for n in range(passes):
        first_page, stall = load(start_app if n == 0 else window.refresh_list)
        qt_app.processEvents()
        walls, cpus = scroll()
        key_walls, key_cpus = lookups()
        selected = select()
        frames = len(walls)
        for key, value in (("first_page_ms", first_page), ("load_stall_ms", stall),
                           ("frame_max_ms", max(cpus)), ("frame_p99_ms", _p99(cpus)),
                           ("frame_wall_max_ms", max(walls)), ("frame_wall_p99_ms", _p99(walls)),
                           ("frame_wall_median_ms", _median(walls)),
                           ("keystroke_max_ms", max(key_cpus)),
                           ("keystroke_wall_max_ms", max(key_walls)), ("select_ms", selected)):
            figures.setdefault(key, []).append(value)
    window.close()
    services.close()
    return {"rss_mb": _peak_rss_mb(), "frames": frames, "passes": passes,
            **{key: _median(values) for key, values in figures.items()}}


WORKLIST_QUEUE = "cho_tiep_nhan"
WORKLIST_TYPED = "dang thuy duong"
WORKLIST_NAME = "Đặng Thùy Dương"


def seed_worklist(data_dir: Path, n: int = DOSSIERS, seed: int = 13) -> dict[str, Any]:
    """A data folder whose worklist copy holds ``n`` dossiers waiting to be received (every
    100th for ``WORKLIST_NAME``), the counts of the nine worklists and the portal's calendar."""
    from sqlalchemy import insert

    from app.config import resolve
    from app.models import WorklistCalendar, WorklistItem, WorklistQueue
    from app.models.db import open_database
    from app.services.worklist import WorkItem
    from dvc_core.lifecycle import WORKLISTS
    from portal.scheduling import load_calendar

    rng = random.Random(seed)
    config = resolve(data_dir, SERVER, "desk", "vi")
    config.data_dir.mkdir(parents=True, exist_ok=True)
    engine, sessions = open_database(config.database_path)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rows = []
    for i in range(n):
        name = WORKLIST_NAME if i % 100 == 0 else (
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
        received = now - dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 20))
        item = WorkItem.make(
            uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            code=f"000.99.99.H56-{received:%y%m%d}-{i % 10_000:04d}", status=1, version=2,
            due_at=received + dt.timedelta(days=rng.choice((0, 1, 3, 5, 15))),
            received_at=received, updated_at=received, applicant_name=name,
            applicant_id_number=f"0{rng.randrange(10**10, 10**11)}",
            procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
            channel=rng.choice((1, 2, 2, 2)),
            search_key=f"{name} nguyen minh khang nguyen van binh")
        rows.append({"server": config.server_key, "queue": WORKLIST_QUEUE, "position": i,
                     "uuid": item.uuid, "code": item.code, "status": item.status,
                     "version": item.version, "due_at": item.due_at,
                     "received_at": item.received_at, "updated_at": item.updated_at,
                     "applicant_name": item.applicant_name,
                     "applicant_id_number": item.applicant_id_number,
                     "procedure_code": item.procedure_code,
                     "procedure_name": item.procedure_name, "channel": item.channel,
                     "search_key": item.search_key})
    with sessions.begin() as session:
        session.execute(insert(WorklistItem), rows)
        session.execute(insert(WorklistQueue), [
            {"server": config.server_key, "queue": name, "label": w.label,
             "count": n if name == WORKLIST_QUEUE else 0, "fetched_at": now,
             "items_at": now if name == WORKLIST_QUEUE else None}
            for name, w in WORKLISTS.items()])
        session.execute(insert(WorklistCalendar), [
            {"server": config.server_key, "data": load_calendar().to_json(), "fetched_at": now}])
    engine.dispose()
    return {"count": n, "named": len(range(0, n, 100))}


def worklist_screen(data_dir: Path, target: dict[str, Any]) -> dict[str, Any]:
    """In the child process: the officer's worklists page over the copy, measured once."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QAbstractSlider, QApplication

    from app.application import freeze_long_lived_objects, install_translator
    from app.config import resolve
    from app.services.auth import Session
    from app.services.context import Services
    from app.views.common.theme import apply_theme
    from app.views.shell.main_window import MainWindow
    from dvc_core.catalog import default_catalog

    config = resolve(data_dir, SERVER, "desk", "vi")
    qt_app = QApplication(sys.argv[:1])
    apply_theme(qt_app)
    install_translator(qt_app, config.lang, config.data_dir / "i18n")
    window = MainWindow(default_catalog(), mode=config.policy, lang=config.lang)
    window.resize(1366, 768)
    window.show()
    qt_app.processEvents()
    services = Services(config)
    window.set_services(services)
    freeze_long_lived_objects()
    qt_app.processEvents()
    services.tokens.set(Session(token="bench", role="officer", username="canbo.thuchanh",
                                display_name="Cán bộ"))

    loop = QEventLoop()
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    painted: list[float] = []

    def check() -> None:
        view = window.worklist_view
        if view is not None and view.model.total() == target["count"] and not painted:
            window.on_show_worklist()
            view.table.viewport().repaint()
            painted.append(time.perf_counter())
            QTimer.singleShot(300, loop.quit)  # and the portal's refusal that follows

    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(check)
    QTimer.singleShot(120_000, loop.quit)
    start = time.perf_counter()
    ticker.start()
    poll.start()
    window._update_officer()  # an officer is signed in: the tab is built and reads the copy
    ticks.append(time.perf_counter())
    loop.exec()
    ticker.stop()
    poll.stop()
    view = window.worklist_view
    if not painted or view is None:
        raise RuntimeError("the worklist did not load")
    first_rows = (painted[0] - start) * 1000
    stall = max(((b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)), default=0.0)
    model, table = view.model, view.table
    bar = table.verticalScrollBar()
    frames: list[float] = []
    while True:
        before = bar.value()
        cpu = time.thread_time()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        qt_app.processEvents()
        frames.append((time.thread_time() - cpu) * 1000)
        if bar.value() == before and not model.canFetchMore():
            break
    if model.rowCount() != target["count"]:
        raise RuntimeError(f"scrolling stopped at row {model.rowCount()}")
    keys: list[float] = []
    for end in range(1, len(WORKLIST_TYPED) + 1):
        cpu = time.thread_time()
        view.search.setText(WORKLIST_TYPED[:end])
        qt_app.processEvents()
        keys.append((time.thread_time() - cpu) * 1000)
    if model.total() != target["named"]:
        raise RuntimeError(f"the search found {model.total()}, not {target['named']}")
    window.close()
    services.close()
    return {"rss_mb": _peak_rss_mb(), "first_rows_ms": first_rows, "load_stall_ms": stall,
            "frames": len(frames), "frame_max_ms": max(frames), "frame_p99_ms": _p99(frames),
            "keystroke_max_ms": max(keys)}


def _run_worklist(env: dict[str, str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        target = seed_worklist(data_dir)
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.gui_list", "worklist", str(data_dir),
             json.dumps(target)], env=env, cwd=ROOT, timeout=900, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"the worklist screen failed:\n{done.stderr[-4000:]}")
    f = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"(worklist: one pass of {f['frames']} frames)", flush=True)
    return [
        report("Worklist, 10,000 dossiers: peak RSS", f["rss_mb"], None, "MB",
               f"≤ {RSS_MB:.0f} MB", f["rss_mb"] <= RSS_MB),
        report("Worklist: first rows shown", f["first_rows_ms"], None, "ms",
               f"≤ {FIRST_PAGE_MS:.0f} ms", f["first_rows_ms"] <= FIRST_PAGE_MS),
        report("Worklist: longest GUI stall while loading", f["load_stall_ms"], None, "ms",
               f"≤ {STALL_MS:.0f} ms", f["load_stall_ms"] <= STALL_MS),
        report("Worklist: scroll frame, worst (GUI CPU)", f["frame_max_ms"], None, "ms",
               f"≤ {STALL_MS:.0f} ms", f["frame_max_ms"] <= STALL_MS),
        report("Worklist: scroll frame, p99 (GUI CPU)", f["frame_p99_ms"], None, "ms",
               f"≤ {P99_MS:.1f} ms", f["frame_p99_ms"] <= P99_MS),
        report("Worklist: search keystroke, worst (GUI CPU)", f["keystroke_max_ms"], None,
               "ms", f"≤ {STALL_MS:.0f} ms", f["keystroke_max_ms"] <= STALL_MS),
    ]


def run() -> list[dict]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               # The benchmark never reads or writes the machine's real secret store.
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               DVC_NO_USER_SETTINGS="1")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        target = seed(data_dir)
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.gui_list", str(data_dir), json.dumps(target)],
            env=env, cwd=ROOT, timeout=900, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"the screen failed:\n{done.stderr[-4000:]}")
    f = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"(median of {f['passes']} passes of {f['frames']} frames; wall clock: frame median "
          f"{f['frame_wall_median_ms']:.1f} ms, p99 {f['frame_wall_p99_ms']:.1f} ms, worst "
          f"{f['frame_wall_max_ms']:.1f} ms, keystroke worst {f['keystroke_wall_max_ms']:.1f} ms "
          "— far above the CPU figures when another process had the core)", flush=True)
    return [
        report("GUI list, 10,000 dossiers: peak RSS", f["rss_mb"], None, "MB",
               f"≤ {RSS_MB:.0f} MB", f["rss_mb"] <= RSS_MB),
        report("GUI list: first page shown", f["first_page_ms"], None, "ms",
               f"≤ {FIRST_PAGE_MS:.0f} ms", f["first_page_ms"] <= FIRST_PAGE_MS),
        report("GUI list: longest GUI stall while loading", f["load_stall_ms"], None, "ms",
               f"≤ {STALL_MS:.0f} ms", f["load_stall_ms"] <= STALL_MS),
        report("GUI list: scroll frame, worst (GUI CPU)", f["frame_max_ms"], None, "ms",
               f"≤ {STALL_MS:.0f} ms", f["frame_max_ms"] <= STALL_MS),
        report("GUI list: scroll frame, p99 (GUI CPU)", f["frame_p99_ms"], None, "ms",
               f"≤ {P99_MS:.1f} ms", f["frame_p99_ms"] <= P99_MS),
        report("GUI list: lookup keystroke, worst (GUI CPU)", f["keystroke_max_ms"], None, "ms",
               f"≤ {STALL_MS:.0f} ms", f["keystroke_max_ms"] <= STALL_MS),
        report("GUI list: select a dossier → details", f["select_ms"], None, "ms",
               f"≤ {STALL_MS:.0f} ms", f["select_ms"] <= STALL_MS),
        *_run_worklist(env),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "worklist":
        print(json.dumps(worklist_screen(Path(sys.argv[2]), json.loads(sys.argv[3]))))
    else:
        print(json.dumps(screen(Path(sys.argv[1]), json.loads(sys.argv[2]))))
