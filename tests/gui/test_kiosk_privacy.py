"""At a kiosk, a citizen never sees the dossiers of the people before them."""

from __future__ import annotations

from dvc_core.catalog import default_catalog


def test_kiosk_window_has_no_list_of_earlier_dossiers(qtbot, services, tmp_path):
    from app.services.queue import AttachmentSource
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    ex = default_catalog().get("1.001193").example
    services.queue.enqueue("1.001193", ex["applicant"], ex["fields"], [
        AttachmentSource("to_khai", pdf), AttachmentSource("giay_chung_sinh", pdf)], mode="kiosk")
    win = MainWindow(default_catalog(), mode="kiosk", tasks=ImmediateTaskRunner())
    qtbot.addWidget(win)
    win.show()
    win.set_services(services)
    win.refresh_list()
    assert win.tabs.count() == 1 and not win.tabs.tabBar().isVisible()
    win.on_show_list()
    assert win.tabs.currentWidget() is win.wizard
    assert not win.list_view.isVisible()
    labels = [w.text() for w in win.findChildren(type(win.officer_label)) if w.isVisible()]
    assert not any("Lê Thị Hoa" in text for text in labels)
