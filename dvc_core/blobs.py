"""Content-addressed attachment store and content sniffing.

Files are accepted by what they are (magic bytes), never by their name: PDF, JPEG and PNG.
A stored blob lives at ``<root>/ab/abcdef…`` named by its SHA-256, so the same file attached
twice is stored once, and a name is never used as a path. The portal uses the same sniffing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MEDIA_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
MAX_FILE_BYTES = 10 * 1024 * 1024  # default per-file cap; settings may lower or raise it
CHUNK = 1024 * 1024
TEMP_PREFIX = ".in-"  # a copy on its way into the store
ABANDONED_AFTER_S = 600  # a copy not written to for this long was left by a crash


class AttachmentError(ValueError):
    """A file that cannot be attached; ``message`` is Vietnamese and names the file."""

    def __init__(self, code: str, message: str, message_en: str):
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_en = message_en


def sniff_media_type(head: bytes) -> str | None:
    """The media type from a file's first bytes, or None when it is none of PDF/JPEG/PNG."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


@dataclass(frozen=True)
class BlobInfo:
    sha256: str
    size: int
    media_type: str
    filename: str


def display_name(path: Path | str) -> str:
    """A file name fit to show and to send as metadata (no folders, no control characters)."""
    name = Path(str(path)).name
    return "".join(ch for ch in name if ch.isprintable())[:200] or "tep"


class BlobStore:
    """Blobs by SHA-256 under a root folder; writes are atomic and fsynced."""

    def __init__(self, root: Path, max_file_bytes: int = MAX_FILE_BYTES):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.max_file_bytes = max_file_bytes

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def check_file(self, source: Path | str) -> tuple[int, str]:
        """Check a file without copying it: (size, media type), or AttachmentError."""
        source = Path(source)
        name = display_name(source)
        try:
            size = source.stat().st_size
            with source.open("rb") as handle:
                head = handle.read(16)
        except OSError as exc:
            raise AttachmentError(
                "unreadable",
                f"Không đọc được tệp “{name}”: {exc.strerror or exc}.",
                f"Cannot read the file “{name}”: {exc.strerror or exc}.",
            ) from exc
        return size, self._check_head(name, size, head)

    def _check_head(self, name: str, size: int, head: bytes) -> str:
        if size == 0 or not head:
            raise AttachmentError("empty", f"Tệp “{name}” rỗng (0 byte). Hãy chọn lại tệp.",
                                  f"The file “{name}” is empty (0 bytes). Choose it again.")
        media_type = sniff_media_type(head[:16])
        if media_type is None:
            raise AttachmentError(
                "type",
                f"Tệp “{name}” không phải PDF, JPEG hay PNG (kiểm tra theo nội dung, không theo "
                "đuôi tệp). Hãy quét hoặc lưu lại thành PDF, JPEG hoặc PNG.",
                f"The file “{name}” is not a PDF, JPEG or PNG (checked by content, not by its "
                "extension). Scan or save it again as PDF, JPEG or PNG.",
            )
        if size > self.max_file_bytes:
            mb = self.max_file_bytes // (1024 * 1024)
            raise AttachmentError("too_large",
                                  f"Tệp “{name}” lớn hơn {mb} MB. Hãy quét với độ phân giải thấp hơn.",
                                  f"The file “{name}” is larger than {mb} MB. Scan it at a lower resolution.")
        return media_type

    def import_file(self, source: Path | str) -> BlobInfo:
        """Check a file's content and copy it into the store; returns what the database keeps.

        One pass over the file: its first chunk is checked (empty, size, PDF/JPEG/PNG) as it is
        read, hashed and written; the copy is fsynced, renamed into place and the folder fsynced.
        """
        source = Path(source)
        name = display_name(source)
        try:
            handle = source.open("rb")
        except OSError as exc:
            raise AttachmentError(
                "unreadable", f"Không đọc được tệp “{name}”: {exc.strerror or exc}.",
                f"Cannot read the file “{name}”: {exc.strerror or exc}.") from exc
        with handle:
            first = handle.read(CHUNK)
            self._check_head(name, os.fstat(handle.fileno()).st_size, first)
            media_type = sniff_media_type(first[:16]) or "application/octet-stream"
            digest, tmp, size = self._copy_to_temp(handle, first)
        if size > self.max_file_bytes or size == 0:
            os.unlink(tmp)  # the file grew or shrank while it was read
            self._check_head(name, size, first)
        final = self.path(digest)
        if final.exists():
            os.unlink(tmp)
        else:
            self.make_folder(final.parent)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
        return BlobInfo(digest, size, media_type, name)

    def put_bytes(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        final = self.path(digest)
        if not final.exists():
            self.make_folder(final.parent)
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=TEMP_PREFIX)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
            _fsync_dir(final.parent)
        return digest

    def delete(self, sha256: str) -> None:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            pass

    def remove_abandoned_temporaries(self, older_than: float = ABANDONED_AFTER_S) -> int:
        """Delete the copies an import cut short (a crash, a power cut) left in the store:
        a scan must not outlive its dossier there. A copy written to in the last
        ``older_than`` seconds may be another process's import still going: it is left alone.
        Returns how many were deleted."""
        removed, now = 0, time.time()
        for temporary in self.root.glob(TEMP_PREFIX + "*"):
            try:
                if now - temporary.stat().st_mtime >= older_than:
                    temporary.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def adopt(self, source: Path, sha256: str, *, synced: bool = False) -> None:
        """Move a file already verified to hash to ``sha256`` into the store, durably (its
        data, its folder, its name); ``synced``: its data was fsynced already."""
        if not synced:
            with open(source, "rb+") as handle:
                os.fsync(handle.fileno())
        final = self.path(sha256)
        self.make_folder(final.parent)
        os.replace(source, final)
        _fsync_dir(final.parent)

    def make_folder(self, folder: Path) -> None:
        """``blobs/ab/``: a new one is made durable in its parent too, or a power cut could
        take the folder — and every file renamed into it since — with it."""
        if folder.is_dir():
            return
        if not folder.parent.is_dir():
            self.make_folder(folder.parent)  # the store itself is new: its entry too
        folder.mkdir(exist_ok=True)
        _fsync_dir(folder.parent)

    def _copy_to_temp(self, handle, first: bytes = b"") -> tuple[str, str, int]:
        digest = hashlib.sha256(first)
        size = len(first)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=TEMP_PREFIX)
        with os.fdopen(fd, "wb") as out:
            out.write(first)
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        return digest.hexdigest(), tmp, size


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
