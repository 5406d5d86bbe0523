"""Write a PNG of every account screen: the header buttons, each sign-up page (with its error
states), the sign-in dialog, “Quên mật khẩu” and the expired-session prompt.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/account_screenshots.py OUT_DIR [--lang vi|en]

Runs against a throw-away embedded sandbox portal, so the OTP page shows a real masked number
and the refusals are the portal's own. Look at the pictures.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    import keyring
    import requests
    from PySide6.QtWidgets import QApplication

    from app.application import install_translator
    from app.config import resolve
    from app.services.context import Services
    from app.views.common.theme import apply_theme
    from app.views.shell.main_window import MainWindow
    from app.workers.tasks import ImmediateTaskRunner
    from dvc_core.catalog import default_catalog
    from tests.helpers.keyring_backend import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the machine's real secret store
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    work = Path(tempfile.mkdtemp(prefix="dvc-account-shots-"))
    install_translator(app, args.lang, work / "i18n")
    services = Services(resolve(work / "data", None, "desk", args.lang))
    url = services.server_url()
    tasks = ImmediateTaskRunner()
    window = MainWindow(default_catalog(), lang=args.lang, tasks=tasks)
    window.resize(1280, 800)
    window.show()
    window.set_services(services)
    count = [0]

    def shot(widget, name: str) -> None:
        app.processEvents()
        count[0] += 1
        path = args.out / f"{count[0]:02d}_{name}.png"
        widget.grab().save(str(path))
        print(path)

    def last_otp(phone: str) -> str:
        messages = requests.get(url + "/api/v1/sandbox/messages", timeout=10).json()
        return re.search(r"\b(\d{6})\b", [m["body"] for m in messages if m["to"] == phone][-1])[1]

    shot(window, "header_signed_out")
    window.account_controller.on_register()
    wizard = window.account_controller.wizard
    shot(wizard, "type")
    wizard.go_next()
    shot(wizard, "method")
    wizard.go_next()
    rows = wizard.details_page.rows
    rows["id_number"].set_value("0380901")
    wizard.details_page.on_left("id_number")
    shot(wizard, "details_typing")
    wizard.go_next()
    shot(wizard, "details_errors")
    for key, value in {"id_number": "038195012345", "full_name": "Lê Thị Hoa",
                       "birth_date": "12/04/1995", "sex": "nu", "phone": "0977000111"}.items():
        rows[key].set_value(value)
    wizard.go_next()
    shot(wizard, "address")
    wizard.go_next()  # the portal: this ID number already has an account
    shot(wizard, "details_duplicate_id")
    rows["id_number"].set_value("038195099999")
    wizard.go_next()
    wizard.go_next()
    shot(wizard, "otp")
    wizard.otp_page.box.edit.setText("000000" if last_otp("0977000111") != "000000" else "111111")
    wizard.go_next()
    shot(wizard, "otp_wrong")
    wizard.otp_page.box.edit.setText(last_otp("0977000111"))
    wizard.go_next()
    wizard.password_page.password.edit.setText("hoa2026")
    shot(wizard, "password_typing")
    wizard.go_next()
    shot(wizard, "password_errors")
    wizard.password_page.password.edit.setText("Hoa@2026x")
    wizard.password_page.password.toggle.setChecked(True)
    wizard.password_page.confirmation.edit.setText("Hoa@2026x")
    shot(wizard, "password_ok_shown")
    wizard.go_next()
    shot(wizard, "done")
    wizard.close()
    shot(window, "header_signed_in")

    window.account_controller.on_sign_out()
    shot(window, "header_signed_out_again")
    dialog = window.account_controller.on_sign_in()
    shot(dialog, "sign_in")
    dialog.username.setText("0912345678")
    dialog.password.edit.setText("Sai@2026x")
    dialog.on_sign_in()
    shot(dialog, "sign_in_refused")
    dialog.on_forgot()
    shot(dialog, "forgot")
    dialog.on_send_code()
    shot(dialog, "forgot_code_sent")
    dialog.close()
    window.account_controller.prompt_sign_in()
    shot(window.account_controller.sign_in_dialog, "expired_prompt")
    window.account_controller.sign_in_dialog.close()
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
