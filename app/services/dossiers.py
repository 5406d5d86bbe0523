"""The local dossiers as the desk's screens read and act on them.

:class:`LocalDossiers` is the one object the list screen and its details pane talk to: it reads
the queue into the typed values of :mod:`app.services.records` and turns a person's act (send
again, withdraw, an officer's decision) into a durable outbox item. Every method touches the
database, so the GUI calls each through its task runner, never on its own thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.services.ports import CatalogReader
from app.services.queue import STATE_TEXT_VI, DossierQueue
from app.services.records import (
    DossierFacts,
    HistoryEntry,
    ListSnapshot,
    SupplementSource,
    rows_from_dossiers,
)
from app.services.tokhai import has_tokhai
from dvc_core.lifecycle import YEU_CAU_BO_SUNG


class LocalDossiers:
    """Reads and commands for the dossiers on this computer (a :class:`DossierReader` and
    :class:`DossierCommands`).

    Args:
        queue: the durable local queue.
        catalog: gives the current procedure catalog (it changes when the portal sends a
            newer one), for the procedures' names.
        server_key: which portal's sync cursor tells how fresh the statuses are.
    """

    def __init__(self, queue: DossierQueue, catalog: Callable[[], CatalogReader],
                 server_key: str, *, session: Callable[[], Any] | None = None,
                 marks_printouts: bool = False):
        self._queue = queue
        self._catalog = catalog
        self._server_key = server_key
        self._session = session or (lambda: None)  # who signs the printed forms
        self._marks = marks_printouts

    # ----------------------------------------------------------------------------- reading
    def snapshot(self) -> ListSnapshot:
        """Every dossier as a list row, the waiting count and the last sync."""
        names = {p.code: p.name for p in self._catalog()}
        rows = rows_from_dossiers(self._queue.listing(), names,
                                  {str(k): v for k, v in STATE_TEXT_VI.items()})
        return ListSnapshot(rows, self._queue.pending_count(),
                            self._queue.last_sync(self._server_key))

    def details(self, dossier_id: str) -> DossierFacts | None:
        """One dossier with its history, documents and what waits to be sent for it."""
        dossier = self._queue.get(dossier_id)
        if dossier is None:
            return None
        procedure = self._catalog().get(dossier.procedure_code)
        return DossierFacts(
            id=dossier.id, local_ref=dossier.local_ref, procedure_code=dossier.procedure_code,
            procedure_name=procedure.name if procedure else dossier.procedure_code,
            applicant_name=str((dossier.applicant or {}).get("full_name", "")),
            state=str(dossier.state),
            state_text=STATE_TEXT_VI.get(dossier.state, str(dossier.state)),
            code=dossier.code, status=dossier.status, status_text=dossier.status_text,
            status_note=dossier.status_note, due_at=dossier.due_at,
            portal_version=dossier.portal_version, last_error=dossier.last_error,
            attachment_names=tuple(a.filename for a in dossier.attachments),
            history=tuple(self._entry(e) for e in dossier.history),
            outbox=self._queue.outbox_info(dossier_id),
            has_tokhai=procedure is not None and has_tokhai(procedure),
        )

    def _entry(self, event: Any) -> HistoryEntry:
        detail = event.detail or {}
        items = tuple((str(i.get("component_name") or i.get("component") or ""),
                       str(i.get("reason") or "")) for i in detail.get("items") or ())
        result = detail.get("result") or {}
        sha = result.get("sha256")
        blobs = self._queue.blobs
        path = blobs.path(sha) if isinstance(sha, str) and blobs.has(sha) else None
        return HistoryEntry(event.at, event.status, event.status_text, event.note, items, path,
                            str(result.get("filename") or ""))

    # ----------------------------------------------------------------------------- commands
    def retry(self, dossier_id: str) -> bool:
        """“Gửi lại”: send again what was given up on (a durable commit)."""
        return self._queue.retry(dossier_id)

    def withdraw(self, dossier_id: str, note: str | None) -> None:
        """Queue the citizen's withdrawal (sent with the outbox).

        Raises:
            ValidationFailed: the dossier can no longer be withdrawn.
        """
        self._queue.queue_action(dossier_id, "withdraw", note)

    def officer_action(self, dossier_id: str, action: str, expected_version: int | None,
                       note: str | None = None) -> None:
        """Queue an officer's decision (``receive`` …) on the version they saw; the outbox
        sends it, and a portal that moved on since answers 409 instead of applying it.

        Raises:
            ValidationFailed: not an officer action, or a reason it needs is missing.
        """
        self._queue.queue_officer_action(dossier_id, action, note,
                                         expected_version=expected_version)

    def print_form(self, dossier_id: str, form: str, out: Path) -> Path:
        """Write a printed form of the dossier to ``out``: ``tokhai`` (the declaration drawn
        from its answers, to sign at the counter) or ``mau01`` (the receipt); the commune and
        officer are the signed-in session's.

        Raises:
            ValueError: no such dossier or procedure, or the procedure has no Tờ khai.
            OSError: ``out`` cannot be written.
        """
        from app.services.printing import unit_for
        from app.services.receipts import render_receipt
        from app.services.tokhai import tokhai_for

        dossier = self._queue.get(dossier_id)
        procedure = self._catalog().get(dossier.procedure_code) if dossier is not None else None
        if dossier is None or procedure is None:
            raise ValueError("Không tìm thấy hồ sơ hoặc thủ tục của hồ sơ trên máy.")
        unit = unit_for(dossier, self._session(), training=self._marks)
        if form == "tokhai":
            return tokhai_for(procedure, dossier, out, unit=unit)
        return render_receipt(dossier, procedure, out, unit=unit)

    def supplement(self, dossier_id: str) -> SupplementSource | None:
        """A dossier in status 5, read with its attachments for the wizard; else None."""
        dossier = self._queue.get(dossier_id)
        if dossier is None or dossier.status != YEU_CAU_BO_SUNG:
            return None
        return SupplementSource(dossier, dossier.status_note)
