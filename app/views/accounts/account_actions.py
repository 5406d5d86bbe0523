"""The header's “Đăng ký”, “Đăng nhập” and “Đăng xuất”, and the sign-in prompt when the portal
asks for a sign-in (the sync worker's ``auth_required``): a first one, or after the session
expired.

One controller per window, made when the services are ready. It opens the dialogs, signs out
off the GUI thread, and asks the window to sync again after any sign-in — a dossier waiting in
the queue then goes out as if nothing had happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.services.ports import SessionReader
from app.workers.tasks import TaskRunner
from dvc_core.lifecycle import OFFICER_ROLES

# Who registers other people rather than themselves: an officer, an admin, a kiosk device.
# Their session is kept while they sign someone up.
STAFF_ROLES = OFFICER_ROLES | {"kiosk"}


class AccountController(QObject):
    """Drives the account buttons of a :class:`~app.views.shell.main_window.MainWindow`.

    Args:
        window: the main window (its header buttons, status bar and ``sync_requested``).
        accounts: gives the :class:`~app.services.accounts.AccountService`; called only when
            a dialog needs it (making it reaches the portal).
        tokens: who is signed in.
        tasks: runs portal calls off the GUI thread.

    Signals:
        session_changed(): someone signed in or out; the header shows who.
    """

    session_changed = Signal()

    def __init__(self, window: Any, accounts: Callable[[], Any], tokens: SessionReader,
                 tasks: TaskRunner):
        super().__init__(window)
        self.window = window
        self._accounts = accounts
        self.tokens = tokens
        self.tasks = tasks
        self.sign_in_dialog: Any = None
        self.wizard: Any = None
        window.register_button.clicked.connect(self.on_register)
        window.sign_in_button.clicked.connect(self.on_sign_in)
        window.sign_out_button.clicked.connect(self.on_sign_out)
        self.refresh()

    @property
    def accounts(self):
        return self._accounts()

    def refresh(self) -> None:
        """Show “Đăng nhập” or “Đăng xuất” for who is signed in now."""
        session = self.tokens.current()
        self.window.register_button.setEnabled(True)
        self.window.sign_in_button.setVisible(session is None)
        self.window.sign_in_button.setEnabled(True)
        self.window.sign_out_button.setVisible(session is not None)
        self.window.sign_out_button.setEnabled(True)

    def _signed_in(self, _session: Any) -> None:
        self.refresh()
        self.session_changed.emit()
        self.window.statusBar().showMessage(self.tr("Signed in."), 5000)
        warning = self.tokens.warning
        if warning:
            self.window.statusBar().showMessage(warning, 20_000)
        self.window.sync_requested.emit()

    # ----------------------------------------------------------------------------- actions
    def on_register(self) -> None:
        from app.views.accounts.account_wizard import AccountWizard

        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            return
        session = self.tokens.current()
        keep = session is not None and session.role in STAFF_ROLES
        self.wizard = AccountWizard(self.accounts, self.tasks, keep_session=keep,
                                    parent=self.window)
        self.wizard.signed_in.connect(self._signed_in)
        aids = getattr(self.window, "teaching_aids", None)
        if aids is not None:  # training mode: the guide beside the sign-up steps too
            aids.attach_account(self.wizard)
        self.wizard.finished.connect(lambda _result, w=self.wizard: self._discard(w))
        self.wizard.open()

    def on_sign_in(self, reason: str = "") -> Any:
        """Open the sign-in dialog (one at a time); returns it."""
        from app.views.accounts.sign_in import SignInDialog

        if self.sign_in_dialog is not None and self.sign_in_dialog.isVisible():
            self.sign_in_dialog.raise_()
            return self.sign_in_dialog
        session = self.tokens.current()
        username = session.username if session is not None else ""
        dialog = SignInDialog(self.accounts, self.tasks, reason=reason if isinstance(reason, str)
                              else "", username=username, parent=self.window)
        dialog.signed_in.connect(self._signed_in)
        dialog.register_requested.connect(self.on_register)
        dialog.finished.connect(lambda _result, d=dialog: self._discard(d))
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def _discard(self, dialog: Any) -> None:
        """A closed dialog keeps nothing about the person: it is let go (not kept hidden
        under the window with their details), and an unfinished sign-up or reset is dropped."""
        if dialog is self.wizard:
            self.wizard = None
            self.accounts.registration = None
        if dialog is self.sign_in_dialog:
            self.sign_in_dialog = None
            self.accounts.reset = None
        dialog.setParent(None)

    def prompt_sign_in(self) -> Any:
        """The portal wants a sign-in: nobody has signed in on this computer yet, or it refused
        the saved session (expired or revoked) — each said as it is. The queue waits
        meanwhile; nothing in it is lost."""
        self.window.sync_indicator.set_state("signin")
        if self.tokens.current() is None:
            return self.on_sign_in(self.tr(
                "Sign in to the portal to send the dossiers and see their new statuses: "
                "dossiers waiting to be sent are kept on this computer until then."))
        return self.on_sign_in(self.tr(
            "The sign-in has expired. Sign in again to go on: dossiers waiting to be sent are "
            "kept on this computer and will be sent afterwards."))

    def on_sign_out(self) -> None:
        self.window.sign_out_button.setEnabled(False)
        accounts = self.accounts
        self.tasks.run(accounts.logout, self._on_signed_out, self._on_sign_out_failed)

    def _on_signed_out(self, told_portal: bool) -> None:
        self.refresh()
        self.session_changed.emit()
        if told_portal:
            self.window.statusBar().showMessage(self.tr("Signed out."), 8000)
        else:
            self.window.statusBar().showMessage(self.tr(
                "Signed out on this computer. The portal could not be reached; the old sign-in "
                "ends there by itself."), 15_000)

    def _on_sign_out_failed(self, exc: BaseException) -> None:
        self.refresh()
        self.window.statusBar().showMessage(self.tr("Could not sign out: {0}").format(exc), 15_000)
