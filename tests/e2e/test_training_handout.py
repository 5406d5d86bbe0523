"""``dvc handout --out FILE.pdf``: an A4 PDF drawn from live screenshots of each step of the
filing and sign-up wizards, the guide's text beside each, the exercises at the end, fonts
embedded — read back with pdftotext, pdfinfo, pdfimages and pdffonts."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from app.services.exercises import load as load_exercises
from app.views.training.guide_data import DEFAULT_PATH, read


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def test_the_handout_has_every_step_its_screenshots_and_the_exercises(tmp_path):
    out = tmp_path / "tai-lieu.pdf"
    done = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path / "d"),
                           "handout", "--out", str(out)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    info = _run("pdfinfo", str(out))
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 4 <= pages <= 12
    assert "(A4)" in info

    text = unicodedata.normalize("NFC", " ".join(_run("pdftotext", str(out), "-").split()))
    guide = read(DEFAULT_PATH)
    for wizard, page_id in (("filing", "procedure"), ("filing", "applicant"),
                            ("filing", "attachments"), ("filing", "review"),
                            ("account", "method"), ("account", "details"),
                            ("account", "password")):
        for step in guide.steps(wizard, page_id):
            assert guide.heading(step, "vi") in text, (wizard, page_id)
            assert " ".join(step.text("vi").split()[:6]) in text, (wizard, page_id)
    for number in range(1, 6):
        assert f"Nộp hồ sơ trực tuyến — Bước {number}" in text
    for number in range(1, 7):
        assert f"Cổng Dịch vụ công Quốc gia — đăng ký tài khoản — Bước {number}" in text
    assert "Bài tập" in text
    for exercise in load_exercises():
        assert exercise.text("title") in text

    images = _run("pdfimages", "-list", str(out)).splitlines()[2:]
    assert len(images) >= 12  # one screenshot per step
    assert all(int(line.split()[3]) >= 800 for line in images)  # live grabs, full size

    fonts = _run("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # every font embedded
