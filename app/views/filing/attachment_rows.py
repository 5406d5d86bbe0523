"""The rows of the attachments page: a dossier component with its files, and one file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.attachments import AttachedFile
from app.views.common.wizard_page import human_size


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
                 parent: QWidget | None = None, note: str = "", *, generated: bool = False):
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
        marker = QLabel(self.tr("Made automatically") if generated else
                        self.tr("Required") if required else self.tr("Optional"), self)
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
        self.generated = generated
        self.file_label = QLabel(self._empty_text(), self)
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
            self.file_label.setText(self._empty_text())
            self.choose.setText(self.tr("Choose file…"))

    def _empty_text(self) -> str:
        if self.generated:
            return self.tr("Made from the answers — no file needed")
        return self.tr("No file chosen — drop a file here or choose one")

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
