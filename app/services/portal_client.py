"""HTTP client for the portal's ``/api/v1`` (sync protocol v1: portal/README.md).

The sync calls answer with the typed wire shapes of ``dvc_core.wire``.

Plain class with an injected ``requests.Session``; every request has a timeout. Errors come out
as three kinds the sync engine treats differently: :class:`NetworkError` (retry later),
:class:`AuthRequired` (pause the queue, ask for sign-in) and :class:`PortalError` (the portal
said no; 5xx and 429 are retryable, other 4xx are not).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from dvc_core.wire import (
    ActionAnswer,
    ActionRequest,
    ChangesPage,
    DossierDocument,
    PutAnswer,
    SubmitAnswer,
)

TUS_VERSION = "1.0.0"
TRUNCATED = "Câu trả lời của cổng bị cắt ngang hoặc hỏng; sẽ thử lại."
DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read
UPLOAD_CHUNK = 4 * 1024 * 1024


class NetworkError(Exception):
    """The portal could not be reached or did not answer in time."""

    retryable = True

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class PortalError(Exception):
    """The portal answered with an error (RFC 9457 problem details)."""

    status: int
    detail: str
    problem: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(f"{self.status}: {self.detail}")

    @property
    def retryable(self) -> bool:
        # A 409 "concurrent-update" means another request for the same dossier (often our own
        # replay after a crash) was being handled at that instant: trying again is the answer.
        kind = str(self.problem.get("type", ""))
        concurrent = self.status == 409 and kind.endswith("concurrent-update")
        # "missing-blobs" at submit: a file did not arrive whole; the next pass sends it again.
        missing = self.status == 409 and kind.endswith("missing-blobs")
        return self.status >= 500 or self.status in (408, 429) or concurrent or missing

    @property
    def field_errors(self) -> list[dict[str, Any]]:
        errors = self.problem.get("errors")
        return errors if isinstance(errors, list) else []


class AuthRequired(PortalError):
    """401: the token is missing, expired or revoked."""


def check_server_url(url: str) -> str:
    """HTTPS everywhere; plain HTTP only for loopback (the embedded portal, tests)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and host:
        return url.rstrip("/")
    if parts.scheme == "http" and (host in ("localhost", "::1") or host.startswith("127.")):
        return url.rstrip("/")
    raise ValueError(
        f"Địa chỉ cổng “{url}” không an toàn: chỉ dùng https:// (http:// chỉ cho máy này, 127.0.0.1)."
    )


class PortalClient:
    """Talks to one portal. ``token`` is read through a callable so it can change between calls."""

    def __init__(
        self,
        base_url: str,
        session: requests.Session | None = None,
        token: Callable[[], str | None] | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    ):
        self.base_url = check_server_url(base_url)
        self.api = self.base_url + "/api/v1"
        self.session = session or requests.Session()
        self.token = token or (lambda: None)
        self.timeout = timeout

    # ----------------------------------------------------------------------------- plumbing
    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        token = self.token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if extra:
            headers.update(extra)
        return headers

    def request(self, method: str, path: str, *, expect: tuple[int, ...] = (200, 201, 204),
                **kwargs: Any) -> requests.Response:
        url = path if path.startswith("http") else self.api + path
        headers = self._headers(kwargs.pop("headers", None))
        try:
            response = self.session.request(method, url, headers=headers,
                                            timeout=kwargs.pop("timeout", self.timeout), **kwargs)
        except requests.Timeout as exc:
            raise NetworkError("Cổng dịch vụ công không trả lời kịp (hết thời gian chờ).") from exc
        except requests.RequestException as exc:
            raise NetworkError("Không kết nối được tới cổng dịch vụ công (mất mạng hoặc cổng "
                               "đang tắt).") from exc
        if response.status_code in expect:
            return response
        raise self._error(response)

    @staticmethod
    def _error(response: requests.Response) -> PortalError | NetworkError:
        problem: dict[str, Any] = {}
        try:
            body = response.json()
            if isinstance(body, dict):
                problem = body
        except ValueError:
            pass
        if not problem and _refusal_needs_body(response):
            # The portal says why whenever it refuses (a problem body). A 4xx without one did
            # not arrive whole — cut inside its headers, before any Content-Length — and is no
            # refusal: a replay's 409 read so once turned into a permanent "needs action".
            return NetworkError(TRUNCATED)
        detail = problem.get("detail") or problem.get("title") or ""
        if not isinstance(detail, str) or not detail:
            detail = (
                f"Cổng dịch vụ công gặp lỗi (mã {response.status_code}). Hồ sơ vẫn được giữ trên "
                "máy và sẽ được gửi lại."
                if response.status_code >= 500
                else f"Cổng dịch vụ công từ chối yêu cầu (mã {response.status_code})."
            )
        cls = AuthRequired if response.status_code == 401 else PortalError
        return cls(response.status_code, detail, problem)

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.request(method, path, **kwargs)
        if response.status_code == 204:
            return {}
        if not response.content:
            # Every answer of these calls has a JSON body. An empty one means the answer was
            # cut inside its headers (no Content-Length arrived, so nothing looked missing):
            # taking it for "{}" once recorded a submission without its official code.
            raise NetworkError(TRUNCATED)
        try:
            return response.json()
        except ValueError as exc:
            raise NetworkError(TRUNCATED) from exc

    # ----------------------------------------------------------------------------- calls
    def health(self) -> bool:
        try:
            self.request("GET", "/health", timeout=(2.0, 5.0))
            return True
        except (NetworkError, PortalError):
            return False

    def lookup(self, code: str, id_number: str) -> dict[str, Any]:
        """The public status lookup (tra cứu hồ sơ): a dossier's code, procedure and status
        when the code and the applicant's ID number both match; PortalError 404 otherwise."""
        return self.json("GET", "/lookup", params={"code": code, "id_number": id_number})

    def login(self, username: str, password: str) -> dict[str, Any]:
        return self.json("POST", "/sessions", json={"username": username, "password": password})

    def logout(self) -> None:
        self.request("DELETE", "/sessions/current")

    def procedures(self, etag: str | None = None) -> tuple[str | None, list[dict[str, Any]] | None]:
        headers = {"If-None-Match": etag} if etag else None
        response = self.request("GET", "/procedures", headers=headers, expect=(200, 304))
        if response.status_code == 304:
            return etag, None
        body = response.json()
        return response.headers.get("ETag", body.get("etag")), body.get("procedures", [])

    def put_dossier(self, dossier_id: str, document: DossierDocument) -> PutAnswer:
        """Create or replace the dossier's content; the answer names the blobs still missing."""
        return PutAnswer.from_json(self.json("PUT", f"/dossiers/{dossier_id}",
                                             json=document.to_json()))

    def submit(self, dossier_id: str) -> SubmitAnswer:
        """Submit (idempotent: a second submit gives back the same code).

        An answer without a code reads as one (``code`` None); the caller never records it.
        """
        return SubmitAnswer.from_json(self.json("POST", f"/dossiers/{dossier_id}/submit"))

    def get_dossier(self, dossier_id: str) -> dict[str, Any]:
        return self.json("GET", f"/dossiers/{dossier_id}")

    def action(self, dossier_id: str, action: str, expected_version: int,
               note: str | None = None, *, items: tuple[Mapping[str, str], ...] = (),
               delivery: str | None = None,
               result: Mapping[str, Any] | None = None,
               payment: str | None = None) -> ActionAnswer:
        """A lifecycle action, refused with 409 if the dossier is no longer at that version.

        ``items``: a supplement request's components with their reasons; ``delivery`` and
        ``result``: how a result is returned and its electronic file (sent by tus first);
        ``payment``: how a fee was paid (``online`` or ``counter``)."""
        body = ActionRequest(action, expected_version, note, tuple(items), delivery,
                             result, payment).to_json()
        return ActionAnswer.from_json(self.json("POST", f"/dossiers/{dossier_id}/actions",
                                                json=body))

    def changes(self, since: int, limit: int = 500) -> ChangesPage:
        """One page of the change feed after ``since``."""
        return ChangesPage.from_json(self.json("GET", "/changes",
                                               params={"since": since, "limit": limit}))

    def has_blob(self, sha256: str) -> bool:
        response = self.request("HEAD", f"/blobs/{sha256}", expect=(200, 404))
        return response.status_code == 200

    # ----------------------------------------------------------------------------- tus uploads
    def create_upload(self, sha256: str, length: int, filename: str, media_type: str,
                      first: bytes | None = None, key: str | None = None) -> tuple[str, int]:
        """``POST /uploads`` → (absolute upload URL, offset the portal holds).

        ``first``: the file's first bytes, sent in the same request (tus creation-with-upload),
        so a file that fits one request crosses in one round trip. ``key``: the request's
        ``Idempotency-Key``; asked again with the same key, the portal answers with the same
        upload and the offset it holds — where a creation cut off mid-body left off.
        """

        def b64(text: str) -> str:
            return base64.b64encode(text.encode()).decode()

        metadata = f"sha256 {b64(sha256)},filename {b64(filename)},media_type {b64(media_type)}"
        headers = {"Tus-Resumable": TUS_VERSION, "Upload-Length": str(length),
                   "Upload-Metadata": metadata}
        if first:
            headers["Content-Type"] = "application/offset+octet-stream"
        if key:
            headers["Idempotency-Key"] = key
        response = self.request("POST", "/uploads", expect=(201,), headers=headers,
                                data=first or None)
        location = response.headers.get("Location")
        if not location:
            raise NetworkError(TRUNCATED)
        return urljoin(self.api + "/", location), _int_header(response, "Upload-Offset", 0)

    def upload_offset(self, url: str) -> int | None:
        """The offset the portal holds for an upload, or None if it is gone."""
        response = self.request("HEAD", url, expect=(200, 204, 404, 410),
                                headers={"Tus-Resumable": TUS_VERSION})
        if response.status_code in (404, 410):
            return None
        return _int_header(response, "Upload-Offset")

    def upload_chunks(
        self,
        url: str,
        path: Path,
        offset: int,
        length: int,
        progress: Callable[[int], None] | None = None,
        chunk_size: int = UPLOAD_CHUNK,
        checksum: bool = False,
    ) -> int:
        """PATCH the file from ``offset`` in chunks; returns the final offset.

        ``progress`` is called with the new offset after each chunk, so the caller can store it
        and resume from there after a crash.

        Chunks carry no per-chunk checksum by default: the portal keeps the bytes of a PATCH cut
        off mid-way only when it cannot be asked to verify them, and keeping them is what makes
        a resumed upload send (almost) nothing twice. Integrity is still checked end to end —
        the portal refuses a finished upload whose SHA-256 differs from the declared one.
        """
        with Path(path).open("rb") as handle:
            handle.seek(offset)
            while offset < length:
                chunk = handle.read(min(chunk_size, length - offset))
                if not chunk:
                    raise NetworkError("Tệp đính kèm trên máy ngắn hơn dự kiến.")
                headers = {
                    "Tus-Resumable": TUS_VERSION,
                    "Content-Type": "application/offset+octet-stream",
                    "Upload-Offset": str(offset),
                }
                if checksum:
                    digest = base64.b64encode(hashlib.sha256(chunk).digest()).decode()
                    headers["Upload-Checksum"] = f"sha256 {digest}"
                response = self.request("PATCH", url, data=chunk, expect=(204, 200),
                                        headers=headers)
                offset = _int_header(response, "Upload-Offset", offset + len(chunk))
                if progress:
                    progress(offset)
        return offset


def _refusal_needs_body(response: requests.Response) -> bool:
    """Whether an answer with this status must carry a problem body to be whole: a refusal
    (4xx) of a request that has an answer body at all (not HEAD). 401 is excepted: read short
    or not it asks for a sign-in, which loses nothing; 5xx are retried anyway."""
    method = (response.request.method or "") if response.request is not None else ""
    return 400 <= response.status_code < 500 and response.status_code != 401 and (
        method.upper() != "HEAD")


def _int_header(response: requests.Response, name: str, default: int | None = None) -> int:
    """A numeric header; a missing or garbled one means the answer was cut off in transit."""
    value = response.headers.get(name)
    if value is None and default is not None:
        return default
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise NetworkError(TRUNCATED) from None
