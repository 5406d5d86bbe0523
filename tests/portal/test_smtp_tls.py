"""STARTTLS verifies the mail server: a self-signed server gets neither the login nor the mail.

A real aiosmtpd server that requires STARTTLS (and AUTH only over TLS), with a certificate
made here; the portal's notifier delivers to it as it does in production.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import ssl
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from portal.app import create_app
from portal.models import Message
from portal.settings import PortalSettings, SmtpSettings
from tests.helpers.portal_api import Api
from tests.helpers.portal_fixture import free_port

controller_module = pytest.importorskip("aiosmtpd.controller")
smtp_module = pytest.importorskip("aiosmtpd.smtp")
x509 = pytest.importorskip("cryptography.x509")


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mail.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "mail.pem", folder / "mail.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Server:
    """What the mail server saw: logins (with their passwords) and messages."""

    def __init__(self) -> None:
        self.logins: list[tuple[bytes, bytes]] = []
        self.mails: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(envelope.content)
        return "250 OK"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                     auth_data: Any) -> Any:
        self.logins.append((auth_data.login, auth_data.password))
        return smtp_module.AuthResult(success=True)


def _deliver_one(tmp_path: Path, port: int, ca_file: Path | None) -> tuple[Any, Message]:
    settings = PortalSettings(
        storage_dir=tmp_path / f"portal-{bool(ca_file)}", sandbox=True,
        smtp=SmtpSettings(host="127.0.0.1", port=port, starttls=True, ca_file=ca_file,
                          username="portal", password="smtp-secret-2026", timeout=5))
    app = create_app(settings)
    ctx = app.state.portal
    with TestClient(app) as client:
        ctx.notifier.stop()  # deliver by hand, deterministically
        api = Api(client, "/api/v1")
        citizen = next(a for a in client.get("/api/v1/sandbox/accounts").json()
                       if a["role"] == "citizen")
        api.submitted(api.login(citizen["username"], citizen["password"]))
        sent = ctx.notifier.deliver_pending()
        with ctx.sessions() as session:
            message = session.query(Message).filter(Message.channel == "email").one()
            session.expunge(message)
    return sent, message


def test_a_self_signed_mail_server_gets_nothing_until_its_ca_is_configured(tmp_path, caplog):
    cert, key = _self_signed(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    seen = _Server()
    port = free_port()
    server = controller_module.Controller(
        seen, hostname="127.0.0.1", port=port, tls_context=tls, require_starttls=True,
        authenticator=seen.authenticate, auth_require_tls=True)
    server.start()
    try:
        with caplog.at_level(logging.ERROR, logger="portal.notify"):
            sent, message = _deliver_one(tmp_path, port, None)
        assert sent == 0
        assert seen.logins == [] and seen.mails == []  # not the password, not the mail
        assert message.status == "pending" and "chứng chỉ" in (message.last_error or "")
        assert any("could not be verified" in r.getMessage() and "--smtp-ca-file" in r.getMessage()
                   for r in caplog.records), caplog.text

        sent, message = _deliver_one(tmp_path, port, cert)
        assert sent == 1 and message.status == "sent"
        assert seen.logins == [(b"portal", b"smtp-secret-2026")]
        assert len(seen.mails) == 1 and b"hoa.le@example.vn" in seen.mails[0]
    finally:
        server.stop()
