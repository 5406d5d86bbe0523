"""Faults on demand for training: a ``requests`` transport adapter that the trainer's switches
drive, mounted on the portal client's session in training mode only.

It never touches the portal's own code: what the desk sees is what it would see from a real
network or a real portal —

- **network down** (``network_down``): every call fails as if the cable were out
  (``requests.ConnectionError``); the queue holds the dossier, the next pass after the switch
  is off sends it. The sandbox's own endpoints (the simulated phone, the demo sign-ins) still
  answer: the phone is not on this computer's network.
- **SMS late** (``late_sms``): an SMS the sandbox sends is held back from the simulated phone
  for ``sms_delay`` seconds (or until the switch is off); the code itself stays valid.
- **portal refuses** (``refuse``): a dossier's submission is answered with a 422 refusal in the
  portal's problem-details shape, as the portal words one.
- **officer asks for a supplement** (``supplement``): once a dossier is submitted, the sandbox's
  demo officer receives it and asks for a supplement, through the portal's API with the
  officer's own session (the next sync brings the request back to the desk).

Qt-free.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

REFUSAL_TYPE = "https://dvc.example/problems/training-refusal"
REFUSAL_DETAIL = ("Cổng từ chối hồ sơ: thành phần hồ sơ không hợp lệ (tình huống đào tạo do "
                  "người tập huấn bật).")
SUPPLEMENT_NOTE = ("Đề nghị bổ sung bản chụp Giấy chứng sinh rõ nét, đủ bốn góc (tình huống "
                   "đào tạo).")
DOWN_MESSAGE = "Mất kết nối mạng (tình huống đào tạo do người tập huấn bật)."
_SUBMIT = re.compile(r"/api/v1/dossiers/([^/]+)/submit$")
SWITCHES = ("network_down", "late_sms", "refuse", "supplement")


@dataclass
class Faults:
    """The trainer's switches and what they did (read by the menu and the tests).

    Attributes:
        sms_delay: seconds an SMS is held while ``late_sms`` is on.
        clock: seconds, monotonic (tests move it).
        officer: ``(username, password)`` of the sandbox officer who asks for supplements;
            ``None``: read from ``GET /sandbox/accounts``.
    """

    network_down: bool = False
    late_sms: bool = False
    refuse: bool = False
    supplement: bool = False
    sms_delay: float = 60.0
    clock: Callable[[], float] = time.monotonic
    officer: tuple[str, str] | None = None
    refused: list[str] = field(default_factory=list)  #: dossier ids refused
    supplements: list[str] = field(default_factory=list)  #: dossier ids asked to supplement
    errors: list[str] = field(default_factory=list)  #: why a supplement request failed
    _held: dict[int, float] = field(default_factory=dict)  # SMS id → when first seen
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def set(self, name: str, on: bool) -> None:
        if name not in SWITCHES:
            raise KeyError(name)
        setattr(self, name, bool(on))
        if name == "late_sms" and not on:
            with self._lock:
                self._held.clear()

    def held_sms(self) -> int:
        """How many SMS the phone has not been shown yet."""
        with self._lock:
            return len(self._held)

    def hold(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The messages the phone may show now: everything before the first SMS still held
        (the phone asks for ``after=`` its last id, so nothing after a held one is shown)."""
        if not self.late_sms:
            return messages
        now = self.clock()
        shown = []
        with self._lock:
            for message in messages:
                if message.get("channel") == "sms":
                    ident = int(message.get("id") or 0)
                    first = self._held.setdefault(ident, now)
                    if now - first < self.sms_delay:
                        break
                    self._held.pop(ident, None)
                shown.append(message)
        return shown


def _answer(request: requests.PreparedRequest, status: int, body: Any) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body, ensure_ascii=False).encode()
    response.headers["Content-Type"] = "application/problem+json"
    response.encoding = "utf-8"
    response.url = request.url or ""
    response.request = request
    return response


class FaultAdapter(HTTPAdapter):
    """The transport with the trainer's faults; with every switch off it is a plain
    :class:`~requests.adapters.HTTPAdapter`."""

    def __init__(self, faults: Faults, **kwargs: Any):
        super().__init__(**kwargs)
        self.faults = faults

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        faults = self.faults
        parts = urlsplit(request.url or "")
        path = parts.path
        sandbox = "/api/v1/sandbox/" in path
        if faults.network_down and not sandbox:
            raise requests.ConnectionError(DOWN_MESSAGE, request=request)
        submit = _SUBMIT.search(path) if request.method == "POST" else None
        if submit and faults.refuse:
            faults.refused.append(submit[1])
            return _answer(request, 422, {"type": REFUSAL_TYPE, "title": "Hồ sơ bị từ chối",
                                          "status": 422, "detail": REFUSAL_DETAIL})
        response = super().send(request, **kwargs)
        if sandbox and path.endswith("/sandbox/messages") and response.status_code == 200 \
                and faults.late_sms:
            try:
                kept = faults.hold(response.json())
            except ValueError:
                return response
            response._content = json.dumps(kept, ensure_ascii=False).encode()
        if submit and faults.supplement and response.status_code in (200, 201):
            base = f"{parts.scheme}://{parts.netloc}"
            self._ask_supplement(base, submit[1], kwargs.get("timeout"))
        return response

    def _ask_supplement(self, base: str, dossier_id: str, timeout: Any) -> None:
        """The sandbox officer receives the dossier and asks for a supplement (the portal's
        API, the officer's own session, none of the desk's faults)."""
        from app.services.portal_client import PortalClient, PortalError

        try:
            plain = PortalClient(base, timeout=timeout or (5.0, 30.0))
            username, password = self.faults.officer or next(
                (a["username"], a["password"]) for a in plain.json("GET", "/sandbox/accounts")
                if a.get("role") == "officer")
            token = plain.login(username, password)["token"]
            officer = PortalClient(base, token=lambda: token, timeout=plain.timeout)
            version = int(officer.get_dossier(dossier_id)["version"])
            answer = officer.action(dossier_id, "receive", version)
            officer.action(dossier_id, "request_supplement", int(answer.version or version + 1),
                           SUPPLEMENT_NOTE)
            self.faults.supplements.append(dossier_id)
        except (PortalError, Exception) as exc:  # noqa: BLE001 — the filing itself went out
            self.faults.errors.append(f"{dossier_id}: {exc}")


def mount(session: requests.Session, faults: Faults) -> FaultAdapter:
    """Mount the fault adapter on ``session`` for http and https; returns it."""
    adapter = FaultAdapter(faults)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return adapter


__all__ = ["SWITCHES", "FaultAdapter", "Faults", "mount"]
