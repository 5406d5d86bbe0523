"""The training guide's text as data (``resources/training/guide.json``), loaded and checked.

A trainer edits the file for their province: for each wizard (``filing``, ``account``) and each
page id (``section:*`` matches every page whose id starts with ``section:``), the guide's steps
that screen shows — which guide (``national``, ``provincial``, ``submission``), the step number,
the guide's own words (``quote``), the app's explanation (``vi``, ``en``) and the control the
step talks about (``target``: ``page:ATTR``, ``frame:ATTR`` or ``row:FIELD_ID``).

A file that cannot be read or has a wrong key gives a Vietnamese message naming the key; the
file shipped with the app is used instead, so a workshop never starts without a guide.
Qt-free.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "resources" / "training" / "guide.json"
WIZARDS = ("filing", "account")
TARGET_KINDS = ("page", "frame", "row")


class GuideError(ValueError):
    """The guide file is wrong; ``message`` is Vietnamese and names the key."""

    def __init__(self, key: str, problem: str):
        self.key = key
        self.message = f"Tệp hướng dẫn tập huấn: mục “{key}” {problem}."
        super().__init__(self.message)


@dataclass(frozen=True)
class GuideStep:
    guide: str  #: which guide: national, provincial, submission
    step: int  #: its “Bước” number
    quote: str  #: the guide's own words
    vi: str
    en: str
    target: str = ""  #: the control the step is about ("" none)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.vi


@dataclass(frozen=True)
class Guide:
    source: str
    labels: dict[str, dict[str, str]]
    guides: dict[str, dict[str, str]]
    wizards: dict[str, dict[str, tuple[GuideStep, ...]]]
    sample: dict[str, Any] = field(default_factory=dict)  #: answers the examples lack
    path: Path | None = None
    problem: str | None = field(default=None)  #: why the trainer's file was not used

    def steps(self, wizard: str, page_id: str) -> tuple[GuideStep, ...]:
        """The steps shown beside page ``page_id`` of ``wizard`` (none: an empty tuple)."""
        pages = self.wizards.get(wizard, {})
        if page_id in pages:
            return pages[page_id]
        for key, steps in pages.items():
            if key.endswith("*") and page_id.startswith(key[:-1]):
                return steps
        return ()

    def label(self, key: str, lang: str) -> str:
        text = self.labels.get(key, {})
        return text.get(lang) or text.get("vi") or key

    def guide_title(self, guide: str, lang: str) -> str:
        text = self.guides.get(guide, {})
        return text.get(lang) or text.get("vi") or guide

    def heading(self, step: GuideStep, lang: str) -> str:
        word = "Step" if lang == "en" else "Bước"
        return f"{self.guide_title(step.guide, lang)} — {word} {step.step}"


def _nfc(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise GuideError(key, "phải là một đoạn chữ")
    return unicodedata.normalize("NFC", value)


def _texts(raw: Any, key: str) -> dict[str, dict[str, str]]:
    if not isinstance(raw, dict):
        raise GuideError(key, "phải là một bảng")
    out = {}
    for name, value in raw.items():
        if not isinstance(value, dict) or not value.get("vi"):
            raise GuideError(f"{key}.{name}", "phải có lời tiếng Việt (“vi”)")
        out[name] = {lang: _nfc(text, f"{key}.{name}.{lang}") for lang, text in value.items()}
    return out


def parse(raw: Any) -> Guide:
    """The guide from the file's JSON. Raises :class:`GuideError` naming the wrong key."""
    if not isinstance(raw, dict):
        raise GuideError("(gốc)", "phải là một bảng JSON")
    labels = _texts(raw.get("labels", {}), "labels")
    guides = _texts(raw.get("guides"), "guides")
    wizards_raw = raw.get("wizards")
    if not isinstance(wizards_raw, dict):
        raise GuideError("wizards", "thiếu hoặc không phải là một bảng")
    wizards: dict[str, dict[str, tuple[GuideStep, ...]]] = {}
    for wizard, pages in wizards_raw.items():
        key = f"wizards.{wizard}"
        if wizard not in WIZARDS:
            raise GuideError(key, f"không có trong ứng dụng (chỉ có: {', '.join(WIZARDS)})")
        if not isinstance(pages, dict):
            raise GuideError(key, "phải là một bảng các trang")
        wizards[wizard] = {}
        for page_id, steps in pages.items():
            pkey = f"{key}.{page_id}"
            if not isinstance(steps, list):
                raise GuideError(pkey, "phải là một danh sách các bước")
            parsed = []
            for i, step in enumerate(steps):
                skey = f"{pkey}[{i}]"
                if not isinstance(step, dict):
                    raise GuideError(skey, "phải là một bảng")
                if step.get("guide") not in guides:
                    raise GuideError(f"{skey}.guide",
                                     f"phải là một trong: {', '.join(guides)}")
                number = step.get("step")
                if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                    raise GuideError(f"{skey}.step", "phải là số bước (1, 2, …)")
                target = _nfc(step.get("target", ""), f"{skey}.target")
                if target and (":" not in target or target.split(":", 1)[0] not in TARGET_KINDS
                               or not target.split(":", 1)[1]):
                    raise GuideError(f"{skey}.target",
                                     "phải có dạng page:TÊN, frame:TÊN hoặc row:MÃ_Ô")
                if not step.get("vi"):
                    raise GuideError(f"{skey}.vi", "thiếu lời tiếng Việt")
                parsed.append(GuideStep(
                    guide=step["guide"], step=number,
                    quote=_nfc(step.get("quote", ""), f"{skey}.quote"),
                    vi=_nfc(step["vi"], f"{skey}.vi"),
                    en=_nfc(step.get("en", ""), f"{skey}.en"), target=target))
            wizards[wizard][page_id] = tuple(parsed)
    sample = raw.get("sample", {})
    if not isinstance(sample, dict):
        raise GuideError("sample", "phải là một bảng (mã ô: câu trả lời mẫu)")
    return Guide(source=_nfc(raw.get("source", ""), "source"), labels=labels, guides=guides,
                 wizards=wizards, sample=sample)


def read(path: Path) -> Guide:
    """The guide in ``path``. Raises :class:`GuideError` (unreadable file, wrong key)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GuideError(str(path), f"không đọc được ({exc.strerror or exc})") from exc
    except json.JSONDecodeError as exc:
        raise GuideError(str(path), f"không phải JSON hợp lệ (dòng {exc.lineno}, cột "
                                    f"{exc.colno}: {exc.msg})") from exc
    return replace(parse(raw), path=path)


def load(path: Path | None = None) -> Guide:
    """The trainer's guide at ``path`` (None: the one shipped); a wrong file falls back to the
    shipped guide with :attr:`Guide.problem` saying why."""
    if path is None or Path(path) == DEFAULT_PATH:
        return read(DEFAULT_PATH)
    try:
        return read(Path(path))
    except GuideError as exc:
        return replace(read(DEFAULT_PATH), problem=exc.message)


__all__ = ["DEFAULT_PATH", "Guide", "GuideError", "GuideStep", "load", "parse", "read"]
