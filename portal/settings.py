"""Portal settings: one dataclass, filled by the command line, the embedded server or a test."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MiB = 1024 * 1024


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class SmtpSettings:
    """Where e-mail goes (``None`` host means no e-mail is sent outside the sandbox).

    With ``starttls`` the server's certificate is verified (name and chain) against the
    system's CA store, or against ``ca_file`` (a PEM bundle: a private CA, a self-signed
    server) when one is given; a server that fails is never sent the login or a message.
    """

    host: str
    port: int = 25
    starttls: bool = False
    ca_file: Path | None = None
    username: str | None = None
    password: str | None = None
    sender: str = "dichvucong@localhost"
    timeout: float = 10.0


@dataclass
class SmsGatewaySettings:
    """An HTTP SMS gateway: the portal POSTs ``{"to", "message", "id"}`` as JSON to ``url``.

    ``token`` (only from the environment, ``DVC_PORTAL_SMS_TOKEN``) goes in
    ``Authorization: Bearer``. A 2xx answer means accepted; 4xx (other than 408/429) means the
    gateway will never take this message; anything else is retried with backoff.
    ``unaccented``: the gateway takes GSM-7 text only, so the portal folds the Vietnamese
    letters itself ("Hồ sơ" → "Ho so"); off by default, the citizen reads the diacritics.
    """

    url: str
    token: str | None = None
    timeout: float = 10.0
    unaccented: bool = False


@dataclass
class PortalSettings:
    """Everything a portal instance needs to know.

    Attributes:
        database_url: SQLAlchemy URL; a SQLite file in ``storage_dir`` when empty.
        storage_dir: blobs, partial uploads and (by default) the database.
        sandbox: seed the demo commune and accounts and expose ``/sandbox/*``.
        demo_dossiers: with ``sandbox``, also one demo dossier in every status
            (:mod:`portal.demo_dossiers`; the app's training mode).
        max_file_bytes: cap per attachment.
        max_dossier_bytes: cap on the sum of a dossier's attachments.
        clock: returns the current aware UTC time (tests pin it).
        token_ttl: how long a login lasts.
        default_unit_code: the commune a dossier goes to when neither the request nor the
            caller names one (the demo commune under ``--sandbox``).
        smtp: e-mail delivery; None keeps e-mails in the outbox only.
        login_limit: failed logins allowed per account per ``login_window``.
        login_address_limit: failed logins allowed per client address per ``login_window``
            (whatever the names tried: slows down guessing across many accounts).
        lookup_limit: public lookups allowed per client address per ``lookup_window``.
        sms: the HTTP SMS gateway; None outside the sandbox means SMS cannot be sent.
        holidays_file: an edited copy of ``portal/data/holidays_vn.json`` (None: the shipped one).
        upload_ttl: how long an unfinished upload, or a finished one no dossier of its
            uploader uses, lives after its last activity (announced as ``Upload-Expires``);
            the clean-up removes it then, and the blob with it once nobody holds it.
        upload_quota_bytes: an account's pending upload bytes (unfinished uploads at their
            declared length, finished files no dossier of it uses yet); a creation past it
            is refused with 413.
        threads: request threads per worker (``DVC_PORTAL_THREADS``; 0 keeps anyio's 40).
        message_ttl: delivered or failed messages older than this are deleted by the clean-up
            (the sandbox's record of SMS and e-mails included).
        otp_address_limit: SMS codes sent per client address per ``otp_window`` (sign-up and
            password reset together; the kernel's limits per phone and per ID number apply too).
        otp_fail_limit: wrong codes allowed per phone per ``otp_window``, across every code,
            sign-up request and password reset sent to it.
        forwarded_allow_ips: addresses (or networks, or ``*``) of reverse proxies whose
            ``X-Forwarded-For`` / ``X-Forwarded-Proto`` are believed. Empty (the default): the
            headers are ignored and the client is the socket's peer, whoever sends them.
    """

    database_url: str = ""
    storage_dir: Path = field(default_factory=lambda: Path("portal-data"))
    sandbox: bool = False
    demo_dossiers: bool = False
    max_file_bytes: int = 10 * MiB
    max_dossier_bytes: int = 50 * MiB
    clock: Callable[[], dt.datetime] = utc_now
    token_ttl: dt.timedelta = dt.timedelta(hours=12)
    default_unit_code: str | None = None
    smtp: SmtpSettings | None = None
    login_limit: int = 5
    login_address_limit: int = 30
    login_window: dt.timedelta = dt.timedelta(minutes=15)
    lookup_limit: int = 30
    lookup_window: dt.timedelta = dt.timedelta(minutes=10)
    max_json_bytes: int = 2 * MiB
    sms: SmsGatewaySettings | None = None
    holidays_file: Path | None = None
    threads: int = int(os.environ.get("DVC_PORTAL_THREADS", "4"))
    upload_ttl: dt.timedelta = dt.timedelta(hours=24)
    upload_quota_bytes: int = 200 * MiB
    message_ttl: dt.timedelta = dt.timedelta(days=7)
    otp_address_limit: int = 20
    otp_fail_limit: int = 10
    otp_window: dt.timedelta = dt.timedelta(hours=1)
    forwarded_allow_ips: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.storage_dir = Path(self.storage_dir)
        if not self.database_url:
            self.database_url = default_database_url(self.storage_dir)


def default_database_url(storage_dir: Path) -> str:
    return f"sqlite:///{(Path(storage_dir) / 'portal.sqlite3').as_posix()}"
