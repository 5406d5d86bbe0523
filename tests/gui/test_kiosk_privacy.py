"""At a kiosk, a citizen never sees the dossiers of the people before them: the kiosk's window
has no list of them at all — none built, none filled, the queue's listing never read."""

from __future__ import annotations

import pytest

from app.services.sync_report import SyncReport
from dvc_core.catalog import default_catalog


@pytest.fixture
def earlier_citizen(services, tmp_path):
    from app.services.queue import AttachmentSource

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    ex = default_catalog().get("1.001193").example
    services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", pdf), AttachmentSource("giay_chung_sinh", pdf)], mode="kiosk")
    return ex["applicant"]["full_name"]


def _read_listing(services, monkeypatch) -> list[str]:
    """Record every read of the queue's list of dossiers."""
    reads: list[str] = []
    for name in ("listing", "list"):
        original = getattr(services.queue, name)
        monkeypatch.setattr(services.queue, name,
                            lambda *a, _o=original, _n=name, **k: reads.append(_n) or _o(*a, **k))
    return reads


def _window(qtbot, services, mode: str):
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner

    win = MainWindow(default_catalog(), mode=mode, tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.show()
    win.set_services(services)
    return win


def test_kiosk_window_has_no_list_of_earlier_dossiers(qtbot, services, earlier_citizen,
                                                      monkeypatch):
    from app.views.dossiers.dossier_list import DossierListView, DossierTableModel

    reads = _read_listing(services, monkeypatch)
    win = _window(qtbot, services, "kiosk")
    win.refresh_list()
    win.on_sync_finished(SyncReport())
    win.on_show_list()
    assert win.tabs.count() == 1 and not win.tabs.tabBar().isVisible()
    assert win.tabs.currentWidget() is win.wizard
    assert win.list_view is None and win.model is None and win.workspace is None
    assert win.findChildren(DossierListView) == [] and win.findChildren(DossierTableModel) == []
    assert reads == []
    # The header still says how many wait to be sent: a count, not a list.
    assert "1" in win.sync_indicator.pending.text()
    labels = [w.text() for w in win.findChildren(type(win.officer_label))]
    assert not any(earlier_citizen in text for text in labels)


def test_the_desk_builds_and_fills_the_same_list(qtbot, services, earlier_citizen, monkeypatch):
    """The check above can fail: the desk's window, on the same data, has the list."""
    from app.views.dossiers.dossier_list import DossierListView, DossierTableModel

    reads = _read_listing(services, monkeypatch)
    win = _window(qtbot, services, "desk")
    assert len(win.findChildren(DossierListView)) == 1
    assert len(win.findChildren(DossierTableModel)) == 1
    assert reads == ["listing"] and win.model.rowCount() == 1
    assert win.model.row_at(0).applicant == earlier_citizen
