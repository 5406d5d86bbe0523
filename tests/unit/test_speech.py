"""Read aloud: a page's text becomes Vietnamese speech on this machine, with nothing sent out.

The audio is measured with sox (length and loudness), so a voice that says nothing, or a command
that reads its text from nowhere, fails."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from app.services.speech import find_espeak, prepare_text, speak_command, synthesize_wav

ESPEAK = find_espeak()
needs_audio_tools = pytest.mark.skipif(
    ESPEAK is None or shutil.which("sox") is None,
    reason="espeak-ng or sox missing (./dev.sh setup installs both on Debian)")

PAGE = ("Bước 2/5: Chọn thủ tục. Bạn muốn làm giấy tờ gì? "
        "Đăng ký khai sinh. Đăng ký kết hôn. Bấm Tiếp để đi tiếp.")


def sox_stat(wav) -> dict[str, float]:
    """sox's ``stat`` figures of a WAV file (it prints them on standard error)."""
    done = subprocess.run(["sox", str(wav), "-n", "stat"], capture_output=True, text=True,
                          check=True)
    figures = {}
    for line in done.stderr.splitlines():
        match = re.match(r"^(.+?):\s+(-?[\d.]+)\s*$", line)
        if match:
            figures[match.group(1).strip()] = float(match.group(2))
    return figures


def test_the_text_is_never_on_the_command_line():
    command = speak_command("/usr/bin/espeak-ng")
    assert command == ["/usr/bin/espeak-ng", "-v", "vi", "-s", "140", "-b", "1", "--stdin"]
    assert "-m" not in command  # no SSML: the text is read as text, never as markup
    assert not any("Bước" in part for part in speak_command("espeak-ng", wav=None))


def test_prepared_text_is_nfc_utf8_without_control_characters():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Văn\x1b Á\n\n  tiếp ")
    text = prepare_text(decomposed).decode("utf-8")
    assert text == "Nguyễn Văn Á\ntiếp\n"
    assert unicodedata.is_normalized("NFC", text)


@needs_audio_tools
def test_a_page_is_synthesised_to_audible_speech(tmp_path):
    wav = synthesize_wav(PAGE, tmp_path / "page.wav")
    stat = sox_stat(wav)
    assert stat["Length (seconds)"] > 2.0, stat  # a dozen words, not a click
    assert stat["RMS     amplitude"] > 0.01, stat  # sound, not silence


@needs_audio_tools
def test_synthesis_works_with_no_network_at_all(tmp_path):
    """Run in a network namespace of its own (no interface but a down loopback): speech that
    needed any network would fail here."""
    if subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot make a network namespace here (unshare --net refused)")
    wav = synthesize_wav(PAGE, tmp_path / "offline.wav", prefix=["unshare", "--net"])
    assert sox_stat(wav)["Length (seconds)"] > 2.0


@needs_audio_tools
def test_tone_marks_change_the_sound(tmp_path):
    """The Vietnamese voice reads the marks: "ma" and "mã" are not the same audio."""
    plain = synthesize_wav("ma", tmp_path / "ma.wav").read_bytes()
    toned = synthesize_wav("mã", tmp_path / "ma-nga.wav").read_bytes()
    assert plain != toned
