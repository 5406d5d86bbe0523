"""Start the real portal (``python -m portal``, uvicorn) as a subprocess on a loopback port.

Used by the ``live_portal`` fixture in ``tests/conftest.py`` and by any test that needs a real
server: real sockets, real SQLite file, real process boundary.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

STARTUP_TIMEOUT = 30.0
REQUEST_TIMEOUT = 10.0

#: Where the PostgreSQL variants of the portal tests run. ``.ci/run`` exports it after starting
#: the machine's PostgreSQL 15; locally the same default is tried and, when nothing answers,
#: the PostgreSQL variants are skipped (with the reason) instead of failing.
POSTGRES_ENV = "DVC_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://dvc:dvc@127.0.0.1:5432/dvc_test"
_pg_state: dict[str, str | None] = {}


def postgres_url() -> tuple[str | None, str]:
    """``(url, "")`` when PostgreSQL answers, else ``(None, why)``. Checked once per run.

    With ``DVC_TEST_POSTGRES_URL`` set explicitly (CI), an unreachable server is an error, not
    a skip: CI must never pass by silently skipping the PostgreSQL half.
    """
    if "url" not in _pg_state:
        url = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES_URL
        why = ""
        try:
            import sqlalchemy

            engine = sqlalchemy.create_engine(url, connect_args={"connect_timeout": 3})
            with engine.connect() as conn:
                conn.execute(sqlalchemy.text("SELECT 1"))
            engine.dispose()
        except Exception as exc:  # not installed, not running, wrong password …
            if os.environ.get(POSTGRES_ENV):
                raise RuntimeError(f"{POSTGRES_ENV}={url} is set but unreachable: {exc}") from exc
            why = (f"PostgreSQL not reachable at {url} ({type(exc).__name__}: "
                   f"{str(exc).splitlines()[0][:160] if str(exc) else ''}); start it with "
                   f"`pg_ctlcluster 15 main start` or set {POSTGRES_ENV} (.ci/run does both)")
            url = None
        _pg_state["url"], _pg_state["why"] = url, why
    return _pg_state["url"], _pg_state["why"] or ""


@contextlib.contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A fresh, empty schema in the test database; yields a URL whose search_path is it.

    Each test gets its own schema (dropped afterwards), so PostgreSQL tests are as isolated as
    the SQLite ones with their own file, and can run beside each other or after a crash.
    """
    import uuid

    import sqlalchemy

    schema = f"t_{uuid.uuid4().hex[:16]}"
    engine = sqlalchemy.create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in base_url else "?"
        yield f"{base_url}{sep}options=-csearch_path%3D{schema}&application_name={schema}"
    finally:
        with engine.connect() as conn:
            # Sessions of a stopped portal may linger a moment; end them so DROP does not wait.
            conn.execute(sqlalchemy.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> "
                "pg_backend_pid() AND application_name = :name"), {"name": schema})
            conn.execute(sqlalchemy.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def free_port() -> int:
    """A port nobody listens on right now (the portal binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LivePortal:
    """A running portal subprocess.

    Attributes:
        url: ``http://127.0.0.1:PORT``.
        api: ``url + "/api/v1"``.
        storage: the portal's storage folder (blobs, uploads, SQLite file).
        database_url: the SQLAlchemy URL of its database.
        process: the ``subprocess.Popen`` of the server.
    """

    url: str
    storage: Path
    database_url: str
    process: subprocess.Popen
    log_path: Path
    http: requests.Session = field(default_factory=requests.Session)

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    def login(self, username: str, password: str) -> str:
        """Log in and return the bearer token (fails the test on any other answer)."""
        reply = self.http.post(f"{self.api}/sessions",
                               json={"username": username, "password": password},
                               timeout=REQUEST_TIMEOUT)
        if reply.status_code != 201:
            raise AssertionError(f"login {username!r} failed: {reply.status_code} {reply.text}")
        return reply.json()["token"]

    def sandbox_accounts(self) -> list[dict[str, Any]]:
        reply = self.http.get(f"{self.api}/sandbox/accounts", timeout=REQUEST_TIMEOUT)
        reply.raise_for_status()
        return reply.json()

    def account(self, role: str) -> dict[str, Any]:
        """The first seeded sandbox account with this role."""
        return next(a for a in self.sandbox_accounts() if a["role"] == role)

    def token_for(self, role: str) -> str:
        account = self.account(role)
        return self.login(account["username"], account["password"])

    def messages(self) -> list[dict[str, Any]]:
        reply = self.http.get(f"{self.api}/sandbox/messages", timeout=REQUEST_TIMEOUT)
        reply.raise_for_status()
        return reply.json()

    def log(self) -> str:
        """What the server printed so far (for assertion messages)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""


def _wait_healthy(portal: LivePortal, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if portal.process.poll() is not None:
            return False
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{portal.api}/health", timeout=1).status_code == 200:
                return True
        time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def start_portal(base_dir: Path, sandbox: bool = True, extra_args: Sequence[str] = (),
                 database_url: str | None = None) -> Iterator[LivePortal]:
    """Run ``python -m portal`` on a free loopback port until the ``with`` block ends.

    Args:
        base_dir: the portal's storage folder (created if missing).
        sandbox: pass ``--sandbox`` (demo commune, demo accounts, ``/sandbox/*``).
        extra_args: further command-line arguments for ``dvc-portal``.
        database_url: SQLAlchemy URL (default: a SQLite file in ``base_dir``).
    """
    base_dir = Path(base_dir)
    base_dir.mkdir(parents=True, exist_ok=True)
    database_url = database_url or f"sqlite:///{(base_dir / 'portal.sqlite3').as_posix()}"
    root = Path(__file__).resolve().parents[2]  # the repository
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(root), os.environ.get("PYTHONPATH", "")]))}
    last_log = ""
    for _attempt in range(3):  # another process may grab the port between our check and bind
        port = free_port()
        args = [sys.executable, "-m", "portal", "--host", "127.0.0.1", "--port", str(port),
                "--storage", str(base_dir), "--database", database_url]
        if sandbox:
            args.append("--sandbox")
        args.extend(extra_args)
        log_path = base_dir / f"portal-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env,
                                       cwd=str(root))
        portal = LivePortal(url=f"http://127.0.0.1:{port}", storage=base_dir,
                            database_url=database_url, process=process, log_path=log_path)
        try:
            if _wait_healthy(portal, time.monotonic() + STARTUP_TIMEOUT):
                try:
                    yield portal
                finally:
                    portal.http.close()
                return
            last_log = portal.log()
        finally:
            _stop(process)
    raise RuntimeError(f"the portal did not start on loopback:\n{last_log}")
