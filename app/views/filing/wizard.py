"""The filing wizard: the guide's submission steps as GOV.UK-style pages.

Choose the procedure → the person making the request → one page per section of the declaration
→ attachments → check your answers → saved (confirmation). Answers live in a :class:`Draft`
until the end; the wizard commits once, through :meth:`DossierQueue.enqueue`. Every check is
made by :mod:`dvc_core.rules` (the same rules the portal applies); the pages only show what
the rules say.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.views.filing.pages import ProcedurePage, WizardPage, human_size
from dvc_core.catalog import Catalog, Procedure
from dvc_core.rules import (
    APPLICANT_FIELDS,
    FieldError,
    check_attachments,
    validate_dossier,
)

if TYPE_CHECKING:
    from app.services.attachments import AttachedFile
    from app.services.limits import FilingLimits
    from app.views.filing.form_pages import AttachmentsPage, ConfirmationPage, FormPage, ReviewPage

APPLICANT_PREFIX = "applicant."


def _log():
    # logging costs ~15 ms to import: not on the first paint's path.
    import logging

    return logging.getLogger(__name__)


def _media_type(path: Path) -> str:
    from dvc_core.blobs import sniff_media_type

    try:
        with path.open("rb") as handle:
            return sniff_media_type(handle.read(16)) or "application/octet-stream"
    except OSError:
        return "application/octet-stream"


def base_field(field_id: str) -> str:
    """``documents[2].pages`` → ``documents``: the form field an entry's error belongs to."""
    return field_id.split("[", 1)[0]


@dataclass
class Draft:
    """The answers of one filing, as typed, until the dossier is queued.

    Attributes:
        procedure: the chosen procedure.
        answers: raw answers keyed by full field id (``applicant.phone``, ``child.sex``).
        files: the files attached to each component id (several pages may be attached).
        dossier_id, local_ref: set once the dossier is queued.
    """

    procedure: Procedure | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    files: dict[str, list[AttachedFile]] = field(default_factory=dict)
    draft_id: str | None = None  # saved as a draft ("Lưu nháp") under this dossier id
    dossier_id: str | None = None
    local_ref: str | None = None
    supplement_of: str | None = None  # answering a supplement request for this dossier

    def document(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(applicant, fields) as the queue takes them: blank and inapplicable answers left out."""
        assert self.procedure is not None
        specs = (*APPLICANT_FIELDS, *self.procedure.field_specs)
        active = {s.id for s in specs if s.active(self.answers)}
        applicant: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        for fid, value in self.answers.items():
            if fid not in active or value is None or (isinstance(value, str) and not value.strip()):
                continue
            if fid.startswith(APPLICANT_PREFIX):
                applicant[fid.removeprefix(APPLICANT_PREFIX)] = value
            else:
                fields[fid] = value
        return applicant, fields


class StepRail(QFrame):
    """The list of steps beside the page, the current one marked (not clickable)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stepRail")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 20, 16, 20)
        self._layout.setSpacing(4)
        self._labels: list[QLabel] = []
        self.setFixedWidth(230)

    def set_steps(self, titles: list[str]) -> None:
        for label in self._labels:
            label.hide()
            label.deleteLater()
        self._labels = []
        while self._layout.count():
            self._layout.takeAt(0)
        for number, title in enumerate(titles, start=1):
            label = QLabel(f"{number}.  {title}", self)
            label.setObjectName("step")
            label.setWordWrap(True)
            self._labels.append(label)
            self._layout.addWidget(label)
        self._layout.addStretch(1)

    def set_current(self, index: int) -> None:
        for i, label in enumerate(self._labels):
            label.setProperty("state", "current" if i == index else "done" if i < index else "todo")
            if label.isVisible():  # new labels are polished when first shown
                label.style().unpolish(label)
                label.style().polish(label)


class DossierWizard(QWidget):
    """Files one dossier; "New dossier" starts again with nothing of the previous person.

    Args:
        catalog: the procedure catalog (enough to show the first page).
        services: the process services (queue, blobs); may come later via ``set_services``.
        lang: language of the rules' messages (``vi`` or ``en``).
        mode: the app mode the dossier is queued under.

    Signals:
        submitted(str): a dossier was queued (its id); the window asks for a sync.
        page_changed(int): the current page index changed.
    """

    submitted = Signal(str)
    page_changed = Signal(int)

    def __init__(self, catalog: Catalog, services: Any = None, *, lang: str = "vi",
                 mode: str = "desk", tasks: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("wizard")
        self.catalog = catalog
        self.services = services
        self._tasks = tasks  # runs photo preparation off the GUI thread (made on first use)
        self.lang = lang
        self.mode = mode
        self.draft = Draft()
        self._return_to_review = False
        self._queueing = False
        self._resuming: object | None = None  # the draft resume in progress, if any
        self._session_id = os.urandom(16).hex()
        self._pending_files = 0
        self._catalog_checked_at = float("-inf")

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.rail = StepRail(self)
        outer.addWidget(self.rail)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        outer.addLayout(column, 1)

        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepCaption")
        column.addWidget(self.step_label)
        # Answering a supplement request: the officer's note stays in sight on every page.
        self.supplement_banner = QLabel(self)
        self.supplement_banner.setObjectName("supplementBanner")
        self.supplement_banner.setWordWrap(True)
        self.supplement_banner.hide()
        column.addWidget(self.supplement_banner)
        self.draft_notice = QLabel(self)
        self.draft_notice.setObjectName("draftNotice")
        self.draft_notice.setWordWrap(True)
        self.draft_notice.setStyleSheet("#draftNotice { background: #e8f1f8; color: #0b0c0c;"
                                        " border-left: 5px solid #1d70b8; padding: 8px 12px;"
                                        " margin: 8px 32px 0 32px; }")
        self.draft_notice.hide()
        column.addWidget(self.draft_notice)
        self.stack = QStackedWidget(self)
        column.addWidget(self.stack, 1)

        nav = QFrame(self)
        nav.setObjectName("navBar")
        nav_layout = QHBoxLayout(nav)
        nav_layout.setContentsMargins(32, 10, 32, 12)
        self.back_button = QPushButton(self.tr("‹ Back"), nav)
        self.back_button.setObjectName("secondaryButton")
        self.back_button.setToolTip(self.tr("Back to the previous step (Alt+Left); answers are kept"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("Continue"), nav)
        self.next_button.setObjectName("primaryButton")
        self.next_button.setDefault(True)
        self.next_button.setToolTip(self.tr("Ctrl+Enter"))
        self.next_button.clicked.connect(self.go_next)
        self.new_button = QPushButton(self.tr("File a new dossier"), nav)
        self.new_button.setObjectName("primaryButton")
        self.new_button.clicked.connect(self.reset)
        self.drafts_button = QPushButton(self.tr("Drafts"), nav)
        self.drafts_button.setObjectName("secondaryButton")
        self.drafts_button.setToolTip(self.tr("Dossiers saved before they were finished"))
        self.drafts_button.clicked.connect(self.open_drafts)
        self.save_draft_button = QPushButton(self.tr("Save as draft"), nav)
        self.save_draft_button.setObjectName("secondaryButton")
        self.save_draft_button.setToolTip(self.tr("Keep what is filled in so far and finish "
                                                  "later"))
        self.save_draft_button.clicked.connect(self.save_draft)
        nav_layout.addWidget(self.back_button)
        nav_layout.addWidget(self.drafts_button)
        nav_layout.addStretch(1)
        nav_layout.addWidget(self.save_draft_button)
        nav_layout.addWidget(self.new_button)
        nav_layout.addWidget(self.next_button)
        column.addWidget(nav)

        self._shortcuts: list[QShortcut] = []

        self.procedure_page = ProcedurePage(catalog, self)
        self.procedure_page.chosen.connect(self.go_next)
        self.pages: list[WizardPage] = [self.procedure_page]
        self.form_pages: list[FormPage] = []
        self.attachments_page: AttachmentsPage | None = None
        self.review_page: ReviewPage | None = None
        self.confirmation_page: ConfirmationPage | None = None
        self.stack.addWidget(self.procedure_page)
        self._show(0)

    # ----------------------------------------------------------------------------- services
    def set_services(self, services: Any) -> None:
        """Hand over the process services once they are built (after the first paint)."""
        self.services = services
        self.install_shortcuts()
        if self.mode != "training":
            try:
                self.draft_store().purge()  # drafts past their retention, and any kiosk draft
            except Exception:  # noqa: BLE001 — never let clean-up stop the filing
                _log().exception("could not purge old drafts")
        # The catalog kept from the portal's last answer, if any (read off the GUI thread).
        from app.services.catalog_cache import load_cached

        data_dir = services.config.data_dir
        self.tasks.run(lambda: load_cached(data_dir), self._adopt_catalog,
                       lambda exc: _log().warning("kept catalog unreadable: %s", exc))
        # Prepared photos left by a session that ended without a reset (a crash, a power cut).
        for stale in self.work_dir.parent.glob("*"):
            if stale.name != self._session_id:
                import shutil

                shutil.rmtree(stale, ignore_errors=True)
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
    def max_file_bytes(self) -> int:
        return self.limits.max_file_bytes

    @property
    def limits(self) -> FilingLimits:
        """Per-file and per-dossier limits, photo size and draft retention, from the settings
        file of the data folder (the per-file cap never above the blob store's)."""
        from app.services.limits import FilingLimits

        config = getattr(self.services, "config", None)
        if config is None:
            return FilingLimits()
        from dataclasses import replace

        from app.config import load_settings

        limits = FilingLimits.from_settings(load_settings(config.data_dir))
        store_cap = getattr(getattr(self.services, "blobs", None), "max_file_bytes", None)
        if store_cap and store_cap < limits.max_file_bytes:
            limits = replace(limits, max_file_bytes=store_cap)
        return limits

    @property
    def work_dir(self) -> Path:
        """Where prepared (smaller) photos wait until the dossier is queued."""
        import tempfile

        config = getattr(self.services, "config", None)
        root = config.data_dir / "tmp" / "attach" if config is not None else Path(
            tempfile.gettempdir()) / "dvc-attach"
        return root / self._session_id

    # ----------------------------------------------------------------------------- structure
    def _build_pages(self, procedure: Procedure) -> None:
        """(Re)build every page after the first for the chosen procedure."""
        from app.views.filing.form_pages import (
            AttachmentsPage,
            ConfirmationPage,
            FormPage,
            ReviewPage,
        )

        for page in self.pages[1:]:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = [self.procedure_page]
        self.form_pages = []
        sections = list(procedure.sections)
        applicant_specs = list(APPLICANT_FIELDS)
        # The form's own "requester" section (relationship to the child) belongs with the
        # person making the request: one topic, one page.
        if sections and sections[0].id == "requester":
            applicant_specs += list(sections.pop(0).fields)
        applicant = FormPage(
            self.tr("The person making the request"), applicant_specs,
            self.tr("Who is filing the dossier. Details on the chip ID card are enough; "
                    "the portal does not ask for them again."), self)
        self.form_pages.append(applicant)
        for section in sections:
            self.form_pages.append(FormPage(section.title, section.fields, parent=self))
        self.attachments_page = AttachmentsPage(procedure, self.limits, self)
        self.attachments_page.file_offered.connect(self.on_file_offered)
        self.attachments_page.file_removed.connect(self.on_file_removed)
        self.review_page = ReviewPage(self)
        self.review_page.change_requested.connect(self.on_change_requested)
        self.confirmation_page = ConfirmationPage(self)
        self.pages += [*self.form_pages, self.attachments_page, self.review_page,
                       self.confirmation_page]
        for page in self.pages[1:]:
            self.stack.addWidget(page)
        for page in self.form_pages:
            if page.qr_box is not None:
                page.qr_box.lang = self.lang
            page.load(self.draft.answers)

    def _step_titles(self) -> list[str]:
        if len(self.pages) == 1:
            return [self.tr("Choose the procedure"), self.tr("Fill in the declaration"),
                    self.tr("Attach documents"), self.tr("Check and send")]
        titles = [self.tr("Choose the procedure")]
        titles += [page.title for page in self.form_pages]
        titles += [self.tr("Attach documents"), self.tr("Check your answers"), self.tr("Saved")]
        return titles

    @property
    def index(self) -> int:
        return self.stack.currentIndex()

    def current_page(self) -> WizardPage:
        return self.pages[self.index]

    def _show(self, index: int) -> None:
        page = self.pages[index]
        if page is self.review_page:
            self._fill_review()
        for form in self.form_pages:
            form.set_context(self.draft.answers)
        self.stack.setCurrentIndex(index)
        titles = self._step_titles()
        self.rail.set_steps(titles)
        self.rail.set_current(index)
        if page is self.confirmation_page:
            self.step_label.setText(self.tr("Done"))
        else:
            total = len(titles) - (0 if len(self.pages) == 1 else 1)
            self.step_label.setText(self.tr("Step {0} of {1}").format(index + 1, total))
        self._update_nav()
        focus = page.first_focus()
        if focus is not None:
            focus.setFocus()
        bar = page.scroll.verticalScrollBar()
        if bar.value():
            bar.setValue(0)
        self.page_changed.emit(index)

    def _update_nav(self) -> None:
        page = self.current_page()
        done = page is self.confirmation_page
        desk = self.mode != "kiosk" and self.services is not None
        self.drafts_button.setVisible(desk and self.index == 0)
        self.save_draft_button.setVisible(
            desk and self.index > 0 and not done and not self.draft.supplement_of)
        self.back_button.setVisible(self.index > 0 and not done)
        self.next_button.setVisible(not done)
        self.new_button.setVisible(done)
        if page is self.review_page:
            self.next_button.setText(self.tr("Save and send"))
            self.next_button.setEnabled(self.services is not None)
            if self.services is None:
                self.next_button.setToolTip(self.tr("Starting up, please wait…"))
        elif self._return_to_review and (page in self.form_pages or page is self.attachments_page):
            self.next_button.setText(self.tr("Back to the check page"))
            self.next_button.setEnabled(True)
        else:
            self.next_button.setText(self.tr("Continue"))
            self.next_button.setEnabled(True)

    # ----------------------------------------------------------------------------- navigation
    def go_next(self) -> None:
        """Check the current page; move on only when it has no error (Ctrl+Enter)."""
        page = self.current_page()
        if page is self.confirmation_page:
            return
        if page is self.procedure_page:
            self._leave_procedure_page()
            return
        if page in self.form_pages:
            self.draft.answers.update(page.collect())
            errors = self.page_errors(page)
        elif page is self.attachments_page:
            if self._pending_files:
                return  # a photo is still being prepared; its row says so
            errors = self.attachment_errors()
        elif page is self.review_page:
            self.submit()
            return
        else:
            errors = []
        page.show_errors(self._messages(errors))
        if errors:
            return
        page.clear_errors()
        if self._return_to_review:
            self._return_to_review = False
            self._show(self.pages.index(self.review_page))
        else:
            self._show(self.index + 1)

    def go_back(self) -> None:
        """One page back; what was typed on this page is kept (Alt+Left)."""
        page = self.current_page()
        if self.index == 0 or page is self.confirmation_page:
            return
        if page in self.form_pages:
            self.draft.answers.update(page.collect())
        self._return_to_review = False
        self._show(self.index - 1)

    def go_to(self, index: int) -> None:
        self._show(index)

    def on_change_requested(self, index: int) -> None:
        """A "Change" link on the check page: edit that page, then come straight back."""
        self._return_to_review = True
        self._show(index)

    def _leave_procedure_page(self) -> None:
        procedure = self.procedure_page.selected()
        if procedure is None:
            self.procedure_page.show_errors([("procedure", self.tr(
                "Choose a procedure from the list. Try another word if nothing is found."))])
            return
        self.procedure_page.clear_errors()
        if self.draft.procedure is None or self.draft.procedure.code != procedure.code:
            self.draft = Draft(procedure=procedure)
            self._build_pages(procedure)
        self._show(1)

    # ----------------------------------------------------------------------------- checking
    def page_errors(self, page: FormPage) -> list[FieldError]:
        """The rules' errors that concern this page's fields (cross-field rules included)."""
        assert self.draft.procedure is not None
        applicant, fields = self.draft.document()
        checked = validate_dossier(self.draft.procedure.field_specs, applicant, fields,
                                   strict=False)
        ids = set(page.active_ids())
        return [e for e in checked.errors if base_field(e.field) in ids]

    def attachment_errors(self) -> list[FieldError]:
        assert self.draft.procedure is not None
        return check_attachments(
            ((c.id, c.name, c.required) for c in self.draft.procedure.components),
            [cid for cid, files in self.draft.files.items() if files])

    def total_attached(self) -> int:
        return sum(f.size for files in self.draft.files.values() for f in files)

    def _messages(self, errors: list[FieldError]) -> list[tuple[str, str]]:
        return [(e.field, e.message(self.lang)) for e in errors]

    # ----------------------------------------------------------------------------- attachments
    @property
    def tasks(self):
        if self._tasks is None:
            from app.workers.tasks import TaskRunner

            self._tasks = TaskRunner(parent=self)
        return self._tasks

    def on_file_offered(self, component_id: str, path: Path) -> None:
        """Check a chosen or dropped file by its content at once; make a photo smaller (on a
        worker: a 12-megapixel photo takes most of a second) and attach it if it passes and
        the dossier stays within its limit."""
        from app.services.attachments import prepare_file
        from dvc_core.blobs import AttachmentError

        page = self.attachments_page
        assert page is not None
        row = page.rows[component_id]
        if self.services is None:
            row.set_error(self.tr("Starting up, please wait a moment and choose the file again."))
            return
        try:
            self.services.blobs.check_file(path)
        except AttachmentError as exc:
            row.set_error(exc.message if self.lang == "vi" else exc.message_en)
            return
        limits, work_dir, draft = self.limits, self.work_dir, self.draft
        row.set_error(None)
        row.set_busy(self.tr("Preparing “{0}”…").format(Path(path).name))
        self._pending_files += 1

        def done(attached: AttachedFile) -> None:
            self._pending_files -= 1
            if draft is not self.draft or self.attachments_page is not page:
                return  # the filing ended or changed meanwhile; its work folder is gone
            row.set_busy(None)
            self._attach(component_id, attached, limits)

        def failed(exc: BaseException) -> None:
            self._pending_files -= 1
            if draft is not self.draft or self.attachments_page is not page:
                return
            row.set_busy(None)
            row.set_error(self.tr("Cannot read the file “{0}”: {1}").format(Path(path).name, exc))

        self.tasks.run(lambda: prepare_file(path, work_dir, limits), done, failed)

    def _attach(self, component_id: str, attached: AttachedFile, limits: FilingLimits) -> None:
        assert self.attachments_page is not None
        row = self.attachments_page.rows[component_id]
        if attached.size > limits.max_file_bytes:
            row.set_error(self.tr("The file “{0}” is larger than {1}. Scan it at a lower "
                                  "resolution.").format(attached.name,
                                                        human_size(limits.max_file_bytes)))
            return
        if self.total_attached() + attached.size > limits.max_dossier_bytes:
            row.set_error(self.tr("With “{0}” the dossier would hold {1}, more than the {2} "
                                  "allowed for one dossier. Remove a file or scan at a lower "
                                  "resolution.").format(
                attached.name, human_size(self.total_attached() + attached.size),
                human_size(limits.max_dossier_bytes)))
            return
        same = next((f for f in self.draft.files.get(component_id, [])
                     if f.name == attached.name and f.size == attached.size), None)
        if same is not None:
            row.set_error(self.tr("“{0}” is already attached here.").format(attached.name))
            return
        self.draft.files.setdefault(component_id, []).append(attached)
        row.set_error(None)
        self._refresh_attachments()

    def on_file_removed(self, component_id: str, position: int = -1) -> None:
        files = self.draft.files.get(component_id, [])
        if files and -len(files) <= position < len(files):
            files.pop(position)
        if not files:
            self.draft.files.pop(component_id, None)
        self._refresh_attachments()

    def _refresh_attachments(self) -> None:
        page = self.attachments_page
        if page is None:
            return
        for cid, row in page.rows.items():
            row.set_files(self.draft.files.get(cid, []))
        page.show_total(self.total_attached())

    # ----------------------------------------------------------------------------- review
    def _fill_review(self) -> None:
        assert self.review_page is not None and self.draft.procedure is not None
        blocks = [(self.pages.index(self.procedure_page), self.tr("Procedure"),
                   [(self.tr("Procedure"), self.draft.procedure.name),
                    (self.tr("Code"), self.draft.procedure.code)])]
        for page in self.form_pages:
            page.set_context(self.draft.answers)
            blocks.append((self.pages.index(page), page.title, page.review_rows()))
        files = []
        for component in self.draft.procedure.components:
            chosen = self.draft.files.get(component.id, [])
            files.append((component.name, "\n".join(
                f"{f.name} ({human_size(f.size)}" + (
                    self.tr(", {0} page(s)").format(f.pages)
                    if f.media_type == "application/pdf" and f.pages else "") + ")"
                for f in chosen) or self.tr("No file attached")))
        blocks.append((self.pages.index(self.attachments_page), self.tr("Documents"), files))
        self.review_page.set_blocks(blocks)
        self.review_page.set_fee(self.fee_text())

    def fee_line(self) -> str | None:
        """This dossier's fee in one line when it depends on the answers (copies, pages)."""
        from dvc_core.fees import describe, format_vnd, quote

        assert self.draft.procedure is not None
        fee = self.draft.procedure.fee
        if fee.get("rule") not in ("per_copy", "per_page"):
            return None
        _applicant, fields = self.draft.document()
        total = quote(fee, fields).total_vnd
        return self.tr("{0} dong for this dossier ({1})").format(format_vnd(total), describe(fee))

    def fee_text(self) -> str:
        """The fee for this dossier from the catalog's rule and the answers (e.g. pages)."""
        from dvc_core.fees import format_vnd, quote

        assert self.draft.procedure is not None
        fee = self.draft.procedure.fee
        _applicant, fields = self.draft.document()
        answer = quote(fee, fields)
        lines = [f"{label}: {format_vnd(amount)} đ" for label, amount in answer.lines if label]
        if answer.total_vnd:
            lines.append(self.tr("Total: {0} dong").format(format_vnd(answer.total_vnd)))
        else:
            lines.append(self.tr("No fee"))
        if answer.free_when:
            lines.append(answer.free_when)
        if answer.unconfirmed:
            lines.append(self.tr("The amount is province data that may be out of date; the "
                                 "officer confirms it at the counter."))
        return "\n".join(lines)

    # ----------------------------------------------------------------------------- submit
    def submit(self) -> None:
        """Queue the dossier and show the confirmation.

        Queueing copies, hashes and fsyncs every file before the durable commit — a second or
        more for large scans on an office's hard disk — so it runs off the GUI thread; the send
        button waits until it is done, so one press queues one dossier.
        """
        from app.services.queue import AttachmentSource

        assert self.draft.procedure is not None and self.review_page is not None
        if self.services is None or self._queueing:
            return
        applicant, fields = self.draft.document()
        sources = [AttachmentSource(cid, f.path) for cid, files in self.draft.files.items()
                   for f in files]
        queue, code, mode = self.services.queue, self.draft.procedure.code, self.mode
        supplement_of, draft_id = self.draft.supplement_of, self.draft.draft_id

        def work():
            if supplement_of:
                return queue.resubmit(supplement_of, applicant, fields, sources)
            return queue.enqueue(code, applicant, fields, sources, mode=mode, dossier_id=draft_id)

        self._queueing = True
        self.next_button.setEnabled(False)
        self.tasks.run(work, self._on_queued, self._on_queue_failed)

    def _on_queued(self, queued: Any) -> None:
        from app.services.queue import STATE_TEXT_VI

        self._queueing = False
        self.next_button.setEnabled(True)
        self.draft.dossier_id = queued.id
        self.draft.local_ref = queued.local_ref
        self.draft_notice.hide()
        assert self.confirmation_page is not None and self.draft.procedure is not None
        self.confirmation_page.fee_line = self.fee_line()
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

    def refresh_confirmation(self) -> None:
        """Show the portal's code and status once the sync has brought them (cheap local read)."""
        if (self.current_page() is not self.confirmation_page or self.draft.dossier_id is None
                or self.services is None or self.draft.procedure is None):
            return
        from app.services.queue import STATE_TEXT_VI

        dossier = self.services.queue.get(self.draft.dossier_id)
        if dossier is None:
            return
        assert self.confirmation_page is not None
        self.confirmation_page.show_dossier(
            self.draft.procedure, dossier.local_ref, STATE_TEXT_VI.get(dossier.state, dossier.state),
            dossier.code, dossier.status_text)

    # ----------------------------------------------------------------------------- supplement
    def open_supplement(self, dossier: Any, files: list[tuple[str, Path, int]],
                        note: str | None) -> None:
        """Reopen a dossier the portal asked to supplement (status 5), on "check your answers".

        Every section keeps its "Change" link; the officer's note stays above the pages; sending
        queues a resubmission under the same dossier code.
        """
        from dvc_core.rules import format_date_vi

        procedure = self.catalog.get(dossier.procedure_code)
        if procedure is None:
            return
        self.reset()
        specs = {s.id: s for s in (*APPLICANT_FIELDS, *procedure.field_specs)}
        answers: dict[str, Any] = {}
        for key, value in [*((APPLICANT_PREFIX + k, v) for k, v in (dossier.applicant or {}).items()),
                           *(dossier.fields or {}).items()]:
            kind = specs[key].kind if key in specs else ""
            if kind == "date" and isinstance(value, str):
                value = format_date_vi(value)
            elif kind == "year" and isinstance(value, int):
                value = str(value)
            answers[key] = value
        self.draft.procedure = procedure
        self.draft.answers = answers
        self.draft.supplement_of = dossier.id
        from app.services.attachments import AttachedFile

        self.draft.files = {}
        for component, path, size in files:
            self.draft.files.setdefault(component, []).append(
                AttachedFile(Path(path), Path(path).name, size, _media_type(Path(path))))
        self._build_pages(procedure)
        self._refresh_attachments()
        self.supplement_banner.setText(self.tr(
            "Supplement requested for dossier {0}. The officer's note: {1}").format(
                dossier.code or dossier.local_ref, note or self.tr("(no note)")))
        self.supplement_banner.show()
        self._fill_review()
        assert self.review_page is not None
        self._show(self.pages.index(self.review_page))

    # ----------------------------------------------------------------------------- catalog
    CATALOG_REFRESH_SECONDS = 600

    def refresh_catalog(self) -> None:
        """Ask the portal for its catalog (at most every 10 minutes, after a sync reached it).

        Runs on a worker; a changed catalog replaces the one the search and the queue use. A
        filing in progress keeps the procedure it started with.
        """
        import time

        from app.services.catalog_cache import refresh

        if self.services is None:
            return
        now = time.monotonic()
        if now - self._catalog_checked_at < self.CATALOG_REFRESH_SECONDS:
            return
        self._catalog_checked_at = now
        client, data_dir = self.services.client, self.services.config.data_dir
        self.tasks.run(lambda: refresh(client, data_dir), self._adopt_catalog,
                       lambda exc: _log().info("catalog not refreshed: %s", exc))

    def _adopt_catalog(self, catalog: Catalog | None) -> None:
        if catalog is None or catalog.etag == self.catalog.etag:
            return
        self.catalog = catalog
        self.procedure_page.catalog = catalog
        if self.services is not None:
            self.services.catalog = catalog
            self.services.queue.catalog = catalog
        self.procedure_page.refresh()

    # ----------------------------------------------------------------------------- drafts
    def draft_store(self):
        from app.services.drafts import DraftStore

        assert self.services is not None
        return DraftStore(self.services.sessions, self.services.blobs, self.services.catalog,
                          self.limits.draft_retention_days)

    def save_draft(self) -> None:
        """"Save as draft": keep the answers as typed and the files; finish later (desk only).

        The files are copied into the blob store on a worker; the button waits meanwhile, so
        two quick presses never make two drafts.
        """
        from app.services.drafts import DraftFile

        if self.services is None or self.mode == "kiosk" or self.draft.procedure is None:
            return
        page = self.current_page()
        if page in self.form_pages:
            self.draft.answers.update(page.collect())
        draft, store = self.draft, self.draft_store()
        code, answers, draft_id = draft.procedure.code, dict(draft.answers), draft.draft_id
        files = [DraftFile(cid, f.path, f.name) for cid, items in draft.files.items()
                 for f in items]
        retention = store.retention_days
        self.save_draft_button.setEnabled(False)

        def done(saved: tuple[str, str]) -> None:
            import datetime as dt

            self.save_draft_button.setEnabled(True)
            if draft is not self.draft:
                return
            self.draft.draft_id, ref = saved
            self.draft_notice.setText(self.tr(
                "Saved as a draft at {0} (reference {1}). Find it again under “Drafts” on the "
                "first page; drafts are deleted after {2} days.").format(
                    dt.datetime.now().strftime("%H:%M"), ref, retention))
            self.draft_notice.show()

        def failed(exc: BaseException) -> None:
            self.save_draft_button.setEnabled(True)
            self.draft_notice.setText(self.tr("The draft could not be saved: {0}").format(exc))
            self.draft_notice.show()

        self.tasks.run(lambda: store.save(code, answers, files, draft_id=draft_id,
                                          mode=self.mode), done, failed)

    def open_drafts(self) -> None:
        from app.views.filing.drafts import DraftsDialog

        if self.services is None or self.mode == "kiosk":
            return
        chosen = DraftsDialog.ask(self.draft_store(), self)
        if chosen:
            self.resume_draft(chosen)

    def resume_draft(self, draft_id: str) -> None:
        """Open a draft where the person left it: answers as typed, files attached.

        Copying the draft's files out of the store and counting PDF pages runs on a worker:
        a draft of thirty scanned pages must not freeze the window.
        """
        from app.services.attachments import pdf_page_count

        if self.services is None:
            return
        self.reset()
        token = self._resuming = object()  # a later resume or reset makes this one stale
        store, folder = self.draft_store(), self.work_dir / f"draft-{id(token):x}"

        def load():
            loaded = store.load(draft_id, folder)
            if loaded is None:
                return None
            pages = [pdf_page_count(path) if media_type == "application/pdf" else None
                     for _c, path, _n, _s, media_type in loaded.files]
            return loaded, pages

        def failed(exc: BaseException) -> None:
            if self._resuming is token:
                self._resuming = None
                self.draft_notice.setText(self.tr("Could not open the draft: {0}").format(exc))
                self.draft_notice.show()

        def loaded(result: Any) -> None:
            if self._resuming is token:  # else the person moved on meanwhile: drop it
                self._resuming = None
                self._resume_loaded(draft_id, result)

        self.tasks.run(load, loaded, failed)

    def _resume_loaded(self, draft_id: str, result: Any) -> None:
        from app.services.attachments import AttachedFile

        procedure = self.catalog.get(result[0].procedure_code) if result else None
        if procedure is None:
            self.draft_notice.setText(self.tr("This draft can no longer be opened (it was "
                                              "deleted, or its procedure is no longer offered)."))
            self.draft_notice.show()
            return
        loaded, pages = result
        self.draft = Draft(procedure=procedure, answers=dict(loaded.answers), draft_id=draft_id)
        for (component, path, name, size, media_type), count in zip(loaded.files, pages,
                                                                    strict=True):
            self.draft.files.setdefault(component, []).append(
                AttachedFile(path, name, size, media_type, count))
        self._build_pages(procedure)
        self._refresh_attachments()
        self.draft_notice.setText(self.tr("Draft resumed. Check each page, then save and send "
                                          "it, or save it again as a draft."))
        self.draft_notice.show()
        self._show(1)

    def _discard_work_dir(self) -> None:
        """Prepared photos of the filing that ended (kiosk: nothing of the person is left)."""
        if self.services is not None:
            import shutil

            shutil.rmtree(self.work_dir, ignore_errors=True)
        self._session_id = os.urandom(16).hex()

    # ----------------------------------------------------------------------------- reset
    def reset(self) -> None:
        """Start a clean filing: every page after the first is rebuilt from scratch (Ctrl+N)."""
        for page in self.pages[1:]:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = [self.procedure_page]
        self.form_pages = []
        self.attachments_page = self.review_page = self.confirmation_page = None
        self.draft = Draft()
        self._return_to_review = False
        self._queueing = False
        self._resuming = None
        self._discard_work_dir()
        self.supplement_banner.hide()
        self.draft_notice.hide()
        self.procedure_page.clear_errors()
        self.procedure_page.search.clear()
        self._show(0)
