"""The desk window: header with the sync indicator, the filing wizard and the local list."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.views.filing.wizard import DossierWizard
from app.workers.tasks import TaskRunner
from dvc_core.catalog import Catalog

if TYPE_CHECKING:
    from app.views.dossiers.dossier_list import DossierListView, DossierTableModel


class _StatusChanged(Exception):
    """The portal's status is no longer the one the officer acted on."""


class SyncIndicator(QFrame):
    """Always-visible sync state: online or not, items waiting, last successful sync."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(14)
        self.state = QLabel(self)
        self.state.setObjectName("syncState")
        self.pending = QLabel(self)
        self.pending.setObjectName("syncDetail")
        self.last = QLabel(self)
        self.last.setObjectName("syncDetail")
        for label in (self.state, self.pending, self.last):
            layout.addWidget(label)
        self.online: bool | None = None
        self.last_success: dt.datetime | None = None
        self.set_state("starting")
        self.set_pending(None)
        self._show_last()

    def set_state(self, state: str, detail: str = "") -> None:
        """``starting``, ``syncing``, ``online``, ``offline`` or ``signin``."""
        texts = {
            "starting": self.tr("● Starting…"),
            "syncing": self.tr("● Syncing…"),
            "online": self.tr("● Online"),
            "offline": self.tr("● Offline"),
            "signin": self.tr("● Sign-in needed"),
        }
        self.state.setText(texts.get(state, state))
        self.state.setProperty("state", state)
        if self.state.isVisible():  # not yet shown: polished at show time (and QStyle is costly)
            self.state.style().unpolish(self.state)
            self.state.style().polish(self.state)
        self.setToolTip(detail)
        if state == "online":
            self.online = True
        elif state in ("offline", "signin"):
            self.online = False

    def set_pending(self, count: int | None) -> None:
        self.pending.setText(self.tr("Waiting to send: {0}").format("…" if count is None else count))

    def mark_success(self, when: dt.datetime) -> None:
        self.last_success = when
        self._show_last()

    def _show_last(self) -> None:
        when = self.last_success.strftime("%H:%M:%S") if self.last_success else self.tr("never")
        self.last.setText(self.tr("Last sync: {0}").format(when))


class MainWindow(QMainWindow):
    """The desk window; receives the services after the first paint.

    Args:
        catalog: the procedure catalog (all the first page needs).
        mode: ``desk``, ``kiosk`` or ``training``.
        lang: language of rule messages.
        tasks: runs database and network work off the GUI thread.

    Signals:
        first_painted(): the first wizard page has been painted once.
        sync_requested(): the person (or a new dossier) asks for a sync pass now.
    """

    first_painted = Signal()
    sync_requested = Signal()

    def __init__(self, catalog: Catalog, *, mode: str = "desk", lang: str = "vi",
                 tasks: TaskRunner | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.mode = mode
        self.lang = lang
        self.tasks = tasks or TaskRunner(parent=self)
        self.services: Any = None
        self._first_paint_done = False
        self._keyring_warned = False
        self.setWindowTitle(self.tr("Public Service Assistant"))
        self.resize(1280, 800)

        central = QWidget(self)
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_header())
        if mode == "training":
            banner = QLabel(self.tr("TRAINING ENVIRONMENT — demo data, nothing is really filed"),
                            central)
            banner.setObjectName("trainingBanner")
            from PySide6.QtCore import Qt  # creating Qt's enums costs ~40 ms: not on the way

            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(banner)

        # What the last sync brought back (a supplement request, a result ready…).
        self.notice_frame = QFrame(central)
        self.notice_frame.setObjectName("noticeBanner")
        notice_row = QHBoxLayout(self.notice_frame)
        notice_row.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel(self.notice_frame)
        self.notice.setWordWrap(True)
        notice_row.addWidget(self.notice, 1)
        close = QPushButton(self.tr("Got it"), self.notice_frame)
        close.setObjectName("secondaryButton")
        close.clicked.connect(self.notice_frame.hide)
        notice_row.addWidget(close)
        self.notice_frame.hide()
        column.addWidget(self.notice_frame)

        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.wizard = DossierWizard(catalog, lang=lang, mode=mode, tasks=self.tasks,
                                    parent=self.tabs)
        self.wizard.submitted.connect(self.on_dossier_submitted)
        self.model: DossierTableModel | None = None
        self.list_view: DossierListView | None = None
        self.tabs.addTab(self.wizard, self.tr("File a dossier"))
        # The list tab is built after the first paint (it is not on the first screen). A kiosk
        # has none: a citizen must never see the dossiers of the people before them.
        if mode != "kiosk":
            self.tabs.addTab(QWidget(self.tabs), self.tr("Dossiers on this computer"))
        self.tabs.tabBar().setVisible(mode != "kiosk")
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menu()
        self.statusBar().showMessage(self.tr("Starting the local database and the portal "
                                             "connection…"))
        self.wizard.procedure_page.painted.connect(self._on_first_paint)

    # ----------------------------------------------------------------------------- building
    def _build_header(self) -> QWidget:
        header = QFrame(self)
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(16)
        names = QVBoxLayout()
        names.setSpacing(0)
        title = QLabel(self.tr("Public Service Assistant"), header)
        title.setObjectName("appTitle")
        self.officer_label = QLabel(self.tr("Not signed in yet"), header)
        self.officer_label.setObjectName("officerLabel")
        names.addWidget(title)
        names.addWidget(self.officer_label)
        layout.addLayout(names)
        layout.addStretch(1)
        self.sync_indicator = SyncIndicator(header)
        layout.addWidget(self.sync_indicator)
        self.send_button = QPushButton(self.tr("Send now"), header)
        self.send_button.setObjectName("headerButton")
        self.send_button.setToolTip(self.tr("Send waiting dossiers and fetch new statuses (F5)"))
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.on_send_now)
        layout.addWidget(self.send_button)
        # The guide: "bấm nút Đăng ký ở góc trên, bên phải màn hình". Wired by
        # app.views.accounts.account_actions once the services are ready.
        self.sign_in_button = QPushButton(self.tr("Sign in"), header)
        self.register_button = QPushButton(self.tr("Register"), header)
        self.sign_out_button = QPushButton(self.tr("Sign out"), header)
        for button in (self.sign_in_button, self.register_button, self.sign_out_button):
            button.setObjectName("headerButton")
            button.setEnabled(False)
            layout.addWidget(button)
        self.sign_out_button.hide()
        self.account_controller: Any = None
        return header

    def _build_menu(self) -> None:
        bar = self.menuBar()
        self._pending_shortcuts: list[tuple[QAction, str]] = []
        file_menu = bar.addMenu(self.tr("&Dossier"))
        self.new_action = self._action(file_menu, self.tr("&New dossier"), "Ctrl+N",
                                       self.on_new_dossier)
        self.send_action = self._action(file_menu, self.tr("&Send now"), "F5", self.on_send_now)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), "Ctrl+Q", self.close)
        view_menu = bar.addMenu(self.tr("&View"))
        self._action(view_menu, self.tr("&File a dossier"), "Ctrl+1",
                     lambda: self.tabs.setCurrentIndex(0))
        if self.mode != "kiosk":
            self._action(view_menu, self.tr("&Dossiers on this computer"), "Ctrl+2",
                         self.on_show_list)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts"), "F1", self.on_show_shortcuts)

    def _action(self, menu, text: str, keys: str, slot) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        self._pending_shortcuts.append((action, keys))
        return action

    def install_shortcuts(self) -> None:
        """Give the menu actions their keys (after the first paint: QKeySequence is costly)."""
        for action, keys in self._pending_shortcuts:
            action.setShortcut(QKeySequence(keys))
            self.addAction(action)
        self._pending_shortcuts = []
        self.wizard.install_shortcuts()

    def _on_first_paint(self) -> None:
        if not self._first_paint_done:
            self._first_paint_done = True
            self.wizard.procedure_page.painted.disconnect(self._on_first_paint)
            self.first_painted.emit()

    def ensure_list(self) -> DossierListView:
        """Build the “Dossiers on this computer” tab once (after the first paint)."""
        if self.list_view is None:
            from app.views.dossiers.dossier_list import DossierListView, DossierTableModel

            self.model = DossierTableModel(self)
            self.list_view = DossierListView(self.model, self.tabs)
            self.list_view.selected.connect(self.on_dossier_selected)
            self.list_view.details.receive_requested.connect(self.on_receive_requested)
            self.list_view.details.retry_requested.connect(self.on_retry_requested)
            self.list_view.details.supplement_requested.connect(self.on_supplement_requested)
            self.list_view.details.withdraw_requested.connect(self.on_withdraw_requested)
            if self.mode == "kiosk":
                self.list_view.hide()  # kept for the wiring, never shown at a kiosk
                return self.list_view
            placeholder = self.tabs.widget(1)
            current = self.tabs.currentIndex()
            self.tabs.removeTab(1)
            placeholder.deleteLater()
            self.tabs.insertTab(1, self.list_view, self.tr("Dossiers on this computer"))
            self.tabs.setCurrentIndex(current)
        return self.list_view

    # ----------------------------------------------------------------------------- services
    def set_services(self, services: Any) -> None:
        """The services are ready (built in a worker thread after the first paint)."""
        self.services = services
        self.install_shortcuts()
        self.ensure_list()
        self.wizard.set_services(services)
        self.send_button.setEnabled(True)
        from app.views.accounts.account_actions import AccountController

        self.account_controller = AccountController(self, services, self.tasks)
        self.account_controller.session_changed.connect(self._update_officer)
        self.statusBar().showMessage(self.tr("Ready."), 5000)
        self._update_officer()
        self.refresh_list()

    def on_services_failed(self, message: str) -> None:
        self.sync_indicator.set_state("offline", message)
        QMessageBox.critical(self, self.tr("Cannot start"), self.tr(
            "The local data could not be opened: {0}").format(message))

    def _update_officer(self) -> None:
        tokens = getattr(self.services, "tokens", None)
        session = tokens.current() if tokens is not None else None
        warning = getattr(tokens, "warning", None)
        if warning and not self._keyring_warned:
            # No OS keyring: say once that the sign-in will not be remembered.
            self._keyring_warned = True
            self.statusBar().showMessage(warning, 20_000)
        if session is None:
            self.officer_label.setText(self.tr("Not signed in yet"))
            if self.account_controller is not None:
                self.account_controller.refresh()
            return
        name = session.display_name or session.username
        commune = getattr(session, "commune_name", "") or session.commune
        self.officer_label.setText(self.tr("{0} — {1}").format(name, commune) if commune else name)
        if self.account_controller is not None:
            self.account_controller.refresh()

    def on_auth_required(self) -> None:
        """The portal refused the session (expired, revoked): ask for a new sign-in."""
        if self.account_controller is not None:
            self.account_controller.prompt_sign_in()

    # ----------------------------------------------------------------------------- list
    def refresh_list(self) -> None:
        """Reload the list and the waiting count off the GUI thread."""
        if self.services is None:
            return
        services = self.services
        names = {p.code: p.name for p in self.catalog}

        self.ensure_list()

        def load():
            from app.services.queue import STATE_TEXT_VI
            from app.views.dossiers.dossier_list import rows_from_dossiers

            rows = rows_from_dossiers(services.queue.listing(), names,
                                      {str(k): v for k, v in STATE_TEXT_VI.items()})
            last = services.queue.last_sync(services.config.server_key)
            return rows, services.queue.pending_count(), last

        self.tasks.run(load, self._on_list_loaded, self._on_list_failed)

    def _on_list_loaded(self, result: tuple[list, int, Any]) -> None:
        rows, pending, last_sync = result
        self.list_view.set_freshness(last_sync)
        current = self.list_view.current_id()
        # A refresh comes after every sync pass: the person keeps their place in the list.
        scroll = self.list_view.table.verticalScrollBar()
        position = scroll.value()
        self.model.set_rows(rows)
        if self.mode != "kiosk":
            self.tabs.setTabText(1, self.tr("Dossiers on this computer ({0})").format(len(rows)))
        self.sync_indicator.set_pending(pending)
        if current:
            self.list_view.select_id(current)
            self.on_dossier_selected(current)
        scroll.setValue(position)

    def _on_list_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(self.tr("Could not read the local list: {0}").format(exc))

    def on_dossier_selected(self, dossier_id: str) -> None:
        if self.services is None:
            return
        from app.services.queue import STATE_TEXT_VI

        queue = self.services.queue
        can_act = bool(getattr(self.services, "is_embedded", False)) and self.mode != "kiosk"

        def show(result: tuple[Any, Any]) -> None:
            if self.list_view is None or self.list_view.current_id() != dossier_id:
                return  # the person selected another dossier meanwhile
            dossier, outbox = result
            if dossier is None:
                self.list_view.details.show_dossier(None, "", "", False)
                return
            procedure = self.catalog.get(dossier.procedure_code)
            self.list_view.details.show_dossier(
                dossier, procedure.name if procedure else dossier.procedure_code,
                STATE_TEXT_VI.get(dossier.state, dossier.state), can_act=can_act, outbox=outbox)

        # The dossier, its history and what waits to be sent are read off the GUI thread.
        self.tasks.run(lambda: (queue.get(dossier_id), queue.outbox_info(dossier_id)), show,
                       self._on_list_failed)

    # ----------------------------------------------------------------------------- sync feedback
    def on_upload_progress(self, dossier_id: str, sent: int, total: int) -> None:
        if self.list_view is not None:
            self.list_view.details.show_progress(dossier_id, sent, total)

    def on_file_progress(self, dossier_id: str, filename: str, sent: int, size: int) -> None:
        if self.list_view is not None:
            self.list_view.details.show_file_progress(dossier_id, filename, sent, size)

    def on_status_changes(self, changes: list) -> None:
        """Tell the person what the portal decided, and what to do about it."""
        lines = []
        latest: dict[str, dict] = {}
        for change in changes:  # several steps of one dossier: only where it stands now
            latest.pop(change.get("id", ""), None)
            latest[change.get("id", "")] = change
        changes = list(latest.values())
        for change in changes[-3:]:
            line = self.tr("Dossier {0}: {1}").format(change.get("code") or change.get("local_ref"),
                                                      change.get("status_text") or "")
            if change.get("status") == 5:
                line += " — " + self.tr("the officer asks for more documents: {0} Open it in "
                                        "“Dossiers on this computer” and press “Supplement the "
                                        "dossier”.").format(change.get("note") or "")
            elif change.get("status") == 9:
                line += " — " + self.tr("the result is ready to be collected.")
            elif change.get("note"):
                line += f" — {change['note']}"
            lines.append(line)
        if len(changes) > 3:
            lines.append(self.tr("…and {0} more changes.").format(len(changes) - 3))
        # Notes come from the portal: shown as text, never as markup.
        self.notice.setText("<br>".join(html.escape(line) for line in lines))
        self.notice_frame.show()

    def on_supplement_requested(self, dossier_id: str) -> None:
        """Reopen a dossier the officer asked to supplement, with the officer's note in sight."""
        if self.services is None:
            return
        dossier = self.services.queue.get(dossier_id)
        if dossier is None or dossier.status != 5:
            return
        self.wizard.open_supplement(dossier, dossier.status_note)
        self.tabs.setCurrentIndex(0)

    def on_withdraw_requested(self, dossier_id: str) -> None:
        """The citizen asks to withdraw: ask why, then queue the action (sent with the outbox)."""
        if self.services is None:
            return
        from PySide6.QtWidgets import QInputDialog

        note, ok = QInputDialog.getText(
            self, self.tr("Withdraw the dossier"),
            self.tr("The citizen asks to withdraw this dossier. Reason (kept in its history):"))
        if not ok:
            return
        from dvc_core.rules import ValidationFailed

        try:
            self.services.queue.queue_action(dossier_id, "withdraw", note.strip() or None)
        except ValidationFailed as exc:
            self.statusBar().showMessage("; ".join(e.message(self.lang) for e in exc.errors))
            return
        self.refresh_list()
        self.sync_requested.emit()

    def on_show_list(self) -> None:
        if self.mode == "kiosk":
            return
        self.ensure_list()
        self.tabs.setCurrentIndex(1)
        self.list_view.table.setFocus()

    # ----------------------------------------------------------------------------- actions
    def on_new_dossier(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.wizard.reset()

    def on_send_now(self) -> None:
        if self.services is None:
            return
        self.sync_requested.emit()

    def on_dossier_submitted(self, _dossier_id: str) -> None:
        self.refresh_list()
        self.sync_requested.emit()

    def on_receive_requested(self, dossier_id: str, version: int) -> None:
        """Officer action on the sandbox portal, off the GUI thread, then sync to see it.

        The local copy may not know the portal's latest version, so the task reads it first
        and acts only if the portal still shows the status the officer saw (“Mới đăng ký”);
        the portal's own version check (409) covers the remaining race.
        """
        services = self.services
        if services is None:
            return
        seen_status = 1

        def act():
            current = services.client.get_dossier(dossier_id)
            if current.get("status") != seen_status:
                raise _StatusChanged(str(current.get("status_text") or current.get("status")))
            expected = int(current.get("version", version) or version)
            return services.client.action(dossier_id, "receive", expected)

        self.statusBar().showMessage(self.tr("Sending “receive” to the portal…"))
        self.tasks.run(act, self._on_action_done, self._on_action_failed)

    def _on_action_done(self, _answer: Any) -> None:
        self.statusBar().showMessage(self.tr("The portal accepted the action; fetching the new "
                                             "status…"), 5000)
        self.sync_requested.emit()

    def _on_action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, _StatusChanged):
            detail = self.tr("the dossier is now “{0}” on the portal").format(exc)
        else:
            detail = getattr(exc, "detail", None) or getattr(exc, "message", None) or str(exc)
        self.statusBar().showMessage(self.tr("The action failed: {0}").format(detail))
        self.list_view.details.receive_button.setEnabled(True)
        self.sync_requested.emit()

    def on_retry_requested(self, dossier_id: str) -> None:
        if self.services is None:
            return
        self.services.queue.retry(dossier_id)
        self.refresh_list()
        self.sync_requested.emit()

    def on_show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.tr(
            "Ctrl+N  new dossier\nCtrl+Enter  continue / send\nAlt+Left  back\n"
            "F5  send now\nCtrl+1  file a dossier\nCtrl+2  dossiers on this computer\n"
            "Ctrl+Q  quit"))

    # ----------------------------------------------------------------------------- sync
    def on_sync_started(self) -> None:
        self.sync_indicator.set_state("syncing")

    def on_sync_finished(self, report: dict) -> None:
        if report.get("auth_required"):
            self.sync_indicator.set_state("signin", report.get("error") or "")
        elif report.get("online", True):
            self.sync_indicator.set_state("online")
            self.sync_indicator.mark_success(dt.datetime.now())
            self.wizard.refresh_catalog()  # the portal answers: fetch its catalog if it changed
        else:
            self.sync_indicator.set_state("offline", report.get("error") or "")
        self._update_officer()
        self.refresh_list()
        self.wizard.refresh_confirmation()

    def on_sync_failed(self, message: str) -> None:
        self.sync_indicator.set_state("offline", message)
        self.statusBar().showMessage(message, 10000)
        self.refresh_list()

    # ----------------------------------------------------------------------------- Qt
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.tasks.wait(3000)
        super().closeEvent(event)
