"""Run the portal inside another process (the desktop app's embedded default, some tests)."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from typing import Any

import uvicorn

from portal.app import create_app
from portal.settings import PortalSettings


class EmbeddedPortal:
    """The portal served by uvicorn in a daemon thread on 127.0.0.1 and a free port.

    Example::

        portal = EmbeddedPortal(PortalSettings(storage_dir=data / "portal", sandbox=True)).start()
        ...  # talk to portal.url
        portal.stop()

    Args:
        settings: the portal's settings.
        host: loopback by default: the embedded portal is never reachable from the network.
    """

    def __init__(self, settings: PortalSettings, host: str = "127.0.0.1"):
        self.settings = settings
        self.host = host
        self.port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the embedded portal is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    def start(self, timeout: float = 15.0) -> EmbeddedPortal:
        """Start serving; returns once ``/health`` answers (or raises ``RuntimeError``)."""
        app = create_app(self.settings)
        # Bind the socket here, so the port is ours before uvicorn starts: no race for it.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, 0))
        self.port = sock.getsockname()[1]
        # No proxy headers: the embedded portal has no proxy in front, so no X-Forwarded-For
        # (from any local process) may choose the client address.
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                proxy_headers=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name="embedded-portal", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise RuntimeError("the embedded portal stopped while starting")
            try:
                with urllib.request.urlopen(self.url + "/api/v1/health", timeout=1) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the embedded portal did not answer within {timeout:.0f} s")

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to finish and wait for the thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self._server = None
        self._thread = None

    def __enter__(self) -> EmbeddedPortal:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
