"""The list workspace reads and acts only through its two seams, and only on the task runner:
nothing durable (a commit, a blob read) happens on the GUI thread."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.records import (
    DossierFacts,
    DossierRow,
    ListSnapshot,
    OutboxInfo,
    SupplementSource,
)
from app.views.dossiers.dossier_list import DossierListView, DossierTableModel
from app.views.dossiers.workspace import DossiersWorkspace, WithdrawDialog
from app.workers.tasks import ImmediateTaskRunner
from dvc_core.rules import FieldError, ValidationFailed


class RecordingRunner(ImmediateTaskRunner):
    """Runs tasks in line, knowing when it is inside one (where a worker thread would be)."""

    inside = False

    def run(self, fn, on_done=None, on_error=None):
        def task():
            self.inside = True
            try:
                return fn()
            finally:
                self.inside = False

        super().run(task, on_done, on_error)


class FakeDossiers:
    """A DossierReader and DossierCommands that notes where each call was made."""

    def __init__(self, runner: RecordingRunner):
        self.runner = runner
        self.calls: list[tuple[str, bool]] = []
        self.withdrawn = False
        self.refuse = False

    def _note(self, name: str) -> None:
        self.calls.append((name, self.runner.inside))

    def snapshot(self) -> ListSnapshot:
        self._note("snapshot")
        row = DossierRow(id="d1", local_ref="K7QM-3XPD", procedure="Đăng ký khai sinh",
                         applicant="Lê Thị Hoa", state="submitted", state_text="Đã gửi lên cổng",
                         code="H56-261204-0001", status=1, status_text="Mới đăng ký",
                         updated=dt.datetime(2026, 12, 4, tzinfo=dt.UTC), version=4)
        return ListSnapshot([row], 0, None)

    def details(self, dossier_id: str) -> DossierFacts:
        self._note("details")
        outbox = OutboxInfo("action", "pending", 0, None, None, "withdraw") if self.withdrawn \
            else OutboxInfo("submit", "attention", 8, None, "x", None)
        return DossierFacts(
            id=dossier_id, local_ref="K7QM-3XPD", procedure_code="1.001193",
            procedure_name="Đăng ký khai sinh", applicant_name="Lê Thị Hoa", state="submitted",
            state_text="Đã gửi lên cổng", code="H56-261204-0001", status=1,
            status_text="Mới đăng ký", status_note=None, due_at=None, portal_version=4,
            last_error=None, outbox=outbox)

    def retry(self, dossier_id: str) -> bool:
        self._note("retry")
        return True

    def withdraw(self, dossier_id: str, note: str | None) -> None:
        self._note(f"withdraw:{note}")
        self.withdrawn = True

    def officer_action(self, dossier_id, action, expected_version, note=None) -> None:
        self._note(f"{action}@{expected_version}")
        if self.refuse:
            raise ValidationFailed([FieldError("action", "Thao tác", "choice", {"choices": "x"})])

    def supplement(self, dossier_id: str) -> SupplementSource:
        self._note("supplement")
        return SupplementSource(dossier=object(), note="Thiếu giấy ủy quyền")


@pytest.fixture
def workspace(qtbot):
    runner = RecordingRunner()
    port = FakeDossiers(runner)
    view = DossierListView(DossierTableModel())
    qtbot.addWidget(view)
    view.show()
    ws = DossiersWorkspace(view, port, port, runner, actions=("receive",))
    return ws, port


def test_every_read_and_act_runs_on_the_task_runner(workspace, qtbot, monkeypatch):
    ws, port = workspace
    with qtbot.waitSignal(ws.loaded) as loaded:
        ws.refresh()
    assert loaded.args == [1, 0] and ws.model.rowCount() == 1
    ws.view.select_id("d1")
    details = ws.view.details
    assert details.retry_button.isVisible() and details.receive_button.isVisible()

    with qtbot.waitSignal(ws.sync_requested):
        details.retry_button.click()
    with qtbot.waitSignal(ws.sync_requested):
        details.receive_button.click()
    monkeypatch.setattr(WithdrawDialog, "ask", classmethod(lambda cls, parent: "Không làm nữa"))
    with qtbot.waitSignal(ws.sync_requested):
        details.withdraw_button.click()
    assert not details.withdraw_button.isVisible()  # the pane was read again: it waits
    with qtbot.waitSignal(ws.supplement_ready) as ready:
        ws.on_supplement_requested("d1")
    assert ready.args[0].note == "Thiếu giấy ủy quyền"

    names = [name for name, _inside in port.calls]
    for expected in ("snapshot", "details", "retry", "receive@4", "withdraw:Không làm nữa",
                     "supplement"):
        assert expected in names
    assert [name for name, inside in port.calls if not inside] == []


def test_a_cancelled_withdrawal_queues_nothing(workspace, qtbot, monkeypatch):
    ws, port = workspace
    ws.refresh()
    ws.view.select_id("d1")
    monkeypatch.setattr(WithdrawDialog, "ask", classmethod(lambda cls, parent: None))
    with qtbot.assertNotEmitted(ws.sync_requested):
        ws.view.details.withdraw_button.click()
    assert not any(name.startswith("withdraw") for name, _ in port.calls)


def test_a_refused_act_is_said_and_the_button_given_back(workspace, qtbot):
    ws, port = workspace
    ws.refresh()
    ws.view.select_id("d1")
    port.refuse = True
    button = ws.view.details.receive_button
    with qtbot.assertNotEmitted(ws.sync_requested), qtbot.waitSignal(ws.message) as said:
        button.click()
    assert "Thao tác" in said.args[0] and button.isEnabled()


def test_receive_is_not_offered_where_the_mode_or_session_does_not(qtbot):
    runner = RecordingRunner()
    port = FakeDossiers(runner)
    view = DossierListView(DossierTableModel())
    qtbot.addWidget(view)
    view.show()
    ws = DossiersWorkspace(view, port, port, runner, actions=())
    ws.refresh()
    view.select_id("d1")
    assert view.details.title.text().startswith("K7QM-3XPD")
    assert not view.details.receive_button.isVisible()
    with qtbot.assertNotEmitted(ws.sync_requested):
        ws.on_receive_requested("d1", 4)
    assert not any(name.startswith("receive") for name, _ in port.calls)
