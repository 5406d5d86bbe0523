"""The frame both wizards are built in: step rail, caption, banners, page stack, Back/Next.

A wizard declares its pages as a sequence (:meth:`WizardFrame.set_pages`); the frame shows
them, runs each page's ``initialize`` when it is shown and ``validate`` → ``commit`` when the
person continues, then an optional action declared for that page id (a portal call, queueing)
that may hold the wizard on the page until its answer comes. Something new — a consent page,
a guide panel keyed by page id (:attr:`WizardFrame.page_shown`), a watermark over the page
area (:meth:`WizardFrame.set_overlay`) — plugs in without touching a dispatch chain.

The rail and the caption count the same steps: pages with ``is_step`` (a confirmation page is
not one), plus the titles of steps not built yet (``upcoming``). A step already reached is a
link to its page (:meth:`WizardFrame.go_to_step`); one not reached yet is not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.views.common.wizard_page import WizardPage

# An action run after a page is committed: False keeps the wizard on the page (its answer,
# when it comes, moves the wizard on with show_page).
PageAction = Callable[[], bool | None]

class StepLabel(QLabel):
    """One step of the rail; a step already reached is a link back (or on) to its page.

    Signals:
        clicked(): the person clicked the step while it is a link.
    """

    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setObjectName("step")
        self.setWordWrap(True)
        self.link = False

    def set_link(self, link: bool) -> None:
        from PySide6.QtCore import Qt

        self.link = link
        self.setProperty("link", link)
        if link:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().mouseReleaseEvent(event)
        if self.link and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()


class StepRail(QFrame):
    """The list of steps beside the page, the current one marked; the steps already reached
    are links to their pages.

    Signals:
        step_clicked(int): the person clicked the step at this position (0 is the first).
    """

    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stepRail")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 20, 16, 20)
        self._layout.setSpacing(4)
        self._labels: list[StepLabel] = []
        self._titles: list[str] = []
        self.setFixedWidth(230)

    def set_steps(self, titles: list[str]) -> None:
        if titles == self._titles:
            return
        self._titles = list(titles)
        for label in self._labels:
            label.hide()
            label.deleteLater()
        self._labels = []
        while self._layout.count():
            self._layout.takeAt(0)
        for number, title in enumerate(titles, start=1):
            label = StepLabel(f"{number}.  {title}", self)
            label.clicked.connect(lambda n=number - 1: self.step_clicked.emit(n))
            self._labels.append(label)
            self._layout.addWidget(label)
            label.show()  # now, not when the event loop next runs (a grab would miss it)
        self._layout.addStretch(1)
        self._layout.activate()

    def titles(self) -> list[str]:
        return list(self._titles)

    def labels(self) -> list[StepLabel]:
        return list(self._labels)

    def set_current(self, index: int, links: Sequence[bool] = ()) -> None:
        """Mark the current step; ``links[i]``: step i may be clicked now."""
        for i, label in enumerate(self._labels):
            label.setProperty("state", "current" if i == index else "done" if i < index else "todo")
            label.set_link(i < len(links) and links[i])
            if label.isVisible():  # new labels are polished when first shown
                label.style().unpolish(label)
                label.style().polish(label)


class WizardFrame(QWidget):
    """Rail | caption, banners, the current page, and the navigation bar.

    Signals:
        page_shown(str): a page was shown (its ``page_id``).
        index_changed(int): the index of the page shown.
        step_chosen(int): the person clicked a step of the rail that may be gone to (the index
            of its page), before the wizard goes there.
    """

    page_shown = Signal(str)
    index_changed = Signal(int)
    step_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("wizardFrame")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.rail = StepRail(self)
        self.rail.step_clicked.connect(self.go_to_step)
        outer.addWidget(self.rail)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        outer.addLayout(column, 1)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepCaption")
        column.addWidget(self.step_label)
        self.banners = QVBoxLayout()
        self.banners.setContentsMargins(0, 0, 0, 0)
        self.banners.setSpacing(0)
        column.addLayout(self.banners)
        self.stack = QStackedWidget(self)
        column.addWidget(self.stack, 1)
        self.overlay: QWidget | None = None

        self.nav = QFrame(self)
        self.nav.setObjectName("navBar")
        self.nav_layout = QHBoxLayout(self.nav)
        self.nav_layout.setContentsMargins(32, 10, 32, 12)
        self.back_button = QPushButton(self.tr("‹ Back"), self.nav)
        self.back_button.setObjectName("secondaryButton")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("Continue"), self.nav)
        self.next_button.setObjectName("primaryButton")
        self.next_button.clicked.connect(self.go_next)
        self.nav_layout.addWidget(self.back_button)
        self._left_end = 1  # where buttons beside Back go
        self.nav_layout.addStretch(1)
        self.nav_layout.addWidget(self.next_button)
        column.addWidget(self.nav)

        self.pages: list[WizardPage] = []
        self.upcoming: list[str] = []
        self.actions: dict[str, PageAction] = {}
        self.route: Callable[[WizardPage], int] | None = None
        self._visited: set[int] = set()  # id() of the pages reached (and those before them)

    # ----------------------------------------------------------------------------- parts
    def add_banner(self, name: str) -> QLabel:
        """A line of text above the pages (hidden until given text), e.g. a supplement note;
        ``name`` is its object name, which the style sheet styles."""
        banner = QLabel(self)
        banner.setObjectName(name)
        banner.setWordWrap(True)
        banner.hide()
        self.banners.addWidget(banner)
        return banner

    def add_button(self, text: str, name: str, slot: Callable[[], object], *,
                   beside_back: bool = False) -> QPushButton:
        """A navigation button, beside Back or just before Continue."""
        button = QPushButton(text, self.nav)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self.add_nav_widget(button, beside_back=beside_back)
        return button

    def add_nav_widget(self, widget: QWidget, *, beside_back: bool = False) -> None:
        if beside_back:
            self.nav_layout.insertWidget(self._left_end, widget)
            self._left_end += 1
        else:
            self.nav_layout.insertWidget(self.nav_layout.indexOf(self.next_button), widget)

    def set_overlay(self, widget: QWidget) -> None:
        """A widget drawn over the page area (a watermark); it lets the mouse through."""
        from PySide6.QtCore import Qt

        self.overlay = widget
        widget.setParent(self.stack)
        widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        widget.resize(self.stack.size())
        widget.raise_()
        widget.show()

    # ----------------------------------------------------------------------------- pages
    def set_pages(self, pages: Sequence[WizardPage], *, upcoming: Sequence[str] = (),
                  actions: Mapping[str, PageAction] | None = None) -> None:
        """The wizard's pages, in order; pages no longer in the sequence are deleted."""
        keep = set(map(id, pages))
        self._visited &= keep
        for page in self.pages:
            if id(page) not in keep:
                self.stack.removeWidget(page)
                page.deleteLater()
        for page in pages:
            if self.stack.indexOf(page) < 0:
                self.stack.addWidget(page)
        self.pages = list(pages)
        for position, page in enumerate(self.pages):  # stack order follows the sequence
            if self.stack.indexOf(page) != position:
                self.stack.removeWidget(page)
                self.stack.insertWidget(position, page)
        self.upcoming = list(upcoming)
        if actions is not None:
            self.actions = dict(actions)

    @property
    def index(self) -> int:
        return self.stack.currentIndex()

    def current_page(self) -> WizardPage:
        return self.pages[self.index]

    def page(self, page_id: str) -> WizardPage:
        return next(p for p in self.pages if p.page_id == page_id)

    def index_of(self, target: int | str | WizardPage) -> int:
        if isinstance(target, int):
            return target
        if isinstance(target, str):
            target = self.page(target)
        return self.pages.index(target)

    def steps(self) -> list[str]:
        """The step titles the rail lists and the caption counts."""
        return [p.step_title for p in self.pages if p.is_step] + self.upcoming

    def step_pages(self) -> list[int]:
        """The index of the page of each step the rail lists (steps not built yet have none)."""
        return [i for i, p in enumerate(self.pages) if p.is_step]

    def can_go_to(self, target: int) -> bool:
        """Whether the rail's step of page ``target`` may be clicked now: a step page reached
        before, from a step page, on a way Back or Continue could take — back past no page
        that refuses Back, on past no page whose action (a portal call) would be skipped."""
        if not 0 <= target < len(self.pages) or target == self.index:
            return False
        page, goal = self.current_page(), self.pages[target]
        if not (page.is_step and goal.is_step and id(goal) in self._visited):
            return False
        if target < self.index:
            return all(p.allows_back for p in self.pages[target + 1:self.index + 1])
        return not any(p.page_id in self.actions for p in self.pages[self.index + 1:target])

    def go_to_step(self, number: int) -> bool:
        """The person clicked step ``number`` of the rail: go to its page if it was reached
        before. Back keeps what was typed (as Back does); on checks and commits this page and
        runs its action first (as Continue does). Returns whether the wizard went."""
        steps = self.step_pages()
        if not 0 <= number < len(steps) or not self.can_go_to(steps[number]):
            return False
        target, page = steps[number], self.current_page()
        if target < self.index:
            if not self.back_button.isEnabled():
                return False  # busy: Back is refused too
            self.step_chosen.emit(target)
            page.keep()
            self.show_page(target)
            return True
        if not (self.next_button.isEnabled() and self.next_button.isVisibleTo(self)):
            return False
        goal = self.pages[target]
        self.step_chosen.emit(target)
        if not page.validate():
            return False
        page.commit()
        action = self.actions.get(page.page_id)
        if action is not None and action() is False:
            return False  # the action's answer moves the wizard on
        # The action may have rebuilt the pages after this one (another procedure chosen).
        self.show_page(self.pages.index(goal) if goal in self.pages else self.index + 1)
        return True

    def show_page(self, target: int | str | WizardPage) -> None:
        index = self.index_of(target)
        page = self.pages[index]
        page.initialize()
        self.stack.setCurrentIndex(index)
        self._visited.update(id(p) for p in self.pages[:index + 1])
        steps = self.steps()
        self.rail.set_steps(steps)
        if page.is_step:
            number = sum(1 for p in self.pages[:index] if p.is_step)
            self.rail.set_current(number, [self.can_go_to(i) for i in self.step_pages()])
            self.step_label.setText(self.tr("Step {0} of {1}").format(number + 1, len(steps)))
        else:
            self.rail.set_current(len(steps))  # every step done
            self.step_label.setText(self.tr("Done"))
        self.back_button.setVisible(index > 0 and page.is_step and page.allows_back)
        self.next_button.setText(page.next_label or self.tr("Continue"))
        focus = page.first_focus()
        if focus is not None:
            focus.setFocus()
        bar = page.scroll.verticalScrollBar()
        if bar.value():
            bar.setValue(0)
        self.index_changed.emit(index)
        self.page_shown.emit(page.page_id)

    # ----------------------------------------------------------------------------- navigation
    def go_next(self) -> None:
        """Validate and commit the page, run its action, then show the next page."""
        if not self.pages:
            return
        page = self.current_page()
        if not page.validate():
            return
        page.commit()
        action = self.actions.get(page.page_id)
        if action is not None and action() is False:
            return  # the action's answer moves the wizard on
        target = self.route(page) if self.route is not None else self.index + 1
        if 0 <= target < len(self.pages):
            self.show_page(target)

    def go_back(self) -> None:
        """One page back; what was typed on the page is kept."""
        if not self.pages or self.index == 0:
            return
        page = self.current_page()
        if not page.is_step or not page.allows_back:
            return
        page.keep()
        self.show_page(self.index - 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        if self.overlay is not None:
            self.overlay.resize(self.stack.size())


__all__ = ["PageAction", "StepLabel", "StepRail", "WizardFrame"]
