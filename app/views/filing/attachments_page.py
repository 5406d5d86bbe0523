"""Step 4 of the guide: attach each dossier component, checked by its content at once.

The page offers each chosen or dropped file to the filing session: checked at once, prepared
(a photo made smaller, a PDF's pages counted) on a worker, then attached if the file and the
dossier stay within their limits. The page only words the session's answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from app.views.common.wizard_page import WizardPage, human_size
from app.views.filing.attachment_rows import AttachmentRow
from dvc_core.catalog import Procedure

if TYPE_CHECKING:
    from app.services.attachments import AttachedFile
    from app.services.filing import AttachRefusal, FilingSession
    from app.services.limits import FilingLimits


class FileDialog:
    """Seam around the native file dialog, so tests can stub :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None


class AttachmentsPage(WizardPage):
    """Attach each dossier component (several pages each); limits stated and enforced.

    Args:
        procedure: the procedure whose components are attached.
        session: the filing session the files go to.
        tasks: runs the preparation of a file off the GUI thread.

    Signals:
        file_offered(str, object): the person chose or dropped a file (component id, Path).
        file_removed(str, int): the person removed a file (component id, its position).
    """

    file_offered = Signal(str, object)
    file_removed = Signal(str, int)
    page_id = "attachments"

    def __init__(self, procedure: Procedure, session: FilingSession, tasks: Any,
                 parent: QWidget | None = None, *, lang: str = "vi"):
        super().__init__(self.tr("Attach the dossier documents"), parent,
                         step_title=self.tr("Attach documents"))
        self.session = session
        self.tasks = tasks
        self.lang = lang
        self.limits = session.limits
        self.pending = 0  # files being prepared; Continue waits for them
        lead = QLabel(self.tr("Attach a scan or a photo of each document (several pages may be "
                              "added one by one): PDF, JPEG or PNG. Files are checked by their "
                              "content, not by their name; photos are made smaller (A4 at "
                              "300 dpi) before they are kept."), self.body)
        lead.setObjectName("pageLead")
        lead.setWordWrap(True)
        self.form.addWidget(lead)
        self.limits_label = QLabel(self.body)
        self.limits_label.setObjectName("limitsLine")
        self.limits_label.setWordWrap(True)
        self.form.addWidget(self.limits_label)
        self.rows: dict[str, AttachmentRow] = {}
        # The Tờ khai is drawn from the answers: nobody is asked to scan the form just filled.
        made = session.generated_component(procedure, ())
        for component in procedure.components:
            note = (self.tr("Bring the original to the counter to be compared.")
                    if component.present_original else "")
            if component.id == made:
                note = self.tr("No scan needed: made from the answers and printed for signature "
                               "at the counter. Attach a file only for a signed paper form.")
            row = AttachmentRow(component.id, component.name,
                                component.required and component.id != made, self.body, note,
                                generated=component.id == made)
            row.choose_requested.connect(self.on_choose_requested)
            row.remove_requested.connect(self.file_removed)
            row.dropped.connect(self.file_offered)
            self.rows[component.id] = row
            self.form.addWidget(row)
        self.form.addStretch(1)
        self.file_offered.connect(self.offer)
        self.file_removed.connect(self.remove)
        self.refresh()

    # ----------------------------------------------------------------------------- wizard
    def validate(self) -> bool:
        if self.pending:
            return False  # a photo is still being prepared; its row says so
        errors = self.session.attachment_errors()
        self.show_errors([(e.field, e.message(self.lang)) for e in errors])
        return not errors

    def commit(self) -> None:
        self.clear_errors()

    # ----------------------------------------------------------------------------- files
    def offer(self, component_id: str, path: Path) -> None:
        """Check a chosen or dropped file by its content at once; make a photo smaller (on a
        worker: a 12-megapixel photo takes most of a second) and attach it if it passes and
        the dossier stays within its limit."""
        from dvc_core.blobs import AttachmentError

        row = self.rows[component_id]
        if not self.session.ready:
            row.set_error(self.tr("Starting up, please wait a moment and choose the file again."))
            return
        try:
            self.session.check_file(path)
        except AttachmentError as exc:
            row.set_error(exc.message if self.lang == "vi" else exc.message_en)
            return
        limits, draft = self.session.limits, self.session.draft
        row.set_error(None)
        row.set_busy(self.tr("Preparing “{0}”…").format(Path(path).name))
        self.pending += 1

        def done(attached: AttachedFile) -> None:
            self.pending -= 1
            if draft is not self.session.draft:
                return  # the filing ended or changed meanwhile; its work folder is gone
            row.set_busy(None)
            self._attach(component_id, attached, limits)

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            if draft is not self.session.draft:
                return
            row.set_busy(None)
            row.set_error(self.tr("Cannot read the file “{0}”: {1}").format(Path(path).name, exc))

        self.tasks.run(self.session.preparation(Path(path)), done, failed)

    def _attach(self, component_id: str, attached: AttachedFile, limits: FilingLimits) -> None:
        row = self.rows[component_id]
        refusal = self.session.attach(component_id, attached, limits)
        if refusal is not None:
            row.set_error(self.refusal_text(refusal))
            return
        row.set_error(None)
        self.refresh()

    def refusal_text(self, refusal: AttachRefusal) -> str:
        if refusal.kind == "file_too_large":
            return self.tr("The file “{0}” is larger than {1}. Scan it at a lower "
                           "resolution.").format(refusal.name, human_size(refusal.limit))
        if refusal.kind == "dossier_too_large":
            return self.tr("With “{0}” the dossier would hold {1}, more than the {2} allowed "
                           "for one dossier. Remove a file or scan at a lower resolution.").format(
                refusal.name, human_size(refusal.total), human_size(refusal.limit))
        return self.tr("“{0}” is already attached here.").format(refusal.name)

    def remove(self, component_id: str, position: int = -1) -> None:
        self.session.remove(component_id, position)
        self.refresh()

    def refresh(self) -> None:
        """Show the session's files in their rows, and the dossier's total."""
        files = self.session.draft.files
        for cid, row in self.rows.items():
            row.set_files(files.get(cid, []))
        self.show_total(self.session.total_attached())

    def show_total(self, total: int) -> None:
        """The limits, stated on screen, and how much of the dossier's allowance is used."""
        text = self.tr("Limits: {0} per file, {1} per dossier. Attached so far: {2}.").format(
            human_size(self.limits.max_file_bytes), human_size(self.limits.max_dossier_bytes),
            human_size(total))
        if self.limits.dossier_limit_unconfirmed:
            text += " " + self.tr("(The portal's limit per dossier is not confirmed; the "
                                  "administrator can change it in the settings.)")
        self.limits_label.setText(text)

    # ----------------------------------------------------------------------------- errors
    def field_ids(self) -> set[str]:
        return {f"attachments.{cid}" for cid in self.rows} | {"attachments"}

    def on_choose_requested(self, component_id: str) -> None:
        path = FileDialog.ask(self, self.tr("Choose a scan or photo"),
                              self.tr("Scans and photos (*.pdf *.jpg *.jpeg *.png);;All files (*)"))
        if path is not None:
            self.file_offered.emit(component_id, path)

    def show_errors(self, errors: Sequence[tuple[str, str]]) -> None:
        by_field = dict(reversed(errors))
        for cid, row in self.rows.items():
            row.set_error(by_field.get(f"attachments.{cid}"))
        super().show_errors(errors)

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error(None)
        super().clear_errors()

    def focus_field(self, field_id: str) -> None:
        row = self.rows.get(field_id.removeprefix("attachments."))
        if row is not None:
            self.scroll.ensureWidgetVisible(row)
            row.choose.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_focus(self) -> QWidget | None:
        # The first document to bring, not the Tờ khai the filing makes itself.
        rows = sorted(self.rows.values(), key=lambda row: row.generated)
        return rows[0].choose if rows else None
