"""A loopback TCP proxy that breaks things on purpose, or imitates a slow rural line.

Used by the sync fault tests, the soak test and the slow-link benchmark. It runs an asyncio loop
in a daemon thread and forwards ``127.0.0.1:<port>`` to an upstream address. Per connection, a
seeded random schedule picks what happens:

- ``ok``: bytes pass through;
- ``drop``: the connection is cut after some bytes of the request (mid-request);
- ``stall``: nothing is forwarded for a while (the client's timeout fires);
- ``error``: the proxy itself answers ``502``/``503`` without asking the portal;
- ``truncate``: the request reaches the portal, the response is cut short.

Throttling (``rate_bps``, ``latency_s``) is shared by all connections, like one link: each
direction has a departure clock, so concurrent transfers split the capacity.

It counts the bytes it forwards each way (``bytes_up``, ``bytes_down``) for byte accounting.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from dataclasses import dataclass, field

FAULTS = ("ok", "drop", "stall", "error", "truncate")


@dataclass
class FaultPlan:
    """Probabilities of each fault per connection (the rest pass through)."""

    drop: float = 0.0
    stall: float = 0.0
    error: float = 0.0
    truncate: float = 0.0
    stall_seconds: float = 3.0
    seed: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FAULTS, 0))

    def pick(self, rng: random.Random) -> str:
        roll = rng.random()
        for name in ("drop", "stall", "error", "truncate"):
            p = getattr(self, name)
            if roll < p:
                return name
            roll -= p
        return "ok"


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int, plan: FaultPlan | None = None,
                 rate_bps: float | None = None, latency_s: float = 0.0, port: int = 0):
        self.upstream = (upstream_host, upstream_port)
        self.plan = plan or FaultPlan()
        self.rate_bps = rate_bps
        self.latency_s = latency_s
        self.rng = random.Random(self.plan.seed)
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        self.enabled = True
        # One cut of whatever connection is carrying the upstream byte number N (an interrupted
        # sync), then pass everything.
        self.cut_once_after: int | None = None
        # The answer to the next request that starts is cut after this many bytes (say, inside
        # its headers), once; the request itself reaches the portal whole.
        self.truncate_next_response: int | None = None
        self.responses_cut = 0
        self._next_free = {"up": 0.0, "down": 0.0}
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.AbstractServer | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="fault-proxy")
        self.port = port

    # ----------------------------------------------------------------------------- lifecycle
    def start(self) -> FaultProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(timeout=10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port,
                                                  reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        async def _stop() -> None:
            if self._server is not None:
                self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(_stop(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ----------------------------------------------------------------------------- relaying
    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            up_r, up_w = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_w.close()
            return
        conn = _Conn(client_w, up_w)
        try:
            await asyncio.gather(self._pump_up(client_r, conn), self._pump_down(up_r, conn),
                                 return_exceptions=True)
        finally:
            for writer in (up_w, client_w):
                with contextlib.suppress(Exception):
                    writer.close()

    def _roll(self) -> str:
        fault = self.plan.pick(self.rng) if self.enabled else "ok"
        self.plan.counts[fault] += 1
        return fault

    async def _pump_up(self, reader: asyncio.StreamReader, conn: _Conn) -> None:
        """Client → portal. Each new request (data after a response began) rolls the dice."""
        loop = asyncio.get_running_loop()
        cut_at: int | None = None
        sent_this_request = 0
        try:
            while not conn.closed:
                data = await reader.read(16 * 1024)
                if not data:
                    break
                if conn.turn != "up":  # a new request starts
                    conn.turn = "up"
                    sent_this_request = 0
                    cut_at = None
                    fault = self._roll()
                    if fault == "error":
                        status = self.rng.choice((b"502 Bad Gateway", b"503 Service Unavailable"))
                        conn.client_w.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\n"
                                            b"Connection: close\r\n\r\n")
                        await conn.client_w.drain()
                        conn.abort()
                        return
                    if fault == "stall":
                        await asyncio.sleep(self.plan.stall_seconds)
                    elif fault == "drop":
                        cut_at = self.rng.randint(0, 64 * 1024)
                    elif fault == "truncate":
                        conn.cut_response_at = self.rng.randint(0, 2048)
                    if self.truncate_next_response is not None:
                        conn.cut_response_at, self.truncate_next_response = (
                            self.truncate_next_response, None)
                once = self.cut_once_after
                if once is not None and self.bytes_up + len(data) > once:
                    self.cut_once_after = None
                    await self._deliver(loop, conn.up_w, data[: max(0, once - self.bytes_up)], "up")
                    conn.abort()
                    return
                if cut_at is not None and sent_this_request + len(data) > cut_at:
                    await self._deliver(loop, conn.up_w, data[: cut_at - sent_this_request], "up")
                    conn.abort()  # the line drops mid-request
                    return
                sent_this_request += len(data)
                await self._deliver(loop, conn.up_w, data, "up")
        finally:
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            with contextlib.suppress(Exception):
                if conn.up_w.can_write_eof():
                    conn.up_w.write_eof()

    async def _pump_down(self, reader: asyncio.StreamReader, conn: _Conn) -> None:
        """Portal → client; a truncated response is cut after a few bytes."""
        loop = asyncio.get_running_loop()
        sent_this_response = 0
        try:
            while not conn.closed:
                data = await reader.read(16 * 1024)
                if not data:
                    break
                if conn.turn != "down":
                    conn.turn = "down"
                    sent_this_response = 0
                cut = conn.cut_response_at
                if cut is not None and sent_this_response + len(data) > cut:
                    self.responses_cut += 1
                    await self._deliver(loop, conn.client_w, data[: max(0, cut - sent_this_response)],
                                        "down")
                    conn.abort()
                    return
                sent_this_response += len(data)
                await self._deliver(loop, conn.client_w, data, "down")
        finally:
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            with contextlib.suppress(Exception):
                conn.client_w.close()

    async def _deliver(self, loop, writer: asyncio.StreamWriter, data: bytes, direction: str) -> None:
        if not data:
            return
        if self.rate_bps:
            now = loop.time()
            start = max(now, self._next_free[direction])
            self._next_free[direction] = start + len(data) * 8 / self.rate_bps
            await asyncio.sleep(self._next_free[direction] - now)
        if direction == "up":
            self.bytes_up += len(data)
        else:
            self.bytes_down += len(data)
        if self.latency_s:
            loop.call_later(self.latency_s, _write_quietly, writer, data)
        else:
            writer.write(data)
            await writer.drain()


class _Conn:
    """One proxied connection: both writers, whose turn it is, and a pending response cut."""

    def __init__(self, client_w: asyncio.StreamWriter, up_w: asyncio.StreamWriter):
        self.client_w = client_w
        self.up_w = up_w
        self.turn = ""
        self.cut_response_at: int | None = None
        self.closed = False

    def abort(self) -> None:
        self.closed = True
        for writer in (self.client_w, self.up_w):
            with contextlib.suppress(Exception):
                writer.transport.abort()


def _write_quietly(writer: asyncio.StreamWriter, data: bytes) -> None:
    with contextlib.suppress(Exception):
        writer.write(data)
