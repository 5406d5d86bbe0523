"""A citizen's whole visit at the kiosk, through the real embedded portal: the start screen,
consent, the CCCD's QR code, one question a page, a scan from the scanner's folder, the
official code on screen as soon as the portal gives it and on the printed slip — then the
next person starts from the start screen with nothing of the first. And a visit left in the
middle: the countdown, then not a widget text, clipboard, file or database byte of it."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtWidgets import QApplication

from tests.helpers.gui import scan
from tests.helpers.kiosk import (
    VISITOR_QR,
    answer_questions,
    answers,
    choose_birth_registration,
    shown_texts,
    unlock,
)
from tests.helpers.residue import residue

pytest.importorskip("portal.server")

CODE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}")
VISITOR = ["Lê Thị Hoa", "038195012345", "0912345678", "Nguyễn Minh Khang"]


@pytest.fixture
def kiosk(qapp, qtbot, tmp_path, memory_keyring):
    from app.application import Application
    from app.config import resolve, save_settings

    data = tmp_path / "data"
    save_settings(data, {"kiosk_idle_seconds": 600})
    app = Application(qapp, resolve(data, None, "kiosk", "vi"), quit_after_first_paint=False)
    qtbot.addWidget(app.window, before_close_func=unlock)
    app.show()
    qtbot.waitUntil(lambda: app.services is not None, timeout=20_000)
    yield app
    app.window._unlocked = True
    app.on_about_to_quit()


def _scanned(folder, name: str):
    """What the scanner leaves in its output folder (a small real PNG)."""
    from PySide6.QtGui import QColor, QImage

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    image = QImage(120, 170, QImage.Format.Format_RGB32)
    image.fill(QColor("#f0f0f0"))
    assert image.save(str(path), "PNG")
    return path


def _kiosk_residue(kiosk) -> list[tuple[str, str]]:
    """The visitor's texts in the kiosk's own files (the embedded portal, the server side that
    keeps the dossier, lives in ``portal/`` of the same folder)."""
    return [hit for hit in residue(kiosk.config.data_dir, VISITOR)
            if not hit[0].startswith("portal/")]


def test_a_whole_visit_ends_with_the_official_code_on_screen_and_on_the_slip(kiosk, qtbot,
                                                                             tmp_path):
    from app.views.kiosk.slip import print_slip, roll_printer

    window = kiosk.window
    slip_pdf = tmp_path / "slip.pdf"
    window._printer = lambda slip: print_slip(slip, roll_printer(slip_pdf))
    wizard = window.wizard
    window.start.file_button.click()
    assert window.stack.currentWidget() is wizard
    assert wizard.caption() == "Bước 2/5: Chọn thủ tục"
    choose_birth_registration(wizard)
    assert wizard.current_page() is wizard.consent_page  # before any personal data
    assert wizard.next_button.text() == "Tôi đồng ý, tiếp tục"
    wizard.go_next()
    assert wizard.consent_page.accepted
    assert wizard.current_page().page_id == "identity:applicant"
    scan(window, VISITOR_QR)  # the USB scanner types the payload and Enter
    wizard.go_next()
    name_page = wizard.current_page()
    assert name_page.page_id == "question:applicant.full_name"
    assert name_page.rows["applicant.full_name"].value() == "Lê Thị Hoa"  # from the QR code
    assert "Người nộp hồ sơ, câu 2/" in wizard.caption()
    answer_questions(wizard, answers())
    # Documents come from the scanner's folder only: a list of its files, no file dialog.
    _scanned(window.settings.scan_folder, "giay-chung-sinh.png")
    page = wizard.attachments_page
    page.rows["giay_chung_sinh"].choose.click()
    grid = page.documents.grid
    assert [grid.item(i).text() for i in range(grid.count())] == ["giay-chung-sinh.png"]
    grid.itemClicked.emit(grid.item(0))  # a touch on its thumbnail
    qtbot.waitUntil(lambda: "giay_chung_sinh" in wizard.draft.files, timeout=10_000)
    wizard.go_next()
    assert wizard.current_page() is wizard.review_page
    with qtbot.waitSignal(window.code_shown, timeout=60_000) as shown:
        wizard.go_next()  # send
        qtbot.waitUntil(lambda: wizard.current_page() is wizard.confirmation_page,
                        timeout=20_000)
    code = shown.args[0]
    assert CODE.fullmatch(code)
    done = wizard.confirmation_page
    assert code in done.big_code.text() and not done.provisional.isVisible()
    assert wizard.caption() == "Bước 5/5: Nhận mã hồ sơ"
    # Purged here once the portal has it; the kiosk still shows the code and status.
    dossier_id = wizard.draft.dossier_id
    assert kiosk.services.queue.get(dossier_id) is None
    # The consent went with the dossier (which notice, when), on its history at the portal.
    import json
    import sqlite3

    portal_db = sqlite3.connect(f"file:{kiosk.config.data_dir / 'portal' / 'portal.sqlite3'}"
                                "?mode=ro", uri=True)
    try:
        rows = portal_db.execute("SELECT role, detail FROM dossier_events WHERE dossier_id = ? "
                                 "AND action = 'consent'", (dossier_id,)).fetchall()
    finally:
        portal_db.close()
    assert len(rows) == 1 and rows[0][0] == "kiosk"
    consent = json.loads(rows[0][1])["consent"]
    assert consent["notice"] == "kiosk-consent-1" and consent["accepted_at"].endswith("+07:00")
    assert not any(v in rows[0][1] for v in VISITOR)
    with qtbot.waitSignal(window.visit_ended, timeout=10_000) as ended:
        done.print_button.click()
    assert ended.args == ["slip"]
    text = subprocess.run(["pdftotext", "-layout", str(slip_pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert code in text and "Đăng ký khai sinh" in text and "tạm thời" not in text
    assert "Thời hạn" in text and "Lệ phí" in text and "Nhận kết quả" in text
    assert "Trung tâm Phục vụ hành chính công" in text
    assert not any(v in text for v in VISITOR)  # the slip names nobody
    # The next person starts from the start screen with nothing of the first.
    assert window.stack.currentWidget() is window.start
    qtbot.waitUntil(lambda: not any(v in t for t in shown_texts(window) for v in VISITOR))
    assert _kiosk_residue(kiosk) == []


def test_a_visit_left_in_the_middle_times_out_and_leaves_nothing(kiosk, qtbot):
    window = kiosk.window
    window.idle.idle_seconds, window.idle.warning_seconds = 1, 2  # short, for the test
    wizard = window.wizard
    window.start.file_button.click()
    choose_birth_registration(wizard)
    wizard.go_next()  # consent
    scan(window, VISITOR_QR)
    answer_questions(wizard, answers(), stop_at="question:child.birth_date")
    assert wizard.session.answers["applicant.full_name"] == "Lê Thị Hoa"
    page = wizard.current_page()
    page.rows["child.birth_date"].focus_widget().setFocus()
    QApplication.clipboard().setText("Nguyễn Minh Khang 038195012345")
    scan_file = _scanned(window.settings.scan_folder, "CCCD Lê Thị Hoa.png")
    window.idle.poke()
    with qtbot.waitSignal(window.idle.warning, timeout=10_000):
        pass
    assert window.countdown.isVisible() and window.countdown.more_button.isVisible()
    assert window.countdown.more_button.text() == "Tôi cần thêm thời gian"
    with qtbot.waitSignal(window.visit_ended, timeout=10_000) as ended:
        pass
    assert ended.args == ["timeout"]
    assert window.stack.currentWidget() is window.start and not window.countdown.isVisible()
    assert wizard.session.answers == {} and wizard.draft.procedure is None
    assert QApplication.clipboard().text() == ""
    assert window.speech.spoken == []
    assert not scan_file.exists()
    qtbot.waitUntil(lambda: not any(v in t for t in shown_texts(window) for v in VISITOR))
    assert _kiosk_residue(kiosk) == []  # the database is open meanwhile


def test_more_time_keeps_the_visit(kiosk, qtbot):
    window = kiosk.window
    window.idle.idle_seconds, window.idle.warning_seconds = 1, 30
    window.start.lookup_button.click()
    window.lookup.code.setText("000.99.99.H56-260105-0001")
    with qtbot.waitSignal(window.idle.warning, timeout=10_000):
        pass
    with qtbot.waitSignal(window.idle.resumed, timeout=5_000):
        window.countdown.more_button.click()
    assert not window.countdown.isVisible()
    assert window.stack.currentWidget() is window.lookup
    assert window.lookup.code.text() == "000.99.99.H56-260105-0001"
    window.idle.stop()


def test_the_lookup_asks_the_portal_and_says_plainly_when_nothing_matches(kiosk, qtbot):
    window = kiosk.window
    window.start.lookup_button.click()
    window.lookup.search_button.click()
    assert "Mã hồ sơ và Số căn cước: chưa nhập." in window.lookup.error.text()
    window.lookup.code.setText("000.99.99.H56-260105-9999")
    window.lookup.id_number.setText("038195012345")
    window.lookup.search_button.click()
    qtbot.waitUntil(lambda: window.lookup.error.isVisible(), timeout=20_000)
    assert "Không tìm thấy hồ sơ" in window.lookup.error.text()


@pytest.fixture
def offline_kiosk(qtbot, services, tmp_path):
    """The kiosk's window on real services whose portal cannot be reached."""
    from app.modes import KIOSK
    from app.services.kiosk import ExitPin, KioskSettings
    from app.views.kiosk.window import KioskWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    data = services.config.data_dir
    win = KioskWindow(default_catalog(), policy=KIOSK, exit_pin=ExitPin(data),
                      settings=KioskSettings(scan_folder=data / "scans"),
                      tasks=ImmediateTaskRunner(), visit_root=tmp_path / "visit")
    qtbot.addWidget(win, before_close_func=unlock)
    win.resize(1366, 768)
    win.show()
    win.set_services(services)
    yield win
    win._unlocked = True
    win.close()


def test_offline_the_slip_carries_the_temporary_reference_and_the_page_is_read_aloud(
        offline_kiosk, qtbot, services, tmp_path):
    from app.views.kiosk.slip import print_slip, roll_printer

    window = offline_kiosk
    slip_pdf = tmp_path / "slip.pdf"
    window._printer = lambda slip: print_slip(slip, roll_printer(slip_pdf))
    wizard = window.wizard
    window.start.file_button.click()
    choose_birth_registration(wizard)
    wizard.go_next()  # consent
    wizard.go_next()  # no card: typed
    wizard.go_next()  # the name left empty: its error, read aloud with the question
    window.read_aloud()
    spoken = window.speech.spoken[-1]
    assert spoken.startswith("Bước 3/5: Trả lời câu hỏi — Người nộp hồ sơ, câu 2/")
    assert "Họ, chữ đệm, tên người làm giấy tờ" in spoken  # plain words: not "người yêu cầu"
    assert "chưa nhập" in spoken
    answer_questions(wizard, answers())
    _scanned(window.settings.scan_folder, "giay-chung-sinh.png")
    page = wizard.attachments_page
    page.rows["giay_chung_sinh"].choose.click()
    page.documents.choose(window.settings.scan_folder / "giay-chung-sinh.png")
    qtbot.waitUntil(lambda: "giay_chung_sinh" in wizard.draft.files, timeout=10_000)
    wizard.go_next()
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.confirmation_page, timeout=20_000)
    done = wizard.confirmation_page
    local_ref = wizard.draft.local_ref
    assert done.provisional.isVisible() and local_ref in done.big_code.text()
    dossier_id = wizard.draft.dossier_id
    with qtbot.waitSignal(window.visit_ended, timeout=10_000):
        done.print_button.click()
    text = " ".join(subprocess.run(["pdftotext", str(slip_pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert local_ref in text and "tạm thời – chờ gửi" in text
    # Kept until the portal has it, never shown: the next person sees the start screen only.
    assert services.queue.get(dossier_id) is not None
    assert window.stack.currentWidget() is window.start
    qtbot.waitUntil(lambda: not any(local_ref in t for t in shown_texts(window)))


def test_not_agreeing_ends_the_visit_before_anything_personal_is_asked(offline_kiosk, qtbot):
    window = offline_kiosk
    wizard = window.wizard
    window.start.file_button.click()
    choose_birth_registration(wizard)
    assert wizard.current_page() is wizard.consent_page
    assert not any(p.page_id.startswith(("identity", "question"))
                   for p in wizard.pages[:wizard.index + 1])
    with qtbot.waitSignal(window.visit_ended, timeout=5_000) as ended:
        wizard.consent_page.decline_button.click()
    assert ended.args == ["declined"]
    assert window.stack.currentWidget() is window.start
    assert wizard.draft.consent is None and wizard.draft.procedure is None


def test_the_code_shows_whichever_comes_first_the_queue_or_the_sync(offline_kiosk, qtbot,
                                                                   monkeypatch):
    """A sync pass may send the dossier and report its code before the queue's answer has
    reached the window: the code is still shown, and only for this visit's dossier."""
    from app.services.sync_report import Sent, SyncReport

    window = offline_kiosk
    wizard = window.wizard
    window.start.file_button.click()
    choose_birth_registration(wizard)
    wizard.go_next()
    wizard.go_next()
    answer_questions(wizard, answers())
    _scanned(window.settings.scan_folder, "giay-chung-sinh.png")
    wizard.attachments_page.rows["giay_chung_sinh"].choose.click()
    wizard.attachments_page.documents.choose(window.settings.scan_folder / "giay-chung-sinh.png")
    qtbot.waitUntil(lambda: "giay_chung_sinh" in wizard.draft.files, timeout=10_000)
    wizard.go_next()
    queued_answer = type(wizard)._on_queued

    def sync_first(self, queued):
        window.on_sync_finished(SyncReport(sent=[
            Sent("another-dossier", "AAAA-BBBB", 1, "submit", "000.99.99.H56-260105-0007"),
            Sent(queued.id, queued.local_ref, 1, "submit", "000.99.99.H56-260105-0008")]))
        queued_answer(self, queued)

    monkeypatch.setattr(type(wizard), "_on_queued", sync_first)
    with qtbot.waitSignal(window.code_shown, timeout=10_000) as shown:
        wizard.go_next()
    assert shown.args == ["000.99.99.H56-260105-0008"]
    done = wizard.confirmation_page
    assert "000.99.99.H56-260105-0008" in done.big_code.text()
    assert not done.provisional.isVisible()
    assert window.slip.code == "000.99.99.H56-260105-0008" and "Mới đăng ký" in window.slip.text()
    assert "0007" not in " ".join(shown_texts(window))
