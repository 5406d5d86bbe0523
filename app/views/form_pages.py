"""The wizard's pages after the first: declaration sections, attachments, check, confirmation.

Imported only once a procedure is chosen, so the first page paints without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.catalog import Procedure
from app.services.rules import FieldSpec
from app.views.fields import FieldRow
from app.views.pages import WizardPage, _escape, fee_text, human_size


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
        self.rows: dict[str, FieldRow] = {}
        for spec in specs:
            row = FieldRow(spec, self.body)
            row.changed.connect(self.on_field_changed)
            self.rows[spec.id] = row
            self.form.addWidget(row)
        self.form.addStretch(1)
        self._context: dict[str, Any] = {}
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
        for fid in self.active_ids():
            return self.rows[fid].focus_widget()
        return None

    def review_rows(self) -> list[tuple[str, str]]:
        """(label, answer) of each active field, for the check-your-answers page."""
        return [(self.rows[fid].spec.label, self.rows[fid].display_value())
                for fid in self.active_ids()]


class FileDialog:
    """Seam around the native file dialog, so tests can stub :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None


class AttachmentRow(QFrame):
    """One dossier component: its name, the file chosen, and choose/remove buttons.

    Files can also be dropped on the row.

    Signals:
        choose_requested(str): "Choose file…" pressed (component id).
        remove_requested(str): "Remove" pressed (component id).
        dropped(str, object): a local file was dropped (component id, Path).
    """

    choose_requested = Signal(str)
    remove_requested = Signal(str)
    dropped = Signal(str, object)

    def __init__(self, component_id: str, name: str, required: bool,
                 parent: QWidget | None = None):
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
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.file_label = QLabel(self.tr("No file chosen — drop a file here or choose one"), self)
        self.file_label.setObjectName("fileLabel")
        self.file_label.setWordWrap(True)
        self.choose = QPushButton(self.tr("Choose file…"), self)
        self.choose.setObjectName("secondaryButton")
        self.choose.setAccessibleName(self.tr("Choose file for {0}").format(name))
        self.choose.clicked.connect(lambda: self.choose_requested.emit(self.component_id))
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("linkButton")
        self.remove.setAccessibleName(self.tr("Remove file for {0}").format(name))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.component_id))
        self.remove.hide()
        layout.addWidget(title, 0, 0, 1, 2)
        layout.addWidget(marker, 0, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.error, 1, 0, 1, 3)
        layout.addWidget(self.file_label, 2, 0)
        layout.addWidget(self.remove, 2, 1)
        layout.addWidget(self.choose, 2, 2)
        layout.setColumnStretch(0, 1)

    def set_file(self, path: Path | None, size: int = 0) -> None:
        if path is None:
            self.file_label.setText(self.tr("No file chosen — drop a file here or choose one"))
            self.file_label.setProperty("hasFile", False)
            self.remove.hide()
            self.choose.setText(self.tr("Choose file…"))
        else:
            self.file_label.setText(self.tr("✓ {0} ({1})").format(path.name, human_size(size)))
            self.file_label.setProperty("hasFile", True)
            self.remove.show()
            self.choose.setText(self.tr("Choose another…"))
        self.file_label.style().unpolish(self.file_label)
        self.file_label.style().polish(self.file_label)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.setProperty("invalid", bool(message))
        self.style().unpolish(self)
        self.style().polish(self)

    # Qt overrides: drag and drop of a local file.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.dropped.emit(self.component_id, Path(url.toLocalFile()))
                return


class AttachmentsPage(WizardPage):
    """Step 4 of the guide: attach each dossier component (checked by content at once).

    Signals:
        file_offered(str, object): the person chose or dropped a file (component id, Path).
        file_removed(str): the person removed a component's file.
    """

    file_offered = Signal(str, object)
    file_removed = Signal(str)

    def __init__(self, procedure: Procedure, max_file_bytes: int, parent: QWidget | None = None):
        super().__init__(self.tr("Attach the dossier documents"), parent)
        lead = QLabel(self.tr("Attach a scan or a photo of each document: PDF, JPEG or PNG, at "
                              "most {0} per file. Files are checked by their content, not by "
                              "their name.").format(human_size(max_file_bytes)), self.body)
        lead.setObjectName("pageLead")
        lead.setWordWrap(True)
        self.form.addWidget(lead)
        self.rows: dict[str, AttachmentRow] = {}
        for component in procedure.components:
            row = AttachmentRow(component.id, component.name, component.required, self.body)
            row.choose_requested.connect(self.on_choose_requested)
            row.remove_requested.connect(self.file_removed)
            row.dropped.connect(self.file_offered)
            self.rows[component.id] = row
            self.form.addWidget(row)
        self.form.addStretch(1)

    def field_ids(self) -> set[str]:
        return {f"attachments.{cid}" for cid in self.rows}

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
            self.tr("Fee: {0}.").format(_escape(fee_text(procedure))),
            self.tr("The result can be collected {0}.").format(_escape(", ".join(places))),
        ]
        if procedure.fee.get("unconfirmed"):
            steps.append(self.tr("The fee is set by the province and may have changed: check "
                                 "it at the counter."))
        return "<ol style='margin-left:0'>" + "".join(
            f"<li style='margin-bottom:6px'>{s}</li>" for s in steps) + "</ol>"
