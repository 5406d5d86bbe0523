"""Training mode marks every window, not only the main one: each dialog that opens (sign-up,
sign-in, the reason for a refusal, a confirmation…) gets “MÔI TRƯỜNG ĐÀO TẠO” in its title and,
where its layout is a column, the same yellow band as the main window at its top — so a
screenshot or a projected dialog is never mistaken for the real portal.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QBoxLayout, QDialog, QLabel

from app.modes import TRAINING_WATERMARK

MARKED = "_trainingMarked"


class TrainingMarks(QObject):
    """An application-wide event filter that marks each dialog the first time it is shown."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.marked = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) \
                and not watched.property(MARKED):
            self.mark(watched)
        return False

    def mark(self, dialog: QDialog) -> None:
        dialog.setProperty(MARKED, True)
        title = dialog.windowTitle()
        if TRAINING_WATERMARK not in title:
            dialog.setWindowTitle(f"{title} — {TRAINING_WATERMARK}" if title
                                  else TRAINING_WATERMARK)
        layout = dialog.layout()
        if isinstance(layout, QBoxLayout) and layout.direction() in (
                QBoxLayout.Direction.TopToBottom, QBoxLayout.Direction.Down):
            band = QLabel(TRAINING_WATERMARK, dialog)
            band.setObjectName("trainingBanner")
            band.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.insertWidget(0, band)
        self.marked += 1


def install_training_marks(window: QObject) -> TrainingMarks:
    """Mark every dialog from now on, for as long as ``window`` lives (the filter is its child,
    so Qt removes it from the application with the window)."""
    marks = TrainingMarks(window)
    QApplication.instance().installEventFilter(marks)
    return marks
