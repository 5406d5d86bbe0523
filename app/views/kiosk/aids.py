"""Where the kiosk's aids plug in: read aloud, plain wording, the slip printer.

Each is looked up once and is optional: a machine without a speech engine or a receipt
printer still files dossiers. The kiosk talks to them through these small functions only.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def plain(text: str, lang: str = "vi") -> str:
    """The plain words of an office term (the wording table); the text itself if unlisted."""
    from app.services.wording import plain as table_plain

    return table_plain(text, lang)


def plain_text(text: str, lang: str = "vi") -> str:
    """``text`` with every office term of the wording table in it put in plain words
    ("Họ, chữ đệm, tên người yêu cầu" → "… người làm giấy tờ"); the longest terms first."""
    import re
    import unicodedata

    from app.services.wording import load_wording

    text = unicodedata.normalize("NFC", text)
    entries = sorted(load_wording().values(), key=lambda e: len(e.term), reverse=True)
    for entry in entries:
        words = entry.plain_en if lang == "en" else entry.plain
        pattern = re.compile(re.escape(unicodedata.normalize("NFC", entry.term)), re.IGNORECASE)

        def put(match: re.Match[str], words: str = words) -> str:
            first = match.group(0)[:1]
            return words[:1].upper() + words[1:] if first.isupper() else words[:1].lower() + \
                words[1:]

        text = pattern.sub(put, text)
    return text


def plain_widgets(root: Any) -> None:
    """Every label and button under ``root`` in plain words (the wording table)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    for widget in [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        text = widget.text()
        if text:
            changed = plain_text(text)
            if changed != text:
                widget.setText(changed)


class Speech:
    """Read aloud through the kiosk's :class:`~app.workers.speech.Speaker` (espeak-ng).

    ``say`` queues a text (what was asked is kept in ``spoken`` for this visit); ``stop``
    stops at once and forgets the queue (a visit's end).
    """

    def __init__(self, parent: Any = None) -> None:
        try:
            from app.workers.speech import Speaker

            self._engine: Any = Speaker(parent)
        except Exception:  # noqa: BLE001 — no speech engine: the kiosk works without it
            log.exception("read aloud is not available")
            self._engine = None
        self.spoken: list[str] = []

    @property
    def available(self) -> bool:
        return self._engine is not None and bool(self._engine.available)

    @property
    def pending(self) -> int:
        return self._engine.pending if self._engine is not None else 0

    def say(self, text: str) -> None:
        self.spoken.append(text)
        if self.available:
            self._engine.say(text)

    def stop(self) -> None:
        self.spoken.clear()
        if self._engine is not None:
            self._engine.stop()


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
