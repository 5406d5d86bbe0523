"""The “Bài tập” menu: each exercise of ``resources/training/exercises.json`` opens a small
window with its goal and a “Kiểm tra” button that tells the participant whether the goal is
reached (:class:`~app.services.exercises.ExerciseChecker`, run off the GUI thread)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.exercises import Exercise, ExerciseChecker, Outcome, load


class ExerciseWindow(QDialog):
    """One exercise: its goal, and the answer of its check.

    Signals:
        checked(object): the check answered (an :class:`Outcome`).
    """

    checked = Signal(object)

    def __init__(self, exercise: Exercise, checker: ExerciseChecker, tasks: Any, *,
                 lang: str = "vi", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exerciseWindow")
        self.setWindowTitle(exercise.text("title", lang))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.exercise, self.checker, self.tasks, self.lang = exercise, checker, tasks, lang
        layout = QVBoxLayout(self)
        title = QLabel(exercise.text("title", lang), self)
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        goal = QLabel(exercise.text("goal", lang), self)
        goal.setObjectName("pageLead")
        goal.setWordWrap(True)
        layout.addWidget(goal)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.check_button = QPushButton("Kiểm tra" if lang != "en" else "Check", self)
        self.check_button.setObjectName("primaryButton")
        self.check_button.clicked.connect(self.run_check)
        layout.addWidget(self.check_button)
        self.resize(520, 300)
        self.outcome: Outcome | None = None
        checker.start(exercise)

    def run_check(self) -> None:
        self.check_button.setEnabled(False)
        self.tasks.run(lambda: self.checker.check(self.exercise, self.lang), self._answered,
                       self._failed)

    def _answered(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.check_button.setEnabled(True)
        colour = "#2e6b00" if outcome.reached else "#5d4200"
        mark = "✔ " if outcome.reached else ""
        self.result.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.result.setText(mark + outcome.message)
        self.checked.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._answered(Outcome(False, f"Không kiểm tra được: {exc}"))


class ExerciseMenu(QObject):
    """The menu; its actions work once the services are there."""

    def __init__(self, window: Any, *, lang: str = "vi"):
        super().__init__(window)
        self.window, self.lang = window, lang
        self.exercises = load()
        self.checker: ExerciseChecker | None = None
        self.open_windows: dict[str, ExerciseWindow] = {}
        self.menu = window.menuBar().addMenu("&Bài tập" if lang != "en" else "&Exercises")
        self.actions_: dict[str, QAction] = {}
        for exercise in self.exercises:
            action = QAction(exercise.text("title", lang), window)
            action.setEnabled(False)
            action.triggered.connect(lambda _c=False, e=exercise: self.open(e.id))
            self.menu.addAction(action)
            self.actions_[exercise.id] = action

    def set_services(self, services: Any) -> None:
        from app.services.portal_client import PortalClient

        def login(username: str, password: str) -> Any:
            client = PortalClient(services.server_url())  # its own session, not the desk's
            answer = client.login(username, password)
            token = answer.get("token")
            PortalClient(client.base_url, token=lambda: token).logout()
            return answer

        self.checker = ExerciseChecker(services.queue, login)
        for action in self.actions_.values():
            action.setEnabled(True)

    def open(self, exercise_id: str) -> ExerciseWindow | None:
        if self.checker is None:
            return None
        exercise = next(e for e in self.exercises if e.id == exercise_id)
        window = ExerciseWindow(exercise, self.checker, self.window.tasks, lang=self.lang,
                                parent=self.window)
        self.open_windows[exercise_id] = window
        window.show()
        return window


__all__ = ["ExerciseMenu", "ExerciseWindow"]
