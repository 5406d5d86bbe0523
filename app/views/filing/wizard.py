"""The filing wizard: the guide's submission steps as GOV.UK-style pages.

Choose the procedure → the person making the request → one page per section of the declaration
→ attachments → check your answers → saved (confirmation). The answers, the checks, the files,
the fee and the queueing belong to the :class:`~app.services.filing.FilingSession`; the wizard
declares its pages in a :class:`~app.views.common.wizard_frame.WizardFrame` and words what the
session answers. Drafts, supplements and the catalog refresh are in
:mod:`app.views.filing.wizard_resume`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.modes import ModePolicy
from app.services.filing import Draft, FilingContext, FilingSession, base_field
from app.views.common.wizard_frame import WizardFrame
from app.views.common.wizard_page import WizardPage, human_size
from app.views.filing.pages import ProcedurePage
from app.views.filing.wizard_resume import WizardResume
from dvc_core.catalog import Catalog, Procedure
from dvc_core.rules import APPLICANT_FIELDS, FieldError

if TYPE_CHECKING:
    from pathlib import Path

    from app.services.limits import FilingLimits
    from app.views.filing.attachments_page import AttachmentsPage
    from app.views.filing.form_page import FormPage
    from app.views.filing.review_pages import ConfirmationPage, ReviewPage


def _log():
    # logging costs ~15 ms to import: not on the first paint's path.
    import logging

    return logging.getLogger(__name__)


class DossierWizard(WizardResume, QWidget):
    """Files one dossier; "New dossier" starts again with nothing of the previous person.

    Args:
        catalog: the procedure catalog (enough to show the first page).
        services: the process services (queue, blobs); may come later via ``set_services``.
        lang: language of the rules' messages (``vi`` or ``en``).
        mode: the app mode (its policy or its name): what the dossier is queued under,
            whether drafts are kept and purged.

    Signals:
        submitted(str): a dossier was queued (its id); the window asks for a sync.
        page_changed(int): the current page index changed.
    """

    submitted = Signal(str)
    page_changed = Signal(int)

    def __init__(self, catalog: Catalog, services: FilingContext | None = None, *, lang: str = "vi",
                 mode: str | ModePolicy = "desk", tasks: Any = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("wizard")
        self.catalog = catalog
        self.services: FilingContext | None = None
        self._tasks = tasks  # runs photo preparation off the GUI thread (made on first use)
        self.lang = lang
        self.policy = mode if isinstance(mode, ModePolicy) else ModePolicy.for_name(mode)
        self.session = FilingSession(mode=self.policy)
        self._return_to_review = False
        self._queueing = False
        self._resuming: object | None = None  # the draft resume in progress, if any
        self._catalog_checked_at = float("-inf")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.frame = WizardFrame(self)
        layout.addWidget(self.frame)
        # Answering a supplement request: the officer's note stays in sight on every page.
        self.supplement_banner = self.frame.add_banner("supplementBanner")
        self.draft_notice = self.frame.add_banner("draftNotice")
        frame = self.frame
        self.rail, self.step_label, self.stack = frame.rail, frame.step_label, frame.stack
        self.back_button, self.next_button = frame.back_button, frame.next_button
        self.back_button.setToolTip(self.tr("Back to the previous step (Alt+Left); answers are kept"))
        self.next_button.setDefault(True)
        self.next_button.setToolTip(self.tr("Ctrl+Enter"))
        self.drafts_button = frame.add_button(self.tr("Drafts"), "secondaryButton",
                                              self.open_drafts, beside_back=True)
        self.drafts_button.setToolTip(self.tr("Dossiers saved before they were finished"))
        self.save_draft_button = frame.add_button(self.tr("Save as draft"), "secondaryButton",
                                                  self.save_draft)
        self.save_draft_button.setToolTip(self.tr("Keep what is filled in so far and finish "
                                                  "later"))
        self.new_button = frame.add_button(self.tr("File a new dossier"), "primaryButton",
                                           self.reset)
        frame.route = self._route
        frame.index_changed.connect(self._on_shown)
        frame.step_chosen.connect(self._on_step_chosen)
        self._shortcuts: list[QShortcut] = []

        self.procedure_page = ProcedurePage(catalog, self, session=self.session)
        self.procedure_page.chosen.connect(self.go_next)
        self.form_pages: list[FormPage] = []
        self.attachments_page: AttachmentsPage | None = None
        self.review_page: ReviewPage | None = None
        self.confirmation_page: ConfirmationPage | None = None
        self._declare([self.procedure_page])
        if services is not None:  # the start-up chores wait for set_services
            self.services = services
            self.session.connect(services.queue, services.config.data_dir)
        self._show(0)

    # ----------------------------------------------------------------------------- services
    def set_services(self, services: FilingContext) -> None:
        """Hand over the process services once they are built (after the first paint)."""
        self.services = services
        self.session.connect(services.queue, services.config.data_dir)
        self.install_shortcuts()
        if self.policy.purges_stale_drafts:
            try:
                self.draft_store().purge()  # drafts past their retention, and any kiosk draft
            except Exception:  # noqa: BLE001 — never let clean-up stop the filing
                _log().exception("could not purge old drafts")
        # The catalog kept from the portal's last answer, if any (read off the GUI thread).
        from app.services.catalog_cache import load_cached

        data_dir = services.config.data_dir
        self.tasks.run(lambda: load_cached(data_dir), self._adopt_catalog,
                       lambda exc: _log().warning("kept catalog unreadable: %s", exc))
        self.session.remove_stale_files()
        self._update_nav()

    def install_shortcuts(self) -> None:
        """Ctrl+Enter continues, Alt+Left goes back (only while the wizard has focus).

        Installed after the first paint: the Qt namespace they need costs start-up time.
        """
        if self._shortcuts:
            return
        from PySide6.QtCore import Qt

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+Return", self.go_next), ("Ctrl+Enter", self.go_next),
                           ("Alt+Left", self.go_back)):
            self._shortcuts.append(QShortcut(QKeySequence(keys), self, slot, context=context))

    @property
    def tasks(self):
        if self._tasks is None:
            from app.workers.tasks import TaskRunner

            self._tasks = TaskRunner(parent=self)
        return self._tasks

    @property
    def draft(self) -> Draft:
        """The answers of the filing in progress (the session's)."""
        return self.session.draft

    @property
    def limits(self) -> FilingLimits:
        return self.session.limits

    @property
    def max_file_bytes(self) -> int:
        return self.limits.max_file_bytes

    # ----------------------------------------------------------------------------- structure
    def _declare(self, pages: list[WizardPage]) -> None:
        upcoming = [] if len(pages) > 1 else [
            self.tr("Fill in the declaration"), self.tr("Attach documents"),
            self.tr("Check and send")]
        self.frame.set_pages(pages, upcoming=upcoming,
                             actions={"procedure": self._on_procedure_chosen,
                                      "review": self.submit})

    def _build_pages(self, procedure: Procedure) -> None:
        """(Re)build every page after the first for the chosen procedure."""
        from app.views.filing.attachments_page import AttachmentsPage
        from app.views.filing.form_page import FormPage
        from app.views.filing.review_pages import ConfirmationPage, ReviewPage

        session, lang = self.session, self.lang
        sections = list(procedure.sections)
        applicant_specs = list(APPLICANT_FIELDS)
        # The form's own "requester" section (relationship to the child) belongs with the
        # person making the request: one topic, one page.
        if sections and sections[0].id == "requester":
            applicant_specs += list(sections.pop(0).fields)
        self.form_pages = [FormPage(
            self.tr("The person making the request"), applicant_specs,
            self.tr("Who is filing the dossier. Details on the chip ID card are enough; "
                    "the portal does not ask for them again."), self, session=session,
            page_id="applicant", lang=lang)]
        self.form_pages += [FormPage(section.title, section.fields, parent=self, session=session,
                                     page_id=f"section:{section.id}", lang=lang)
                            for section in sections]
        delivery = session.delivery_specs()
        if delivery:  # how the result is received, as the national portal asks it
            from app.views.filing.form_page import DeliveryPage

            self.form_pages.append(DeliveryPage(
                self.tr("Receiving the result"), delivery,
                self.tr("Choose how the result of this dossier reaches you. Only the ways this "
                        "procedure offers are listed."), self, session=session,
                page_id="delivery", lang=lang))
        self._offer_same_addresses()
        self.attachments_page = AttachmentsPage(procedure, session, self.tasks, self, lang=lang)
        self.review_page = ReviewPage(self, blocks=self._review_blocks,
                                      fee=lambda: self.review_page.fee_text(session.fee_quote()))
        self.review_page.change_requested.connect(self.on_change_requested)
        self.confirmation_page = ConfirmationPage(self)
        self._declare([self.procedure_page, *self.form_pages, self.attachments_page,
                       self.review_page, self.confirmation_page])
        for page in self.form_pages:
            page.load(session.answers)

    def _offer_same_addresses(self) -> None:
        """A person's address may be the one of the person on an earlier page ("same address
        as the mother" for the father): a box offers it."""
        people = [p for p in self.form_pages[1:] if getattr(p, "prefix", None)]
        for position, page in enumerate(people):
            for fid, row in page.rows.items():
                if row.spec.kind != "address":
                    continue
                part = fid.removeprefix(page.prefix)
                for earlier in reversed(people[:position]):
                    source = earlier.prefix + part
                    if source in earlier.rows and earlier.rows[source].spec.kind == "address":
                        page.offer_same_as(fid, source, earlier.title)
                        break

    def _forget_pages(self) -> None:
        self.form_pages = []
        self.attachments_page = self.review_page = self.confirmation_page = None
        self._declare([self.procedure_page])

    @property
    def pages(self) -> list[WizardPage]:
        return self.frame.pages

    @property
    def index(self) -> int:
        return self.frame.index

    def current_page(self) -> WizardPage:
        return self.frame.current_page()

    def _show(self, index: int) -> None:
        self.frame.show_page(index)

    def _on_shown(self, index: int) -> None:
        self._update_nav()
        self.page_changed.emit(index)

    def _update_nav(self) -> None:
        page = self.current_page()
        done = page is self.confirmation_page
        desk = self.session.keeps_drafts and self.services is not None
        self.drafts_button.setVisible(desk and self.index == 0)
        self.save_draft_button.setVisible(
            desk and self.index > 0 and not done and not self.draft.supplement_of)
        self.next_button.setVisible(not done)
        self.new_button.setVisible(done)
        if page is self.review_page:
            self.next_button.setEnabled(self.services is not None and not self._queueing)
            if self.services is None:
                self.next_button.setToolTip(self.tr("Starting up, please wait…"))
        elif self._return_to_review and (page in self.form_pages or page is self.attachments_page):
            self.next_button.setText(self.tr("Back to the check page"))
            self.next_button.setEnabled(True)
        else:
            self.next_button.setEnabled(True)

    # ----------------------------------------------------------------------------- navigation
    def go_next(self) -> None:
        """Check the current page; move on only when it has no error (Ctrl+Enter)."""
        self.frame.go_next()

    def go_back(self) -> None:
        """One page back; what was typed on this page is kept (Alt+Left)."""
        self._return_to_review = False
        self.frame.go_back()

    def go_to(self, index: int) -> None:
        self._show(index)

    def _route(self, page: WizardPage) -> int:
        if self._return_to_review and page is not self.procedure_page:
            self._return_to_review = False
            return self.pages.index(self.review_page)
        return self.index + 1

    def _on_step_chosen(self, _index: int) -> None:
        self._return_to_review = False  # a step of the rail: the person goes where they chose

    def on_change_requested(self, index: int) -> None:
        """A "Change" link on the check page: edit that page, then come straight back."""
        self._return_to_review = True
        self._show(index)

    _built_draft: Draft | None = None  # the draft the pages after the first were built for

    def _on_procedure_chosen(self) -> bool:
        # The page started a fresh draft when the procedure changed: build its pages.
        procedure = self.session.procedure
        if procedure is not None and self._built_draft is not self.session.draft:
            self._build_for(procedure)
        return True

    def _build_for(self, procedure: Procedure) -> None:
        self._build_pages(procedure)
        self._built_draft = self.session.draft

    # ----------------------------------------------------------------------------- files
    def on_file_offered(self, component_id: str, path: Path) -> None:
        """A chosen or dropped file (the attachments page checks, prepares and attaches it)."""
        assert self.attachments_page is not None
        self.attachments_page.offer(component_id, path)

    def on_file_removed(self, component_id: str, position: int = -1) -> None:
        assert self.attachments_page is not None
        self.attachments_page.remove(component_id, position)

    def total_attached(self) -> int:
        return self.session.total_attached()

    # ----------------------------------------------------------------------------- review
    def _fill_review(self) -> None:
        assert self.review_page is not None
        self.review_page.initialize()

    def _review_blocks(self) -> list[tuple[int, str, list[tuple[str, str]]]]:
        procedure = self.session.procedure
        assert procedure is not None
        blocks = [(self.pages.index(self.procedure_page), self.tr("Procedure"),
                   [(self.tr("Procedure"), procedure.name), (self.tr("Code"), procedure.code)])]
        for page in self.form_pages:
            page.set_context(self.session.answers)
            blocks.append((self.pages.index(page), page.title, page.review_rows()))
        files = []
        made = self.session.generated_component()
        for component in procedure.components:
            chosen = self.draft.files.get(component.id, [])
            if component.id == made:
                files.append((component.name, self.tr("Made from the answers above")))
                continue
            files.append((component.name, "\n".join(
                f"{f.name} ({human_size(f.size)}" + (
                    self.tr(", {0} page(s)").format(f.pages)
                    if f.media_type == "application/pdf" and f.pages else "") + ")"
                for f in chosen) or self.tr("No file attached")))
        blocks.append((self.pages.index(self.attachments_page), self.tr("Documents"), files))
        return blocks

    # ----------------------------------------------------------------------------- submit
    def submit(self) -> bool:
        """Queue the dossier and show the confirmation.

        Queueing copies, hashes and fsyncs every file before the durable commit — a second or
        more for large scans on an office's hard disk — so it runs off the GUI thread; the send
        button waits until it is done, so one press queues one dossier.
        """
        if self.services is None or self._queueing or self.review_page is None:
            return False
        self._queueing = True
        self.next_button.setEnabled(False)
        self.session.unit = self._receiving_unit()
        self.tasks.run(self.session.submission(), self._on_queued, self._on_queue_failed)
        return False  # the confirmation is shown when the queue answers

    def _receiving_unit(self) -> Any:
        """The signed-in commune the generated Tờ khai is addressed to (blank if unknown)."""
        from app.services.printing import unit_for

        tokens = getattr(self.services, "tokens", None)
        try:
            session = tokens.current() if tokens is not None else None
        except Exception:  # noqa: BLE001 — an unaddressed form still serves
            session = None
        return unit_for(None, session, training=self.policy.marks_printouts)

    def _on_queued(self, queued: Any) -> None:
        from app.services.queue import STATE_TEXT_VI

        self._queueing = False
        self.next_button.setEnabled(True)
        self.session.queued(queued)
        self.draft_notice.hide()
        self.supplement_banner.hide()  # the supplement is answered: its request is past
        assert self.confirmation_page is not None and self.draft.procedure is not None
        self.confirmation_page.fee_line = self.confirmation_page.fee_line_of(self.session)
        self.confirmation_page.time_line = str(self.draft.procedure.time_limit_for(
            self.draft.document()[1]).get("text") or "") or None
        self.confirmation_page.delivery_line = self.confirmation_page.delivery_line_of(self.session)
        self.confirmation_page.show_dossier(self.draft.procedure, queued.local_ref,
                                            STATE_TEXT_VI.get(queued.state, queued.state))
        self._show(self.pages.index(self.confirmation_page))
        self.submitted.emit(queued.id)

    def _on_queue_failed(self, exc: BaseException) -> None:
        from dvc_core.blobs import AttachmentError
        from dvc_core.rules import ValidationFailed

        self._queueing = False
        self.next_button.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            self.show_submit_errors(exc.errors)
        elif isinstance(exc, AttachmentError):
            self._show(self.pages.index(self.attachments_page))
            self.attachments_page.show_errors([("attachments", exc.message)])
        else:
            assert self.review_page is not None
            self.review_page.show_errors([("", self.tr(
                "The dossier could not be saved on this computer: {0}").format(exc))])

    def show_submit_errors(self, errors: list[FieldError]) -> None:
        """Errors the queue found at the end: go to the first page concerned and show them."""
        for page in self.pages[1:-2]:
            ids = page.field_ids()
            mine = [e for e in errors if base_field(e.field) in ids]
            if mine:
                self._return_to_review = True
                self._show(self.pages.index(page))
                page.show_errors(self._messages(mine))
                return
        assert self.review_page is not None
        self.review_page.show_errors(self._messages(errors))

    def _messages(self, errors: list[FieldError]) -> list[tuple[str, str]]:
        return [(e.field, e.message(self.lang)) for e in errors]

    # ----------------------------------------------------------------------------- reset
    def reset(self) -> None:
        """Start a clean filing: every page after the first is rebuilt from scratch (Ctrl+N);
        the session forgets every answer and prepared file of the person before."""
        self._forget_pages()
        self._built_draft = None
        self.session.wipe()
        self._return_to_review = False
        self._queueing = False
        self._resuming = None
        self.supplement_banner.hide()
        self.draft_notice.hide()
        self.procedure_page.clear_errors()
        self.procedure_page.search.clear()
        self._show(0)
