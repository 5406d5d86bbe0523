"""The body cap counts the bytes that really arrive, not what ``Content-Length`` claims.

A chunked body declares no length; before the cap counted streamed bytes, 150 MB sent to
``POST /sessions`` without a token were all read into the portal's memory (132 → 611 MB).
"""

from __future__ import annotations

import select
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

TOTAL = 150 * 1024 * 1024
CHUNK = 256 * 1024


def _rss_bytes(pid: int) -> int:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        pytest.skip("needs /proc to read the portal's memory")
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS line")


def _send_chunked(url: str, path: str) -> tuple[bytes, int]:
    """POST a chunked JSON body of up to TOTAL bytes; stop once the server answers.

    Returns the answer's first bytes and how many body bytes were sent.
    """
    parts = urlsplit(url)
    sent = 0
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as raw:
        raw.sendall((f"POST {path} HTTP/1.1\r\nHost: {parts.hostname}\r\n"
                     "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .encode())
        piece = b"%x\r\n" % CHUNK + b"[" + b"1," * (CHUNK // 2 - 1) + b"1" + b"\r\n"
        try:
            while sent < TOTAL:
                if select.select([raw], [], [], 0)[0]:
                    break  # the server has answered: stop sending
                raw.sendall(piece)
                sent += CHUNK
            else:
                raw.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        answer = b""
        while b"\r\n\r\n" not in answer:
            data = raw.recv(65536)
            if not data:
                break
            answer += data
    return answer, sent


def test_a_chunked_body_over_the_cap_is_refused_without_reading_it(live_portal, live_api):
    before = _rss_bytes(live_portal.process.pid)
    answer, sent = _send_chunked(live_portal.url, "/api/v1/sessions")
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:300]
    assert b"application/problem+json" in answer
    grown = _rss_bytes(live_portal.process.pid) - before
    assert grown < 40 * 1024 * 1024, f"the portal grew by {grown // 2**20} MB"
    assert sent < TOTAL, "the portal read the whole body before answering"
    # The server still serves, and a body under the cap still arrives whole when chunked.
    reply = live_api.request("POST", "/sessions", data=iter([b'{"username": "x", ',
                                                             b'"password": "y"}']),
                             headers={"Content-Type": "application/json"})
    assert reply.status_code == 401, reply.text
