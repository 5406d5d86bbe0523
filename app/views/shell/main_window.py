"""The shell: header with the sync indicator, the filing wizard and — in a mode that has one —
the list of dossiers on this computer.

What the window holds is the mode's decision (:class:`~app.modes.ModePolicy`): a kiosk never
builds the list of earlier citizens' dossiers at all, so it can neither show nor fill one.
"""

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

from app.modes import ModePolicy
from app.views.common.window_place import place_window
from app.views.filing.wizard import DossierWizard
from app.views.shell.header import ShellHeader
from app.workers.tasks import TaskRunner
from dvc_core.catalog import Catalog
from dvc_core.lifecycle import DA_XU_LY_XONG, OFFICER_ROLES, YEU_CAU_BO_SUNG

if TYPE_CHECKING:
    from app.services.changes import StatusChange
    from app.services.ports import ShellServices
    from app.services.records import SupplementSource
    from app.services.sync_report import SyncReport
    from app.views.dossiers.dossier_list import DossierListView, DossierTableModel
    from app.views.dossiers.workspace import DossiersWorkspace
    from app.views.officer.actions import DossierActions
    from app.views.officer.dashboard_view import DashboardView
    from app.views.officer.dashboard_workspace import DashboardWorkspace
    from app.views.officer.worklist_view import OfficerWorklistView
    from app.views.officer.workspace import OfficerWorkspace

LIST_TAB = 1


class MainWindow(QMainWindow):
    """The desk window; receives the services after the first paint.

    Args:
        catalog: the procedure catalog (all the first page needs).
        mode: the mode's policy, or its name (``desk``, ``kiosk``, ``training``).
        lang: language of rule messages.
        tasks: runs database and network work off the GUI thread.

    Signals:
        first_painted(): the first wizard page has been painted once.
        sync_requested(): the person (or a new dossier) asks for a sync pass now.
    """

    first_painted = Signal()
    sync_requested = Signal()

    def __init__(self, catalog: Catalog, *, mode: ModePolicy | str = "desk", lang: str = "vi",
                 tasks: TaskRunner | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.policy = mode if isinstance(mode, ModePolicy) else ModePolicy.for_name(mode)
        self.catalog = catalog
        self.lang = lang
        self.tasks = tasks or TaskRunner(parent=self)
        self.services: ShellServices | None = None
        self.workspace: DossiersWorkspace | None = None
        self._list_view: DossierListView | None = None
        self._worklist_view: OfficerWorklistView | None = None
        self.officer_workspace: OfficerWorkspace | None = None
        self.dashboard_view: DashboardView | None = None
        self.dashboard_workspace: DashboardWorkspace | None = None
        self.officer_actions: DossierActions | None = None
        self.account_controller: Any = None  # made with the services
        self._first_paint_done = False
        self._keyring_warned = False
        self._held: dict[str, str] = {}  # status bar lines that say a state, until it ends
        self._notices: dict[str, str] = {}  # the notice's line for each dossier, latest last
        self.setWindowTitle(self.tr("Public Service Assistant"))
        # Fits the screen it opens on (a 1366×768 laptop too); the composition root then puts
        # it where it was last closed.
        place_window(self, self.screen().availableGeometry())

        central = QWidget(self)
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = ShellHeader(self)
        self.header.send_button.clicked.connect(self.on_send_now)
        column.addWidget(self.header)
        if self.policy.watermark:
            column.addWidget(self._build_watermark(central))
        column.addWidget(self._build_notice(central))

        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.wizard = DossierWizard(catalog, lang=lang, mode=self.policy.name, tasks=self.tasks,
                                    parent=self.tabs)
        self.wizard.submitted.connect(self.on_dossier_submitted)
        self.tabs.addTab(self.wizard, self.tr("File a dossier"))
        # The list tab is filled after the first paint (it is not on the first screen).
        if self.policy.shows_local_list:
            self.tabs.addTab(QWidget(self.tabs), self.tr("Dossiers on this computer"))
        self.tabs.tabBar().setVisible(self.policy.shows_local_list)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menu()
        self.statusBar().showMessage(self.tr("Starting the local database and the portal "
                                             "connection…"))
        self.wizard.procedure_page.painted.connect(self._on_first_paint)
        self.teaching_aids: Any = None  # training mode's guide panel and presenter controls
        if self.policy.teaching_aids:
            from app.views.training.presenter import install_teaching_aids

            self.teaching_aids = install_teaching_aids(self)

    # The header's parts, where the account controller and the tests look for them.
    @property
    def officer_label(self) -> QLabel:
        return self.header.officer_label

    @property
    def sync_indicator(self):
        return self.header.sync_indicator

    @property
    def send_button(self) -> QPushButton:
        return self.header.send_button

    @property
    def sign_in_button(self) -> QPushButton:
        return self.header.sign_in_button

    @property
    def register_button(self) -> QPushButton:
        return self.header.register_button

    @property
    def sign_out_button(self) -> QPushButton:
        return self.header.sign_out_button

    @property
    def mode(self) -> str:
        return self.policy.name

    @property
    def list_view(self) -> DossierListView | None:
        """The list of dossiers on this computer (``None`` until built; never at a kiosk)."""
        return self._list_view

    @property
    def model(self) -> DossierTableModel | None:
        return self._list_view.model if self._list_view is not None else None

    # ----------------------------------------------------------------------------- building
    def _build_watermark(self, parent: QWidget) -> QLabel:
        banner = QLabel(self.tr("TRAINING ENVIRONMENT — demo data, nothing is really filed"),
                        parent)
        banner.setObjectName("trainingBanner")
        from PySide6.QtCore import Qt  # creating Qt's enums costs ~40 ms: not on the way

        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return banner

    def _build_notice(self, parent: QWidget) -> QFrame:
        """What the last sync brought back (a supplement request, a result ready…)."""
        self.notice_frame = QFrame(parent)
        self.notice_frame.setObjectName("noticeBanner")
        notice_row = QHBoxLayout(self.notice_frame)
        notice_row.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel(self.notice_frame)
        self.notice.setWordWrap(True)
        notice_row.addWidget(self.notice, 1)
        close = QPushButton(self.tr("Got it"), self.notice_frame)
        close.setObjectName("secondaryButton")
        close.clicked.connect(self.on_notice_closed)
        notice_row.addWidget(close)
        self.notice_frame.hide()
        return self.notice_frame

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
        if self.policy.shows_local_list:
            self._action(view_menu, self.tr("&Dossiers on this computer"), "Ctrl+2",
                         self.on_show_list)
        if self.policy.shows_worklist:
            self.worklist_action = self._action(view_menu, self.tr("&Worklists (officer)"),
                                                "Ctrl+3", self.on_show_worklist)
            self.worklist_action.setEnabled(False)
            self.dashboard_action = self._action(view_menu, self.tr("&Figures (officer)"),
                                                 "Ctrl+4", self.on_show_dashboard)
            self.dashboard_action.setEnabled(False)
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

    def ensure_list(self) -> DossierListView | None:
        """Build the “Dossiers on this computer” tab once, in a mode that has one (never at a
        kiosk: a citizen must never see the dossiers of the people before them)."""
        if not self.policy.shows_local_list:
            return None
        if self._list_view is None:
            # Not on the first screen: imported once the first page is painted.
            from app.views.dossiers.dossier_list import DossierListView, DossierTableModel

            self._list_view = DossierListView(DossierTableModel(self), self.tabs)
            placeholder = self.tabs.widget(LIST_TAB)
            current = self.tabs.currentIndex()
            self.tabs.removeTab(LIST_TAB)
            placeholder.deleteLater()
            self.tabs.insertTab(LIST_TAB, self._list_view, self.tr("Dossiers on this computer"))
            self.tabs.setCurrentIndex(current)
        return self._list_view

    # ----------------------------------------------------------------------------- services
    def set_services(self, services: ShellServices) -> None:
        """The services are ready (built in a worker thread after the first paint)."""
        self.services = services
        self.install_shortcuts()
        view = self.ensure_list()
        if view is not None and self.workspace is None:
            from app.views.dossiers.workspace import DossiersWorkspace  # after the first paint

            # Officer actions need an officer's session: the embedded sandbox signs in as one.
            actions = self.policy.officer_actions if services.is_embedded else ()
            self.workspace = DossiersWorkspace(view, services.dossiers, services.dossiers,
                                               self.tasks, actions=actions, lang=self.lang,
                                               printer=services.dossiers)
            self.workspace.sync_requested.connect(self.sync_requested)
            self.workspace.message.connect(self.statusBar().showMessage)
            self.workspace.held.connect(self.hold_message)
            self.workspace.loaded.connect(lambda *_: self.release_message("list"))
            self.workspace.loaded.connect(self._on_list_loaded)
            self.workspace.supplement_ready.connect(self.on_supplement_ready)
        # The filing wizard reads them through its own seam (FilingContext).
        self.wizard.set_services(services)
        self.header.send_button.setEnabled(True)
        from app.views.accounts.account_actions import AccountController

        self.account_controller = AccountController(self, lambda: services.accounts,
                                                    services.tokens, self.tasks)
        self.account_controller.session_changed.connect(self._update_officer)
        self.statusBar().showMessage(self.tr("Ready."), 5000)
        self._update_officer()
        self.refresh_list()
        if self.policy.sandbox_only and services.is_embedded:
            self._build_training(services)
        if self.teaching_aids is not None:
            self.teaching_aids.set_services(services)

    def _build_training(self, services: ShellServices) -> None:
        """Training mode's side panel: the simulated phone, the view switch, the reset."""
        from PySide6.QtCore import Qt

        from app.views.training.marks import install_training_marks
        from app.views.training.phone import TrainingDock

        self.training_marks = install_training_marks(self)
        self.training_dock = TrainingDock(services.training, self.tasks, self)
        self.training_dock.message.connect(
            lambda text: self.statusBar().showMessage(text, 10_000))
        self.training_dock.signed_in.connect(self._on_training_signed_in)
        self.training_dock.reset_done.connect(lambda _report: self._on_training_reset())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.training_dock)
        self.training_dock.phone.start()

    def _on_training_signed_in(self, role: str) -> None:
        """The other side of the same dossiers: the officer's worklists, the citizen's list."""
        self._update_officer()
        self.sync_requested.emit()  # what the other side decided comes with the next pass
        if role in OFFICER_ROLES and self._worklist_view is not None:
            self.tabs.setCurrentWidget(self._worklist_view)
        else:
            self.on_show_list()

    def _on_training_reset(self) -> None:
        self.wizard.reset()  # a draft being filed is gone with the rest
        self._update_officer()
        self.refresh_list()
        if self.officer_workspace is not None:
            self.officer_workspace.refresh()  # the seeded dossiers, not the workshop's

    def on_services_failed(self, message: str) -> None:
        self.sync_indicator.set_state("offline", message)
        # "Starting…" is no longer true.
        self.statusBar().showMessage(self.tr("The local data could not be opened: {0}").format(
            message))
        QMessageBox.critical(self, self.tr("Cannot start"), self.tr(
            "The local data could not be opened: {0}").format(message))

    def _update_officer(self) -> None:
        tokens = self.services.tokens if self.services is not None else None
        session = tokens.current() if tokens is not None else None
        warning = getattr(tokens, "warning", None)
        if warning and not self._keyring_warned:
            # No OS keyring: say once that the sign-in will not be remembered.
            self._keyring_warned = True
            self.statusBar().showMessage(warning, 20_000)
        if session is None:
            self.header.show_signed_in(None)
        else:
            commune = getattr(session, "commune_name", "") or session.commune
            self.header.show_signed_in(session.display_name or session.username, commune)
        self._sync_worklist(getattr(session, "role", None))
        if self.account_controller is not None:
            self.account_controller.refresh()

    # ----------------------------------------------------------------------------- worklists
    @property
    def worklist_view(self) -> OfficerWorklistView | None:
        """The officer's worklists (only while an officer is signed in, in desk mode)."""
        return self._worklist_view

    def _sync_worklist(self, role: str | None) -> None:
        """The worklists tab is there exactly while an officer is signed in, in a mode with
        the officer desk (a citizen at the same desk never sees the commune's dossiers)."""
        wanted = (self.policy.shows_worklist and self.services is not None
                  and role in OFFICER_ROLES)
        if wanted and self._worklist_view is None:
            self._build_worklist()
        elif not wanted and self._worklist_view is not None:
            index = self.tabs.indexOf(self._worklist_view)
            if index >= 0:
                self.tabs.removeTab(index)
            self._worklist_view.deleteLater()
            self._worklist_view = None
            self.officer_workspace = None
            self._drop_dashboard()
            self.officer_actions = None
        if self.policy.shows_worklist:
            self.worklist_action.setEnabled(self._worklist_view is not None)
            self.dashboard_action.setEnabled(self.dashboard_view is not None)
            self.tabs.tabBar().setVisible(self.policy.shows_local_list
                                          or self._worklist_view is not None)

    def _build_worklist(self) -> None:
        # Not on the first screen: imported once an officer has signed in.
        from app.views.officer.worklist_view import OfficerWorklistView
        from app.views.officer.workspace import OfficerWorkspace

        assert self.services is not None
        procedures = sorted(((p.code, p.name) for p in self.catalog), key=lambda p: p[1])
        view = OfficerWorklistView(procedures, self.tabs)
        self._worklist_view = view
        self.tabs.addTab(view, self.tr("Worklists"))
        self.officer_workspace = OfficerWorkspace(view, self.services.worklists, self.tasks,
                                                  idle_after=self.services.idle_days)
        # A failed read is said until the next read succeeds.
        self.officer_workspace.message.connect(lambda text: self.hold_message("worklists", text))
        self.officer_workspace.counts_shown.connect(lambda _n: self.release_message("worklists"))
        self.officer_workspace.counts_shown.connect(self._on_worklist_counts)
        from app.views.officer.actions import DossierActions

        self.officer_actions = DossierActions(view.details, view.table,
                                              self.services.officer_actions,
                                              self.services.officer_detail, self.tasks)
        view.dossier_chosen.connect(self.officer_actions.load)
        self.officer_actions.message.connect(self.statusBar().showMessage)
        # "… is queued and sent with the next sync" holds until the sync has sent it.
        self.officer_actions.queued.connect(lambda uuid, _action: self.hold_message(
            f"action:{uuid}", self.statusBar().currentMessage()))
        self.officer_actions.sync_requested.connect(self.sync_requested)
        # The slips of TT 01/2018 and the fee (its VietQR, the payment recorded) on the pane.
        from app.views.officer.office_print import OfficePrint

        self.office_print = OfficePrint(view.details, self.services.office_printer,
                                        self.services.officer_actions, self.tasks)
        self.officer_actions.record_fee = self.office_print.record_fee
        self.office_print.attach_register(view)
        self.officer_actions.detail_shown.connect(self.office_print.refresh)
        view.dossier_chosen.connect(self.office_print.refresh)
        self.office_print.message.connect(self.statusBar().showMessage)
        self.office_print.fee_queued.connect(self.officer_actions.load)
        self.office_print.fee_queued.connect(lambda _uuid: self.sync_requested.emit())
        self.officer_workspace.start()
        self._build_dashboard()

    def _build_dashboard(self) -> None:
        """The commune's figures, a tab beside the worklists."""
        from app.views.officer.dashboard_view import DashboardView
        from app.views.officer.dashboard_workspace import DashboardWorkspace

        assert self.services is not None
        self.dashboard_view = DashboardView(self.tabs)
        self.tabs.addTab(self.dashboard_view, self.tr("Figures"))
        self.dashboard_workspace = DashboardWorkspace(self.dashboard_view,
                                                      self.services.dashboard, self.tasks)
        self.dashboard_workspace.message.connect(self.statusBar().showMessage)
        self.dashboard_workspace.start()

    def on_show_dashboard(self) -> None:
        if self.dashboard_view is None:
            return
        self.tabs.setCurrentWidget(self.dashboard_view)
        self.dashboard_view.from_edit.setFocus()

    def _drop_dashboard(self) -> None:
        if self.dashboard_view is None:
            return
        index = self.tabs.indexOf(self.dashboard_view)
        if index >= 0:
            self.tabs.removeTab(index)
        self.dashboard_view.deleteLater()
        self.dashboard_view = None
        self.dashboard_workspace = None

    def _on_worklist_counts(self, _total: int) -> None:
        if self._worklist_view is None:
            return
        index = self.tabs.indexOf(self._worklist_view)
        late = self._worklist_view.queues.count("qua_han") or 0
        title = self.tr("Worklists")
        self.tabs.setTabText(index, title if not late else
                             self.tr("Worklists ({0} overdue)").format(late))

    def on_show_worklist(self) -> None:
        if self._worklist_view is None:
            return
        self.tabs.setCurrentWidget(self._worklist_view)
        self._worklist_view.queue_list.setFocus()

    def on_auth_required(self) -> None:
        """The portal refused the session (expired, revoked): ask for a new sign-in."""
        if self.account_controller is not None:
            self.account_controller.prompt_sign_in()

    # ----------------------------------------------------------------------------- list
    def refresh_list(self) -> None:
        """Reload the list and the waiting count off the GUI thread (only the count where
        the mode has no list)."""
        if self.services is None:
            return
        if self.workspace is not None:
            self.workspace.refresh()
            return
        queue = self.services.queue
        self.tasks.run(queue.pending_count, self.sync_indicator.set_pending,
                       self._on_count_failed)

    def _on_count_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(self.tr("Could not read the local list: {0}").format(exc))

    def _on_list_loaded(self, count: int, pending: int) -> None:
        self.tabs.setTabText(LIST_TAB, self.tr("Dossiers on this computer ({0})").format(count))
        self.sync_indicator.set_pending(pending)

    def on_dossier_selected(self, dossier_id: str) -> None:
        if self.workspace is not None:
            self.workspace.show_details(dossier_id)

    def on_show_list(self) -> None:
        view = self.ensure_list()
        if view is None:
            return
        self.tabs.setCurrentIndex(LIST_TAB)
        view.table.setFocus()

    def on_supplement_ready(self, source: SupplementSource) -> None:
        """Reopen a dossier the officer asked to supplement, with the officer's note in sight."""
        self.wizard.open_supplement(source.dossier, source.note)
        self.tabs.setCurrentIndex(0)

    # ----------------------------------------------------------------------------- sync feedback
    def on_upload_progress(self, dossier_id: str, sent: int, total: int) -> None:
        if self.workspace is not None:
            self.workspace.show_progress(dossier_id, sent, total)

    def on_file_progress(self, dossier_id: str, filename: str, sent: int, size: int) -> None:
        if self.workspace is not None:
            self.workspace.show_file_progress(dossier_id, filename, sent, size)

    def on_status_changes(self, changes: list[StatusChange]) -> None:
        """Tell the person what the portal decided, and what to do about it: one line per
        dossier, where it stands now (a later change replaces its line)."""
        for change in changes:  # several steps of one dossier: only where it stands now
            line = self.tr("Dossier {0}: {1}").format(change.code or change.local_ref,
                                                      change.status_text or "")
            if change.status == YEU_CAU_BO_SUNG:
                line += " — " + self.tr("the officer asks for more documents: {0} Open it in "
                                        "“Dossiers on this computer” and press “Supplement the "
                                        "dossier”.").format(change.note or "")
            elif change.status == DA_XU_LY_XONG:
                line += " — " + self.tr("the result is ready to be collected.")
            elif change.note:
                line += f" — {change.note}"
            self._notices.pop(change.id, None)
            self._notices[change.id] = line
        self._show_notices()

    def _show_notices(self) -> None:
        lines = list(self._notices.values())
        shown = lines[-3:]
        if len(lines) > 3:
            shown.append(self.tr("…and {0} more changes.").format(len(lines) - 3))
        # Notes come from the portal: shown as text, never as markup.
        self.notice.setText("<br>".join(html.escape(line) for line in shown))
        self.notice_frame.setVisible(bool(lines))

    def on_notice_closed(self) -> None:
        """“Đã hiểu”: the notice is read; it goes with its lines."""
        self._notices.clear()
        self._show_notices()

    # ----------------------------------------------------------------------------- status bar
    def hold_message(self, key: str, text: str) -> None:
        """A status bar line that says a state (an action waiting to be sent, a list that
        could not be read): it stays until :meth:`release_message` with its key."""
        self._held[key] = text
        self.statusBar().showMessage(text)

    def release_message(self, key: str) -> None:
        """The state ``key`` has ended: its line goes (unless another has replaced it)."""
        text = self._held.pop(key, None)
        if text is not None and self.statusBar().currentMessage() == text:
            self.statusBar().clearMessage()

    # ----------------------------------------------------------------------------- actions
    def on_new_dossier(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.wizard.reset()

    def on_send_now(self) -> None:
        if self.services is None:
            return
        self.sync_requested.emit()

    def on_dossier_submitted(self, dossier_id: str) -> None:
        # A supplement answered (or a dossier filed anew): what the notice said of it is past.
        if self._notices.pop(dossier_id, None) is not None:
            self._show_notices()
        self.refresh_list()
        self.sync_requested.emit()

    def on_show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.tr(
            "Ctrl+N  new dossier\nCtrl+Enter  continue / send\nAlt+Left  back\n"
            "F5  send now\nCtrl+1  file a dossier\nCtrl+2  dossiers on this computer\n"
            "Ctrl+3  worklists (officer)\nAlt+1…Alt+9  choose a worklist\nCtrl+F  search the "
            "worklist\nCtrl+R  read the worklists again\n"
            "Ctrl+Shift+T  receive · Ctrl+Shift+K  refuse · Ctrl+Shift+B  request a supplement\n"
            "Ctrl+Shift+X  start · Ctrl+Shift+P  require the fee · Ctrl+Shift+D  fee paid\n"
            "Ctrl+Shift+H  finish · Ctrl+Shift+R  return the result\nCtrl+Q  quit"))

    # ----------------------------------------------------------------------------- sync
    def on_sync_started(self) -> None:
        self.sync_indicator.set_state("syncing")

    def on_sync_finished(self, report: SyncReport) -> None:
        if report.auth_required:
            self.sync_indicator.set_state("signin", report.error or "")
        elif report.online:
            self.sync_indicator.set_state("online")
            self.sync_indicator.mark_success(dt.datetime.now(dt.UTC))
            self.wizard.refresh_catalog()  # the portal answers: fetch its catalog if it changed
        else:
            self.sync_indicator.set_state("offline", report.error or "")
        # An action sent (or refused, then shown on its dossier) no longer waits for a sync.
        for entry in (*[s for s in report.sent if s.action], *report.attention):
            self.release_message(f"action:{entry.id}")
        self._update_officer()
        self.refresh_list()
        self.wizard.refresh_confirmation()
        if report.online and self.officer_workspace is not None:
            self.officer_workspace.refresh()
        if self.officer_actions is not None:
            self.officer_actions.reload()  # a conflict or the applied action, on the detail

    def on_sync_failed(self, message: str) -> None:
        self.sync_indicator.set_state("offline", message)
        self.statusBar().showMessage(message, 10000)
        self.refresh_list()

    # ----------------------------------------------------------------------------- Qt
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.tasks.wait(3000)
        super().closeEvent(event)
