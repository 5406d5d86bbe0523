"""Training mode's sandbox, Qt-free: the simulated phone's messages, the reset to the seeded
state, and signing in as a demo account in one step.

Only ever used against the embedded sandbox portal (training refuses any other server when the
configuration is resolved); every call here reaches the portal's ``/sandbox/*`` endpoints, which
a real portal does not have.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

#: Files of the data folder a reset leaves alone: the settings, the compiled translations, the
#: sync lock this process holds. Everything else a workshop made goes.
_KEPT = frozenset({"settings.json", "i18n", "sync.lock", "portal"})


@dataclass(frozen=True)
class PhoneMessage:
    """One SMS or e-mail the sandbox sent, as the simulated phone shows it."""

    id: int
    to: str
    channel: str  # sms | email
    subject: str
    body: str
    sent_at: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PhoneMessage:
        return cls(id=int(data.get("id") or 0), to=str(data.get("to") or ""),
                   channel=str(data.get("channel") or ""), subject=str(data.get("subject") or ""),
                   body=str(data.get("body") or ""), sent_at=str(data.get("sent_at") or ""))


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    display_name: str


@dataclass(frozen=True)
class ResetReport:
    """What a reset removed and how long it took."""

    portal_rows: int
    local_rows: int
    files: int
    seconds: float


class TrainingSandbox:
    """The trainer's levers on the embedded sandbox.

    Args:
        client: gives the :class:`~app.services.portal_client.PortalClient` (called on first
            use: it may start the embedded portal).
        accounts: gives the :class:`~app.services.accounts.AccountService` (sign-in/out).
        sessions: the local database's session factory.
        data_dir: the app's data folder (its blobs, drafts and caches are emptied by a reset).
        sign_in_default: signs in again as the mode's demo account after a reset.
    """

    def __init__(self, client: Callable[[], Any], accounts: Callable[[], Any], sessions: Any,
                 data_dir: Path, sign_in_default: Callable[[], Any] | None = None):
        self._client = client
        self._accounts = accounts
        self.sessions = sessions
        self.data_dir = Path(data_dir)
        self._sign_in_default = sign_in_default

    # ----------------------------------------------------------------------------- phone
    def messages(self, after: int = 0) -> list[PhoneMessage]:
        """The SMS and e-mails the sandbox sent after message ``after``, oldest first."""
        rows = self._client().json("GET", "/sandbox/messages", params={"after": after},
                                   timeout=(2.0, 5.0))
        return [PhoneMessage.from_json(row) for row in rows]

    # ----------------------------------------------------------------------------- accounts
    def demo_accounts(self) -> list[DemoAccount]:
        rows = self._client().json("GET", "/sandbox/accounts")
        return [DemoAccount(str(r["username"]), str(r["password"]), str(r["role"]),
                            str(r.get("display_name") or "")) for r in rows]

    def sign_in_as(self, role: str):
        """Sign in as the demo account of ``role`` (``citizen`` or ``officer``); returns the
        session. The one signed in before is signed out first."""
        account = next((a for a in self.demo_accounts() if a.role == role), None)
        if account is None:
            raise LookupError(f"Máy chủ thử nghiệm không có tài khoản mẫu vai trò {role}.")
        service = self._accounts()
        service.logout()
        return service.login(account.username, account.password)

    # ----------------------------------------------------------------------------- reset
    def reset(self) -> ResetReport:
        """Back to the seeded state: the sandbox portal's data (``POST /sandbox/reset``), then
        every dossier, draft, queued item, history line and worklist copy of this computer,
        their files and the cached figures; then signed in again as the mode's demo account."""
        started = time.perf_counter()
        try:
            self._accounts().logout()  # the session is about to stop existing on the portal
        except Exception:  # noqa: BLE001 — forgotten here anyway; the reset goes on
            pass
        answer = self._client().json("POST", "/sandbox/reset", timeout=(2.0, 60.0))
        portal_rows = sum(v for k, v in (answer.get("removed") or {}).items() if k != "files")
        files = int((answer.get("removed") or {}).get("files") or 0)
        local_rows = self._empty_database()
        files += self._empty_data_folder()
        if self._sign_in_default is not None:
            self._sign_in_default()
        return ResetReport(portal_rows, local_rows, files, time.perf_counter() - started)

    def _empty_database(self) -> int:
        from app.models.base import Base

        removed = 0
        with self.sessions() as session:
            for table in reversed(Base.metadata.sorted_tables):
                removed += session.execute(table.delete()).rowcount or 0
            session.commit()
        with self.sessions() as session:
            # Nothing of the workshop stays in the write-ahead log either.
            session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return removed

    def _empty_data_folder(self) -> int:
        removed = 0
        for entry in self.data_dir.iterdir():
            if entry.name in _KEPT or entry.name.startswith("dvc-desk.sqlite3"):
                continue
            if entry.is_dir() and not entry.is_symlink():
                removed += sum(1 for p in entry.rglob("*") if p.is_file())
                shutil.rmtree(entry, ignore_errors=True)
                entry.mkdir(exist_ok=True)  # the blob store keeps writing into its folder
            else:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
