"""The “Dossiers on this computer” workspace: the list, its details pane and the acts on them.

Built by the shell only in a mode that shows the local list (never at a kiosk). It talks to the
services through two narrow seams — a :class:`~app.services.ports.DossierReader` and
:class:`~app.services.ports.DossierCommands` — and every one of their calls (each reads or
commits the database, or links files out of the blob store) runs on the task runner, never on
the GUI thread.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.services.ports import DossierCommands, DossierReader, FormPrinter
from app.services.records import DossierFacts, ListSnapshot
from app.views.common.confirm import ConfirmDialog
from app.views.dossiers.dossier_list import DossierListView
from app.views.dossiers.dossier_model import DossierTableModel
from app.workers.tasks import TaskRunner
from dvc_core.rules import ValidationFailed


class DossiersWorkspace(QObject):
    """Owns the list's model and view and turns the person's presses into service calls.

    The view exists before the services (the list tab is built after the first paint, the
    services a moment later); the workspace that fills it and acts on it comes with them.

    Args:
        view: the list and details widgets (with their model).
        reader: reads the list and one dossier's details.
        commands: send again, withdraw, officer actions, reopen for a supplement.
        tasks: runs every one of those calls off the GUI thread.
        actions: the officer actions offered (the mode's, where the session may take them).
        lang: language of rule messages.

    Signals:
        sync_requested(): something was queued: sync now.
        message(str): a line for the window's status bar.
        held(str, str): a line for the status bar that says a state (key, text): it stays
            until the state ends — ``list`` until the list is read (``loaded``),
            ``action:<dossier id>`` until the sync has sent that dossier's action.
        loaded(int, int): a refresh finished (dossier count, items waiting to be sent).
        supplement_ready(object): a :class:`~app.services.records.SupplementSource` to reopen
            in the filing wizard.
    """

    sync_requested = Signal()
    message = Signal(str)
    held = Signal(str, str)
    loaded = Signal(int, int)
    supplement_ready = Signal(object)

    def __init__(self, view: DossierListView, reader: DossierReader, commands: DossierCommands,
                 tasks: TaskRunner, *, actions: Collection[str] = (), lang: str = "vi",
                 printer: FormPrinter | None = None):
        super().__init__(view)
        self.view = view
        self.model: DossierTableModel = view.model
        self._reader = reader
        self._commands = commands
        self._printer = printer
        view.details.prints = printer is not None
        self._tasks = tasks
        self._lang = lang
        self.actions = tuple(actions)
        self.view.selected.connect(self.show_details)
        details = self.view.details
        details.receive_requested.connect(self.on_receive_requested)
        details.retry_requested.connect(self.on_retry_requested)
        details.supplement_requested.connect(self.on_supplement_requested)
        details.withdraw_requested.connect(self.on_withdraw_requested)
        details.print_requested.connect(self.on_print_requested)

    # ----------------------------------------------------------------------------- reading
    def refresh(self) -> None:
        """Reload the list and the waiting count off the GUI thread."""
        self._tasks.run(self._reader.snapshot, self._on_loaded, self._on_failed)

    def _on_loaded(self, snapshot: ListSnapshot) -> None:
        view = self.view
        view.set_freshness(snapshot.last_sync)
        current = view.current_id()
        # A refresh comes after every sync pass: the person keeps their place in the list.
        scroll = view.table.verticalScrollBar()
        position = scroll.value()
        self.model.set_rows(snapshot.rows)
        self.loaded.emit(len(snapshot.rows), snapshot.pending)
        if current:
            view.select_id(current)
            self.show_details(current)
        scroll.setValue(position)

    def _on_failed(self, exc: BaseException) -> None:
        self.held.emit("list", self.tr("Could not read the local list: {0}").format(exc))

    def show_details(self, dossier_id: str) -> None:
        """Read one dossier, its history and what waits to be sent, off the GUI thread."""
        reader = self._reader

        def show(facts: DossierFacts | None) -> None:
            if self.view.current_id() != dossier_id:
                return  # the person selected another dossier meanwhile
            self.view.details.show_dossier(facts, self.actions)

        self._tasks.run(lambda: reader.details(dossier_id), show, self._on_failed)

    # ----------------------------------------------------------------------------- sync feedback
    def show_progress(self, dossier_id: str, sent: int, total: int) -> None:
        self.view.details.show_progress(dossier_id, sent, total)

    def show_file_progress(self, dossier_id: str, filename: str, sent: int, size: int) -> None:
        self.view.details.show_file_progress(dossier_id, filename, sent, size)

    # ----------------------------------------------------------------------------- acts
    def _queued(self, _result: object = None) -> None:
        self.refresh()
        self.sync_requested.emit()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed):
            self.message.emit("; ".join(e.message(self._lang) for e in exc.errors))
        else:
            self.message.emit(self.tr("The action failed: {0}").format(exc))
        self.view.details.receive_button.setEnabled(True)

    def on_retry_requested(self, dossier_id: str) -> None:
        """“Gửi lại”: put the given-up item back in the queue (a durable commit)."""
        commands = self._commands
        self._tasks.run(lambda: commands.retry(dossier_id), self._queued, self._refused)

    def on_withdraw_requested(self, dossier_id: str) -> None:
        """The citizen asks to withdraw: ask why, then queue the action (sent with the outbox)."""
        note = WithdrawDialog.ask(self.view)
        if note is None:
            return
        commands = self._commands
        self._tasks.run(lambda: commands.withdraw(dossier_id, note or None), self._queued,
                        self._refused)

    def on_receive_requested(self, dossier_id: str, version: int) -> None:
        """The officer receives the dossier: one road with every other act, the outbox.

        The item carries the portal version the officer saw; a portal that moved on since
        answers 409 and the item comes back as needing attention, never applied blindly.
        """
        if "receive" not in self.actions:
            return
        commands = self._commands

        def queued(_result: object) -> None:
            self.held.emit(f"action:{dossier_id}",
                           self.tr("“Receive” is queued; it is sent with the next sync…"))
            self._queued()

        self._tasks.run(lambda: commands.officer_action(dossier_id, "receive", version or None),
                        queued, self._refused)

    def on_supplement_requested(self, dossier_id: str) -> None:
        """Reopen a dossier the officer asked to supplement (its files are linked out on a
        worker), with the officer's note in sight."""
        commands = self._commands

        def ready(source: object) -> None:
            if source is not None:
                self.supplement_ready.emit(source)

        self._tasks.run(lambda: commands.supplement(dossier_id), ready, self._refused)


    def on_print_requested(self, dossier_id: str, form: str) -> None:
        """Ask where to save the form, then draw it off the GUI thread and say where it is."""
        printer, facts = self._printer, self.view.details._facts
        if printer is None or facts is None:
            return
        name = (f"to-khai-{facts.local_ref}.pdf" if form == "tokhai"
                else f"giay-tiep-nhan-{facts.code or facts.local_ref}.pdf")
        path = SavePdfDialog.ask(self.view, name)
        if path is None:
            return

        def saved(out: object) -> None:
            self.message.emit(self.tr("Saved {0}: open it to print.").format(out))

        def failed(exc: BaseException) -> None:
            self.message.emit(self.tr("The form could not be saved: {0}").format(exc))

        self._tasks.run(lambda: printer.print_form(dossier_id, form, path), saved, failed)


class SavePdfDialog:
    """Asks where to save a PDF (tests stub :meth:`ask`)."""

    @classmethod
    def ask(cls, parent: QWidget, name: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("SavePdfDialog", "Save the form as PDF"), name,
            QCoreApplication.translate("SavePdfDialog", "PDF (*.pdf)"))
        return Path(chosen) if chosen else None


class WithdrawDialog:
    """Asks why the citizen withdraws (tests stub :meth:`ask`)."""

    @classmethod
    def ask(cls, parent: QWidget) -> str | None:
        """The reason typed (never empty), or ``None`` when cancelled: a confirmation whose
        default button is "Hủy", so Enter alone never withdraws anything."""
        return ConfirmDialog.ask(
            parent, QCoreApplication.translate("WithdrawDialog", "Withdraw the dossier"),
            QCoreApplication.translate(
                "WithdrawDialog", "The citizen asks to withdraw this dossier. The office stops "
                "working on it; this cannot be undone (the citizen may file again)."),
            QCoreApplication.translate("WithdrawDialog", "Withdraw the dossier"),
            reason_label=QCoreApplication.translate("WithdrawDialog",
                                                    "Reason (kept in its history):"),
            reason_required=True)
