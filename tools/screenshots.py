"""Write a PNG of every wizard page (and the local list) into a folder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py OUT_DIR [--lang vi|en]

Uses a throw-away data folder, the shipped catalog and the procedure's example answers; no
portal is started. Look at the pictures: boxes instead of Vietnamese letters, clipped text or
a cramped layout are bugs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# A minimal valid PDF and PNG, enough for the content check.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
             b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
             b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def example_answers(procedure) -> dict:
    """The catalog example as a person would type it (dates dd/mm/yyyy, years as text)."""
    from dvc_core.rules import format_date_vi

    answers = {f"applicant.{k}": v for k, v in procedure.example.get("applicant", {}).items()}
    answers.update(procedure.example.get("fields", {}))
    out = {}
    for key, value in answers.items():
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            value = format_date_vi(value)
        elif isinstance(value, int) and not isinstance(value, bool) and key != "copies":
            value = str(value)
        out[key] = value
    # By post: the page shows the address input, started from the requester's address.
    out["delivery.method"] = "post"
    return out


def fill(page, answers: dict) -> None:
    for fid, row in page.rows.items():
        if fid in answers:
            row.set_value(answers[fid])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from app.application import install_translator
    from app.config import resolve
    from app.services.context import Services
    from app.views.common.theme import apply_theme
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    work = Path(tempfile.mkdtemp(prefix="dvc-shots-"))
    install_translator(app, args.lang, work / "i18n")
    config = resolve(work / "data", "https://portal.example.vn", "desk", args.lang)
    services = Services(config)
    window = MainWindow(default_catalog(), lang=args.lang, tasks=ImmediateTaskRunner())
    window.resize(args.width, args.height)
    window.show()
    window.set_services(services)
    wizard = window.wizard
    shots: list[str] = []

    def shot(name: str) -> None:
        app.processEvents()
        path = args.out / f"{len(shots) + 1:02d}_{name}.png"
        window.grab().save(str(path))
        shots.append(path.name)

    shot("procedure")
    wizard.procedure_page.search.setText("khai sinh")
    wizard.go_next()  # nothing chosen yet: the page says so
    shot("procedure_search")
    wizard.procedure_page.select_code("1.001193")
    wizard.go_next()
    procedure = wizard.draft.procedure
    answers = example_answers(procedure)
    # Errors first: an empty applicant page.
    wizard.go_next()
    shot("applicant_errors")
    for page in wizard.form_pages:
        fill(page, answers)
        shot(f"page_{wizard.index}")
        bar = page.scroll.verticalScrollBar()
        if bar.maximum() > 0:
            bar.setValue(bar.maximum())
            shot(f"page_{wizard.index}_bottom")
        wizard.go_next()
    pdf = work / "to_khai.pdf"
    pdf.write_bytes(PDF_BYTES)
    png = work / "giay_chung_sinh.png"
    png.write_bytes(PNG_BYTES)
    fake = work / "anh_chup.pdf"
    fake.write_text("not a pdf")
    wizard.on_file_offered("giay_chung_sinh", fake)  # the Tờ khai is made from the answers
    shot("attachments_error")
    wizard.on_file_offered("giay_chung_sinh", png)
    shot("attachments")
    wizard.go_next()
    shot("review")
    window.wizard.review_page.scroll.verticalScrollBar().setValue(10_000)
    shot("review_bottom")
    wizard.go_next()
    shot("confirmation")
    window.tabs.setCurrentIndex(1)
    window.list_view.select_id(wizard.draft.dossier_id)
    shot("list")
    # A procedure with a repeatable group, a real photo and a multi-page PDF, a fee per page.
    window.tabs.setCurrentIndex(0)
    wizard.reset()
    wizard.procedure_page.search.setText("sao y")
    wizard.procedure_page.results.setCurrentRow(0)
    shot("search_synonym")
    wizard.go_next()
    answers = example_answers(wizard.draft.procedure)
    for page in wizard.form_pages:
        fill(page, answers)
        shot(f"copy_page_{wizard.index}")
        wizard.go_next()
    from PIL import Image

    from app.services.printing import FONT, new_canvas

    photo = work / "IMG_20261120.jpg"
    image = Image.new("RGB", (4000, 3000), "#f4efe1")
    for x in range(0, 4000, 200):
        image.paste("#1d70b8", (x, 0, x + 60, 3000))
    image.save(photo, quality=95)
    scan = work / "bang_tot_nghiep.pdf"
    pdf = new_canvas(scan, "Bằng tốt nghiệp")  # its font embedded, like every PDF we make
    for number in range(4):
        pdf.setFont(FONT, 12)
        pdf.drawString(100, 700, f"Trang {number + 1}")
        pdf.showPage()
    pdf.save()
    wizard.on_file_offered("ban_chinh", photo)
    wizard.on_file_offered("ban_chinh", scan)
    shot("copy_attachments")
    wizard.go_next()
    window.wizard.review_page.scroll.verticalScrollBar().setValue(10_000)
    shot("copy_review_fee")
    wizard.save_draft()
    shot("copy_draft_saved")
    wizard.reset()
    from app.views.filing.drafts import DraftsDialog

    dialog = DraftsDialog(wizard.draft_store(), window)
    dialog.resize(1000, 700)
    dialog.show()
    app.processEvents()
    path = args.out / f"{len(shots) + 1:02d}_drafts_dialog.png"
    dialog.grab().save(str(path))
    shots.append(path.name)
    dialog.close()
    print("\n".join(str(args.out / s) for s in shots))
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
