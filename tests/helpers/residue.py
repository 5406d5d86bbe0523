"""What a purged citizen could have left in a data folder, searched for in raw bytes.

Every file under the folder is read as it is on disk (the database, its ``-wal`` and ``-shm``,
blobs, settings, temporary files), with the database still open as in the running app.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from pathlib import Path


def forms(text: str) -> list[bytes]:
    """The ways a piece of text is found on disk: NFC UTF-8, and as JSON writes it escaped
    (``L\\u00ea``), which is how the local database's JSON columns keep it."""
    text = unicodedata.normalize("NFC", text)
    found = [text.encode("utf-8")]
    escaped = json.dumps(text)[1:-1].encode("ascii")
    if escaped not in found:
        found.append(escaped)
    return found


def residue(folder: Path, texts: Iterable[str]) -> list[tuple[str, str]]:
    """(file relative to ``folder``, text) for each text found in the bytes of any file."""
    needles = [(text, form) for text in texts for form in forms(text)]
    hits = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        data = path.read_bytes()
        for text, form in needles:
            if form in data:
                hits.append((str(path.relative_to(folder)), text))
    return sorted(set(hits))


def files_in(folder: Path) -> list[str]:
    """Every file (not folder) under ``folder``, relative to it."""
    return sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*") if p.is_file())
