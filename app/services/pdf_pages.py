"""Counting a PDF's pages with bounded memory and time — Qt-free, no PDF library.

The certified-copy fee is per page, so the wizard counts the pages of every attached PDF. The
file comes from anyone (a citizen's USB stick at the kiosk), so the count must not trust it:

- page objects (``/Type /Page``) are counted in the file's own bytes, and inside compressed
  object streams (``/Type /ObjStm``, where PDF 1.5+ writers put them);
- those streams are inflated a step of :data:`INFLATE_STEP` at a time, never whole, and at most
  :data:`MAX_INFLATED` bytes in all per file: a "PDF bomb" (a 1 MB file whose streams inflate
  to gigabytes) stops there and its pages are *unknown* (``None``), which the wizard shows as
  such — it never runs out of memory;
- every pattern has a bounded length, so a crafted file cannot make a search quadratic.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections import deque
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

MAX_PDF_SCAN = 64 * 1024 * 1024  # bytes of the file read (the store takes 10 MB files)
MAX_INFLATED = 64 * 1024 * 1024  # bytes inflated from one file's object streams, in all
INFLATE_STEP = 1024 * 1024  # bytes inflated at a time
_WS = rb"\s{0,32}"  # whitespace between tokens: plenty for any writer, and bounded
_PAGE = re.compile(rb"/Type" + _WS + rb"/Page(?![a-zA-Z])")
_PAGE_SPAN = 64  # longer than any match of _PAGE plus the byte its look-ahead reads
_PAGES = re.compile(rb"/Type" + _WS + rb"/Pages\b")
_COUNT = re.compile(rb"/Count\s{1,32}(\d{1,9})")
_SEGMENT = re.compile(rb"[^>]+")  # a dictionary's keys up to its first ">"
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_DICT_LOOKBACK = 4096  # bytes before ``stream`` searched for the stream's ``/Type /ObjStm``
_OBJSTM = re.compile(rb"/Type" + _WS + rb"/ObjStm\b")


class _TooMuch(Exception):
    """The object streams inflate past :data:`MAX_INFLATED`."""


class _Budget:
    """Bytes one file's streams may still inflate to."""

    def __init__(self, left: int):
        self.left = left

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise _TooMuch


def pdf_page_count(path: Path | str) -> int | None:
    """Pages of a PDF, or None when they cannot be told (not a PDF, unreadable, or a file whose
    compressed streams inflate past :data:`MAX_INFLATED`).

    Counts page objects (``/Type /Page``), looking inside compressed object streams too; falls
    back to the page tree's ``/Count``.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PDF_SCAN)
    except OSError:
        return None
    if not data.startswith(b"%PDF-"):
        return None
    pages = _count(data)
    if b"/ObjStm" in data:
        budget = _Budget(MAX_INFLATED)
        try:
            for raw in _object_streams(data):
                pages += _count_inflated(raw, budget)
        except _TooMuch:
            log.warning("PDF %s: its object streams inflate past %d MB; pages not counted",
                        Path(path).name, MAX_INFLATED // (1024 * 1024))
            return None
    if pages:
        return pages
    return _tree_count(data)


def _count(data: bytes | memoryview) -> int:
    return sum(1 for _ in _PAGE.finditer(data))  # no list of matches: a file can hold millions


def _tree_count(data: bytes) -> int | None:
    """The largest ``/Count`` of a page tree node (``/Type /Pages``): the first one after it in
    the same run of text without ``>``, else the last one before it. Each byte is read a few
    times at most, however the file repeats the keys."""
    best: int | None = None
    for segment in _SEGMENT.finditer(data):
        start, end = segment.span()
        pages = _PAGES.search(data, start, end)
        if pages is None:
            continue
        count = _COUNT.search(data, pages.end(), end) or next(
            iter(deque(_COUNT.finditer(data, start, pages.start()), maxlen=1)), None)
        if count is not None:
            best = max(best or 0, int(count.group(1)))
    return best


def _object_streams(data: bytes) -> Iterator[memoryview]:
    """The raw (still compressed) bytes of each stream whose dictionary says ``/ObjStm``."""
    view = memoryview(data)
    previous_end = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if start < previous_end:
            continue  # ``stream`` inside the bytes of the stream before
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)  # a file cut short: what there is
        # Between the stream before and this one: only this stream's dictionary can say ObjStm.
        head = data[max(previous_end, match.start() - _DICT_LOOKBACK):match.start()]
        previous_end = end
        if _OBJSTM.search(head):
            yield view[start:end]


def _count_inflated(raw: memoryview, budget: _Budget) -> int:
    """Page objects in one Flate stream, inflated a step at a time within ``budget`` (bytes
    left for this file, shared by its streams). A stream that is not Flate counts nothing."""
    inflater = zlib.decompressobj()
    pending: bytes | memoryview = raw
    carry = b""
    pages = 0
    while not inflater.eof:
        try:
            out = inflater.decompress(pending, INFLATE_STEP)
        except zlib.error:
            break  # not Flate, or damaged: count what inflated before
        consumed = len(pending) - len(inflater.unconsumed_tail)
        pending = inflater.unconsumed_tail
        if not out:
            if not pending or not consumed:
                break  # nothing more comes out of what is left
            continue
        budget.take(len(out))
        window = carry + out
        # A match starting in the last _PAGE_SPAN bytes may go on in the next step: it is
        # counted then, with those bytes carried over; every start is counted once.
        settled = len(window) - _PAGE_SPAN
        pages += sum(1 for m in _PAGE.finditer(window) if m.start() < settled)
        carry = window[max(0, settled):]
    return pages + _count(carry)
