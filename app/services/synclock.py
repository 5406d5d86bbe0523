"""One sync engine per data folder, across processes.

The app's sync worker and ``dvc sync`` may run at the same time on one data folder. Only the
process holding this lock sends, and only it puts back what a crash left "in flight" — another
process doing so would make a live send look abandoned and send it twice. The lock is an OS
file lock: it goes away with the process, even one killed with SIGKILL.
"""

from __future__ import annotations

import os
from pathlib import Path

BUSY_VI = ("Một chương trình DVC Desk khác đang gửi hồ sơ của thư mục dữ liệu này; hồ sơ sẽ "
           "được gửi từ chương trình đó.")


class SyncBusy(RuntimeError):
    """Another process holds the data folder's sync lock."""

    def __init__(self) -> None:
        super().__init__(BUSY_VI)
        self.message = BUSY_VI


class SyncLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process has it."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":  # pragma: no cover — Windows offices
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            if os.name == "nt":  # pragma: no cover
                import msvcrt

                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None
