"""The detail pane's slips and the fee dialog: the VietQR on screen read back by zbar and equal
to the kernel's payload, nothing chosen for the officer, the slips saved from the pane and read
back, and the payment recorded through the outbox and the real portal on loopback (6 → 4)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import unicodedata

import pytest

from app.config import load_settings, save_settings
from app.services.fee_payment import fee_due
from dvc_core.catalog import default_catalog
from dvc_core.vntime import vn_today
from tests.gui import test_officer_actions as desk_tests
from tests.gui.test_officer_actions import _citizen_files, _desk, _open, _sync

# The desk's fixtures: a real portal, services per data folder, the dialogs answered.
portal, make_services, answers = desk_tests.portal, desk_tests.make_services, desk_tests.answers

ACCOUNT = {"payment_bin": "970436", "payment_account": "0071000123456",
           "payment_account_name": "UBND XA THUC HANH", "payment_bank": "Vietcombank"}
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools missing")


def zbar(png) -> list[str]:
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


@needs_zbar
def test_the_fee_dialog_shows_a_scannable_vietqr_and_chooses_nothing(qtbot, tmp_path):
    from app.views.officer.office_print import FeeDialog

    procedure = default_catalog().get("1.001193")
    code = "000.99.99.H56-261207-0003"
    due = fee_due(procedure, {}, code, ACCOUNT)
    dialog = FeeDialog(None, code, due)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.qr is not None and dialog.qr.payload == due.payload
    shot = tmp_path / "qr.png"
    assert dialog.qr.grab().save(str(shot))
    assert zbar(shot) == [due.payload]
    assert dialog.grab().save(str(tmp_path / "fee-dialog.png"))
    # Nothing chosen beforehand; Enter takes "Hủy".
    assert dialog.way is None and not dialog.confirm_button.isEnabled()
    assert dialog.cancel_button.isDefault() and not dialog.confirm_button.isDefault()
    dialog.way_buttons["online"].click()
    dialog.note.setText("FT2634112345")
    assert dialog.confirm_button.isEnabled() and dialog.answer() == ("online", "FT2634112345")
    # No account set: no code, and the officer is told which settings are missing.
    bare = FeeDialog(None, code, fee_due(procedure, {}, code, {}))
    qtbot.addWidget(bare)
    assert bare.qr is None
    from PySide6.QtWidgets import QLabel

    problem = bare.findChild(QLabel, "fieldError")
    assert problem is not None and "payment_bin" in problem.text()


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(unicodedata.normalize("NFC", out).split())


def test_slips_printed_and_the_fee_recorded_from_the_pane(qtbot, portal, make_services,
                                                          tmp_path, answers, monkeypatch):
    from app.views.officer import office_print

    citizen, (dossier_id,) = _citizen_files(portal, make_services, tmp_path)
    window, services = _desk(qtbot, portal, make_services)
    save_settings(services.config.data_dir, {**load_settings(services.config.data_dir),
                                             **ACCOUNT})
    token = portal.token_for("officer")
    for action in ("receive", "start", "fee_required"):
        version = services.client.get_dossier(dossier_id)["version"]
        reply = portal.http.post(f"{portal.api}/dossiers/{dossier_id}/actions",
                                 json={"action": action, "expected_version": version},
                                 headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert reply.status_code == 200, reply.text
    pane = _open(qtbot, window, "cho_thu_phi", dossier_id)
    printing = window.office_print
    assert printing.button.isVisible()
    assert printing.offered() == ["mau05", "phi"]  # waiting for the applicant: no Mẫu 04
    printing._fill_menu()  # noqa: SLF001 — what the menu lists
    assert [a.text() for a in printing.menu.actions()] == [
        office_print.FORM_LABELS[f] for f in ("mau05", "phi")]

    opened, target = [], tmp_path / "phieu-kiem-soat.pdf"
    monkeypatch.setattr(office_print, "save_path", lambda parent, suggested: str(target))
    monkeypatch.setattr(office_print, "open_file", lambda url: opened.append(url) or True)
    with qtbot.waitSignal(printing.saved, timeout=10_000):
        printing.print_form("mau05")
    assert opened and opened[0].toLocalFile() == str(target)
    text = _pdf_text(target)
    code = services.client.get_dossier(dossier_id)["code"]
    for expected in ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", f"Mã hồ sơ: {code}",
                     "Tiếp nhận hồ sơ", "Bắt đầu xử lý", "Yêu cầu thực hiện nghĩa vụ tài chính",
                     "Nguyễn Văn Cán Bộ"):
        assert expected in text, expected
    fields = services.client.get_dossier(dossier_id)["fields"]
    procedure = default_catalog().get("1.001193")
    kernel = fee_due(procedure, fields, code, ACCOUNT, vn_today())
    assert kernel.total_vnd > 0 and kernel.payload  # filed late: the fee is owed, level 4
    assert f"Phí, lệ phí: {kernel.label}" in text

    # "Ghi nhận đã nộp phí": the dialog gets the kernel's fee and VietQR; the payment is
    # queued through the outbox with how it was paid, and the portal moves it 6 → 4.
    seen = []

    def ask(parent, shown_code, due, notice):
        seen.append((shown_code, due))
        return ("online", "FT2634112345")

    monkeypatch.setattr(office_print.OfficePrint, "ask_fee", staticmethod(ask))
    with qtbot.waitSignal(printing.fee_queued, timeout=10_000):
        pane.action_buttons["fee_paid"].click()
    assert seen and seen[0][0] == code
    assert seen[0][1].payload == kernel.payload and seen[0][1].total_vnd == kernel.total_vnd
    assert window.focusWidget() not in pane.action_buttons.values()
    _sync(window, services)
    remote = services.client.get_dossier(dossier_id)
    assert remote["status"] == 4
    assert remote["history"][-1]["payment"] == "online"
    assert remote["history"][-1]["note"] == "FT2634112345"
    assert window.grab().save(str(tmp_path / "fee-recorded.png"))

    # Mẫu 06 from the worklists: the register of this month's receipts, as CSV.
    register_csv = tmp_path / "so-theo-doi.csv"
    monkeypatch.setattr(office_print, "save_path",
                        lambda parent, suggested, kinds="": str(register_csv))
    assert printing.register_button.isVisible()
    with qtbot.waitSignal(printing.saved, timeout=20_000):
        printing.register_button.click()
    with register_csv.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["TT", "Mã hồ sơ"] and [r[1] for r in rows[1:]] == [code]
    assert rows[1][10] == "Đang xử lý" and rows[1][11] == f"{kernel.total_vnd:,}".replace(",", ".")
    assert pane.action_buttons["finish"].isVisible() or pane.detail.status == 4
