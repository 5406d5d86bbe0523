"""Documents for a kiosk dossier without a file browser: only from configured folders.

A citizen picks a paper from a connected scanner's output folder or from a USB stick, shown
as big thumbnails — never a browser of the file system. Only JPEG, PNG and PDF files inside an
allowed folder are listed or accepted: a path that leads outside one (``..``, a symbolic link
pointing elsewhere) is refused. USB sticks are the mounted removable drives
(:func:`removable_roots`, from ``QStorageInfo``). A camera source (Qt Multimedia) is not built
yet: there is no camera button.

A picked file is **copied** into the visit's temporary folder (the stick may be pulled out at
once) and that copy is what :attr:`DocumentPicker.picked` gives: hand it to the filing
session's preparation, as the wizard does, so photos are downscaled as everywhere::

    job = session.preparation(path)      # app.services.filing.FilingSession (on a worker)
    session.attach(component_id, job())

API::

    temp = VisitFiles()                  # one temporary folder for the visit
    picker = DocumentPicker(temp, [("Máy quét", Path(scanner_dir))], include_usb=True)
    picker.picked(Path)                  # signal: the copy of the chosen file
    picker.refused(str)                  # signal: a Vietnamese message (outside, not a paper)
    picker.choose(path) -> Path | None   # the same as a touch on a file (tests, the scanner)
    picker.refresh()                     # list the sources again (a stick was plugged in)
    picker.clear()                       # a visit's end: no file name of this visit shown
    temp.wipe()                          # thumbnails and copies gone (a visit's end)
    VisitFiles.remove_stale(parent)      # at start-up: folders a crash or a power cut left
    allowed_path(path, roots) -> Path | None
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QStorageInfo, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QImageReader, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

SUFFIXES = {".jpg", ".jpeg", ".png", ".pdf"}
THUMB = 160
MAX_DEPTH = 3            # folders inside a stick that are still listed
MAX_FILES = 200


def allowed_path(path: Path | str, roots: Iterable[Path]) -> Path | None:
    """``path`` resolved (links followed, ``..`` removed) if it is a JPEG/PNG/PDF file inside
    one of ``roots`` (also resolved); None otherwise."""
    try:
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_file() or real.suffix.lower() not in SUFFIXES:
        return None
    for root in roots:
        try:
            if real.is_relative_to(Path(root).resolve(strict=True)):
                return real
        except (OSError, RuntimeError):
            continue
    return None


def list_documents(root: Path) -> list[Path]:
    """The papers in ``root`` (and a few folders down), newest first; links leading out of it
    are left out."""
    found: list[Path] = []
    base = root.resolve()
    for folder, dirs, files in os.walk(base):
        depth = len(Path(folder).relative_to(base).parts)
        dirs[:] = [] if depth >= MAX_DEPTH else sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            real = allowed_path(Path(folder) / name, [base])
            if real is not None and not name.startswith("."):
                found.append(real)
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return found[:MAX_FILES]


def _is_removable(storage: QStorageInfo) -> bool:
    root = storage.rootPath()
    if sys.platform == "win32":
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW(root) == 2  # DRIVE_REMOVABLE
    return root.startswith(("/media/", "/run/media/"))


def removable_roots() -> list[Path]:
    """The mounted removable drives (USB sticks), ready and not the system's own."""
    return [Path(s.rootPath()) for s in QStorageInfo.mountedVolumes()
            if s.isValid() and s.isReady() and not s.isRoot() and _is_removable(s)]


class VisitFiles:
    """One temporary folder for a visit's thumbnails and picked copies; :meth:`wipe` empties it."""

    def __init__(self, parent: Path | None = None) -> None:
        self._parent = parent
        self.path = Path(tempfile.mkdtemp(prefix="dvc-kiosk-", dir=parent))

    @staticmethod
    def remove_stale(parent: Path | None = None) -> int:
        """Delete visit folders left behind (a crash, a power cut); call it before the first
        visit. Returns how many were removed."""
        root = Path(parent) if parent is not None else Path(tempfile.gettempdir())
        removed = 0
        for folder in root.glob("dvc-kiosk-*"):
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed

    def new_path(self, suffix: str) -> Path:
        handle, name = tempfile.mkstemp(suffix=suffix, dir=self.path)
        os.close(handle)
        return Path(name)

    def wipe(self) -> None:
        """Delete everything of this visit and start an empty folder for the next."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.path = Path(tempfile.mkdtemp(prefix="dvc-kiosk-", dir=self._parent))


class DocumentPicker(QWidget):
    """Big thumbnails of the papers in the allowed folders; a touch picks one."""

    picked = Signal(Path)
    refused = Signal(str)

    def __init__(self, files: VisitFiles, folders: Sequence[tuple[str, Path]] = (),
                 parent: QWidget | None = None, *, include_usb: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("kioskDocuments")
        self.files = files
        self.folders = list(folders)
        self.include_usb = include_usb
        layout = QVBoxLayout(self)
        sources = QHBoxLayout()
        self._source_buttons: list[QPushButton] = []
        self._sources: list[tuple[str, list[Path]]] = []
        self._sources_row = sources
        layout.addLayout(sources)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("kioskDocumentsMessage")
        layout.addWidget(self.message)
        self.grid = QListWidget(self)
        self.grid.setViewMode(QListWidget.ViewMode.IconMode)
        self.grid.setIconSize(QSize(THUMB, THUMB))
        self.grid.setGridSize(QSize(THUMB + 40, THUMB + 64))
        self.grid.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.grid.setMovement(QListWidget.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setAccessibleName(self.tr("Papers you can add"))
        self.grid.itemClicked.connect(lambda item: self.choose(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.grid, 1)
        self.setStyleSheet("#kioskDocuments QPushButton { font-size: 22px; padding: 8px 16px; }"
                           "#kioskDocuments QLabel, #kioskDocuments QListWidget "
                           "{ font-size: 20px; }")
        self.refresh()

    def roots(self) -> list[Path]:
        return [root for _, roots in self._sources for root in roots]

    def refresh(self) -> None:
        """Find the sources again (a stick plugged in or pulled out) and show the first."""
        self._sources = [(label, [folder]) for label, folder in self.folders if folder.is_dir()]
        if self.include_usb:
            usb = removable_roots()
            if usb:
                self._sources.append((self.tr("USB stick"), usb))
        for button in self._source_buttons:
            button.deleteLater()
        self._source_buttons = []
        for number, (label, _roots) in enumerate(self._sources):
            button = QPushButton(label, self)
            button.setMinimumHeight(56)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=number: self.show_source(n))
            self._sources_row.insertWidget(number, button)
            self._source_buttons.append(button)
        if self._sources:
            self.show_source(0)
        else:
            self.grid.clear()
            self.message.setText(self.tr("No scanner folder or USB stick found. Plug in the "
                                         "USB stick, or ask the officer for help."))

    def clear(self) -> None:
        """Show nothing of this visit (a visit's end); :meth:`refresh` lists again."""
        self.grid.clear()
        self.message.clear()
        for button in self._source_buttons:
            button.deleteLater()
        self._source_buttons = []
        self._sources = []

    def show_source(self, number: int) -> None:
        for index, button in enumerate(self._source_buttons):
            button.setChecked(index == number)
        label, roots = self._sources[number]
        self.grid.clear()
        papers = [paper for root in roots for paper in list_documents(root)]
        for paper in papers:
            item = QListWidgetItem(self._thumbnail(paper), paper.name)
            item.setData(Qt.ItemDataRole.UserRole, paper)
            item.setToolTip(paper.name)
            self.grid.addItem(item)
        self.message.setText(
            self.tr("Touch the paper to add ({0}).").format(label) if papers else
            self.tr("There is no photo or PDF here ({0}).").format(label))

    def choose(self, path: Path | str) -> Path | None:
        """Copy the file into the visit's folder and give it (``picked``), if it is allowed."""
        real = allowed_path(path, self.roots())
        if real is None:
            self.refused.emit(self.tr("This file cannot be used: only photos and PDF files "
                                      "from the scanner or the USB stick can be added."))
            return None
        copy = self.files.new_path(real.suffix.lower())
        shutil.copyfile(real, copy)
        self.picked.emit(copy)
        return copy

    def _thumbnail(self, paper: Path) -> QIcon:
        """A thumbnail framed on a white square; a PDF is a page with its page count."""
        canvas = QImage(THUMB, THUMB, QImage.Format.Format_RGB32)
        canvas.fill(QColor("white"))
        painter = QPainter(canvas)
        painter.setPen(QPen(QColor("#5b6770"), 2))
        if paper.suffix.lower() == ".pdf":
            from app.services.pdf_pages import pdf_page_count

            pages = pdf_page_count(paper)
            painter.drawRect(QRectF(30, 10, THUMB - 60, THUMB - 20))
            font = QFont(self.font())
            font.setPixelSize(30)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QRectF(30, 30, THUMB - 60, 50), Qt.AlignmentFlag.AlignCenter, "PDF")
            font.setPixelSize(18)
            font.setBold(False)
            painter.setFont(font)
            label = (self.tr("{0} pages").format(pages) if pages else self.tr("PDF file"))
            painter.drawText(QRectF(30, 90, THUMB - 60, 40), Qt.AlignmentFlag.AlignCenter, label)
        else:
            reader = QImageReader(str(paper))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMB - 8, THUMB - 8,
                                                 Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if image.isNull():
                painter.drawText(QRectF(0, 0, THUMB, THUMB), Qt.AlignmentFlag.AlignCenter,
                                 self.tr("Cannot be shown"))
            else:
                left, top = (THUMB - image.width()) / 2, (THUMB - image.height()) / 2
                painter.drawImage(int(left), int(top), image)
                painter.drawRect(QRectF(left - 1, top - 1, image.width() + 2,
                                        image.height() + 2))
        painter.end()
        thumb = self.files.new_path(".png")
        canvas.save(str(thumb))  # thumbnails live in the visit's folder too, wiped with it
        return QIcon(QPixmap.fromImage(canvas))

__all__ = ["DocumentPicker", "VisitFiles", "allowed_path", "list_documents",
           "removable_roots"]
