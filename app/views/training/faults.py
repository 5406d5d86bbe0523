"""The trainer's “Tình huống lỗi” menu: one switch per fault of :mod:`app.services.faults`.

The switches live in the services (``services.faults``), on the portal client's transport;
this menu only turns them on and off and says in the status bar what the room will see.
Turning the network back on asks for a sync at once, so the held dossier goes out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

#: switch → (menu text, what the status bar says when it is turned on, … and off)
SWITCH_TEXT = {
    "network_down": ("Mất mạng",
                     "Đã ngắt mạng (tình huống đào tạo): hồ sơ nộp lúc này nằm chờ trên máy.",
                     "Đã có mạng lại: hồ sơ đang chờ được gửi đi."),
    "late_sms": ("Tin nhắn SMS đến chậm",
                 "Tin nhắn SMS (mã OTP) sẽ đến điện thoại mô phỏng chậm 60 giây.",
                 "Tin nhắn SMS đến ngay như thường."),
    "refuse": ("Cổng từ chối hồ sơ",
               "Hồ sơ gửi đi lúc này sẽ bị cổng từ chối (tình huống đào tạo).",
               "Cổng nhận hồ sơ như thường."),
    "supplement": ("Cán bộ yêu cầu bổ sung",
                   "Hồ sơ gửi đi lúc này sẽ được cán bộ mẫu yêu cầu bổ sung.",
                   "Cán bộ mẫu không yêu cầu bổ sung nữa."),
}


class FaultMenu(QObject):
    """The menu's actions; disabled until the services (and their switches) are there."""

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window
        self.faults: Any = None
        self.menu = window.menuBar().addMenu("Tình &huống lỗi")
        self.menu.setObjectName("faultMenu")
        self.actions_: dict[str, QAction] = {}
        for name, (text, _, _) in SWITCH_TEXT.items():
            action = QAction(text, window)
            action.setCheckable(True)
            action.setEnabled(False)
            action.toggled.connect(lambda on, name=name: self.switch(name, on))
            self.menu.addAction(action)
            self.actions_[name] = action

    def set_faults(self, faults: Any) -> None:
        self.faults = faults
        for name, action in self.actions_.items():
            action.setChecked(bool(getattr(faults, name)))
            action.setEnabled(True)

    def switch(self, name: str, on: bool) -> None:
        if self.faults is None:
            return
        self.faults.set(name, on)
        self.window.statusBar().showMessage(SWITCH_TEXT[name][1 if on else 2], 10_000)
        if name == "network_down" and not on:
            self.window.sync_requested.emit()


__all__ = ["SWITCH_TEXT", "FaultMenu"]
