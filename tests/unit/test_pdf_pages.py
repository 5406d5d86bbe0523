"""Counting a PDF's pages never costs unbounded memory or time, whatever the file holds.

The bombs are built here: a Flate stream of repeated full-flush segments of zeros, so a 2 MB
file inflates to gigabytes without the test ever holding (or compressing) those gigabytes.
The count runs in a child process under an address-space limit (``RLIMIT_AS``) and a CPU limit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from app.services import pdf_pages
from app.services.attachments import pdf_page_count

ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024
AS_LIMIT = 768 * MiB  # the child's whole address space: far below what a bomb inflates to

CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
from app.services.attachments import pdf_page_count
pages = pdf_page_count(sys.argv[1])
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over the exec).
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
print(json.dumps({{"pages": pages, "peak": peak}}))
"""


def zeros_flate(mib: int) -> bytes:
    """A zlib stream that inflates to ``mib`` MiB of zeros; about 1 KB per MiB."""
    block = bytes(MiB)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH)
    final = deflater.flush()
    n = mib * MiB
    adler = ((n % 65521) << 16) | 1  # the Adler-32 of n zero bytes
    return b"\x78\xda" + segment * mib + final + adler.to_bytes(4, "big")


def pdf_with_streams(path: Path, streams: list[bytes]) -> Path:
    body = [b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"]
    for number, stream in enumerate(streams, start=3):
        body.append(b"%d 0 obj << /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode /Length %d >>"
                    b"\nstream\n" % (number, len(stream)))
        body.append(stream + b"\nendstream\nendobj\n")
    body.append(b"%%EOF\n")
    path.write_bytes(b"".join(body))
    return path


def count_in_child(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD.format(limit=AS_LIMIT), str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize(("streams", "gib"), [(1, 2), (8, 4)])
def test_a_pdf_bomb_is_counted_with_bounded_memory(tmp_path, streams, gib):
    # One stream inflating to 2 GiB (a 2 MB file), and eight that inflate to 4 GiB together.
    path = pdf_with_streams(tmp_path / "bomb.pdf", [zeros_flate(gib * 1024 // streams)] * streams)
    assert path.stat().st_size < 8 * MiB
    answer = count_in_child(path)
    assert answer["pages"] is None  # "pages unknown": the wizard shows it so, nothing breaks
    assert answer["peak"] < 256 * MiB


def test_a_bomb_of_page_objects_is_not_counted_either(tmp_path):
    # Page objects that inflate to gigabytes: not millions of pages, but unknown.
    inner = b"<< /Type /Page >> " * (MiB // 18)
    deflater = zlib.compressobj(9)
    stream = b"".join(deflater.compress(inner) for _ in range(96)) + deflater.flush()
    answer = count_in_child(pdf_with_streams(tmp_path / "pages.pdf", [stream]))
    assert answer["pages"] is None and answer["peak"] < 256 * MiB


def test_crafted_patterns_do_not_make_the_search_quadratic(tmp_path):
    # Streams never ended and page trees never closed: each made the old patterns rescan the
    # rest of the file from every occurrence (hours of CPU for 10 MB; the child has 60 s).
    opened = tmp_path / "open.pdf"
    opened.write_bytes(b"%PDF-1.7\n/ObjStm\n" + b"stream\n" * (1_400_000))
    assert count_in_child(opened)["pages"] is None
    tree = tmp_path / "tree.pdf"
    tree.write_bytes(b"%PDF-1.7\n" + b"/Type /Pages " * 800_000)
    assert count_in_child(tree)["pages"] is None


@pytest.mark.parametrize("step", [7, 100, 4096])
def test_pages_are_counted_exactly_across_inflate_steps(tmp_path, monkeypatch, step):
    # Page objects cut by the step boundaries, and /Pages objects beside them (not pages).
    inner = b"".join(b"<< /Type /Page /Parent 2 0 R >> << /Type /Pages /Count 3 >> "
                     b"<< /Type\n  /Page >>" for _ in range(300))
    monkeypatch.setattr(pdf_pages, "INFLATE_STEP", step)
    path = pdf_with_streams(tmp_path / "objstm.pdf", [zlib.compress(inner), zlib.compress(inner)])
    assert pdf_page_count(path) == 2 * 600


def test_only_object_streams_are_inflated(tmp_path):
    # A page's content stream that happens to say "/Type /Page" is text, not a page object.
    content = zlib.compress(b"BT (/Type /Page) Tj ET " * 50)
    path = tmp_path / "content.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /ObjStm /N 1 /Filter /FlateDecode >>\nstream\n"
                     + zlib.compress(b"<< /Type /Page >>") + b"\nendstream\nendobj\n"
                     b"2 0 obj << /Length 99 /Filter /FlateDecode >>\nstream\n" + content
                     + b"\nendstream\nendobj\n%%EOF\n")
    assert pdf_page_count(path) == 1
