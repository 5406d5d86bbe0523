"""The shell's header: the app's name, who is signed in, the sync indicator and the account
buttons (the guide: "bấm nút Đăng ký ở góc trên, bên phải màn hình")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dvc_core.vntime import format_vn


class SyncIndicator(QFrame):
    """Always-visible sync state: online or not, items waiting, last successful sync."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(14)
        self.state = QLabel(self)
        self.state.setObjectName("syncState")
        self.pending = QLabel(self)
        self.pending.setObjectName("syncDetail")
        self.last = QLabel(self)
        self.last.setObjectName("syncDetail")
        for label in (self.state, self.pending, self.last):
            layout.addWidget(label)
        self.online: bool | None = None
        self.last_success: dt.datetime | None = None
        self.set_state("starting")
        self.set_pending(None)
        self._show_last()

    def set_state(self, state: str, detail: str = "") -> None:
        """``starting``, ``syncing``, ``online``, ``offline`` or ``signin``."""
        texts = {
            "starting": self.tr("● Starting…"),
            "syncing": self.tr("● Syncing…"),
            "online": self.tr("● Online"),
            "offline": self.tr("● Offline"),
            "signin": self.tr("● Sign-in needed"),
        }
        self.state.setText(texts.get(state, state))
        self.state.setProperty("state", state)
        if self.state.isVisible():  # not yet shown: polished at show time (and QStyle is costly)
            self.state.style().unpolish(self.state)
            self.state.style().polish(self.state)
        self.setToolTip(detail)
        if state == "online":
            self.online = True
        elif state in ("offline", "signin"):
            self.online = False

    def set_pending(self, count: int | None) -> None:
        self.pending.setText(self.tr("Waiting to send: {0}").format("…" if count is None else count))

    def mark_success(self, when: dt.datetime) -> None:
        self.last_success = when
        self._show_last()

    def _show_last(self) -> None:
        when = (format_vn(self.last_success, "%H:%M:%S") if self.last_success
                else self.tr("never"))
        self.last.setText(self.tr("Last sync: {0}").format(when))


class ShellHeader(QFrame):
    """The band across the top of the window.

    The buttons are plain widgets here: the window connects "Send now", and
    :class:`~app.views.accounts.account_actions.AccountController` the account buttons, once
    the services are ready (all start disabled).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("header")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(16)
        names = QVBoxLayout()
        names.setSpacing(0)
        title = QLabel(self.tr("Public Service Assistant"), self)
        title.setObjectName("appTitle")
        self.officer_label = QLabel(self.tr("Not signed in yet"), self)
        self.officer_label.setObjectName("officerLabel")
        names.addWidget(title)
        names.addWidget(self.officer_label)
        layout.addLayout(names)
        layout.addStretch(1)
        self.sync_indicator = SyncIndicator(self)
        layout.addWidget(self.sync_indicator)
        self.send_button = QPushButton(self.tr("Send now"), self)
        self.send_button.setObjectName("headerButton")
        self.send_button.setToolTip(self.tr("Send waiting dossiers and fetch new statuses (F5)"))
        self.send_button.setEnabled(False)
        layout.addWidget(self.send_button)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.register_button = QPushButton(self.tr("Register"), self)
        self.sign_out_button = QPushButton(self.tr("Sign out"), self)
        for button in (self.sign_in_button, self.register_button, self.sign_out_button):
            button.setObjectName("headerButton")
            button.setEnabled(False)
            layout.addWidget(button)
        self.sign_out_button.hide()

    def show_signed_in(self, name: str | None, commune: str = "") -> None:
        """Who is signed in (``None``: nobody yet)."""
        if name is None:
            self.officer_label.setText(self.tr("Not signed in yet"))
        else:
            self.officer_label.setText(self.tr("{0} — {1}").format(name, commune) if commune
                                       else name)
