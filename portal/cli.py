"""``dvc-portal``: serve the portal, or administer its database from the command line.

    dvc-portal [--host 127.0.0.1] [--port 8765] [--database URL] [--storage DIR] [--sandbox]
    dvc-portal action --database URL CODE_OR_UUID ACTION [--note TEXT] [--officer USERNAME]
    dvc-portal cleanup --database URL [--storage DIR]
    dvc-portal user add --database URL --username U --password-stdin --role officer|kiosk|admin \\
        --commune UNITCODE --name "…"

Exit status 0 on success, 2 on invalid input, 1 on other failure.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from dvc_core.lifecycle import OFFICER_ROLES, status_text
from dvc_core.rules import nfc, password_error
from portal.settings import (
    PortalSettings,
    SmsGatewaySettings,
    SmtpSettings,
    default_database_url,
)

# The commands import the portal's application, its models and uvicorn (FastAPI, SQLAlchemy,
# alembic: about 1.3 s, measured with ``python -X importtime``) only when they run, so that
# ``dvc-portal --help`` or a mistyped command answers at once.


def _default_storage() -> Path:
    import platformdirs

    return platformdirs.user_data_path("dvc-desk", appauthor=False) / "portal"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dvc-portal", description="Cổng dịch vụ công tham chiếu.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", help="SQLAlchemy URL (mặc định: SQLite trong --storage)")
    parser.add_argument("--storage", type=Path, help="thư mục dữ liệu (tệp đính kèm, CSDL)")
    parser.add_argument("--sandbox", action="store_true",
                        help="môi trường đào tạo: xã và tài khoản mẫu, /sandbox/*")
    parser.add_argument("--workers", type=int, default=1,
                        help="số tiến trình uvicorn (trạng thái nằm trong CSDL nên chạy song song được)")
    parser.add_argument("--default-unit", help="mã đơn vị nhận hồ sơ mặc định")
    parser.add_argument("--max-file-mb", type=int, default=10)
    parser.add_argument("--max-dossier-mb", type=int, default=50)
    parser.add_argument("--upload-quota-mb", type=int, default=200,
                        help="dung lượng tải lên chưa dùng tối đa của một tài khoản (MB)")
    smtp = parser.add_argument_group("e-mail (SMTP)")
    smtp.add_argument("--smtp-host", default=os.environ.get("DVC_PORTAL_SMTP_HOST"))
    smtp.add_argument("--smtp-port", type=int, default=int(os.environ.get("DVC_PORTAL_SMTP_PORT", "25")))
    smtp.add_argument("--smtp-starttls", action="store_true",
                      default=os.environ.get("DVC_PORTAL_SMTP_STARTTLS") == "1")
    smtp.add_argument("--smtp-ca-file", default=os.environ.get("DVC_PORTAL_SMTP_CA_FILE"),
                      help="PEM file of the CA (or self-signed certificate) the SMTP server's "
                           "certificate is verified against (default: the system's CA store)")
    smtp.add_argument("--smtp-user", default=os.environ.get("DVC_PORTAL_SMTP_USER"))
    smtp.add_argument("--smtp-sender", default=os.environ.get("DVC_PORTAL_SMTP_SENDER",
                                                              "dichvucong@localhost"))
    # The SMTP password only comes from the environment, never from argv (visible in `ps`).
    sms = parser.add_argument_group("SMS")
    sms.add_argument("--sms-gateway", metavar="URL", default=os.environ.get("DVC_PORTAL_SMS_GATEWAY"),
                     help="địa chỉ HTTP của cổng gửi SMS (token: biến môi trường DVC_PORTAL_SMS_TOKEN)")
    sms.add_argument("--sms-unaccented", action="store_true",
                     default=os.environ.get("DVC_PORTAL_SMS_UNACCENTED") == "1",
                     help="bỏ dấu tiếng Việt trước khi gửi, khi cổng SMS chỉ nhận bảng mã GSM-7")
    parser.add_argument("--forwarded-allow-ips", metavar="IPS", default="",
                        help="địa chỉ (hoặc mạng, hoặc *) của reverse proxy được tin X-Forwarded-For, "
                             "cách nhau bằng dấu phẩy; mặc định: không tin ai")
    parser.add_argument("--holidays", type=Path, metavar="FILE",
                        default=os.environ.get("DVC_PORTAL_HOLIDAYS"),
                        help="tệp JSON ngày nghỉ lễ (mặc định: portal/data/holidays_vn.json)")

    sub = parser.add_subparsers(dest="command")
    action = sub.add_parser("action", help="áp dụng một thao tác của cán bộ lên hồ sơ")
    # SUPPRESS: a subcommand's own default must not wipe a value given before the subcommand.
    action.add_argument("--database", default=argparse.SUPPRESS)
    action.add_argument("--storage", type=Path, default=argparse.SUPPRESS)
    action.add_argument("ref", metavar="CODE_OR_UUID")
    action.add_argument("action", metavar="ACTION")
    action.add_argument("--note")
    action.add_argument("--officer", metavar="USERNAME")

    clean = sub.add_parser("cleanup", help="xóa phiên hết hạn, tệp tải dở bị bỏ, tin nhắn cũ")
    clean.add_argument("--database", default=argparse.SUPPRESS)
    clean.add_argument("--storage", type=Path, default=argparse.SUPPRESS)
    clean.add_argument("--sandbox", action="store_true", default=argparse.SUPPRESS)

    user = sub.add_parser("user", help="quản lý tài khoản cán bộ, ki-ốt, quản trị")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add")
    add.add_argument("--database", default=argparse.SUPPRESS)
    add.add_argument("--storage", type=Path, default=argparse.SUPPRESS)
    add.add_argument("--username", required=True)
    add.add_argument("--password-stdin", action="store_true", required=True)
    add.add_argument("--role", choices=("officer", "kiosk", "admin"), required=True)
    add.add_argument("--commune", required=True, metavar="UNITCODE")
    add.add_argument("--commune-name", help="tên xã/phường nếu mã đơn vị chưa có")
    add.add_argument("--name", required=True)
    return parser


def _storage_for(args: argparse.Namespace) -> Path:
    """``--storage``, else the folder of a SQLite ``--database`` file, else the user data folder."""
    if args.storage:
        return args.storage
    if args.database and args.database.startswith("sqlite:///"):
        return Path(args.database.removeprefix("sqlite:///")).parent
    return _default_storage()


def _settings(args: argparse.Namespace) -> PortalSettings:
    storage = _storage_for(args)
    smtp = None
    if getattr(args, "smtp_host", None):
        smtp = SmtpSettings(host=args.smtp_host, port=args.smtp_port, starttls=args.smtp_starttls,
                            ca_file=Path(args.smtp_ca_file) if args.smtp_ca_file else None,
                            username=args.smtp_user,
                            password=os.environ.get("DVC_PORTAL_SMTP_PASSWORD"),
                            sender=args.smtp_sender)
    sms = None
    if getattr(args, "sms_gateway", None):
        sms = SmsGatewaySettings(url=args.sms_gateway, token=os.environ.get("DVC_PORTAL_SMS_TOKEN"),
                                 unaccented=args.sms_unaccented)
    return PortalSettings(
        sms=sms,
        holidays_file=getattr(args, "holidays", None),
        database_url=args.database or default_database_url(storage),
        storage_dir=storage,
        sandbox=bool(getattr(args, "sandbox", False)),
        max_file_bytes=getattr(args, "max_file_mb", 10) * 1024 * 1024,
        max_dossier_bytes=getattr(args, "max_dossier_mb", 50) * 1024 * 1024,
        upload_quota_bytes=getattr(args, "upload_quota_mb", 200) * 1024 * 1024,
        default_unit_code=getattr(args, "default_unit", None),
        smtp=smtp,
        forwarded_allow_ips=tuple(ip.strip() for ip in
                                  getattr(args, "forwarded_allow_ips", "").split(",") if ip.strip()),
    )


_ARGV_ENV = "DVC_PORTAL_ARGV"


def app_from_env():
    """uvicorn factory for ``--workers N``: each worker process rebuilds the app from argv."""
    from portal.app import create_app

    return create_app(_settings(_parser().parse_args(json.loads(os.environ[_ARGV_ENV]))))


def _serve(args: argparse.Namespace, argv: list[str]) -> int:
    import uvicorn

    from portal.app import create_app

    if args.workers > 1:
        # Build (and seed) once here so the workers do not race to create the schema.
        create_app(_settings(args))
        os.environ[_ARGV_ENV] = json.dumps(argv)
        uvicorn.run("portal.cli:app_from_env", factory=True, workers=args.workers, host=args.host,
                    port=args.port, log_level="warning", access_log=False,
                    proxy_headers=False)
        return 0
    app = create_app(_settings(args))
    # uvicorn's proxy headers are off: by default it believes X-Forwarded-For from any loopback
    # peer, which lets a local client pick its own address for the per-address limits. The app
    # believes them only from --forwarded-allow-ips (portal.app).
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                proxy_headers=False)
    return 0


def _action(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from portal.app import build_context
    from portal.models import Account
    from portal.problems import Problem
    from portal.workflow import SYSTEM, Actor, apply_action, find_by_code_or_uuid

    ctx = build_context(_settings(args))
    with ctx.sessions() as session:
        dossier = find_by_code_or_uuid(session, args.ref)
        if dossier is None:
            print(f"Không tìm thấy hồ sơ “{args.ref}”.", file=sys.stderr)
            return 2
        actor = SYSTEM
        if args.officer:
            account = session.scalar(select(Account).where(Account.username == args.officer))
            if account is None or account.role not in OFFICER_ROLES:
                print(f"Không có cán bộ với tên đăng nhập “{args.officer}”.", file=sys.stderr)
                return 2
            actor = Actor.of(account)
        try:
            dossier = apply_action(session, ctx, dossier, actor, args.action, args.note, None)
        except Problem as exc:
            print(exc.detail, file=sys.stderr)
            return 2 if exc.status in (403, 422, 409) else 1
        ctx.notifier.deliver_pending()
        print(json.dumps({"uuid": dossier.id, "code": dossier.code, "status": dossier.status,
                          "status_text": status_text(dossier.status), "version": dossier.version},
                         ensure_ascii=False))
    return 0


def _user_add(args: argparse.Namespace) -> int:
    from portal.app import build_context
    from portal.models import Account, Commune
    from portal.security import hash_password
    from portal.seed import ensure_commune

    password = sys.stdin.readline().rstrip("\r\n")
    error = password_error(password)
    if error is not None:
        print(error.message(), file=sys.stderr)
        return 2
    ctx = build_context(_settings(args))
    with ctx.sessions() as session:
        from sqlalchemy import select

        if session.scalar(select(Account).where(Account.username == args.username)) is not None:
            print(f"Tên đăng nhập “{args.username}” đã tồn tại.", file=sys.stderr)
            return 2
        if session.get(Commune, args.commune) is None:
            if not args.commune_name:
                print(f"Mã đơn vị “{args.commune}” chưa có; hãy thêm --commune-name.", file=sys.stderr)
                return 2
            ensure_commune(session, args.commune, nfc(args.commune_name))
        now = ctx.now()
        account = Account(role=args.role, username=args.username, full_name=nfc(args.name),
                          commune_code=args.commune, password_hash=hash_password(password),
                          verified_at=now, created_at=now)
        session.add(account)
        session.commit()
        print(json.dumps({"account_id": account.id, "username": account.username,
                          "role": account.role, "commune": account.commune_code},
                         ensure_ascii=False))
    return 0


def _cleanup(args: argparse.Namespace) -> int:
    from portal.app import build_context
    from portal.maintenance import cleanup

    ctx = build_context(_settings(args), clean=False)
    counts = cleanup(ctx)
    ctx.engine.dispose()
    print(json.dumps(counts))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``dvc-portal`` and ``python -m portal``."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    if args.command == "action":
        return _action(args)
    if args.command == "user":
        return _user_add(args)
    if args.command == "cleanup":
        return _cleanup(args)
    return _serve(args, argv)


if __name__ == "__main__":
    raise SystemExit(main())
