"""Where the kiosk's aids plug in: read aloud, plain wording, the slip printer.

Each is looked up once and is optional: a machine without a speech engine or a receipt
printer still files dossiers. The kiosk talks to them through these small functions only.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _wording() -> dict[str, str]:
    """Office term → plain words, from ``resources/kiosk_wording.json`` when it is there."""
    try:
        data = json.loads((resources.files("resources") / "kiosk_wording.json")
                          .read_text(encoding="utf-8"))
    except (FileNotFoundError, ModuleNotFoundError, ValueError, OSError):
        return {}
    table = data.get("terms", data) if isinstance(data, dict) else data
    pairs: dict[str, str] = {}
    if isinstance(table, dict):
        pairs = {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, str)}
    elif isinstance(table, list):
        for row in table:
            if isinstance(row, dict):
                office = row.get("office") or row.get("term")
                plain_text = row.get("plain")
                if isinstance(office, str) and isinstance(plain_text, str):
                    pairs[office] = plain_text
    return {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v)
            for k, v in pairs.items()}


def plain(text: str) -> str:
    """``text`` with each office term of the wording table replaced by its plain words."""
    text = unicodedata.normalize("NFC", text)
    table = _wording()
    for office in sorted(table, key=len, reverse=True):
        if office in text:
            text = text.replace(office, table[office])
    return text


class Speech:
    """Read aloud: the kiosk's speech service when installed, else silent.

    ``say`` replaces what is being read; ``stop`` empties the queue (a visit's end).
    """

    def __init__(self) -> None:
        self._engine: Any = None
        try:
            from app.services import speech  # type: ignore[attr-defined]

            make = getattr(speech, "default_speaker", None) or getattr(speech, "Speaker", None)
            self._engine = make() if make is not None else None
        except Exception:  # noqa: BLE001 — no speech engine: the kiosk works without it
            self._engine = None
        self.spoken: list[str] = []  # what was asked for in this visit (emptied by stop)

    @property
    def available(self) -> bool:
        return self._engine is not None

    def say(self, text: str) -> None:
        self.spoken.append(text)
        if self._engine is None:
            return
        try:
            (getattr(self._engine, "say", None) or self._engine.speak)(text)
        except Exception:  # noqa: BLE001
            log.exception("read aloud failed")

    def stop(self) -> None:
        self.spoken.clear()
        if self._engine is None:
            return
        for name in ("stop", "clear"):
            method = getattr(self._engine, name, None)
            if method is not None:
                try:
                    method()
                except Exception:  # noqa: BLE001
                    log.exception("could not stop reading aloud")
                return


def thermal_printer(settings: dict[str, Any]) -> Any:
    """The 80 mm receipt printer configured in ``settings.json`` (``kiosk_printer``), or None:
    the slip then goes through the system's print dialog."""
    if not settings.get("kiosk_printer"):
        return None
    try:
        from app.services import slip_printer  # type: ignore[attr-defined]
    except ImportError:
        log.warning("kiosk_printer is set but the receipt printer module is not installed")
        return None
    make = getattr(slip_printer, "from_settings", None)
    return make(settings) if make is not None else None
