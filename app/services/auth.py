"""Who is signed in, and where the session token is kept.

Where the token lives is the mode's decision (:attr:`app.modes.ModePolicy.token_storage`): the
desk keeps it in the operating system's keyring under a service name that includes the portal;
kiosk and training keep it in memory only. The password is never stored.
A machine with no keyring backend gets a clear message and a session that is not remembered —
never a plaintext fallback.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.modes import ModePolicy

log = logging.getLogger(__name__)

NO_KEYRING_VI = ("Máy này không có kho khóa bảo mật của hệ điều hành, nên phiên đăng nhập sẽ không "
                 "được ghi nhớ: lần mở sau cần đăng nhập lại.")


@dataclass
class Session:
    token: str
    role: str
    username: str
    display_name: str = ""
    commune: str = ""
    expires_at: str = ""
    commune_name: str = ""

    @classmethod
    def from_json(cls, data: dict) -> Session:
        """From what :meth:`TokenStore.set` stored (fields a newer version added are dropped)."""
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


class TokenStore:
    """Holds the current session; persists it in the keyring when ``persist`` is true.

    Attributes:
        warning: a Vietnamese message to show once when the keyring could not be used.
    """

    ACCOUNT = "session"

    def __init__(self, service: str, persist: bool):
        self.service = service
        self.persist = persist
        self.warning: str | None = None
        self._session: Session | None = None
        self._loaded = False

    @classmethod
    def for_policy(cls, service: str, policy: ModePolicy) -> TokenStore:
        """The store a mode asks for: the keyring, or memory only."""
        return cls(service, persist=policy.persists_tokens)

    def _keyring(self):
        import keyring

        return keyring

    def current(self) -> Session | None:
        if not self._loaded:
            self._loaded = True
            if self.persist:
                self._session = self._load()
        return self._session

    def token(self) -> str | None:
        session = self.current()
        return session.token if session else None

    def _load(self) -> Session | None:
        from keyring.errors import KeyringError

        try:
            raw = self._keyring().get_password(self.service, self.ACCOUNT)
        except KeyringError:
            self.warning = NO_KEYRING_VI
            return None
        if not raw:
            return None
        try:
            return Session.from_json(json.loads(raw))
        except (ValueError, TypeError, AttributeError):
            return None

    def set(self, session: Session) -> None:
        self._session = session
        self._loaded = True
        if not self.persist:
            return
        from keyring.errors import KeyringError

        try:
            self._keyring().set_password(self.service, self.ACCOUNT, json.dumps(session.__dict__))
        except KeyringError:
            self.warning = NO_KEYRING_VI
            log.warning("keyring unavailable; the session is kept in memory only")

    def clear(self) -> None:
        self._session = None
        self._loaded = True
        if not self.persist:
            return
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            self._keyring().delete_password(self.service, self.ACCOUNT)
        except PasswordDeleteError:
            pass
        except KeyringError:
            self.warning = NO_KEYRING_VI
