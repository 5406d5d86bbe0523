"""The "Hồ sơ nháp" list: drafts saved at the desk, to resume or delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.drafts import DraftStore, DraftSummary
from dvc_core.vntime import format_vn


class DraftsDialog(QDialog):
    """Lists the drafts on this computer, newest first, with when each will be deleted.

    ``chosen`` holds the id of the draft to resume once the dialog is accepted.
    """

    def __init__(self, store: DraftStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.chosen: str | None = None
        self.setWindowTitle(self.tr("Drafts"))
        self.setObjectName("draftsDialog")
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        title = QLabel(self.tr("Drafts"), self)
        title.setObjectName("pageTitle")
        lead = QLabel(self.tr("Dossiers saved before they were finished. A draft is deleted "
                              "{0} days after it was last saved, with its files.").format(
            store.retention_days), self)
        lead.setObjectName("pageLead")
        lead.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("procedureList")
        self.list.setAccessibleName(self.tr("Drafts"))
        self.list.itemActivated.connect(lambda _item: self.on_resume())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr("There are no drafts on this computer."), self)
        self.empty.setObjectName("fieldHint")
        buttons = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("Delete draft"), self)
        self.delete_button.setObjectName("secondaryButton")
        self.delete_button.clicked.connect(self.on_delete)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("secondaryButton")
        close.clicked.connect(self.reject)
        self.resume_button = QPushButton(self.tr("Continue this draft"), self)
        self.resume_button.setObjectName("primaryButton")
        self.resume_button.clicked.connect(self.on_resume)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.resume_button)
        for widget in (title, lead, self.empty, self.list):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.drafts: list[DraftSummary] = []
        self.refresh()

    def refresh(self) -> None:
        self.drafts = self.store.list()
        self.list.clear()
        for d in self.drafts:
            saved = format_vn(d.saved_at)
            until = format_vn(d.delete_after, "%d/%m/%Y")
            who = d.applicant_name or self.tr("(no name yet)")
            item = QListWidgetItem(
                f"{d.procedure_name} — {who}\n"
                + self.tr("Saved {0} · reference {1} · {2} file(s) · deleted on {3}").format(
                    saved, d.local_ref, d.files, until))
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            self.list.addItem(item)
        has = bool(self.drafts)
        self.empty.setVisible(not has)
        self.list.setVisible(has)
        self._update_buttons()  # none chosen for the person: "Delete" waits for a choice

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.resume_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def current_id(self) -> str | None:
        """The draft the person chose (a row merely focused is not chosen)."""
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def on_resume(self) -> None:
        self.chosen = self.current_id()
        if self.chosen:
            self.accept()

    def on_delete(self) -> None:
        draft_id = self.current_id()
        if draft_id:
            self.store.delete(draft_id)
            self.refresh()

    @classmethod
    def ask(cls, store: DraftStore, parent: QWidget | None = None) -> str | None:
        """Show the list; the id of the draft to resume, or None (tests stub this)."""
        dialog = cls(store, parent)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
