"""Notifications (SMS and e-mail) through a durable outbox with pluggable senders.

A handler queues a :class:`~portal.models.Message` row in its own transaction, so a message is
sent if and only if the change that caused it was committed. Senders deliver after commit, from
a background worker with retries (e-mail servers go down; the OTP must not be lost).

In the sandbox nothing leaves the machine: :class:`SandboxSender` marks the row sent at once and
``GET /sandbox/messages`` shows it, OTPs included, so a trainer can read them aloud.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import smtplib
import ssl
import threading
import unicodedata
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from typing import Protocol

import requests
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from dvc_core import lifecycle
from dvc_core.units import ONE_STOP_UNIT
from dvc_core.vntime import time_on_day
from portal.models import Message
from portal.settings import SmsGatewaySettings, SmtpSettings

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
#: How long a worker's claim on a message lasts: far longer than a send takes (a sender's
#: timeouts are seconds), and well inside an OTP's five minutes, so an OTP whose send a crash
#: cut off still goes out in time. A claim older than this was left by a crash: the message
#: goes back to pending, to be sent by whoever comes next.
CLAIM_LEASE = dt.timedelta(minutes=2)
#: Why an undelivered message with a lapsed ``expires_at`` (an OTP past its five minutes) was
#: given up: sending it now would only mislead.
EXPIRED_ERROR = "hết hạn trước khi gửi được"
INTERRUPTED_ERROR = "bị gián đoạn khi đang gửi (máy chủ dừng giữa chừng)"


class PermanentSendError(Exception):
    """The message can never be delivered (no gateway, address refused): do not retry."""


class Sender(Protocol):
    """Delivers one message or raises (``PermanentSendError`` to stop retrying)."""

    #: Recording senders deliver inside the queuing transaction (nothing leaves the machine).
    immediate: bool

    def send(self, message: Message) -> None: ...


class SandboxSender:
    """Records the message and pretends it was delivered (training, tests)."""

    immediate = True

    def send(self, message: Message) -> None:
        return None


class UnconfiguredSender:
    """Used when no gateway is configured for a channel: logs and gives up."""

    immediate = False

    def __init__(self, channel: str):
        self.channel = channel

    def send(self, message: Message) -> None:
        log.warning("no %s gateway configured; message %s to %s not sent",
                    self.channel, message.id, message.to)
        raise PermanentSendError(f"không có cổng gửi {self.channel}")


class SmtpSender:
    """Sends e-mail through an SMTP server (optionally STARTTLS and login).

    STARTTLS checks the server's certificate and name (the system's CA store, or the
    configured CA file); a server that fails the check gets neither the login nor the mail,
    the failure is logged saying what to configure, and the message is retried later.
    """

    immediate = False

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        # Built at start-up, so a CA file that cannot be read stops the portal at once.
        self._tls = (ssl.create_default_context(
            cafile=str(settings.ca_file) if settings.ca_file else None)
            if settings.starttls else None)
        if settings.username and not settings.starttls:
            log.warning("SMTP login to %s:%s without STARTTLS: the password crosses the network "
                        "in clear", settings.host, settings.port)

    def send(self, message: Message) -> None:
        s = self.settings
        mail = EmailMessage()
        mail["From"] = s.sender
        mail["To"] = message.to
        mail["Subject"] = message.subject or "Thông báo từ Cổng dịch vụ công"
        mail.set_content(message.body)
        try:
            with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as smtp:
                if self._tls is not None:
                    self._starttls(smtp)
                if s.username:
                    smtp.login(s.username, s.password or "")
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentSendError(f"địa chỉ bị từ chối: {exc}") from exc

    def _starttls(self, smtp: smtplib.SMTP) -> None:
        s = self.settings
        try:
            smtp.starttls(context=self._tls)
        except ssl.SSLCertVerificationError as exc:
            log.error("SMTP server %s:%s refused: its TLS certificate could not be verified (%s). "
                      "Nothing was sent, not even the login. Give the server a certificate from a "
                      "trusted CA, or name its CA with --smtp-ca-file (DVC_PORTAL_SMTP_CA_FILE).",
                      s.host, s.port, exc.verify_message)
            raise RuntimeError("chứng chỉ TLS của máy chủ thư không xác minh được "
                               f"({exc.verify_message})") from exc


class HttpSmsSender:
    """Sends SMS through an HTTP gateway (the operator's or an aggregator's API).

    The request is ``POST <url>`` with JSON ``{"to": "0912345678", "message": "…", "id": 42}``
    (``id`` lets the gateway drop a repeat after a lost answer) and ``Authorization: Bearer
    <token>`` when a token is set. 2xx: sent. 4xx except 408/429: permanent (a bad number
    stays bad). Network errors, 408, 429 and 5xx: retried by the notifier with backoff.
    """

    immediate = False

    def __init__(self, settings: SmsGatewaySettings):
        self.settings = settings
        self._http = requests.Session()

    def send(self, message: Message) -> None:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.settings.token:
            headers["Authorization"] = f"Bearer {self.settings.token}"
        body = unaccented(message.body) if self.settings.unaccented else message.body
        payload = {"to": message.to, "message": body, "id": message.id}
        reply = self._http.post(self.settings.url, data=json.dumps(payload, ensure_ascii=False)
                                .encode("utf-8"), headers=headers, timeout=self.settings.timeout)
        if 200 <= reply.status_code < 300:
            return
        text = f"cổng SMS trả lời {reply.status_code}: {reply.text[:200]}"
        if 400 <= reply.status_code < 500 and reply.status_code not in (408, 429):
            raise PermanentSendError(text)
        raise RuntimeError(text)


# -- status SMS -------------------------------------------------------------------------------
#
# Every dossier has the applicant's phone (the e-mail is optional), so the statuses a citizen must
# act on or come for are also sent by SMS. The text keeps its Vietnamese diacritics: unaccented
# Vietnamese is ambiguous ("ho so bi tu choi"?) and every phone in use shows Unicode SMS. That
# makes it a UCS-2 message — 70 characters in one SMS, 67 in each part of a longer one — so the
# texts are short and a long officer's note is cut to keep the whole within SMS_MAX_PARTS parts
# (the e-mail and the portal carry the note whole). A gateway that takes GSM-7 text only is
# configured ``unaccented`` (``--sms-unaccented``): the sender folds the letters just before
# sending, so the outbox and the sandbox keep what the citizen should read.

SMS_MAX_PARTS = 5
_GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


def sms_parts(text: str) -> int:
    """How many SMS a text takes: GSM-7 160 / 153 per part, else UCS-2 70 / 67 per part."""
    single, part = (160, 153) if set(text) <= _GSM7 else (70, 67)
    return 1 if len(text) <= single else -(-len(text) // part)


def unaccented(text: str) -> str:
    """Vietnamese without its marks ("Hồ sơ đã được tiếp nhận" → "Ho so da duoc tiep nhan"),
    for a gateway that takes GSM-7 only; typographic quotes and dashes become ASCII too."""
    text = text.translate(_PLAIN)
    folded = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in folded if not unicodedata.combining(c)))


_PLAIN = str.maketrans({"đ": "d", "Đ": "D", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-",
                        "—": "-", "…": "..."})


def _fit(template: str, note: str) -> str:
    """``template`` with ``{note}`` filled, the note cut (with "…") to stay within the parts."""
    note = " ".join(note.split()).rstrip(" .")
    text = template.format(note=note)
    budget = SMS_MAX_PARTS * 67
    if len(text) > budget:
        room = budget - len(template.format(note=""))
        text = template.format(note=note[:max(room - 1, 0)].rstrip() + "…").replace("….", "…")
    return text


def status_sms(code: str, status: int | None, *, note: str | None = None,
               due_at: dt.datetime | None = None, unit: str = "",
               delivery: str | None = None) -> str | None:
    """The SMS for a status change the citizen should hear of, or None for the others.

    Args:
        code: the dossier's official code.
        status: the new status (``dvc_core.lifecycle``).
        note: the officer's note (what is missing, why refused).
        due_at: when the result is due (said when the dossier is received).
        unit: the commune's one-stop unit (``dvc_core.units.one_stop_unit``).
        delivery: how the person chose to receive the result (``dvc_core.delivery.chosen``).
    """
    unit = unit or ONE_STOP_UNIT
    if status == lifecycle.DUOC_TIEP_NHAN:
        due = f" Hẹn trả kết quả: {time_on_day(due_at)}." if due_at else ""
        return f"Hồ sơ {code} đã được tiếp nhận.{due} Tra cứu bằng mã hồ sơ và số CCCD."
    if status == lifecycle.YEU_CAU_BO_SUNG:
        return _fit(f"Hồ sơ {code} cần bổ sung: {{note}}. Hãy bổ sung trên Cổng dịch vụ công "
                    f"hoặc tại {unit}.", note or "xem yêu cầu trên Cổng dịch vụ công")
    if status == lifecycle.KHONG_DUOC_TIEP_NHAN:
        return _fit(f"Hồ sơ {code} không được tiếp nhận. Lý do: {{note}}. Cần hỗ trợ, liên hệ "
                    f"{unit}.", note or "xem trên Cổng dịch vụ công")
    if status == lifecycle.DA_XU_LY_XONG:
        ready = f"Hồ sơ {code} đã có kết quả."
        if delivery == "counter":
            return f"{ready} Mời Ông/Bà nhận kết quả tại {unit}."
        if delivery == "post":
            return f"{ready} Kết quả được gửi qua bưu chính đến địa chỉ Ông/Bà đã đăng ký."
        if delivery == "online":
            return f"{ready} Kết quả điện tử có trong tài khoản của Ông/Bà trên Cổng dịch vụ công."
        return f"{ready} Mời Ông/Bà nhận kết quả tại {unit} hoặc theo cách nhận đã đăng ký."
    return None


def message_values(message: Message) -> dict[str, object]:
    """The column values of a prepared (unsaved) message, for a Core ``insert``."""
    return {"channel": message.channel, "to": message.to, "subject": message.subject,
            "body": message.body, "created_at": message.created_at, "status": message.status,
            "attempts": message.attempts, "next_attempt_at": message.next_attempt_at,
            "sent_at": message.sent_at, "last_error": message.last_error,
            "expires_at": message.expires_at}


def expire_messages(session: Session, now: dt.datetime, keep_bodies: bool = False) -> int:
    """Release lapsed claims and give up messages past their expiry, in ``session``.

    A message claimed (``sending``) whose lease has run out was left by a worker that died:
    it goes back to pending, or to failed if that was its last try. A message still
    undelivered once its ``expires_at`` has passed is failed. A failed message's body (an
    OTP, a personal notice) is blanked unless ``keep_bodies`` (the sandbox's record). Returns
    how many messages changed; a read first, so the usual round takes no write lock.
    """
    lapsed = and_(Message.status == "sending", Message.next_attempt_at <= now)
    expired = and_(Message.status.in_(("pending", "sending")), Message.expires_at.is_not(None),
                   Message.expires_at <= now)
    if session.scalar(select(Message.id).where(or_(lapsed, expired)).limit(1)) is None:
        return 0
    failed: dict[str, object] = {"status": "failed"}
    if not keep_bodies:
        failed["body"] = ""
    gone = session.execute(update(Message).where(expired).values(
        **failed, last_error=EXPIRED_ERROR)).rowcount
    spent = session.execute(update(Message).where(lapsed, Message.attempts >= MAX_ATTEMPTS)
                            .values(**failed, last_error=INTERRUPTED_ERROR)).rowcount
    released = session.execute(update(Message).where(lapsed).values(
        status="pending", last_error=INTERRUPTED_ERROR)).rowcount
    log.warning("outbox: %s interrupted sends back to pending, %s given up after their last "
                "try, %s expired before they could be sent", released, spent, gone)
    return gone + spent + released


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min … capped at 1 h."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


class Notifier:
    """Queues messages in the caller's transaction and delivers them afterwards.

    Args:
        sessions: session factory for the delivery worker.
        clock: aware UTC now.
        senders: sender per channel (``sms``, ``email``).
        keep_bodies: keep message text after delivery (sandbox); otherwise it is blanked once
            sent, because an OTP or a personal notice has no business staying in the database.
    """

    def __init__(self, sessions: sessionmaker, clock: Callable[[], dt.datetime],
                 senders: Mapping[str, Sender], keep_bodies: bool = False):
        self.sessions = sessions
        self.clock = clock
        self.senders = dict(senders)
        self.keep_bodies = keep_bodies
        self._queued = False
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def queue(self, session: Session, channel: str, to: str, body: str, subject: str = "",
              expires_after: dt.timedelta | None = None) -> Message:
        """Add a message to the outbox inside ``session``'s transaction.

        ``expires_after``: the body is worthless after this long (an OTP's lifetime): if not
        delivered by then, the message is given up and its body removed.
        """
        message = self.prepare(channel, to, body, subject, expires_after)
        session.add(message)
        return message

    def prepare(self, channel: str, to: str, body: str, subject: str = "",
                expires_after: dt.timedelta | None = None) -> Message:
        """The outbox row for a message, not yet added to any session.

        A caller that writes it itself (``insert(Message.__table__)`` with
        :func:`message_values`) must commit it before calling :meth:`kick`, as with ``queue``.
        """
        now = self.clock()
        message = Message(channel=channel, to=to, subject=subject, body=body, created_at=now,
                          status="pending", attempts=0, next_attempt_at=now, sent_at=None,
                          last_error=None,
                          expires_at=now + expires_after if expires_after else None)
        sender = self.senders.get(channel)
        if sender is not None and sender.immediate:
            sender.send(message)
            message.status, message.sent_at, message.attempts = "sent", now, 1
        else:
            self._queued = True
        return message

    def kick(self) -> None:
        """Ask the worker to deliver now (call after committing queued messages).

        Only when something was queued for a real sender since the last delivery round: a
        sandbox message is already "sent", and waking the worker for nothing costs a query
        per submission under load.
        """
        if self._queued:
            self._wake.set()

    def deliver_pending(self, limit: int = 50) -> int:
        """Try every due message once; returns how many were sent."""
        self._queued = False
        now = self.clock()
        sent = 0
        with self.sessions() as session:
            expire_messages(session, now, self.keep_bodies)
            session.commit()
            ids = session.scalars(
                select(Message.id)
                .where(Message.status == "pending", Message.next_attempt_at <= now)
                .order_by(Message.id).limit(limit)
            ).all()
        for message_id in ids:
            sent += self._deliver_one(message_id)
        return sent

    def _deliver_one(self, message_id: int) -> int:
        with self.sessions() as session:
            # Claim the row so a second worker (another process) does not send it twice, for a
            # lease (a crash mid-send must not leave it claimed for ever), and count the try
            # now: a message whose sending kills the worker each time still runs out of tries.
            now = self.clock()
            claimed = session.execute(
                update(Message).where(Message.id == message_id, Message.status == "pending",
                                      Message.next_attempt_at <= now)
                .values(status="sending", next_attempt_at=now + CLAIM_LEASE,
                        attempts=Message.attempts + 1)
            ).rowcount
            session.commit()
            if not claimed:
                return 0
            message = session.get(Message, message_id)
            assert message is not None
            sender = self.senders.get(message.channel) or UnconfiguredSender(message.channel)
            try:
                sender.send(message)
            except PermanentSendError as exc:
                message.status, message.last_error = "failed", str(exc)[:500]
            except Exception as exc:  # network trouble: try again later
                message.last_error = f"{type(exc).__name__}: {exc}"[:500]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = "failed"
                else:
                    message.status = "pending"
                    message.next_attempt_at = self.clock() + backoff(message.attempts)
            else:
                message.status, message.sent_at, message.last_error = "sent", self.clock(), None
            if message.status in ("sent", "failed") and not self.keep_bodies:
                message.body = ""
            session.commit()
            return 1 if message.status == "sent" else 0

    # -- background worker -------------------------------------------------------------------

    def start(self, poll_seconds: float = 5.0) -> None:
        if self._thread is not None:
            return
        self._stop.clear()

        def run() -> None:
            while not self._stop.is_set():
                try:
                    self.deliver_pending()
                except Exception:  # the worker must survive a locked database or the like
                    log.exception("notification delivery failed")
                self._wake.wait(poll_seconds)
                self._wake.clear()

        self._thread = threading.Thread(target=run, name="portal-notifier", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
