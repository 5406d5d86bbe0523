"""Write a PNG of every kiosk page, at 1366×768 and 1920×1080, into a folder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/kiosk_screenshots.py OUT_DIR

Uses a throw-away data folder, the shipped catalog and the procedure's example answers; no
portal is started (the official code is shown as the sync would show it). Look at the
pictures: clipped text, a target too small for a finger, or a page that needs scrolling to
find its question are bugs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZES = ((1366, 768), (1920, 1080))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)

    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication

    from app.application import install_translator
    from app.config import resolve
    from app.modes import KIOSK
    from app.services.context import Services
    from app.services.kiosk import ExitPin, KioskSettings
    from app.views.common.theme import apply_theme
    from app.views.filing.form_page import FormPage
    from app.views.kiosk.window import KioskWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog
    from tools.screenshots import example_answers

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    work = Path(tempfile.mkdtemp(prefix="dvc-shots-"))
    install_translator(app, "vi", work / "i18n")
    config = resolve(work / "data", "https://portal.example.vn", "kiosk", "vi")
    services = Services(config)
    scans = work / "data" / "scans"
    for width, height in SIZES:
        out = args.out / f"{width}x{height}"
        out.mkdir(parents=True, exist_ok=True)
        window = KioskWindow(default_catalog(), policy=KIOSK, exit_pin=ExitPin(work),
                             settings=KioskSettings(scan_folder=scans),
                             tasks=ImmediateTaskRunner(), visit_root=work / "visit")
        window.resize(width, height)
        window.show()
        window.set_services(services)
        window.idle.stop()
        count = 0

        def shot(name: str, window=window, out=out) -> None:
            nonlocal count
            app.processEvents()
            count += 1
            window.grab().save(str(out / f"{count:02d}_{name}.png"))

        shot("start")
        window.start.guide_button.click()
        shot("guide")
        window.end_visit()
        window.start.lookup_button.click()
        window.lookup.code.setText("000.99.99.H56-260105-0001")
        window.lookup.id_number.setText("038195012345")
        window.lookup.show_result({"code": "000.99.99.H56-260105-0001",
                                   "procedure_name": "Đăng ký khai sinh",
                                   "status_text": "Được tiếp nhận",
                                   "due_at": "2026-01-07T17:00:00+07:00"})
        shot("lookup")
        window.end_visit()
        window.officer_button.click()
        window.exit_screen.show_message("Mã PIN không đúng.")
        shot("exit_pin")
        window.end_visit()
        window.start.file_button.click()
        wizard = window.wizard
        shot("procedure")
        wizard.procedure_page.search.setText("khai sinh")
        wizard.procedure_page.select_code("1.001193")
        shot("procedure_chosen")
        wizard.go_next()
        answers = example_answers(wizard.draft.procedure)
        shot("consent")
        wizard.go_next()
        shot("identity")
        wizard.go_next()
        wizard.go_next()  # the name left empty: its error
        shot("question_error")
        keyboard_done = False
        for _ in range(len(wizard.pages)):
            page = wizard.current_page()
            if page is wizard.attachments_page:
                break
            if isinstance(page, FormPage):
                for fid, row in page.rows.items():
                    if fid in answers:
                        row.set_value(answers[fid])
                if page.page_id == "delivery":
                    page.rows["delivery.method"].set_value("counter")
            shot(page.page_id.replace(":", "_").replace(".", "_"))
            if not keyboard_done and page.page_id == "question:child.full_name":
                keyboard_done = True
                window.keyboard_button.setChecked(True)
                shot("keyboard")
                window.keyboard_button.setChecked(False)
            wizard.go_next()
        scans.mkdir(parents=True, exist_ok=True)
        image = QImage(600, 850, QImage.Format.Format_RGB32)
        image.fill(QColor("#f4f4f4"))
        image.save(str(scans / "giay-chung-sinh.png"))
        wizard.attachments_page.rows["giay_chung_sinh"].choose.click()
        shot("attachments_picker")
        wizard.on_file_offered("giay_chung_sinh", scans / "giay-chung-sinh.png")
        shot("attachments")
        wizard.go_next()
        shot("review")
        wizard.go_next()
        shot("done_provisional")
        window._codes[wizard.draft.dossier_id] = ("000.99.99.H56-260105-0001", "Mới đăng ký")
        window._show_code("000.99.99.H56-260105-0001", "Mới đăng ký")
        shot("done_code")
        window.idle.enabled = True
        window.idle._start_countdown()
        shot("countdown")
        window.idle.stop()
        window.end_visit()
        shot("start_again")
        window._unlocked = True
        window.close()
        window.deleteLater()
    services.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
