"""Builds the services one process needs from an :class:`~app.config.AppConfig`.

Used by the GUI's composition root (``app.application``) and by the ``dvc`` command line, so
both open the same database the same way and talk to the same portal.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

from app.config import AppConfig
from app.services.auth import Session, TokenStore
from app.services.portal_client import PortalClient
from app.services.purge import clean_up
from app.services.queue import DossierQueue
from dvc_core.blobs import BlobStore
from dvc_core.catalog import Catalog, default_catalog

log = logging.getLogger(__name__)


class Services:
    """The database, blob store, queue, token store and portal access of one process."""

    def __init__(self, config: AppConfig):
        from app.models.db import open_database

        self.config = config
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.engine, self.sessions = open_database(config.database_path)
        self.blobs = BlobStore(config.blob_dir)
        self.policy = config.policy
        self._clean_up_at_start()
        self.catalog = default_catalog()
        self.queue = DossierQueue(self.sessions, self.blobs, self.catalog)
        self.tokens = TokenStore.for_policy(config.keyring_service, self.policy)
        self.embedded: Any = None
        self.recovered = 0  # items put back from "in flight" when this process took the lock
        from app.services.synclock import SyncLock

        self.sync_lock = SyncLock(config.data_dir / "sync.lock")

    def _clean_up_at_start(self) -> None:
        """A kiosk dossier confirmed just before a crash was never purged: purge it now. A
        kiosk also empties the WAL at each start (a purge's, cut short by a crash, is there)."""
        try:
            clean_up(self.sessions, self.blobs, scrub_anyway=self.policy.purges_on_confirmation)
        except Exception:  # noqa: BLE001 — the app still starts; the first sync pass tries again
            log.exception("could not purge confirmed dossiers at start-up")

    def adopt_catalog(self, catalog: Catalog) -> None:
        """A newer catalog from the portal replaces the one the search, the queue and the
        receipts use (a filing in progress keeps the procedure it started with)."""
        self.catalog = catalog
        self.queue.catalog = catalog

    @property
    def is_embedded(self) -> bool:
        return self.config.server is None

    def server_url(self) -> str:
        """The portal's base URL; starts the embedded sandbox portal on first use if needed."""
        if self.config.server:
            return self.config.server
        if self.embedded is None:
            from portal.app import PortalSettings
            from portal.server import EmbeddedPortal

            folder = self.config.embedded_portal_dir
            folder.mkdir(parents=True, exist_ok=True)
            settings = PortalSettings(
                database_url=f"sqlite:///{folder / 'portal.sqlite3'}",
                storage_dir=folder,
                sandbox=True,
                # A workshop starts with a dossier in every status on every screen.
                demo_dossiers=self.policy.sandbox_only,
            )
            self.embedded = EmbeddedPortal(settings)
            self.embedded.start()
            log.info("embedded sandbox portal at %s", self.embedded.url)
        return self.embedded.url

    @cached_property
    def client(self) -> PortalClient:
        client = PortalClient(self.server_url(), token=self.tokens.token)
        if self.policy.teaching_aids:  # training: the trainer's faults on demand, in transport
            from app.services.faults import mount

            mount(client.session, self.faults)
        return client

    @cached_property
    def faults(self):
        """Training mode's switches for faults on demand (:mod:`app.services.faults`)."""
        from app.services.faults import Faults

        return Faults()

    def sync_engine(self, progress=None):
        """The sync engine, once this process holds the data folder's sync lock.

        Raises:
            SyncBusy: another process (the app, or ``dvc sync``) is syncing this folder.
        """
        from app.services.sync import SyncEngine
        from app.services.synclock import SyncBusy

        if not self.sync_lock.held:
            if not self.sync_lock.acquire():
                raise SyncBusy()
            # Only the one sender may decide that an "in flight" item was abandoned by a crash.
            self.recovered = self.queue.recover()
        return SyncEngine(self.sessions, self.client, self.blobs, progress=progress,
                          server_key=self.config.server_key)

    @cached_property
    def dossiers(self):
        """The dossiers on this computer as the list screen reads and acts on them."""
        from app.services.dossiers import LocalDossiers

        # The catalog is looked up at each read: a newer one from the portal replaces it.
        return LocalDossiers(self.queue, lambda: self.catalog, self.config.server_key,
                             session=self.tokens.current,
                             marks_printouts=self.policy.marks_printouts)

    @cached_property
    def worklists(self):
        """The officer's worklists, read from the portal and kept for reading offline."""
        from app.services.worklist import DeskWorklists

        # The client is reached on first use only (it may start the embedded portal).
        return DeskWorklists(self.sessions, lambda: self.client, self.config.server_key)

    @cached_property
    def officer_actions(self):
        """The officer's decisions on dossiers, checked and queued (:mod:`~app.services.officer_actions`)."""
        from app.services.officer_actions import OfficerActions

        return OfficerActions(self.queue, lambda: self.client, lambda: self.catalog,
                              self.config.server_key)

    @cached_property
    def office_printer(self):
        """The one-stop slips and the fee of a dossier the officer has open
        (:class:`~app.services.office_forms.OfficePrinter`)."""
        from app.config import load_settings
        from app.services import register
        from app.services.office_forms import OfficePrinter

        return OfficePrinter(lambda: self.catalog, self.tokens.current,
                             lambda: load_settings(self.config.data_dir),
                             self.worklists.calendar, training=self.policy.marks_printouts,
                             collect=lambda start, end: register.collect(self, start, end))

    @cached_property
    def dashboard(self):
        """The commune's figures, read from the portal and kept for reading offline."""
        from app.services.dashboard import DeskDashboard

        return DeskDashboard(self.config.data_dir, lambda: self.client, self.config.server_key)

    @cached_property
    def training(self):
        """Training mode's sandbox: the simulated phone, the reset, the demo sign-ins."""
        from app.services.training import TrainingSandbox

        return TrainingSandbox(lambda: self.client, lambda: self.accounts, self.sessions,
                               self.config.data_dir, self.ensure_embedded_login)

    @cached_property
    def officer_detail(self):
        """One dossier as the officer's detail shows it, its attachments fetched for preview."""
        from app.services.officer_detail import DetailReader

        return DetailReader(lambda: self.client, self.blobs, lambda: self.catalog,
                            self.worklists.calendar)

    @property
    def idle_days(self) -> int:
        """Working days without a change before the worklist flags a dossier."""
        from app.config import load_settings
        from app.services.worklist import idle_days

        return idle_days(load_settings(self.config.data_dir))

    @cached_property
    def accounts(self):
        """Sign-up, sign-in, sign-out and password reset (:mod:`app.services.accounts`)."""
        from app.services.accounts import AccountService

        return AccountService(self.client, self.tokens)

    def login(self, username: str, password: str) -> Session:
        """Sign in and keep the session; raises the client's ``PortalError``/``NetworkError``
        (the GUI signs in through :attr:`accounts`, which explains refusals)."""
        answer = self.client.login(username, password)
        session = Session(
            token=answer["token"], role=answer.get("role", ""), username=username,
            display_name=answer.get("display_name", ""), commune=answer.get("commune", ""),
            expires_at=answer.get("expires_at", ""), commune_name=answer.get("commune_name") or "",
        )
        self.tokens.set(session)
        return session

    def ensure_embedded_login(self) -> Session | None:
        """On the embedded sandbox portal, sign in with the demo account for this mode
        (:attr:`~app.modes.ModePolicy.embedded_role`)."""
        if not self.is_embedded:
            return self.tokens.current()
        current = self.tokens.current()
        if current is not None:
            return current
        role = self.policy.embedded_role
        accounts = self.client.json("GET", "/sandbox/accounts")
        account = next((a for a in accounts if a.get("role") == role), None)
        if account is None:
            return None
        return self.login(account["username"], account["password"])

    def close(self) -> None:
        self.sync_lock.release()
        if self.embedded is not None:
            self.embedded.stop()
            self.embedded = None
        self.engine.dispose()
