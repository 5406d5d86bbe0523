"""The kiosk's Speaker: texts are spoken in order, and stop() silences it and forgets the queue."""

from __future__ import annotations

import shutil

import pytest

from app.workers.speech import Speaker

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                reason="espeak-ng missing (./dev.sh setup installs it on Debian)")


def test_queued_texts_are_spoken_one_after_another(qtbot, tmp_path):
    speaker = Speaker(output_dir=tmp_path)
    assert speaker.available
    spoken: list[str] = []
    speaker.finished.connect(spoken.append)
    with qtbot.waitSignals([speaker.finished, speaker.finished], timeout=30000):
        speaker.say("Bước 1/5: Chọn thủ tục.")
        speaker.say("Đăng ký khai sinh.")
        assert speaker.speaking and speaker.pending == 1
        arguments = speaker._process.arguments()
        assert not any("Bước" in a or "khai sinh" in a for a in arguments)  # text on stdin only
    assert spoken == ["Bước 1/5: Chọn thủ tục.", "Đăng ký khai sinh."]
    wavs = sorted(tmp_path.glob("*.wav"))
    assert len(wavs) == 2 and all(w.stat().st_size > 1000 for w in wavs)


def test_stop_silences_and_clears_the_queue(qtbot, tmp_path):
    speaker = Speaker(output_dir=tmp_path)
    started: list[str] = []
    speaker.started.connect(started.append)
    for text in ("Nguyễn Văn Á", "Số định danh", "Ngày sinh"):
        speaker.say(text)
    speaker.stop()
    assert not speaker.speaking and speaker.pending == 0
    assert started == ["Nguyễn Văn Á"]
    with qtbot.waitSignal(speaker.finished, timeout=30000) as blocker:
        speaker.say("Xin chào")  # it still works after a stop
    assert blocker.args == ["Xin chào"]
    assert started == ["Nguyễn Văn Á", "Xin chào"]


def test_without_espeak_it_is_unavailable_and_says_so(qtbot, tmp_path):
    speaker = Speaker(espeak=str(tmp_path / "no-such-espeak"))
    assert not speaker.available
    with qtbot.waitSignal(speaker.error) as blocker:
        speaker.say("Xin chào")
    assert "espeak-ng" in blocker.args[0]


def test_a_new_page_interrupts_the_last_one(qtbot, tmp_path):
    speaker = Speaker(output_dir=tmp_path)
    spoken: list[str] = []
    speaker.finished.connect(spoken.append)
    speaker.say("Trang một, câu một.")
    speaker.say("Trang một, câu hai.")
    with qtbot.waitSignal(speaker.finished, timeout=30000):
        speaker.say("Trang hai.", interrupt=True)
        assert speaker.pending == 0
    assert spoken == ["Trang hai."]
