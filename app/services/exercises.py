"""Training exercises as data (``resources/training/exercises.json``): each a goal and a check
on the local queue or the portal that says when the participant reached it.

Checks (``check.kind``):

- ``dossier_sent``: a dossier of ``procedure`` queued since the exercise started now has the
  portal's code;
- ``supplement_answered``: a dossier asked for a supplement was sent again (it has an earlier
  version kept) since the exercise started;
- ``account_registered``: the portal signs ``username`` in with ``password`` (the exercise
  gives both), through its own session, separate from the desk's.

Qt-free.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "resources" / "training" / "exercises.json"
KINDS = ("dossier_sent", "supplement_answered", "account_registered")


class ExerciseError(ValueError):
    """The exercises file is wrong; the message is Vietnamese and names the key."""

    def __init__(self, key: str, problem: str):
        self.key = key
        self.message = f"Tệp bài tập: mục “{key}” {problem}."
        super().__init__(self.message)


@dataclass(frozen=True)
class Exercise:
    id: str
    title: dict[str, str]
    goal: dict[str, str]
    hint: dict[str, str]
    check: dict[str, Any]

    def text(self, part: str, lang: str = "vi") -> str:
        words = getattr(self, part)
        return words.get(lang) or words["vi"]


@dataclass(frozen=True)
class Outcome:
    reached: bool
    message: str  #: what the participant is told (Vietnamese or English)


def _words(raw: Any, key: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not isinstance(raw.get("vi"), str) or not raw["vi"]:
        raise ExerciseError(key, "phải có lời tiếng Việt (“vi”)")
    return {lang: unicodedata.normalize("NFC", str(text)) for lang, text in raw.items()}


def load(path: Path = DEFAULT_PATH) -> list[Exercise]:
    """The exercises. Raises :class:`ExerciseError` naming the wrong key."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ExerciseError(str(path), f"không đọc được ({exc})") from exc
    items = raw.get("exercises") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        raise ExerciseError("exercises", "phải là một danh sách bài tập")
    out = []
    for i, item in enumerate(items):
        key = f"exercises[{i}]"
        if not isinstance(item, dict) or not item.get("id"):
            raise ExerciseError(f"{key}.id", "thiếu mã bài tập")
        check = item.get("check")
        if not isinstance(check, dict) or check.get("kind") not in KINDS:
            raise ExerciseError(f"{key}.check.kind", f"phải là một trong: {', '.join(KINDS)}")
        if check["kind"] == "dossier_sent" and not check.get("procedure"):
            raise ExerciseError(f"{key}.check.procedure", "thiếu mã thủ tục")
        if check["kind"] == "account_registered" and not (check.get("username")
                                                          and check.get("password")):
            raise ExerciseError(f"{key}.check", "thiếu “username” hoặc “password”")
        out.append(Exercise(str(item["id"]), _words(item.get("title"), f"{key}.title"),
                            _words(item.get("goal"), f"{key}.goal"),
                            _words(item.get("hint"), f"{key}.hint"), dict(check)))
    return out


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class ExerciseChecker:
    """Runs an exercise's check.

    Args:
        queue: the local dossier queue (``list()``, ``versions(id)``).
        login: ``(username, password) → anything``, raising when the portal refuses; signs in
            through a session of its own (never the desk's).
        clock: now, in UTC.
    """

    def __init__(self, queue: Any, login: Callable[[str, str], Any],
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)):
        self.queue = queue
        self.login = login
        self.clock = clock
        self.started: dict[str, dt.datetime] = {}

    def start(self, exercise: Exercise) -> None:
        """The participant begins ``exercise``: only what is done from now on counts."""
        self.started[exercise.id] = self.clock()

    def check(self, exercise: Exercise, lang: str = "vi") -> Outcome:
        since = self.started.get(exercise.id) or self.clock()
        kind = exercise.check["kind"]
        if kind == "account_registered":
            reached = self._signs_in(exercise.check["username"], exercise.check["password"])
        else:
            reached = any(self._dossier_reached(kind, d, exercise.check, since)
                          for d in self.queue.list())
        done = "Đã đạt mục tiêu của bài tập." if lang != "en" else "Goal reached."
        return Outcome(reached, done if reached else exercise.text("hint", lang))

    def _dossier_reached(self, kind: str, dossier: Any, check: dict[str, Any],
                         since: dt.datetime) -> bool:
        if kind == "dossier_sent":
            return (dossier.procedure_code == check["procedure"] and bool(dossier.code)
                    and _utc(dossier.created_at) >= since)
        # A supplement answered: the version before it was kept when it was sent again.
        return dossier.state == "submitted" and any(
            _utc(v.created_at) >= since for v in self.queue.versions(dossier.id))

    def _signs_in(self, username: str, password: str) -> bool:
        try:
            self.login(username, password)
        except Exception:  # noqa: BLE001 — refused, or no portal: not reached yet
            return False
        return True


__all__ = ["DEFAULT_PATH", "Exercise", "ExerciseChecker", "ExerciseError", "Outcome", "load"]
