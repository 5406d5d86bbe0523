"""The wizard's pages after the first: declaration sections, attachments, check, confirmation.

Imported only once a procedure is chosen, so the first page paints without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.attachments import AttachedFile
from app.services.limits import FilingLimits
from app.views.common.fields import FieldRow
from app.views.filing.pages import WizardPage, _escape, fee_text, human_size
from dvc_core.catalog import Procedure
from dvc_core.rules import FieldSpec


class FormPage(WizardPage):
    """A page of declaration fields (one section of the form, or the applicant).

    Fields whose ``when`` condition does not hold are hidden (and not checked nor kept).

    Args:
        title: the section title (catalog data, Vietnamese).
        specs: the fields, with full ids (``applicant.phone``, ``child.sex``).
    """

    def __init__(self, title: str, specs: Iterable[FieldSpec], lead: str = "",
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        if lead:
            label = QLabel(lead, self.body)
            label.setObjectName("pageLead")
            label.setWordWrap(True)
            self.form.addWidget(label)
        specs = list(specs)
        self.qr_box: QrScanBox | None = None
        prefix = person_prefix(specs)
        if prefix is not None:
            self.qr_box = QrScanBox(prefix, self.body)
            self.qr_box.scanned.connect(self.on_qr_scanned)
            self.form.addWidget(self.qr_box)
        self.rows: dict[str, FieldRow] = {}
        for spec in specs:
            row = FieldRow(spec, self.body)
            row.changed.connect(self.on_field_changed)
            self.rows[spec.id] = row
            self.form.addWidget(row)
        self.form.addStretch(1)
        self._context: dict[str, Any] = {}
        self.on_field_changed()

    def on_qr_scanned(self, answers: dict[str, Any]) -> None:
        """A CCCD QR code was read: fill this person's fields that the page has."""
        for fid, value in answers.items():
            row = self.rows.get(fid)
            if row is not None:
                row.set_value(value)
                row.set_error(None)
        self.on_field_changed()

    def field_ids(self) -> set[str]:
        return set(self.rows)

    def set_context(self, answers: dict[str, Any]) -> None:
        """Answers from other pages that ``when`` conditions may read."""
        self._context = dict(answers)
        self.on_field_changed()

    def collect(self) -> dict[str, Any]:
        """Every answer on the page, including hidden ones (Back and forth keeps them)."""
        return {fid: row.value() for fid, row in self.rows.items()}

    def load(self, answers: dict[str, Any]) -> None:
        for fid, row in self.rows.items():
            if fid in answers:
                row.set_value(answers[fid])
        self.on_field_changed()

    def active_ids(self) -> list[str]:
        values = {**self._context, **self.collect()}
        return [fid for fid, row in self.rows.items() if row.spec.active(values)]

    def on_field_changed(self) -> None:
        active = set(self.active_ids())
        for fid, row in self.rows.items():
            row.setVisible(fid in active)

    def show_errors(self, errors: Sequence[tuple[str, str]]) -> None:
        # First message per field wins; an entry of a group reports on the group's row.
        by_field: dict[str, str] = {}
        for fid, message in errors:
            by_field.setdefault(fid.split("[", 1)[0], message)
        for fid, row in self.rows.items():
            row.set_error(by_field.get(fid))
        super().show_errors(errors)

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error(None)
        super().clear_errors()

    def focus_field(self, field_id: str) -> None:
        row = self.rows.get(field_id.split("[", 1)[0])
        if row is not None:
            self.scroll.ensureWidgetVisible(row)
            row.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_focus(self) -> QWidget | None:
        # A person not yet filled in: the scanner's keys go to the QR box straight away.
        if self.qr_box is not None:
            name = self.rows.get(self.qr_box.prefix + "full_name")
            if name is not None and name.value() is None:
                return self.qr_box.edit
        for fid in self.active_ids():
            return self.rows[fid].focus_widget()
        return None

    def review_rows(self) -> list[tuple[str, str]]:
        """(label, answer) of each active field, for the check-your-answers page."""
        return [(self.rows[fid].spec.label, self.rows[fid].display_value())
                for fid in self.active_ids()]


def person_prefix(specs: Sequence[FieldSpec]) -> str | None:
    """``mother.`` when the fields describe one person (a name and an ID number), else None."""
    ids = {s.id for s in specs}
    for spec in specs:
        if spec.kind == "id_number" and spec.id.endswith(".id_number"):
            prefix = spec.id.removesuffix("id_number")
            if prefix + "full_name" in ids:
                return prefix
    return None


class QrScanBox(QFrame):
    """"Scan the CCCD QR code": a USB scanner types the code as keys ending in Enter, or the
    text is pasted; the person's fields are filled from it.

    Signals:
        scanned(dict): raw answers for the person's fields (full field ids).
    """

    scanned = Signal(dict)

    def __init__(self, prefix: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.prefix = prefix
        self.lang = "vi"  # language of the parser's messages; the wizard sets it
        self.setObjectName("qrBox")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#qrBox { background: #f3f2f1; border: none;"
                           " border-left: 5px solid #1d70b8; }"
                           " #qrStatus { color: #00703c; font-weight: 600; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        title = QLabel(self.tr("Scan the QR code of the chip ID card (CCCD)"), self)
        title.setObjectName("fieldLabel")
        hint = QLabel(self.tr("Hold the card under the scanner, or paste the code here and press "
                              "Enter: name, ID number, date of birth, sex and address are filled "
                              "in for you to check."), self)
        hint.setObjectName("fieldHint")
        hint.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("qrEdit")
        self.edit.setAccessibleName(self.tr("Scan the QR code of the chip ID card (CCCD)"))
        self.edit.setPlaceholderText(self.tr("Scan or paste the QR code"))
        self.edit.setMaxLength(1000)
        self.status = QLabel(self)
        self.status.setObjectName("qrStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        for widget in (title, hint, self.edit, self.status):
            layout.addWidget(widget)
        self.edit.returnPressed.connect(self.on_return)
        self.edit.textChanged.connect(self.on_text_changed)
        self._last_length = 0

    def on_text_changed(self, text: str) -> None:
        # A paste arrives at once; a scanner's keys one by one (then Enter).
        jump = len(text) - self._last_length
        self._last_length = len(text)
        from app.services.identity import looks_like_qr

        if jump > 1 and looks_like_qr(text):
            self.read(text, quiet=True)

    def on_return(self) -> None:
        if self.edit.text().strip():
            self.read(self.edit.text())

    def read(self, text: str, quiet: bool = False) -> bool:
        from app.services.identity import QrError, parse_cccd_qr

        try:
            data = parse_cccd_qr(text)
        except QrError as exc:
            if not quiet:
                self._say(exc.message_en if self.lang == "en" else exc.message, True)
            return False
        self.scanned.emit(data.answers(self.prefix))
        self._say(self.tr("Filled in from the QR code: {0}, {1}. Check the details below.")
                  .format(data.full_name, data.id_number), False)
        self.edit.clear()
        return True

    def _say(self, message: str, error: bool) -> None:
        self.status.setText(message)
        self.status.setProperty("error", error)
        self.status.setObjectName("fieldError" if error else "qrStatus")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.show()


class FileDialog:
    """Seam around the native file dialog, so tests can stub :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None


class FileItem(QFrame):
    """One attached file in a component's list: thumbnail or PDF badge, name, size, pages.

    Signals:
        remove_requested(): "Remove" pressed.
    """

    remove_requested = Signal()
    THUMB = 56

    def __init__(self, attached: AttachedFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.attached = attached
        self.setObjectName("fileItem")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setHorizontalSpacing(10)
        self.thumb = QLabel(self)
        self.thumb.setFixedSize(self.THUMB, self.THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("border: 1px solid #b1b4b6; background: #ffffff;"
                                 " font-weight: 700; color: #b10e1e;")
        if attached.media_type.startswith("image/"):
            reader = QImageReader(str(attached.path))
            reader.setAutoTransform(True)
            full = reader.size()
            if full.isValid() and full.width() > 0 and full.height() > 0:
                # Decode at thumbnail size: a 12-megapixel photo never lands in memory whole.
                full.scale(self.THUMB, self.THUMB, Qt.AspectRatioMode.KeepAspectRatio)
                reader.setScaledSize(full)
            image = reader.read()
            if not image.isNull():
                self.thumb.setPixmap(QPixmap.fromImage(image))
        else:
            self.thumb.setText("PDF")
        details = [human_size(attached.size)]
        if attached.media_type == "application/pdf":
            details.append(self.tr("{0} page(s)").format(attached.pages) if attached.pages
                           else self.tr("pages unknown"))
        if attached.original_size:
            details.append(self.tr("reduced from {0}").format(human_size(attached.original_size)))
        self.name = QLabel(f"✓ {attached.name}", self)
        self.name.setObjectName("fileLabel")
        self.name.setProperty("hasFile", True)
        self.name.setWordWrap(True)
        self.details = QLabel(" · ".join(details), self)
        self.details.setObjectName("fieldHint")
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("linkButton")
        self.remove.setAccessibleName(self.tr("Remove {0}").format(attached.name))
        self.remove.clicked.connect(self.remove_requested)
        layout.addWidget(self.thumb, 0, 0, 2, 1)
        layout.addWidget(self.name, 0, 1)
        layout.addWidget(self.details, 1, 1)
        layout.addWidget(self.remove, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.setColumnStretch(1, 1)


class AttachmentRow(QFrame):
    """One dossier component: its name, the files attached (each with its thumbnail or page
    count and a "Remove" button) and "Add file…". Files can also be dropped on the row.

    Signals:
        choose_requested(str): "Add file…" pressed (component id).
        remove_requested(str, int): "Remove" pressed on a file (component id, its position).
        dropped(str, object): a local file was dropped (component id, Path).
    """

    choose_requested = Signal(str)
    remove_requested = Signal(str, int)
    dropped = Signal(str, object)

    def __init__(self, component_id: str, name: str, required: bool,
                 parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.component_id = component_id
        self.setObjectName("attachmentRow")
        self.setProperty("invalid", False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAcceptDrops(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setHorizontalSpacing(12)
        title = QLabel(name, self)
        title.setObjectName("fieldLabel")
        title.setWordWrap(True)
        marker = QLabel(self.tr("Required") if required else self.tr("Optional"), self)
        marker.setObjectName("requiredTag" if required else "optionalTag")
        marker.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.note = QLabel(note, self)
        self.note.setObjectName("fieldHint")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.file_label = QLabel(self.tr("No file chosen — drop a file here or choose one"), self)
        self.file_label.setObjectName("fileLabel")
        self.file_label.setWordWrap(True)
        self.files_box = QVBoxLayout()
        self.files_box.setSpacing(2)
        self.items: list[FileItem] = []
        self.choose = QPushButton(self.tr("Choose file…"), self)
        self.choose.setObjectName("secondaryButton")
        self.choose.setAccessibleName(self.tr("Choose file for {0}").format(name))
        self.choose.clicked.connect(lambda: self.choose_requested.emit(self.component_id))
        layout.addWidget(title, 0, 0, 1, 2)
        layout.addWidget(marker, 0, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.note, 1, 0, 1, 3)
        layout.addWidget(self.error, 2, 0, 1, 3)
        layout.addLayout(self.files_box, 3, 0, 1, 3)
        layout.addWidget(self.file_label, 4, 0, 1, 2)
        layout.addWidget(self.choose, 4, 2)
        layout.setColumnStretch(0, 1)

    @property
    def remove(self) -> QPushButton | None:
        """The "Remove" button of the last file (None when there is none)."""
        return self.items[-1].remove if self.items else None

    def set_files(self, files: Sequence[AttachedFile]) -> None:
        for item in self.items:
            self.files_box.removeWidget(item)
            item.hide()
            item.deleteLater()
        self.items = []
        for position, attached in enumerate(files):
            item = FileItem(attached, self)
            item.remove_requested.connect(
                lambda p=position: self.remove_requested.emit(self.component_id, p))
            self.items.append(item)
            self.files_box.addWidget(item)
        if files:
            self.file_label.setText(self.tr("{0} file(s), {1} — add another page or drop it "
                                            "here").format(len(files),
                                                           human_size(sum(f.size for f in files))))
            self.choose.setText(self.tr("Add file…"))
        else:
            self.file_label.setText(self.tr("No file chosen — drop a file here or choose one"))
            self.choose.setText(self.tr("Choose file…"))

    def set_busy(self, message: str | None) -> None:
        """A file is being prepared: say so and keep the buttons from starting another."""
        if message:
            self.file_label.setText(message)
        else:
            self.set_files([item.attached for item in self.items])
        self.choose.setEnabled(not message)

    def file_text(self) -> str:
        """Every file name and detail shown (tests and screen readers)."""
        return "\n".join(f"{i.name.text()} {i.details.text()}" for i in self.items)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.setProperty("invalid", bool(message))
        self.style().unpolish(self)
        self.style().polish(self)

    # Qt overrides: drag and drop of local files.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
        for path in paths:
            self.dropped.emit(self.component_id, path)


class AttachmentsPage(WizardPage):
    """Step 4 of the guide: attach each dossier component (checked by content at once).

    Signals:
        file_offered(str, object): the person chose or dropped a file (component id, Path).
        file_removed(str, int): the person removed a file (component id, its position).
    """

    file_offered = Signal(str, object)
    file_removed = Signal(str, int)

    def __init__(self, procedure: Procedure, limits: FilingLimits, parent: QWidget | None = None):
        super().__init__(self.tr("Attach the dossier documents"), parent)
        self.limits = limits
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
        for component in procedure.components:
            note = (self.tr("Bring the original to the counter to be compared.")
                    if component.present_original else "")
            row = AttachmentRow(component.id, component.name, component.required, self.body, note)
            row.choose_requested.connect(self.on_choose_requested)
            row.remove_requested.connect(self.file_removed)
            row.dropped.connect(self.file_offered)
            self.rows[component.id] = row
            self.form.addWidget(row)
        self.form.addStretch(1)
        self.show_total(0)

    def show_total(self, total: int) -> None:
        """The limits, stated on screen, and how much of the dossier's allowance is used."""
        text = self.tr("Limits: {0} per file, {1} per dossier. Attached so far: {2}.").format(
            human_size(self.limits.max_file_bytes), human_size(self.limits.max_dossier_bytes),
            human_size(total))
        if self.limits.dossier_limit_unconfirmed:
            text += " " + self.tr("(The portal's limit per dossier is not confirmed; the "
                                  "administrator can change it in the settings.)")
        self.limits_label.setText(text)

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
        return next(iter(self.rows.values())).choose if self.rows else None


class ReviewPage(WizardPage):
    """Check your answers: one block per page with a "Change" link, then the declaration.

    Signals:
        change_requested(int): the "Change" link of the block for this page index.
    """

    change_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Check your answers before sending"), parent)
        self._blocks = QVBoxLayout()
        self._blocks.setSpacing(14)
        self.form.addLayout(self._blocks)
        fee_title = QLabel(self.tr("Fee"), self.body)
        fee_title.setObjectName("sectionTitle")
        self.form.addWidget(fee_title)
        self.fee = QLabel(self.body)
        self.fee.setObjectName("feeText")
        self.fee.setWordWrap(True)
        self.form.addWidget(self.fee)
        declaration_title = QLabel(self.tr("Now save and send the dossier"), self.body)
        declaration_title.setObjectName("sectionTitle")
        self.form.addWidget(declaration_title)
        declaration = QLabel(self.tr(
            "By sending this dossier you confirm that the information is true and you take "
            "responsibility for it. The dossier is saved on this computer first and sent to the "
            "portal as soon as the network allows."), self.body)
        declaration.setWordWrap(True)
        self.form.addWidget(declaration)
        self.form.addStretch(1)
        self.change_buttons: dict[int, QPushButton] = {}

    def set_blocks(self, blocks: Sequence[tuple[int, str, Sequence[tuple[str, str]]]]) -> None:
        """``blocks``: (page index, title, [(label, answer)]) for each page."""
        while self._blocks.count():
            widget = self._blocks.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.change_buttons = {}
        for index, title, rows in blocks:
            block = QFrame(self.body)
            block.setObjectName("reviewBlock")
            grid = QGridLayout(block)
            grid.setContentsMargins(16, 12, 16, 12)
            grid.setHorizontalSpacing(18)
            grid.setVerticalSpacing(8)
            heading = QLabel(title, block)
            heading.setObjectName("sectionTitle")
            change = QPushButton(self.tr("Change"), block)
            change.setObjectName("linkButton")
            change.setAccessibleName(self.tr("Change: {0}").format(title))
            change.setCursor(Qt.CursorShape.PointingHandCursor)
            change.clicked.connect(lambda _=False, i=index: self.change_requested.emit(i))
            self.change_buttons[index] = change
            grid.addWidget(heading, 0, 0, 1, 2)
            grid.addWidget(change, 0, 2, Qt.AlignmentFlag.AlignRight)
            for row, (label, value) in enumerate(rows, start=1):
                key = QLabel(label, block)
                key.setObjectName("reviewKey")
                key.setWordWrap(True)
                answer = QLabel(value or self.tr("Not given"), block)
                answer.setObjectName("reviewValue" if value else "reviewEmpty")
                answer.setWordWrap(True)
                answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(answer, row, 1, 1, 2, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(0, 2)
            grid.setColumnStretch(1, 3)
            self._blocks.addWidget(block)

    def set_fee(self, text: str) -> None:
        self.fee.setText(text)

    def block_text(self) -> str:
        """Every label and answer shown (tests and screen readers)."""
        texts = []
        for i in range(self._blocks.count()):
            block = self._blocks.itemAt(i).widget()
            if block is not None:
                texts += [w.text() for w in block.findChildren(QLabel)]
        return "\n".join(texts)


class ConfirmationPage(WizardPage):
    """Saved: the local reference, big, then what happens next; the portal code when known."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Dossier saved"), parent)
        self.heading.hide()
        panel = QFrame(self.body)
        panel.setObjectName("confirmationPanel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 24)
        inner.setSpacing(6)
        title = QLabel(self.tr("Dossier saved"), panel)
        title.setObjectName("panelTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(self.tr("Reference on this computer"), panel)
        caption.setObjectName("panelCaption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reference = QLabel(panel)
        self.reference.setObjectName("panelReference")
        self.reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QLabel(panel)
        self.code.setObjectName("panelCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.hide()
        for widget in (title, caption, self.reference, self.code):
            inner.addWidget(widget)
        self.form.addWidget(panel)

        self.state = QLabel(self.body)
        self.state.setObjectName("stateLine")
        self.state.setWordWrap(True)
        self.form.addWidget(self.state)
        self.status = QLabel(self.body)
        self.status.setObjectName("stateLine")
        self.status.setWordWrap(True)
        self.status.hide()
        self.form.addWidget(self.status)

        next_title = QLabel(self.tr("What happens next"), self.body)
        next_title.setObjectName("sectionTitle")
        self.form.addWidget(next_title)
        self.next_steps = QLabel(self.body)
        self.next_steps.setWordWrap(True)
        self.next_steps.setTextFormat(Qt.TextFormat.RichText)
        self.next_steps.setObjectName("nextSteps")
        self.form.addWidget(self.next_steps)
        self.form.addStretch(1)

    fee_line: str | None = None  # this dossier's fee, when the wizard computed it

    def show_dossier(self, procedure: Procedure, local_ref: str, state_text: str,
                     code: str | None = None, status_text: str | None = None) -> None:
        self.reference.setText(local_ref)
        self.state.setText(self.tr("State: {0}").format(state_text))
        self.code.setText(self.tr("Dossier code: {0}").format(code) if code else "")
        self.code.setVisible(bool(code))
        self.status.setText(self.tr("Portal status: {0}").format(status_text) if status_text else "")
        self.status.setVisible(bool(status_text))
        self.next_steps.setText(self._next_steps(procedure, local_ref))

    def _next_steps(self, procedure: Procedure, local_ref: str) -> str:
        delivery = procedure.raw.get("result_delivery") or ["counter"]
        where = {
            "counter": self.tr("at the one-stop counter of the {0}").format(procedure.agency.lower()
                                                                             or "UBND"),
            "post": self.tr("by public post (bưu chính công ích)"),
            "online": self.tr("online, as an electronic copy"),
        }
        places = [where[d] for d in delivery if d in where]
        steps = [
            self.tr("The dossier is kept safely on this computer and is sent to the portal "
                    "automatically as soon as the network allows. Keep the reference <b>{0}</b> "
                    "to ask about it.").format(_escape(local_ref)),
            self.tr("When the portal receives it, it gives the official dossier code, shown "
                    "here and in “Dossiers on this computer”."),
            self.tr("Time limit: {0}.").format(_escape(str(procedure.time_limit.get("text", "")))),
            self.tr("Fee: {0}.").format(_escape(self.fee_line or fee_text(procedure))),
            self.tr("The result can be collected {0}.").format(_escape(", ".join(places))),
        ]
        if procedure.fee.get("unconfirmed"):
            steps.append(self.tr("The fee is set by the province and may have changed: check "
                                 "it at the counter."))
        return "<ol style='margin-left:0'>" + "".join(
            f"<li style='margin-bottom:6px'>{s}</li>" for s in steps) + "</ol>"
