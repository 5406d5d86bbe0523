"""Training mode's side panel: the simulated phone (“điện thoại mô phỏng”) showing every SMS and
e-mail the sandbox sends as it arrives, the one-click switch between the demo citizen's and the
demo officer's view, and the reset to the seeded state (after a confirmation).

Built only in training mode, which always runs on the embedded sandbox portal. Every portal
call runs on the :class:`~app.workers.tasks.TaskRunner`; the phone asks for new messages on a
timer, one request at a time, so the window never waits on it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.workers.tasks import TaskRunner
from dvc_core.vntime import VN

#: A code to type: six digits standing alone (not the date inside a dossier's official code).
_CODE = re.compile("(?<![\\w.\\-\u200b])(\\d{6})(?![\\w\\-\u200b]|\\.\u200b?\\d)")
_BREAKS = re.compile(r"([.\-@])")  # where a long code or address may wrap on the narrow screen
#: The panel's width: with the desk's header beside it, the window still fits a 1366 px screen.
PANEL_WIDTH = 200
POLL_MS = 1500  #: how often the phone asks the sandbox for new messages
MAX_SHOWN = 60  #: the oldest messages leave the phone's screen beyond this many


def _time(iso: str) -> str:
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(VN).strftime("%H:%M:%S %d/%m")


def _wrappable(text: str) -> str:
    """``text`` as rich text that may wrap after a dot, a dash or an @ too."""
    return _BREAKS.sub("\\1\u200b", html.escape(text))


class MessageBubble(QFrame):
    """One SMS or e-mail on the phone's screen."""

    def __init__(self, message: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.message = message
        self.setObjectName("phoneSms" if message.channel == "sms" else "phoneEmail")
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.setSpacing(2)
        kind = "SMS" if message.channel == "sms" else "E-mail"
        self.head = QLabel(f"<b>{kind}</b> → {_wrappable(message.to)} · "
                           f"{_time(message.sent_at)}", self)
        self.head.setWordWrap(True)
        column.addWidget(self.head)
        if message.subject:
            subject = QLabel(f"<b>{_wrappable(message.subject)}</b>", self)
            subject.setWordWrap(True)
            column.addWidget(subject)
        # A code to type (an OTP) stands out, as a phone's message preview shows it.
        text = _wrappable(message.body)
        text = _CODE.sub(r"<b style='font-size:14pt'>\1</b>", text)
        self.body = QLabel(text.replace("\n", "<br>"), self)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.body)


class PhonePanel(QWidget):
    """The simulated phone: newest message on top.

    Args:
        sandbox: the :class:`~app.services.training.TrainingSandbox`.
        tasks: runs the portal calls off the GUI thread.

    Signals:
        arrived(int): this many new messages were just shown.
    """

    arrived = Signal(int)

    def __init__(self, sandbox: Any, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.sandbox = sandbox
        self.tasks = tasks
        self.last_id = 0
        self._busy = False
        self.bubbles: list[MessageBubble] = []
        self.setObjectName("phonePanel")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self.tr("Waiting for messages from the sandbox…"), self)
        self.status.setObjectName("phoneStatus")
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.screen_widget = QWidget(scroll)
        self.screen_widget.setObjectName("phoneScreen")
        self.screen_widget.setStyleSheet(
            "#phoneSms, #phoneEmail { background: #eef3fb; border: 1px solid #b8c7e0;"
            " border-radius: 8px; } #phoneEmail { background: #f6f4ec; border-color: #d4cdb0; }")
        self.list_layout = QVBoxLayout(self.screen_widget)
        self.list_layout.setContentsMargins(6, 6, 6, 6)
        self.list_layout.setSpacing(6)
        self.list_layout.addStretch(1)
        scroll.setWidget(self.screen_widget)
        column.addWidget(scroll, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    def clear(self) -> None:
        """Empty the phone (after a reset: the sandbox's messages start again from one)."""
        for bubble in self.bubbles:
            bubble.deleteLater()
        self.bubbles = []
        self.last_id = 0
        self.status.setText(self.tr("Waiting for messages from the sandbox…"))

    def poll(self) -> None:
        """Ask for the messages after the last one shown (skipped while a request is out)."""
        if self._busy:
            return
        self._busy = True
        after = self.last_id
        self.tasks.run(lambda: self.sandbox.messages(after), self._on_messages, self._on_failed)

    def _on_messages(self, messages: list[Any]) -> None:
        self._busy = False
        fresh = [m for m in messages if m.id > self.last_id]
        for message in fresh:
            bubble = MessageBubble(message, self.screen_widget)
            self.list_layout.insertWidget(0, bubble)  # newest on top, as on a phone
            self.bubbles.append(bubble)
            self.last_id = max(self.last_id, message.id)
        while len(self.bubbles) > MAX_SHOWN:
            self.bubbles.pop(0).deleteLater()
        if fresh:
            self.status.setText(self.tr("{0} messages received.").format(len(self.bubbles)))
            self.arrived.emit(len(fresh))

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.status.setText(self.tr("The sandbox does not answer yet: {0}").format(exc))


class TrainingDock(QDockWidget):
    """The training side panel: who is signed in switches, the reset, the phone.

    Signals:
        signed_in(str): signed in as the demo account of this role (``citizen``/``officer``).
        reset_done(object): the reset finished (its :class:`~app.services.training.ResetReport`).
        message(str): a line for the status bar.
    """

    signed_in = Signal(str)
    reset_done = Signal(object)
    message = Signal(str)

    def __init__(self, sandbox: Any, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(self.tr("Simulated phone"), parent)
        self.setObjectName("trainingDock")
        self.sandbox = sandbox
        self.tasks = tasks
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)
        body.setFixedWidth(PANEL_WIDTH)
        switch = QVBoxLayout()
        switch.setSpacing(4)
        self.citizen_button = QPushButton(self.tr("Citizen's view"), body)
        self.citizen_button.setObjectName("secondaryButton")
        self.citizen_button.setToolTip(self.tr("Sign in as the demo citizen"))
        self.citizen_button.clicked.connect(lambda: self.sign_in_as("citizen"))
        self.officer_button = QPushButton(self.tr("Officer's view"), body)
        self.officer_button.setObjectName("secondaryButton")
        self.officer_button.setToolTip(self.tr("Sign in as the demo officer"))
        self.officer_button.clicked.connect(lambda: self.sign_in_as("officer"))
        switch.addWidget(self.citizen_button)
        switch.addWidget(self.officer_button)
        column.addLayout(switch)
        self.reset_button = QPushButton(self.tr("Reset the demo data…"), body)
        self.reset_button.setObjectName("secondaryButton")
        self.reset_button.clicked.connect(self.on_reset)
        column.addWidget(self.reset_button)
        self.phone = PhonePanel(sandbox, tasks, body)
        column.addWidget(self.phone, 1)
        self.setWidget(body)
        self.confirm: QMessageBox | None = None

    def _set_busy(self, busy: bool) -> None:
        for button in (self.citizen_button, self.officer_button, self.reset_button):
            button.setEnabled(not busy)

    # ----------------------------------------------------------------------------- switch
    def sign_in_as(self, role: str) -> None:
        self._set_busy(True)
        self.tasks.run(lambda: self.sandbox.sign_in_as(role),
                       lambda session: self._on_signed_in(role, session), self._on_failed)

    def _on_signed_in(self, role: str, session: Any) -> None:
        self._set_busy(False)
        name = getattr(session, "display_name", "") or getattr(session, "username", "")
        self.message.emit(self.tr("Signed in as {0}.").format(name))
        self.signed_in.emit(role)

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.emit(str(exc))

    # ----------------------------------------------------------------------------- reset
    def on_reset(self) -> None:
        """Ask first; a yes puts the sandbox and this computer back to the seeded state."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Reset the demo data"), self.tr(
            "Put the training sandbox back to its seeded state?\n\n"
            "Every dossier, draft, account and message made in this workshop — on the sandbox "
            "portal and on this computer — is deleted; the demo citizen, officer and commune "
            "come back as they were. This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Reset"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm = box
        box.finished.connect(self._on_confirm_finished)
        box.open()

    def _on_confirm_finished(self, _result: int) -> None:
        box, self.confirm = self.confirm, None
        if box is None:
            return
        chosen = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if chosen:
            self.start_reset()

    def start_reset(self) -> None:
        self._set_busy(True)
        self.phone.stop()
        self.message.emit(self.tr("Resetting the demo data…"))
        self.tasks.run(self.sandbox.reset, self._on_reset, self._on_reset_failed)

    def _on_reset(self, report: Any) -> None:
        self._set_busy(False)
        self.phone.clear()
        self.phone.start()
        self.message.emit(self.tr("The demo data is as seeded again ({0:.1f} s).").format(
            report.seconds))
        self.reset_done.emit(report)

    def _on_reset_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.phone.start()
        self.message.emit(self.tr("The reset failed: {0}").format(exc))
