"""Read aloud (*Đọc to*) on the kiosk: a queue of texts spoken one after another by espeak-ng.

API::

    speaker = Speaker(parent)            # finds espeak-ng (app.services.speech.find_espeak)
    speaker.available                    # False: no espeak-ng — hide the "Đọc to" button
    speaker.say("Bước 2/5: Chọn thủ tục")  # queued; spoken after what is being spoken
    speaker.say(text, interrupt=True)    # a new page: stop what is spoken, say this
    speaker.stop()                       # silence now and forget the queue (a visit's end)
    speaker.started(str) / finished(str) / error(str)   # signals, with the text or a message

The speaker stops by itself when the application quits (no process is left running).
``Speaker(output_dir=DIR)`` writes each text to a WAV file in ``DIR`` instead of playing it
(tests; :attr:`Speaker.last_wav`). The text goes to espeak-ng on standard input, never on the
command line, and is synthesised on this machine; nothing is sent anywhere. The Qt-free half
(command line, text preparation) is :mod:`app.services.speech`.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Signal

from app.services.speech import RATE, VOICE, find_espeak, prepare_text, speak_command


class Speaker(QObject):
    """Speaks queued texts in Vietnamese, one at a time."""

    started = Signal(str)
    finished = Signal(str)
    error = Signal(str)

    def __init__(self, parent: QObject | None = None, *, espeak: str | None = None,
                 voice: str = VOICE, rate: int = RATE, output_dir: Path | None = None) -> None:
        super().__init__(parent)
        self._espeak = find_espeak(espeak)
        self._voice, self._rate = voice, rate
        self._output_dir = output_dir
        self._queue: deque[str] = deque()
        self._process: QProcess | None = None
        self._current = ""
        self._count = 0
        self.last_wav: Path | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def available(self) -> bool:
        """Whether espeak-ng was found (the kiosk shows "Đọc to" only then)."""
        return self._espeak is not None

    @property
    def speaking(self) -> bool:
        return self._process is not None

    @property
    def pending(self) -> int:
        """Texts waiting behind the one being spoken."""
        return len(self._queue)

    def say(self, text: str, *, interrupt: bool = False) -> None:
        """Queue ``text``; it is spoken when what is queued before it has been — or at once,
        after stopping what is spoken and forgetting the queue, with ``interrupt``."""
        if interrupt:
            self.stop()
        if not text.strip():
            return
        if not self.available:
            self.error.emit("Máy này chưa có giọng đọc tiếng Việt (espeak-ng).")
            return
        self._queue.append(text)
        if self._process is None:
            self._next()

    def stop(self) -> None:
        """Stop speaking at once and forget everything queued."""
        self._queue.clear()
        process, self._process = self._process, None
        if process is not None:
            process.finished.disconnect(self._done)
            process.errorOccurred.disconnect(self._failed)
            process.kill()
            process.waitForFinished(2000)
            process.deleteLater()
        self._current = ""

    def _next(self) -> None:
        if not self._queue or self._espeak is None:
            return
        self._current = self._queue.popleft()
        wav = None
        if self._output_dir is not None:
            self._count += 1
            wav = self._output_dir / f"speech-{os.getpid()}-{self._count}.wav"
            self.last_wav = wav
        command = speak_command(self._espeak, wav=wav, voice=self._voice, rate=self._rate)
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.finished.connect(self._done)
        process.errorOccurred.connect(self._failed)
        self._process = process
        process.start(command[0], command[1:])
        process.write(prepare_text(self._current))
        process.closeWriteChannel()
        self.started.emit(self._current)

    def _done(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        process, self._process = self._process, None
        text, self._current = self._current, ""
        if process is not None:
            process.readAll()
            process.deleteLater()
        if exit_status == QProcess.ExitStatus.NormalExit and exit_code == 0:
            self.finished.emit(text)
        else:
            self.error.emit(f"Không đọc to được (espeak-ng, mã {exit_code}).")
        self._next()

    def _failed(self, failure: QProcess.ProcessError) -> None:
        if failure != QProcess.ProcessError.FailedToStart:
            return  # a crash also ends in finished(), which reports it
        process, self._process = self._process, None
        self._current = ""
        if process is not None:
            process.deleteLater()
        self.error.emit("Không chạy được chương trình đọc to espeak-ng.")
        self._next()


__all__ = ["Speaker"]
