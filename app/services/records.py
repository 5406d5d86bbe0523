"""What the screens show of the local queue, as plain frozen values.

Built in the services (off the GUI thread in the app) from the database; no ORM object and no
untyped dict crosses into the views. The views format them; they decide nothing about the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dvc_core.catalog import fold
from dvc_core.catalog.search import lookup_key
from dvc_core.lifecycle import TRANSITIONS, YEU_CAU_BO_SUNG


@dataclass(frozen=True, slots=True)
class OutboxInfo:
    """The newest unfinished outbox item of a dossier (:meth:`DossierQueue.outbox_info`).

    Attributes:
        op: ``submit``, ``resubmit`` or ``action``.
        state: an :class:`~app.models.OutboxState` value (``pending``, ``in_flight``, ``attention``).
        attempts: failed tries so far.
        next_attempt_at: when it is tried again (UTC), if known.
        last_error: the last failure, in Vietnamese.
        action: the lifecycle action of an ``action`` item (``withdraw``, ``receive`` …).
    """

    op: str
    state: str
    attempts: int
    next_attempt_at: dt.datetime | None
    last_error: str | None
    action: str | None

    def to_json(self) -> dict[str, Any]:
        """What ``dvc queue show --json`` prints under ``waiting``."""
        when = self.next_attempt_at
        return {"op": self.op, "state": self.state, "attempts": self.attempts,
                "next_attempt_at": when.isoformat() if when else None,
                "last_error": self.last_error, "action": self.action}

    @property
    def given_up(self) -> bool:
        """Stopped after its capped retries; waits for “Gửi lại”."""
        return self.state == "attention"

    @property
    def withdrawing(self) -> bool:
        return self.action == "withdraw"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One step of a dossier's status history."""

    at: dt.datetime
    status: int | None
    status_text: str
    note: str | None
    #: A supplement request's items (``component_name``, ``reason``), all at once.
    items: tuple[tuple[str, str], ...] = ()
    #: The electronic result returned with this step, kept on this machine (its file).
    result_file: Path | None = None
    result_name: str = ""


@dataclass(frozen=True, slots=True)
class DossierFacts:
    """Everything the details pane shows of one dossier, and which of its acts apply now.

    Attributes:
        procedure_name: the procedure's name in the current catalog (its code if unknown).
        state_text: the local state in Vietnamese.
        attachment_names: the stored documents' file names, in order.
        outbox: what is waiting to be sent for it, if anything.
    """

    id: str
    local_ref: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    state: str
    state_text: str
    code: str | None
    status: int | None
    status_text: str | None
    status_note: str | None
    due_at: dt.datetime | None
    portal_version: int | None
    last_error: str | None
    attachment_names: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    outbox: OutboxInfo | None = None
    has_tokhai: bool = False  # its procedure's Tờ khai can be printed from the answers

    @property
    def can_retry(self) -> bool:
        """“Gửi lại”: the dossier or an action of it was given up on."""
        return self.state == "needs_action" or bool(self.outbox and self.outbox.given_up)

    @property
    def can_supplement(self) -> bool:
        """The officer asked for more documents, and no withdrawal is on its way."""
        withdrawing = bool(self.outbox and self.outbox.withdrawing)
        return self.status == YEU_CAU_BO_SUNG and self.state == "submitted" and not withdrawing

    @property
    def can_withdraw(self) -> bool:
        """The citizen may still withdraw it (the lifecycle table says from where)."""
        withdrawing = bool(self.outbox and self.outbox.withdrawing)
        return self.status in TRANSITIONS["withdraw"].sources and not withdrawing

    def waits_for(self, action: str) -> bool:
        """The action is already queued for this dossier (its button is not offered twice)."""
        return self.outbox is not None and self.outbox.action == action

    def officer_may(self, action: str) -> bool:
        """Whether the lifecycle allows the officer action ``action`` from this status."""
        transition = TRANSITIONS.get(action)
        return transition is not None and self.status in transition.sources


@dataclass(frozen=True, slots=True)
class DossierRow:
    """What the list shows of one dossier (no ORM object crosses into the GUI).

    ``search_key`` is the folded text the lookup box matches (code, reference, every person's
    name and ID number: :func:`~dvc_core.catalog.search.lookup_key`), computed where the row
    is built — a worker thread in the app — so a keystroke compares strings instead of
    folding ten thousand of them. Slots: ten thousand rows stay small.
    """

    id: str
    local_ref: str
    procedure: str
    applicant: str
    state: str
    state_text: str
    code: str
    status: int | None
    status_text: str
    updated: dt.datetime | None
    version: int | None = None
    search_key: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.search_key:
            object.__setattr__(self, "search_key", row_key(self.code, self.local_ref,
                                                           self.applicant))


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """The list screen's contents: its rows, the waiting count, the last successful sync."""

    rows: list[DossierRow]
    pending: int
    last_sync: dt.datetime | None


def fold_key(text: str) -> str:
    """The accent- and case-insensitive form the lookup box compares."""
    return fold(text.strip())


def row_key(code: str, local_ref: str, applicant: str, people: str | None = None) -> str:
    """A row's lookup key: its code and reference word by word, then ``people`` (a dossier's
    ``search_text``, folded already) or, without it, the applicant's name."""
    key = lookup_key(code, local_ref)
    people = people if people else lookup_key(applicant).lstrip()
    return f"{key} {people}" if people else key


def rows_from_dossiers(dossiers: Iterable[Any], procedure_names: Mapping[str, str],
                       state_texts: Mapping[str, str]) -> list[DossierRow]:
    """Turn queue dossiers into rows (runs in a worker thread).

    Takes ORM dossiers (``DossierQueue.list``) or the lighter listing rows
    (``DossierQueue.listing``, which carry ``applicant_name`` instead of the applicant JSON).
    """
    rows = []
    # The few distinct states and statuses are shared, not one string per row.
    texts: dict[str, str] = {}
    for d in dossiers:
        name = getattr(d, "applicant_name", None)
        if name is None:
            name = (d.applicant or {}).get("full_name", "")
        state = texts.setdefault(str(d.state), str(d.state))
        status_text = d.status_text or ""
        people = getattr(d, "search_text", None)  # None: only the applicant is known
        rows.append(DossierRow(
            id=d.id, local_ref=d.local_ref,
            procedure=procedure_names.get(d.procedure_code, d.procedure_code),
            applicant=str(name),
            state=state, state_text=state_texts.get(state, state),
            code=d.code or "", status=d.status,
            status_text=texts.setdefault(status_text, status_text),
            updated=d.updated_at or d.created_at, version=d.portal_version,
            search_key=row_key(d.code or "", d.local_ref, str(name), people),
        ))
    return rows


@dataclass(frozen=True)
class SupplementSource:
    """A dossier the officer asked to supplement, ready to reopen in the filing wizard.

    Attributes:
        dossier: the queue's dossier (answers, attachments referring to stored blobs) — the
            filing session's input.
        note: what the officer asked for.
    """

    dossier: Any
    note: str | None
