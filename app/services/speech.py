"""Read aloud (*Đọc to*), the Qt-free half: espeak-ng's command line and synthesis to a WAV.

The kiosk reads a page's question, choices and errors aloud in Vietnamese with espeak-ng, run
as a local program (why espeak-ng and not QtTextToSpeech: ``docs/kiosk-speech.md``). What is
read is personal at times (an error may quote a name), so it never leaves the machine:

- the text goes to espeak-ng on **standard input**, never on the command line (where other
  users of the machine could read it in the process list);
- espeak-ng synthesises on the machine; nothing opens a network connection.

API (the Qt side, :class:`app.workers.speech.Speaker`, runs the same command with QProcess)::

    find_espeak(configured=None) -> str | None     # the program, or None: hide "Đọc to"
    speak_command(espeak, *, wav=None, voice="vi", rate=RATE) -> list[str]
    prepare_text(text) -> bytes                     # NFC, one line per sentence, UTF-8
    synthesize_wav(text, out, *, espeak=None, voice="vi", prefix=()) -> Path   # blocking

Without ``wav`` the command plays through the machine's sound output; with it, it writes the
audio to that file (tests, and a machine whose sound is played by something else).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

VOICE = "vi"            # espeak-ng's Northern Vietnamese; "vi-vn-x-south", "vi-vn-x-central"
RATE = 140              # words a minute; espeak-ng's default (175) is fast for elderly listeners
MAX_CHARS = 2000        # a page's text is a few hundred characters; more is a mistake
_WINDOWS_PATHS = (r"C:\Program Files\eSpeak NG\espeak-ng.exe",
                  r"C:\Program Files (x86)\eSpeak NG\espeak-ng.exe")


class SpeechError(RuntimeError):
    """The text could not be synthesised (no espeak-ng, or it failed)."""


def find_espeak(configured: str | os.PathLike[str] | None = None) -> str | None:
    """espeak-ng's path: ``configured`` (settings), ``DVC_ESPEAK``, the PATH, then the
    Windows installer's folder. None when there is none (the kiosk then hides "Đọc to")."""
    for candidate in (configured, os.environ.get("DVC_ESPEAK")):
        if candidate:
            found = shutil.which(str(candidate))
            return found if found else None
    found = shutil.which("espeak-ng")
    if found:
        return found
    if sys.platform == "win32":
        for path in _WINDOWS_PATHS:
            if Path(path).is_file():
                return path
    return None


def speak_command(espeak: str, *, wav: Path | None = None, voice: str = VOICE,
                  rate: int = RATE) -> list[str]:
    """The command line: options only — the text is written to its standard input."""
    command = [espeak, "-v", voice, "-s", str(int(rate)), "-b", "1", "--stdin"]
    if wav is not None:
        command += ["-w", str(wav)]
    return command


def prepare_text(text: str) -> bytes:
    """What espeak-ng is given: NFC (espeak-ng reads precomposed Vietnamese letters), control
    characters dropped, runs of blank space made one, cut at :data:`MAX_CHARS`; UTF-8."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " "
                   for ch in text)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)[:MAX_CHARS]
    return (text + "\n").encode("utf-8")


def synthesize_wav(text: str, out: Path, *, espeak: str | None = None, voice: str = VOICE,
                   prefix: Sequence[str] = (), timeout: float = 60.0) -> Path:
    """Synthesise ``text`` into the WAV file ``out`` and return it (blocking). ``prefix`` runs
    the command inside another (``["unshare", "--net"]``: a machine with no network)."""
    program = espeak or find_espeak()
    if program is None:
        raise SpeechError("Không tìm thấy chương trình đọc to espeak-ng trên máy.")
    command = [*prefix, *speak_command(program, wav=out, voice=voice)]
    done = subprocess.run(command, input=prepare_text(text), capture_output=True,
                          timeout=timeout, check=False)
    if done.returncode != 0 or not out.is_file():
        detail = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise SpeechError(f"espeak-ng không đọc được (mã {done.returncode}): {detail}")
    return out


__all__ = ["MAX_CHARS", "RATE", "VOICE", "SpeechError", "find_espeak", "prepare_text",
           "speak_command", "synthesize_wav"]
