"""The shared wizard frame: pages declared as a sequence, each initialized, validated and
committed; a page (a consent step, say) plugs in without touching the wizards' code."""

from __future__ import annotations

import re
from types import SimpleNamespace

from PySide6.QtWidgets import QLabel

from app.views.common.wizard_frame import WizardFrame
from app.views.common.wizard_page import WizardPage


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


class Page(WizardPage):
    def __init__(self, page_id, log, *, valid=True, is_step=True):
        super().__init__(page_id.title(), page_id=page_id)
        self.log, self.valid, self.is_step = log, valid, is_step

    def initialize(self):
        self.log.append(("initialize", self.page_id))

    def validate(self):
        self.log.append(("validate", self.page_id))
        return self.valid

    def commit(self):
        self.log.append(("commit", self.page_id))


def test_pages_run_in_order_with_actions_and_a_consent_page_plugged_in(qtbot):
    log: list[tuple[str, str]] = []
    frame = WizardFrame()
    qtbot.addWidget(frame)
    consent = Page("consent", log, valid=False)
    pages = [Page("type", log), consent, Page("details", log), Page("done", log, is_step=False)]
    held = []
    frame.set_pages(pages, actions={"details": lambda: held.append("sent") or False})
    shown = []
    frame.page_shown.connect(shown.append)
    frame.show_page(0)
    assert frame.rail.titles() == ["Type", "Consent", "Details"]  # "done" is not a step
    assert _numbers(frame.step_label.text()) == [1, 3]

    frame.go_next()
    assert frame.current_page() is consent and shown == ["type", "consent"]
    frame.go_next()  # not accepted yet: the wizard stays, nothing is committed
    assert frame.current_page() is consent and ("commit", "consent") not in log
    consent.valid = True
    frame.go_next()
    frame.go_next()  # the action holds the wizard on the page until its answer
    assert held == ["sent"] and frame.current_page().page_id == "details"
    assert log[-2:] == [("validate", "details"), ("commit", "details")]
    frame.show_page("done")
    assert not frame.back_button.isVisibleTo(frame) and shown[-1] == "done"


def test_a_watermark_lies_over_the_pages_and_lets_clicks_through(qtbot):
    frame = WizardFrame()
    qtbot.addWidget(frame)
    frame.set_pages([Page("one", [])])
    frame.resize(800, 600)
    frame.show()
    mark = QLabel("MÔI TRƯỜNG ĐÀO TẠO")
    frame.set_overlay(mark)
    frame.resize(900, 650)
    qtbot.waitUntil(lambda: mark.size() == frame.stack.size())
    assert mark.isVisible() and mark.parent() is frame.stack


def test_both_wizards_count_the_steps_they_list(qtbot, services):
    """The caption's "of n" is the number of steps in the rail, in each wizard; the last page
    (saved, done) is not a step."""
    from app.views.accounts.account_wizard import AccountWizard
    from app.views.filing.wizard import DossierWizard
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog

    wizard = DossierWizard(default_catalog(), services, tasks=ImmediateTaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    assert _numbers(wizard.step_label.text()) == [1, len(wizard.rail.titles())] == [1, 4]
    wizard.procedure_page.search.setText("1.001193")
    wizard.procedure_page.select_code("1.001193")
    wizard.go_next()
    steps = wizard.rail.titles()
    assert _numbers(wizard.step_label.text()) == [2, len(steps)]
    assert len(steps) == len(wizard.pages) - 1 and steps[-1] == wizard.review_page.step_title

    accounts = SimpleNamespace(resend_wait=lambda: 0, registration=None)
    signup = AccountWizard(accounts, ImmediateTaskRunner())
    qtbot.addWidget(signup)
    assert _numbers(signup.step_label.text()) == [1, len(signup.rail.titles())] == [1, 6]
    signup.type_page.set_value("cong_dan")
    signup.go_next()
    assert _numbers(signup.step_label.text()) == [2, 6]
    signup._show(signup.done_page)
    assert not _numbers(signup.step_label.text()) and len(signup.rail.titles()) == 6
