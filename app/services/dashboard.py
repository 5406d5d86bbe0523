"""The commune's figures on the desk: read from the portal (``GET /api/v1/stats``), kept in
the data folder for reading offline, with how old that copy is, and written out as CSV.

The portal holds every dossier's history and is the one honest source; the desk keeps what it
last read for each period (``dashboard.json``: counts only, no personal data) so the
dashboard and ``dvc dashboard`` still answer without a network, saying when the copy was read.
What each figure counts is :mod:`dvc_core.stats`. No Qt here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.services.portal_client import NetworkError, PortalClient
from app.services.worklist import Copy
from dvc_core.stats import Figures, Period, csv_rows

#: Periods kept in the copy (the most recently read ones).
KEPT = 8
FILE_NAME = "dashboard.json"


@dataclass(frozen=True)
class Dashboard:
    """The figures shown, and where they come from (``figures`` None: never read)."""

    figures: Figures | None
    copy: Copy

    def to_json(self, now: dt.datetime | None = None) -> dict[str, Any]:
        """``dvc dashboard --json``: the figures, then ``cached``, ``fetched_at`` and
        ``age_seconds`` (how old the copy is; 0 when just read)."""
        now = now or dt.datetime.now(dt.UTC)
        fetched = self.copy.fetched_at
        out = self.figures.to_json() if self.figures is not None else {}
        out.update({"cached": not self.copy.online,
                    "fetched_at": fetched.isoformat() if fetched else None,
                    "age_seconds": max(0, int((now - fetched).total_seconds())) if fetched
                    else None})
        return out


def _key(period_from: str, period_to: str) -> str:
    return f"{period_from}/{period_to}"


class DeskDashboard:
    """The figures of one portal, read through ``client`` and kept in ``folder``.

    Args:
        folder: the data folder (the copy is ``dashboard.json`` there).
        client: the portal (an officer's session), or a callable giving it on first use.
        server_key: which portal the copy belongs to (another portal's copy is never shown).
        clock: now, as an aware UTC datetime.
    """

    def __init__(self, folder: Path, client: PortalClient | Callable[[], Any], server_key: str,
                 clock: Callable[[], dt.datetime] | None = None):
        self.path = Path(folder) / FILE_NAME
        self._client = client
        self.server_key = server_key
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    @property
    def client(self) -> PortalClient:
        return self._client if isinstance(self._client, PortalClient) else self._client()

    def read(self, period: Period | None = None, refresh: bool = True) -> Dashboard:
        """The figures of ``period`` (None: the portal's default, the last twelve weeks):
        from the portal (kept), or the copy when it cannot be reached — that period's, else
        the last one read, whose own dates the figures carry.

        Raises:
            PortalError: the portal refused (not an officer: 403; ``AuthRequired``: sign in
                again; a bad period: 422 naming ``from`` or ``to``).
        """
        error = None
        if refresh:
            try:
                return self._fetch(period)
            except NetworkError as exc:
                error = exc.message
        return self._cached(period, error)

    def _fetch(self, period: Period | None) -> Dashboard:
        params = ({"from": period.start.isoformat(), "to": period.end.isoformat()}
                  if period is not None else {})
        body = self.client.json("GET", "/stats", params=params)
        try:
            figures = Figures.from_json(body)
        except ValueError as exc:
            raise NetworkError("Cổng trả về số liệu không đúng dạng.") from exc
        now = self._clock()
        self._keep(figures, now)
        return Dashboard(figures, Copy(now, True))

    # ----------------------------------------------------------------------------- the copy
    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("server") != self.server_key:
            return {}
        return data

    def _keep(self, figures: Figures, now: dt.datetime) -> None:
        data = self._load()
        entries = [e for e in data.get("entries") or [] if isinstance(e, dict)
                   and e.get("key") != _key(*_ends(figures))]
        entries.insert(0, {"key": _key(*_ends(figures)), "fetched_at": now.isoformat(),
                           "figures": figures.to_json()})
        data = {"server": self.server_key, "entries": entries[:KEPT]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)  # a crash leaves the old copy or the new, never half

    def _cached(self, period: Period | None, error: str | None) -> Dashboard:
        entries = self._load().get("entries") or []
        wanted = _key(period.start.isoformat(), period.end.isoformat()) if period else None
        chosen = next((e for e in entries if e.get("key") == wanted), None)
        for entry in ([chosen] if chosen else []) + list(entries):
            try:
                figures = Figures.from_json(entry["figures"])
                fetched = dt.datetime.fromisoformat(entry["fetched_at"])
            except (KeyError, TypeError, ValueError):
                continue  # a damaged entry: try the next one
            return Dashboard(figures, Copy(fetched, False, error))
        return Dashboard(None, Copy(None, False, error))


def _ends(figures: Figures) -> tuple[str, str]:
    return figures.period.start.isoformat(), figures.period.end.isoformat()


def csv_text(figures: Figures) -> str:
    """The CSV export (UTF-8 with a byte-order mark written by :func:`write_csv`, so a
    spreadsheet opens the Vietnamese names right)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(csv_rows(figures))
    return out.getvalue()


def write_csv(figures: Figures, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(csv_text(figures), encoding="utf-8-sig", newline="")
    return path
