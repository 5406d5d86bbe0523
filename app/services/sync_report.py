"""What one sync pass did, as typed values; ``SyncReport.to_json`` is ``dvc sync --once --json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.services.changes import StatusChange


@dataclass(frozen=True, slots=True)
class Sent:
    """An outbox item the portal accepted.

    A submission (``op`` ``submit`` or ``resubmit``) carries the official ``code``; an action
    carries its ``action`` (``withdraw``, ``receive`` …) and ``op`` is None.
    """

    id: str
    local_ref: str
    status: int | None
    op: str | None = None
    code: str | None = None
    action: str | None = None

    def to_json(self) -> dict[str, Any]:
        if self.action is not None:
            return {"id": self.id, "local_ref": self.local_ref, "action": self.action,
                    "status": self.status}
        return {"id": self.id, "local_ref": self.local_ref, "code": self.code,
                "status": self.status, "op": self.op}


@dataclass(frozen=True, slots=True)
class Unsent:
    """An item that did not go: tried again later, or given up on (needs attention).

    ``errors`` are the portal's per-field problems when it refused the content itself.
    """

    id: str
    local_ref: str
    error: str
    errors: tuple[dict[str, Any], ...] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "local_ref": self.local_ref, "error": self.error}
        if self.errors is not None:
            out["errors"] = list(self.errors)
        return out


@dataclass
class SyncReport:
    """What one pass did; ``to_json`` is the output of ``dvc sync --once --json``.

    Attributes:
        changes: how many feed entries concerned local dossiers.
        changed: the local dossiers that moved to a new status (what to tell the person).
        online: the portal could be reached.
        auth_required: the portal wants a new sign-in; nothing more was sent.
        error: why the pass stopped early, in Vietnamese.
    """

    sent: list[Sent] = field(default_factory=list)
    retry_later: list[Unsent] = field(default_factory=list)
    attention: list[Unsent] = field(default_factory=list)
    changes: int = 0
    changed: list[StatusChange] = field(default_factory=list)
    online: bool = True
    auth_required: bool = False
    error: str | None = None

    def unsent(self, entry: Unsent, *, gave_up: bool) -> None:
        (self.attention if gave_up else self.retry_later).append(entry)

    def to_json(self) -> dict[str, Any]:
        return {
            "online": self.online,
            "auth_required": self.auth_required,
            "sent": [s.to_json() for s in self.sent],
            "retry_later": [r.to_json() for r in self.retry_later],
            "attention": [a.to_json() for a in self.attention],
            "changes": self.changes,
            "changed": [c.to_json() for c in self.changed],
            "error": self.error,
        }
