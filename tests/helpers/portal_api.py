"""Helpers of the portal tests: a pinned clock, request bodies, and tus/dossier helpers over any
HTTP client (FastAPI's ``TestClient`` in process, ``requests`` against the live portal)."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Any

import requests

from dvc_core.catalog import default_catalog
from portal.models import Account
from portal.security import hash_password
from portal.seed import ensure_commune

PROCEDURE = "1.001193"
CODE_RE = r"^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$"
TUS = {"Tus-Resumable": "1.0.0"}
# Wednesday 25 November 2026, 09:00 in Hà Nội.
START = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)


def pdf_bytes(tag: str = "") -> bytes:
    """A small real PDF (one empty page); ``tag`` makes its hash unique."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
            + f"% {tag}\n".encode() + b"trailer<</Root 1 0 R>>\n%%EOF\n")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Clock:
    """A settable clock the portal reads instead of the wall clock."""

    def __init__(self, now: dt.datetime = START):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def example_dossier(**changes: Any) -> dict[str, Any]:
    """A valid PUT body for the birth registration procedure, attachments listed."""
    proc = default_catalog().get(PROCEDURE)
    assert proc is not None
    body: dict[str, Any] = {
        "procedure_code": PROCEDURE,
        "schema_version": proc.schema_version,
        "applicant": copy.deepcopy(dict(proc.example["applicant"])),
        "fields": copy.deepcopy(dict(proc.example["fields"])),
        "attachments": [],
        "local_ref": "K7M-2QX",
    }
    body.update(changes)
    return body


def attachment(component: str, data: bytes, filename: str = "to_khai.pdf",
               media_type: str = "application/pdf") -> dict[str, Any]:
    return {"component": component, "sha256": sha256(data), "size": len(data),
            "filename": filename, "media_type": media_type}


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def tus_metadata(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


@dataclass
class Api:
    """Thin helpers over any HTTP client with ``requests``-like methods (TestClient or requests)."""

    http: Any
    base: str
    timeout: float | None = None

    def _kw(self) -> dict[str, Any]:
        return {"timeout": self.timeout} if self.timeout else {}

    def request(self, method: str, path: str, **kw: Any) -> Any:
        if "content" in kw and isinstance(self.http, requests.Session):
            kw["data"] = kw.pop("content")  # requests names raw bodies ``data``, httpx ``content``
        return self.http.request(method, self.base + path, **kw, **self._kw())

    def login(self, username: str, password: str) -> str:
        reply = self.request("POST", "/sessions", json={"username": username, "password": password})
        assert reply.status_code == 201, reply.text
        return reply.json()["token"]

    def upload(self, token: str, data: bytes, *, declared_sha: str | None = None,
               filename: str = "to_khai.pdf", chunk: int | None = None) -> Any:
        """tus: create, then PATCH in chunks; returns the last reply."""
        created = self.request("POST", "/uploads", headers={
            **TUS, **auth(token), "Upload-Length": str(len(data)),
            "Upload-Metadata": tus_metadata(sha256=declared_sha or sha256(data), filename=filename,
                                            media_type="application/pdf")})
        assert created.status_code == 201, created.text
        if int(created.headers["Upload-Offset"]) == len(data):
            return created
        location = created.headers["Location"].removeprefix("/api/v1")
        offset = 0
        step = chunk or len(data)
        reply = created
        while offset < len(data):
            piece = data[offset:offset + step]
            reply = self.request("PATCH", location, content=piece, headers={
                **TUS, **auth(token), "Upload-Offset": str(offset),
                "Content-Type": "application/offset+octet-stream",
                "Upload-Checksum": "sha256 " + base64.b64encode(hashlib.sha256(piece).digest()).decode()})
            if reply.status_code != 204:
                return reply
            offset = int(reply.headers["Upload-Offset"])
        return reply

    def new_dossier(self, token: str, files: dict[str, bytes] | None = None,
                    **changes: Any) -> tuple[str, dict[str, Any]]:
        """PUT a valid dossier (with ``to_khai`` and ``giay_chung_sinh`` PDFs) and upload its files."""
        dossier_id = str(uuid.uuid4())
        if files is None:
            files = {"to_khai": pdf_bytes(dossier_id + "a"),
                     "giay_chung_sinh": pdf_bytes(dossier_id + "b")}
        body = example_dossier(attachments=[attachment(c, d, f"{c}.pdf") for c, d in files.items()],
                               **changes)
        reply = self.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(token))
        assert reply.status_code == 201, reply.text
        for data in files.values():
            done = self.upload(token, data)
            assert done.status_code in (201, 204), done.text
        return dossier_id, body

    def submitted(self, token: str, **changes: Any) -> dict[str, Any]:
        dossier_id, _ = self.new_dossier(token, **changes)
        reply = self.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(token))
        assert reply.status_code == 200, reply.text
        return reply.json()


DATABASES = ["sqlite", "postgresql"]


def other_officer(client) -> tuple[str, str]:
    """An officer of a second commune, straight into the database."""
    ctx = client.app.state.portal
    with ctx.sessions() as session:
        ensure_commune(session, "000.98.98.H56", "Xã Bên Cạnh")
        session.add(Account(role="officer", username="canbo.bencanh", full_name="Trần Văn Bên",
                            commune_code="000.98.98.H56", password_hash=hash_password("Ben@20261"),
                            created_at=ctx.now()))
        session.commit()
    return "canbo.bencanh", "Ben@20261"


def second_citizen(api: Api, client) -> str:
    reply = api.request("POST", "/accounts", json={
        "account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
        "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
        "phone": "0983456789"})
    account_id = reply.json()["account_id"]
    sms = client.get("/api/v1/sandbox/messages").json()[-1]["body"]
    otp = re.search(r"\b(\d{6})\b", sms).group(1)
    finish_sign_up(api, account_id, otp, "An@12345x")
    return api.login("0983456789", "An@12345x")


def finish_sign_up(api: Api, account_id: str, otp: str, password: str) -> Any:
    """``verify`` the code, then set the password with the token it answered; the reply."""
    verified = api.request("POST", f"/accounts/{account_id}/verify", json={"otp": otp})
    assert verified.status_code == 200, verified.text
    return api.request("POST", f"/accounts/{account_id}/password", json={
        "password": password, "verification_token": verified.json()["verification_token"]})


def assert_problem(reply: Any, status: int, *fields: str) -> dict[str, Any]:
    """The reply is an RFC 9457 problem with a Vietnamese detail naming each given field."""
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/problem+json"), reply.headers
    body = reply.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in reply.text
    named = {e["field"] for e in body.get("errors", [])}
    for field in fields:
        assert field in named, (field, body)
    return body
