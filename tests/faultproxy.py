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
                 rate_bps: float | None = None, latency_s: float = 0.0):
        self.upstream = (upstream_host, upstream_port)
        self.plan = plan or FaultPlan()
        self.rate_bps = rate_bps
        self.latency_s = latency_s
        self.rng = random.Random(self.plan.seed)
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        self.enabled = True
        self._next_free = {"up": 0.0, "down": 0.0}
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.AbstractServer | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="fault-proxy")
        self.port = 0

    # ----------------------------------------------------------------------------- lifecycle
    def start(self) -> FaultProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(timeout=10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        async def _stop() -> None:
            if self._server is not None:
                self._server.close()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._server.wait_closed(), 2)

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
        fault = self.plan.pick(self.rng) if self.enabled else "ok"
        self.plan.counts[fault] += 1
        limit = self.rng.randint(0, 64 * 1024)
        try:
            if fault == "error":
                await client_r.read(4096)
                status = self.rng.choice((b"502 Bad Gateway", b"503 Service Unavailable"))
                client_w.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\n"
                               b"Connection: close\r\n\r\n")
                await client_w.drain()
                return
            if fault == "stall":
                await asyncio.sleep(self.plan.stall_seconds)
            try:
                up_r, up_w = await asyncio.open_connection(*self.upstream)
            except OSError:
                return
            try:
                await asyncio.gather(
                    self._pump(client_r, up_w, "up", limit if fault == "drop" else None),
                    self._pump(up_r, client_w, "down", limit if fault == "truncate" else None),
                )
            finally:
                up_w.close()
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                client_w.close()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    direction: str, cut_after: int | None) -> None:
        loop = asyncio.get_running_loop()
        sent = 0
        try:
            while True:
                data = await reader.read(16 * 1024)
                if not data:
                    break
                if cut_after is not None and sent + len(data) > cut_after:
                    data = data[: max(0, cut_after - sent)]
                    await self._deliver(loop, writer, data, direction)
                    raise ConnectionResetError("fault: cut")
                sent += len(data)
                await self._deliver(loop, writer, data, direction)
        finally:
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            with contextlib.suppress(Exception):
                if writer.can_write_eof():
                    writer.write_eof()
            if cut_after is not None:
                # A cut closes both directions at once, as a dropped line would.
                with contextlib.suppress(Exception):
                    writer.transport.abort()

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


def _write_quietly(writer: asyncio.StreamWriter, data: bytes) -> None:
    with contextlib.suppress(Exception):
        writer.write(data)
