"""The narrow seams views are given instead of the whole services bag.

Each protocol names the few calls a screen may make. A view takes the protocols it needs in its
constructor (or, for the shell, when the services are ready after the first paint) and never
reaches past them; tests hand it a small fake. Every call that touches the database or the disk
is made through the window's task runner, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    from app.services.auth import Session
    from app.services.records import DossierFacts, ListSnapshot, SupplementSource
    from app.services.worklist import QueueItems, WorklistCounts
    from dvc_core.catalog import Procedure
    from dvc_core.workdays import WorkingCalendar


@runtime_checkable
class CatalogReader(Protocol):
    """The procedure catalog, read only."""

    def get(self, code: str) -> Procedure | None: ...

    def __iter__(self) -> Iterator[Procedure]: ...


@runtime_checkable
class DossierReader(Protocol):
    """What the list screen reads (durable reads: call through the task runner)."""

    def snapshot(self) -> ListSnapshot: ...

    def details(self, dossier_id: str) -> DossierFacts | None: ...


@runtime_checkable
class DossierCommands(Protocol):
    """What the list screen may do to a dossier (durable writes: through the task runner)."""

    def retry(self, dossier_id: str) -> bool: ...

    def withdraw(self, dossier_id: str, note: str | None) -> None: ...

    def officer_action(self, dossier_id: str, action: str, expected_version: int | None,
                       note: str | None = None) -> None: ...

    def supplement(self, dossier_id: str) -> SupplementSource | None: ...


@runtime_checkable
class FormPrinter(Protocol):
    """Prints a dossier's forms to PDF (disk work: through the task runner)."""

    def print_form(self, dossier_id: str, form: str, out: Path) -> Path: ...


@runtime_checkable
class LocalDossierPort(DossierReader, DossierCommands, Protocol):
    """Both sides of the dossiers on this computer (:class:`~app.services.dossiers.LocalDossiers`)."""


@runtime_checkable
class SessionReader(Protocol):
    """Who is signed in (the header shows it).

    Attributes:
        warning: a message to show once when the keyring could not be used.
    """

    warning: str | None

    def current(self) -> Session | None: ...


@runtime_checkable
class QueueStatus(Protocol):
    """How many items wait to be sent (the header's count, in every mode)."""

    def pending_count(self) -> int: ...


@runtime_checkable
class WorklistReader(Protocol):
    """The officer's worklists (network and database: call through the task runner)."""

    def counts(self, refresh: bool = True) -> WorklistCounts: ...

    def queue(self, name: str, refresh: bool = True) -> QueueItems: ...

    def refresh_all(self) -> WorklistCounts: ...

    def details(self, uuid: str) -> dict[str, Any] | None: ...

    def calendar(self) -> WorkingCalendar: ...


class FiguresReader(Protocol):
    """The commune's figures (network and a file: call through the task runner)."""

    def read(self, period: Any = None, refresh: bool = True) -> Any: ...


class ShellServices(Protocol):
    """What the main window uses of the process services, once they are built.

    The window has its mode's policy from its constructor; these are what it reads and acts
    on. (The filing wizard is handed the services for its filing session as they are.)

    Attributes:
        tokens: who is signed in.
        dossiers: the dossiers on this computer (only a mode that shows the list uses it).
        queue: the waiting count.
        is_embedded: the app talks to its embedded sandbox portal.
        worklists: the officer's worklists (only a mode with the officer desk uses it).
        idle_days: working days without a change before a dossier is flagged.
        dashboard: the commune's figures (beside the worklists).
    """

    tokens: SessionReader
    dossiers: LocalDossierPort
    queue: QueueStatus
    is_embedded: bool
    worklists: WorklistReader
    idle_days: int
    dashboard: FiguresReader

    @property
    def accounts(self) -> Any:
        """Sign-up, sign-in and sign-out (:class:`~app.services.accounts.AccountService`);
        built on first use (it reaches the portal), so only from the account screens."""
        ...
