"""The workshop handout: an A4 Vietnamese PDF made from live screenshots of each step of the
app as it is now, with the guide's text beside each, the exercises at the end (fonts embedded).

:func:`capture` builds a training window off screen (``WA_DontShowOnScreen``), walks the filing
wizard with the procedure's example and the sign-up wizard page by page, and grabs each page
with the control its step names outlined; :func:`write_pdf` lays the pictures out. The
``dvc handout --out FILE.pdf`` command runs ``python -m app.views.training.handout``; the
“Tài liệu phát tay…” item of the presenter's menu calls :func:`make_handout` in the app.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtWidgets import QApplication

from app.views.training.guide import GuidePanel
from app.views.training.guide_data import Guide, GuideStep, load

SHOT_SIZE = (1366, 768)


@dataclass(frozen=True)
class Shot:
    """One screen of the handout."""

    wizard: str  #: filing or account
    page_id: str
    title: str  #: the page's heading
    png: bytes
    steps: tuple[GuideStep, ...]


def _png(widget: Any) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def _grab(panel: GuidePanel, frame: Any, wizard: str) -> Shot:
    QApplication.processEvents()
    page = frame.current_page()
    panel.hide()  # the text goes beside the picture, in print
    QApplication.processEvents()
    if panel.outline is not None:
        panel.outline.place()
    png = _png(frame)
    panel.show()
    return Shot(wizard, page.page_id, getattr(page, "title", "") or page.step_title, png,
                panel.steps)


class _NoPortal:
    """What the sign-up wizard needs to be drawn: nothing is sent anywhere."""

    @staticmethod
    def resend_wait() -> int:
        return 0


def capture(guide: Guide | None = None, *, lang: str = "vi") -> list[Shot]:
    """Screenshots of every step of the filing and sign-up wizards (a QApplication runs)."""
    from app.views.accounts.account_wizard import AccountWizard
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    window = MainWindow(default_catalog(), mode="training", lang=lang,
                        tasks=ImmediateTaskRunner())
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*SHOT_SIZE)
    window.show()
    aids = window.teaching_aids
    if guide is not None:
        aids.guide = aids.panel.guide = guide
    shots: list[Shot] = []
    try:
        wizard, panel = window.wizard, aids.panel
        panel.show_page(wizard.current_page().page_id)
        shots.append(_grab(panel, wizard.frame, "filing"))
        aids.demo_step()  # the birth registration chosen
        seen = {wizard.current_page().page_id}
        while True:
            aids.fill_sample()
            shots.append(_grab(panel, wizard.frame, "filing"))
            before = wizard.index
            wizard.go_next()
            page = wizard.current_page()
            if wizard.index == before or page.page_id in seen:
                break
            seen.add(page.page_id)
        # The pages after the attachments are drawn as they would be shown (nothing is sent).
        frame = wizard.frame
        for page_id in ("review", "confirmation"):
            if page_id in {p.page_id for p in frame.pages}:
                try:
                    frame.show_page(page_id)
                except Exception:  # noqa: BLE001 — a page that needs a queued dossier
                    continue
                shots.append(_grab(panel, frame, "filing"))

        dialog = AccountWizard(_NoPortal(), ImmediateTaskRunner(), parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        account_panel = aids.attach_account(dialog)
        dialog.show()
        for page in list(dialog.frame.pages):
            try:
                dialog.frame.show_page(page.page_id)
            except Exception:  # noqa: BLE001 — a page that needs the portal's answer
                continue
            shots.append(_grab(account_panel, dialog.frame, "account"))
        dialog.close()
        dialog.deleteLater()
    finally:
        aids.close()
        window.close()
        window.deleteLater()
    return shots


def write_pdf(shots: list[Shot], out: Path, guide: Guide, *, lang: str = "vi") -> int:
    """The handout; returns its page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader

    from app.modes import TRAINING_WATERMARK
    from app.services.exercises import load as load_exercises
    from app.services.printing import BOLD, FONT, ITALIC, new_canvas, t, training_mark, wrapped

    pdf = new_canvas(out, "Tài liệu tập huấn dịch vụ công trực tuyến")
    width, height = A4
    margin = 15 * mm
    pages = 1
    training_mark(pdf, TRAINING_WATERMARK)
    y = height - margin
    pdf.setFont(BOLD, 16)
    pdf.drawString(margin, y - 12, t("Tài liệu tập huấn: nộp hồ sơ và đăng ký tài khoản"))
    y -= 30
    pdf.setFont(ITALIC, 8.5)
    y = wrapped(pdf, "Nguồn: " + guide.source, margin, y, width - 2 * margin, 11)
    pdf.setFont(FONT, 9)
    y = wrapped(pdf, "Hình chụp từ ứng dụng (môi trường đào tạo, dữ liệu mẫu hư cấu); ô có "
                "viền cam là chỗ bước hướng dẫn nói tới.", margin, y - 4, width - 2 * margin, 12)
    y -= 8
    picture_w = 118 * mm
    text_x = margin + picture_w + 6 * mm
    text_w = width - margin - text_x
    headings = {"filing": "Nộp hồ sơ trực tuyến", "account": "Đăng ký tài khoản"}
    last_wizard = None
    for shot in shots:
        image = ImageReader(_reader(shot.png))
        iw, ih = image.getSize()
        picture_h = picture_w * ih / iw
        block = picture_h + 30
        if shot.wizard != last_wizard:
            block += 22
        if y - block < margin:
            pdf.showPage()
            pages += 1
            training_mark(pdf, TRAINING_WATERMARK)
            y = height - margin
        if shot.wizard != last_wizard:
            pdf.setFont(BOLD, 13)
            pdf.drawString(margin, y - 12, t(headings.get(shot.wizard, shot.wizard)))
            y -= 24
            last_wizard = shot.wizard
        pdf.setFont(BOLD, 10.5)
        pdf.drawString(margin, y - 10, t(shot.title))
        y -= 16
        top = y
        pdf.drawImage(image, margin, top - picture_h, picture_w, picture_h)
        pdf.setStrokeGray(0.6)
        pdf.rect(margin, top - picture_h, picture_w, picture_h)
        ty = top - 2
        for step in shot.steps:
            pdf.setFont(BOLD, 9)
            ty = wrapped(pdf, guide.heading(step, lang), text_x, ty - 8, text_w, 11)
            if step.quote:
                pdf.setFont(ITALIC, 8.5)
                ty = wrapped(pdf, f"“{step.quote}”", text_x, ty, text_w, 10.5)
            pdf.setFont(FONT, 8.5)
            ty = wrapped(pdf, step.text(lang), text_x, ty, text_w, 10.5)
        y = min(top - picture_h, ty) - 14

    pdf.showPage()
    pages += 1
    training_mark(pdf, TRAINING_WATERMARK)
    y = height - margin
    pdf.setFont(BOLD, 14)
    pdf.drawString(margin, y - 12, t("Bài tập"))
    y -= 30
    for number, exercise in enumerate(load_exercises(), start=1):
        pdf.setFont(BOLD, 11)
        y = wrapped(pdf, f"Bài {number}. {exercise.text('title', lang)}", margin, y, width - 2 * margin, 14)
        pdf.setFont(FONT, 10)
        y = wrapped(pdf, exercise.text("goal", lang), margin, y, width - 2 * margin, 13) - 10
    pdf.save()
    return pages


def _reader(png: bytes):
    import io

    return io.BytesIO(png)


def make_handout(out: Path, *, lang: str = "vi", guide: Guide | None = None) -> int:
    """Capture and write the handout; returns the page count (a QApplication runs)."""
    guide = guide or load()
    shots = capture(guide, lang=lang)
    return write_pdf(shots, Path(out), guide, lang=lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dvc handout")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    args = parser.parse_args(argv)
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from app.views.common.theme import apply_theme

    apply_theme(app)
    if args.lang == "vi":
        import tempfile

        from PySide6.QtCore import QTranslator

        from app.i18n import compile_ts, ts_dir

        qm = Path(tempfile.mkdtemp()) / "dvc_vi.qm"
        translator = QTranslator(app)
        if compile_ts(ts_dir() / "dvc_vi.ts", qm) and translator.load(str(qm)):
            app.installTranslator(translator)
    pages = make_handout(args.out, lang=args.lang)
    print(f"{args.out}: {pages} trang")
    return 0


if __name__ == "__main__":
    sys.exit(main())
