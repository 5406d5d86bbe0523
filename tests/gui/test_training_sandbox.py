"""Training mode's sandbox against the real embedded sandbox portal (uvicorn on loopback, its
own folder): the simulated phone shows the OTP that completes a sign-up, the reset brings the
seeded state back with nothing else left (the portal's database and files, this computer's
database, drafts and files), the one-click switch between the demo citizen and officer, and
training refusing any other server."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy
from PySide6.QtWidgets import QLabel, QMessageBox

from tests.gui.test_accounts import fill_details
from tests.helpers.gui import type_text

ROOT = Path(__file__).resolve().parents[2]


def table_counts(url: str) -> dict[str, int]:
    engine = sqlalchemy.create_engine(url)
    try:
        names = sqlalchemy.inspect(engine).get_table_names()
        with engine.connect() as db:
            return {n: db.execute(sqlalchemy.text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one()
                    for n in names if n != "alembic_version"}
    finally:
        engine.dispose()


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def training_window(qtbot, tmp_path):
    from app.config import resolve
    from app.services.context import Services
    from app.views.shell.main_window import MainWindow
    from dvc_core.catalog import default_catalog

    config = resolve(tmp_path / "data", None, "training", "vi")
    services = Services(config)
    services.server_url()  # the embedded sandbox portal, in the data folder's own "portal"
    window = MainWindow(default_catalog(), mode="training")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.set_services(services)
    yield window, services
    window.training_dock.phone.stop()
    window.tasks.wait(10_000)
    services.close()


def portal_url(services) -> str:
    folder = services.config.embedded_portal_dir
    return f"sqlite:///{folder / 'portal.sqlite3'}"


def sign_up_to_otp(qtbot, window, phone: str):
    window.register_button.click()
    wizard = window.account_controller.wizard
    qtbot.waitUntil(wizard.isVisible)
    wizard.type_page.group.button(0).click()
    wizard.go_next()
    wizard.go_next()
    fill_details(wizard, id_number="038191777002", full_name="Trần Thị Thu",
                 birth_date="03/04/1991", sex="nu", phone=phone)
    wizard.go_next()
    wizard.address_page.detail.input.clear()
    type_text(wizard.address_page.detail.input, "Thôn Đông")
    wizard.go_next()  # sends the code, off the GUI thread
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.otp_page, timeout=15_000)
    return wizard


def test_the_phone_shows_the_otp_that_completes_the_sign_up(qtbot, training_window, tmp_path):
    window, services = training_window
    dock = window.training_dock
    assert dock.isVisible() and dock.windowTitle() == "Điện thoại mô phỏng"
    assert window.findChild(type(window.header), None) is not None
    wizard = sign_up_to_otp(qtbot, window, "0983777002")
    band = wizard.findChild(QLabel, "trainingBanner")
    assert band is not None and band.isVisible() and band.text() == "MÔI TRƯỜNG ĐÀO TẠO"
    assert "MÔI TRƯỜNG ĐÀO TẠO" in wizard.windowTitle()
    phone = dock.phone

    def sms_to_phone():
        return [b for b in phone.bubbles
                if b.message.channel == "sms" and b.message.to == "0983777002"]

    qtbot.waitUntil(lambda: bool(sms_to_phone()), timeout=15_000)
    bubble = sms_to_phone()[-1]
    assert "0983777002" in bubble.head.text() and "SMS" in bubble.head.text()
    code = re.search(r"\b(\d{6})\b", bubble.body.text()).group(1)
    qtbot.keyClicks(wizard.otp_page.box.edit, code)
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.password_page, timeout=15_000)
    window.grab().save(str(tmp_path / "phone.png"))
    assert (tmp_path / "phone.png").stat().st_size > 0
    wizard.close()


def test_reset_brings_the_seeded_state_back_and_nothing_else(qtbot, training_window,
                                                             monkeypatch):
    from app.services.drafts import DraftFile, DraftStore
    from portal.demo_dossiers import DEMO_DOSSIERS, demo_uuid

    window, services = training_window
    seeded = table_counts(portal_url(services))
    assert seeded["accounts"] == 4 and seeded["dossiers"] == 10
    # A workshop: a sign-up (accounts, OTP, messages on the portal) and a draft with a file here.
    wizard = sign_up_to_otp(qtbot, window, "0983777003")
    wizard.close()
    scan = services.config.data_dir / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    drafts = DraftStore(services.sessions, services.blobs, services.catalog)
    drafts.save("1.001193", {"applicant.full_name": "Trần Thị Thu"},
                [DraftFile("giay_chung_sinh", scan, "giay_chung_sinh.pdf")], mode="training")
    scan.unlink()
    (services.config.data_dir / "dashboard.json").write_text("{}", encoding="utf-8")
    assert table_counts(portal_url(services)) != seeded
    assert drafts.list() and files_under(services.config.blob_dir)

    # The confirmation comes first; Cancel changes nothing.
    dock = window.training_dock
    dock.reset_button.click()
    box = dock.confirm
    assert box is not None and box.isVisible()
    assert "MÔI TRƯỜNG ĐÀO TẠO" in box.windowTitle()  # every window is marked, dialogs too
    assert "không thể hoàn tác" in box.text().lower()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: dock.confirm is None)
    assert drafts.list()

    dock.reset_button.click()
    box = dock.confirm
    with qtbot.waitSignal(dock.reset_done, timeout=60_000) as done:
        box.button(QMessageBox.StandardButton.Yes).click()
    report = done.args[0]
    assert report.portal_rows > 0 and report.local_rows > 0
    # The seeded rows, and the one session of the demo officer the app signed in again with.
    after = table_counts(portal_url(services))
    assert after == {**seeded, "session_tokens": seeded["session_tokens"] + 1}
    assert drafts.list() == []
    local_url = f"sqlite:///{services.config.database_path}"
    local = table_counts(local_url)
    # Nothing of the workshop on this computer; the officer's worklists, read again from the
    # reseeded portal as soon as the demo officer is back, hold only the seeded dossiers.
    assert {k: v for k, v in local.items() if v and not k.startswith("worklist_")} == {}
    engine = sqlalchemy.create_engine(local_url)
    with engine.connect() as db:
        listed = set(db.execute(sqlalchemy.text("SELECT uuid FROM worklist_items")).scalars())
    engine.dispose()
    assert listed <= {demo_uuid(child) for child, _, _ in DEMO_DOSSIERS}
    assert files_under(services.config.blob_dir) == []
    figures = services.config.data_dir / "dashboard.json"  # the workshop's copy went; a
    assert not figures.exists() or figures.read_text(encoding="utf-8") != "{}"  # fresh one may come
    # Signed in again as the mode's demo account, the phone empty and listening.
    assert services.tokens.current() is not None
    assert services.tokens.current().role == "officer"
    assert dock.phone.bubbles == [] and dock.phone.timer.isActive()
    # The officer's worklists show the seeded dossiers again.
    queues = window.worklist_view.queues
    qtbot.waitUntil(lambda: queues.count("cho_bo_sung") == 1, timeout=20_000)


def test_the_sandbox_starts_with_a_demo_dossier_in_every_status(training_window):
    from dvc_core.lifecycle import STATUS_TEXT

    _window, services = training_window
    engine = sqlalchemy.create_engine(portal_url(services))
    with engine.connect() as db:
        rows = db.execute(sqlalchemy.text("SELECT id, code, status FROM dossiers")).all()
        events = dict(db.execute(sqlalchemy.text(
            "SELECT dossier_id, COUNT(*) FROM dossier_events GROUP BY dossier_id")).all())
        changes = db.execute(sqlalchemy.text("SELECT COUNT(*) FROM changes")).scalar_one()
        sms = db.execute(sqlalchemy.text(
            "SELECT body FROM messages WHERE channel = 'sms'")).scalars().all()
    engine.dispose()
    assert sorted(r.status for r in rows) == sorted(STATUS_TEXT) == list(range(1, 11))
    # Filed and moved on through the workflow: a code, a history line per step, the feed.
    assert all(r.code and r.code.startswith("000.99.99.H56-") for r in rows)
    assert all(events[r.id] >= 1 for r in rows) and sum(events.values()) == changes
    assert any("bổ sung" in body.lower() or "bo sung" in body.lower() for body in sms)
    # The demo citizen sees them all: the list of her dossiers on the portal.
    services.training.sign_in_as("citizen")
    mine = services.client.json("GET", "/dossiers")
    assert len(mine["dossiers"]) == 10


def test_one_click_switch_between_the_demo_citizen_and_officer(qtbot, training_window):
    window, services = training_window
    dock = window.training_dock
    with qtbot.waitSignal(dock.signed_in, timeout=15_000):
        dock.citizen_button.click()
    assert services.tokens.current().role == "citizen"
    assert "Lê Thị Hoa" in window.officer_label.text()
    assert window.worklist_view is None  # a citizen never sees the commune's worklists
    assert window.tabs.currentWidget() is window.list_view
    with qtbot.waitSignal(dock.signed_in, timeout=15_000):
        dock.officer_button.click()
    assert services.tokens.current().role == "officer"
    assert "Nguyễn Văn Cán Bộ" in window.officer_label.text()
    # The officer's side: the worklists, with the seeded dossiers in them.
    assert window.tabs.currentWidget() is window.worklist_view
    queues = window.worklist_view.queues
    qtbot.waitUntil(lambda: queues.count("cho_bo_sung") == 1, timeout=20_000)
    assert [queues.count(q) for q in ("cho_tiep_nhan", "moi_tiep_nhan", "dang_xu_ly",
                                      "cho_thu_phi", "cho_tra_ket_qua", "da_tra")] == [1] * 6


@pytest.mark.parametrize("how", ["option", "environment"])
@pytest.mark.parametrize("program", [["app.application"], ["app.cli", "queue", "list"]])
def test_training_refuses_any_other_server(tmp_path, how, program):
    command = [sys.executable, "-m", *program, "--mode", "training", "--data-dir", str(tmp_path)]
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    if how == "option":
        command += ["--server", "https://dichvucong.gov.vn"]
    else:
        env["DVC_SERVER"] = "https://dichvucong.gov.vn"
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "máy chủ thử nghiệm nhúng" in done.stderr, done.stderr
    assert not (tmp_path / "portal").exists()  # nothing was started
