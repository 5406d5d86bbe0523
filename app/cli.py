"""``dvc`` — the scriptable side of DVC Desk, for officers and administrators.

Exit status: 0 success, 2 invalid input (each bad field named on standard error), 1 other
failure. With ``--json`` standard output holds JSON alone; messages go to standard error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from app.modes import MODE_NAMES
from dvc_core.rules import FieldError, ValidationFailed

EXIT_OK, EXIT_FAIL, EXIT_INVALID = 0, 1, 2


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAIL, errors: list[FieldError] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.errors = errors or []


_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)")


def _shown(value: Any) -> Any:
    """A value as a person reads it: a moment (``--json`` keeps ISO 8601 with its offset) in
    Vietnam's time, "05/03/2026 17:00", whatever the machine's zone."""
    if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
        import datetime as dt

        from dvc_core.vntime import format_vn

        return format_vn(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    return value


def _emit(data: Any, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif isinstance(data, list):
        for row in data:
            print("  ".join(f"{_shown(v)}"
                            for v in (row.values() if isinstance(row, dict) else [row])))
    elif isinstance(data, dict):
        for key, value in data.items():
            print(f"{key}: {_shown(value) if not isinstance(value, dict | list) else json.dumps(value, ensure_ascii=False)}")
    else:
        print(data)


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or "vi"


# ------------------------------------------------------------------------------- commands
def cmd_catalog_search(args: argparse.Namespace) -> int:
    from dvc_core.catalog import default_catalog

    results = default_catalog().search(args.query, level=args.level, field_name=args.field,
                                       limit=args.limit)
    _emit([p.summary() for p in results], args.json)
    return EXIT_OK


def cmd_catalog_show(args: argparse.Namespace) -> int:
    from dvc_core.catalog import default_catalog

    procedure = default_catalog().get(args.code)
    if procedure is None:
        raise CliError(f"Không có thủ tục mã “{args.code}” trong danh mục.", EXIT_INVALID)
    _emit(procedure.to_json(), args.json)
    return EXIT_OK


def cmd_catalog_check(args: argparse.Namespace) -> int:
    """Check catalog files; every problem printed with its file and JSON path (exit 2)."""
    from dvc_core.catalog import check_catalog_files, shipped_catalog_files

    paths = [Path(f) for f in args.files] or shipped_catalog_files()
    found = check_catalog_files(paths)
    problems = [{"file": file, **p.to_json()} for file, items in found.items() for p in items]
    if args.json:
        _emit({"files": len(paths), "problems": problems}, True)
    else:
        for p in problems:
            print(f"{p['file']}: {p['path']}: {p['message']}")
    if problems:
        print(f"{len(problems)} lỗi trong {len(found)}/{len(paths)} tệp danh mục.", file=sys.stderr)
        return EXIT_INVALID
    if not args.json:
        print(f"{len(paths)} tệp danh mục hợp lệ.", file=sys.stderr)
    return EXIT_OK


def cmd_handout(args: argparse.Namespace) -> int:
    """The workshop handout, drawn by the app's screens in a process of their own (this
    command line stays free of Qt)."""
    import os
    import subprocess

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run([sys.executable, "-m", "app.views.training.handout", "--out",
                           str(args.out), "--lang", _lang(args)], env=env, check=False)
    return EXIT_OK if done.returncode == 0 else 1


def cmd_dossier_example(args: argparse.Namespace) -> int:
    from dvc_core.catalog import default_catalog

    procedure = default_catalog().get(args.code)
    if procedure is None:
        raise CliError(f"Không có thủ tục mã “{args.code}” trong danh mục.", EXIT_INVALID)
    example = procedure.example
    _emit({"applicant": example.get("applicant", {}), "fields": example.get("fields", {})}, True)
    return EXIT_OK


def _read_fields(spec: str) -> Any:
    if spec.startswith("@"):
        path = Path(spec[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"--fields: không đọc được tệp “{path}”: {exc}", EXIT_INVALID) from exc
    else:
        text = spec
    try:
        return json.loads(text)
    except ValueError as exc:
        raise CliError(f"--fields: không phải JSON hợp lệ (dòng {getattr(exc, 'lineno', '?')}): {exc}",
                       EXIT_INVALID) from exc


def cmd_dossier_new(args: argparse.Namespace) -> int:
    from app.services.filing import FilingSession
    from app.services.queue import AttachmentError

    document = _read_fields(args.fields)
    if not isinstance(document, dict):
        raise CliError("--fields: cần một đối tượng JSON {\"applicant\": …, \"fields\": …}.",
                       EXIT_INVALID)
    attachments = []
    for spec in args.attach or []:
        component, sep, path = spec.partition("=")
        if not sep or not component or not path:
            raise CliError(f"--attach “{spec}”: viết theo dạng THÀNH_PHẦN=ĐƯỜNG_DẪN.", EXIT_INVALID)
        attachments.append((component.strip(), Path(path)))
    services = _services(args)
    # The wizard's filing path: photos made smaller before they are stored, the same checks.
    filing = FilingSession(services.queue, data_dir=services.config.data_dir,
                           mode=services.policy)
    # The Tờ khai drawn from the answers is addressed to the signed-in commune.
    from app.services.printing import unit_for

    filing.unit = unit_for(None, services.tokens.current(),
                           training=services.policy.marks_printouts)
    try:
        queued = filing.file(args.procedure, document.get("applicant"), document.get("fields"),
                             attachments)
        fee = _fee(services.catalog.get(args.procedure), document.get("fields"))
    except ValidationFailed as exc:
        raise CliError("Hồ sơ chưa hợp lệ.", EXIT_INVALID, exc.errors) from exc
    except AttachmentError as exc:
        raise CliError(exc.message if _lang(args) == "vi" else exc.message_en, EXIT_INVALID) from exc
    finally:
        filing.wipe()
        services.close()
    out = queued.to_json()
    if fee is not None:
        out["fee"] = fee
    _emit(out, args.json)
    if not args.json:
        if fee is not None:
            print(f"Lệ phí: {fee['label']}", file=sys.stderr)
        print("Đã lưu trên máy – chờ gửi.", file=sys.stderr)
    return EXIT_OK


def _fee(procedure: Any, fields: Any, filed_at: Any = None) -> dict[str, Any] | None:
    """This dossier's fee as ``--json`` prints it (exemptions evaluated on its answers and the
    filing date in Vietnam: the portal's receipt time when known, else today)."""
    from dvc_core.fees import fee_json, today_vn

    if procedure is None:
        return None
    filed_on = today_vn(filed_at) if filed_at is not None else None
    return fee_json(procedure.quote_fee(fields if isinstance(fields, dict) else {},
                                        filed_on=filed_on))


def cmd_queue_list(args: argparse.Namespace) -> int:
    from app.services.queue import dossier_json

    services = _services(args)
    try:
        rows = [dossier_json(d) for d in services.queue.list()]
    finally:
        services.close()
    _emit(rows, args.json)
    return EXIT_OK


def _local_dossier(services: Any, ref: str) -> Any:
    """A dossier on this machine by official code, local reference or UUID; else exit 2."""
    dossier = services.queue.find(ref)
    if dossier is None:
        raise CliError(f"Không tìm thấy hồ sơ “{ref}” trên máy (mã hồ sơ, mã tham chiếu "
                       "hoặc UUID).", EXIT_INVALID)
    return dossier


def cmd_queue_show(args: argparse.Namespace) -> int:
    """Status of one dossier from the local copy (works offline), with how old that copy is."""
    import datetime as dt

    from app.services.queue import dossier_json
    from dvc_core.vntime import format_vn

    services = _services(args)
    try:
        dossier = _local_dossier(services, args.ref)
        last = services.queue.last_sync(services.config.server_key)
        waiting = services.queue.outbox_info(dossier.id)
        history = [{"status": h.status, "status_text": h.status_text, "note": h.note,
                    "at": h.at.isoformat()} for h in dossier.history]
        fee = _fee(services.catalog.get(dossier.procedure_code), dossier.fields,
                   _aware(dossier.received_at or dossier.created_at))
    finally:
        services.close()
    out = dossier_json(dossier)
    if fee is not None:
        out["fee"] = fee
    out["history"] = history
    out["as_of"] = last.isoformat() if last else None
    out["age_seconds"] = int((dt.datetime.now(dt.UTC) - last).total_seconds()) if last else None
    if waiting:
        out["waiting"] = waiting.to_json()
    _emit(out, args.json)
    if not args.json:
        print("Theo bản lưu trên máy" + (f", cập nhật lúc {format_vn(last)} (giờ Việt Nam)." if last
                                         else "; chưa lấy được trạng thái từ cổng."),
              file=sys.stderr)
    return EXIT_OK


def _aware(moment: Any) -> Any:
    """A stored time as an aware datetime (the local database keeps UTC)."""
    import datetime as dt

    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


def cmd_login(args: argparse.Namespace) -> int:
    from app.services.portal_client import NetworkError, PortalError

    if not args.password_stdin:
        raise CliError("Hãy truyền mật khẩu qua đầu vào chuẩn: --password-stdin.", EXIT_INVALID)
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CliError("Mật khẩu: chưa nhập (đọc từ đầu vào chuẩn).", EXIT_INVALID)
    services = _services(args)
    try:
        session = services.login(args.username, password)
    except PortalError as exc:
        raise CliError(exc.detail, EXIT_INVALID if exc.status in (400, 401, 422) else EXIT_FAIL) from exc
    except NetworkError as exc:
        raise CliError(exc.message) from exc
    finally:
        services.close()
    if services.tokens.warning:
        print(services.tokens.warning, file=sys.stderr)
    _emit({"username": session.username, "role": session.role, "commune": session.commune,
           "expires_at": session.expires_at}, args.json)
    return EXIT_OK


def cmd_kiosk_pin(args: argparse.Namespace) -> int:
    """Set the officer's exit PIN of a kiosk (kept only as a salted scrypt hash)."""
    from app.config import default_data_dir
    from app.services.kiosk import ExitPin, PinError

    if not args.pin_stdin:
        raise CliError("Hãy truyền mã PIN qua đầu vào chuẩn: --pin-stdin.", EXIT_INVALID)
    pin = sys.stdin.readline().rstrip("\r\n")
    folder = Path(args.data_dir) if args.data_dir else default_data_dir()
    try:
        ExitPin(folder).set(pin)
    except PinError as exc:
        raise CliError(str(exc), EXIT_INVALID) from exc
    _emit({"pin": "set", "data_dir": str(folder)}, args.json)
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from app.services.portal_client import NetworkError
    from app.services.synclock import SyncBusy

    services = _services(args)
    try:
        try:
            services.sync_engine()  # the data folder's sync lock, before anything is sent
        except SyncBusy as exc:
            raise CliError(exc.message) from exc
        try:
            services.ensure_embedded_login()
        except NetworkError:
            pass  # reported by the pass below
        report = services.sync_engine().run_once(ignore_backoff=args.now)
        if report.auth_required and services.is_embedded:
            services.tokens.clear()
            services.ensure_embedded_login()
            report = services.sync_engine().run_once(ignore_backoff=args.now)
    finally:
        services.close()
    if report.error and not args.json:
        print(report.error, file=sys.stderr)
    _emit(report.to_json(), args.json)
    if report.auth_required:
        print("Cần đăng nhập: dvc login --username … --password-stdin", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK if report.online else EXIT_FAIL


def _receiving_unit(services: Any, dossier: Any, args: argparse.Namespace) -> Any:
    """The commune and officer a printed form names: the signed-in session's when the dossier
    is its commune's (no network needed), the sandbox's for its fictitious unit, or the
    command line's ``--commune`` / ``--officer``."""
    from app.services.printing import unit_for

    return unit_for(dossier, services.tokens.current(), training=services.policy.marks_printouts,
                    commune=getattr(args, "commune", None) or "",
                    officer=getattr(args, "officer", None) or "")


def _write_pdf(out: str, write: Any) -> Path:
    try:
        return write(Path(out))
    except OSError as exc:
        raise CliError(f"--out: không ghi được tệp “{out}”: {exc.strerror or exc}") from exc


def cmd_receipt(args: argparse.Namespace) -> int:
    from app.services.receipts import receipt_for

    services = _services(args)
    try:
        dossier = _local_dossier(services, args.id)
        unit = _receiving_unit(services, dossier, args)
        path = _write_pdf(args.out, lambda out: receipt_for(services.catalog, dossier, out,
                                                            unit=unit))
    finally:
        services.close()
    _emit({"id": dossier.id, "out": str(path), "commune": unit.commune, "officer": unit.officer,
           "training": unit.training}, args.json)
    return EXIT_OK


def cmd_form(args: argparse.Namespace) -> int:
    """A printed form: ``tokhai`` (the declaration, drawn from its answers, to sign at the
    counter), ``mau01`` (the receipt, as ``dvc receipt``), ``mau02``–``mau05`` and ``phi`` (the
    one-stop slips of TT 01/2018 and the fee notice, from the portal's dossier when it answers,
    else the copy on this machine), ``mau06`` (the register of a date range, PDF or CSV)."""
    if args.form == "mau06":
        return _form_register(args)
    if not args.ref:
        raise CliError(f"REF: cần mã hồ sơ để in {args.form} (mã hồ sơ, mã tham chiếu hoặc "
                       "UUID).", EXIT_INVALID)
    for name in ("from_date", "to_date"):
        if getattr(args, name, None):
            raise CliError(f"--{name[:-5]}: chỉ dùng với mau06 (sổ theo dõi hồ sơ).",
                           EXIT_INVALID)
    new_date = _date_arg("--new-date", args.new_date) if args.new_date else None
    if args.reason and args.form not in ("mau03", "mau04"):
        raise CliError(f"--reason: chỉ dùng với mau03 và mau04, không dùng với {args.form}.",
                       EXIT_INVALID)
    if args.new_date and args.form != "mau04":
        raise CliError("--new-date: chỉ dùng với mau04 (phiếu hẹn lại ngày trả kết quả).",
                       EXIT_INVALID)
    if args.form in ("tokhai", "mau01"):
        return _form_local(args)
    from app.services import office_forms
    from app.services.fee_payment import fee_due

    services = _services(args)
    try:
        dossier = _form_dossier(services, args.ref)
        try:
            procedure = office_forms.procedure_of(services.catalog, dossier)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
        unit = _receiving_unit(services, dossier, args)
        from app.config import load_settings

        due = fee_due(procedure, dossier.fields, dossier.code,
                      load_settings(services.config.data_dir),
                      _filed_on(dossier.first_received))
        if args.form == "mau02":
            write = lambda out: office_forms.render_mau02(dossier, procedure, out, unit=unit)  # noqa: E731
        elif args.form == "mau03":
            write = lambda out: office_forms.render_mau03(dossier, procedure, out, unit=unit,  # noqa: E731
                                                          reason=args.reason)
        elif args.form == "mau04":
            when = new_date or office_forms.new_return_date(
                procedure, dossier.fields, services.worklists.calendar())
            write = lambda out: office_forms.render_mau04(dossier, procedure, out, unit=unit,  # noqa: E731
                                                          new_date=when, reason=args.reason or "")
        elif args.form == "mau05":
            write = lambda out: office_forms.render_mau05(dossier, procedure, out, unit=unit,  # noqa: E731
                                                          fee_line=due.label)
        else:
            write = lambda out: office_forms.render_fee_notice(dossier, procedure, out,  # noqa: E731
                                                               unit=unit, due=due)
        path = _write_pdf(args.out, write)
    finally:
        services.close()
    out = {"id": dossier.uuid, "form": args.form, "out": str(path), "commune": unit.commune,
           "officer": unit.officer, "training": unit.training,
           "fee": {"total_vnd": due.total_vnd, "label": due.label}}
    if due.payload:
        out["vietqr"] = due.payload
    if due.problem and args.form == "phi":
        print(due.problem, file=sys.stderr)
    _emit(out, args.json)
    return EXIT_OK


def _filed_on(moment: Any) -> Any:
    from dvc_core.fees import today_vn

    return today_vn(moment) if moment is not None else None


def _form_local(args: argparse.Namespace) -> int:
    from app.services.receipts import receipt_for
    from app.services.tokhai import has_tokhai, tokhai_for

    services = _services(args)
    try:
        dossier = _local_dossier(services, args.ref)
        procedure = services.catalog.get(dossier.procedure_code)
        if procedure is None:
            raise CliError(f"Không có thủ tục mã “{dossier.procedure_code}” trong danh mục.")
        if args.form == "tokhai" and not has_tokhai(procedure):
            raise CliError(f"Thủ tục “{procedure.name}” không có tờ khai theo mẫu.", EXIT_INVALID)
        unit = _receiving_unit(services, dossier, args)
        if args.form == "tokhai":
            path = _write_pdf(args.out, lambda out: tokhai_for(procedure, dossier, out, unit=unit))
        else:
            path = _write_pdf(args.out, lambda out: receipt_for(services.catalog, dossier, out,
                                                                unit=unit))
    finally:
        services.close()
    _emit({"id": dossier.id, "form": args.form, "out": str(path), "commune": unit.commune,
           "officer": unit.officer, "training": unit.training}, args.json)
    return EXIT_OK


def _form_dossier(services: Any, ref: str) -> Any:
    """The dossier a slip is printed from: the portal's (its history says who did each
    step), found by code or UUID through this machine's copies; offline, the local copy."""
    from app.services.office_forms import FormDossier
    from app.services.portal_client import NetworkError, PortalError
    from app.services.register import worklist_uuid

    local = services.queue.find(ref)
    uuid = local.id if local is not None else worklist_uuid(services, ref)
    if uuid is None:  # not read yet on this machine: the officer's search of the portal
        try:
            services.ensure_embedded_login()
            uuid = services.officer_actions.find(ref)
        except (ValidationFailed, NetworkError, PortalError):
            uuid = None
    if uuid is not None:
        try:
            services.ensure_embedded_login()
            data = services.worklists.details(uuid)
        except (NetworkError, PortalError):
            data = None
        if data is not None:
            return FormDossier.from_portal(data)
    if local is not None:
        return FormDossier.from_local(local)
    raise CliError(f"Không tìm thấy hồ sơ “{ref}” trên máy hay trong danh sách công việc "
                   "(mã hồ sơ, mã tham chiếu hoặc UUID).", EXIT_INVALID)


def _date_arg(option: str, value: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CliError(f"{option}: “{value}” không phải ngày hợp lệ; viết theo dạng "
                       "YYYY-MM-DD, ví dụ 2026-12-01.", EXIT_INVALID) from None


def _form_register(args: argparse.Namespace) -> int:
    """Mẫu 06, the register of the dossiers received in a date range: PDF or CSV by --out."""
    from app.services import register

    if args.ref:
        raise CliError("mau06: không nhận mã hồ sơ; chọn khoảng ngày bằng --from và --to.",
                       EXIT_INVALID)
    missing = [o for o, v in (("--from", args.from_date), ("--to", args.to_date)) if not v]
    if missing:
        raise CliError(f"{', '.join(missing)}: chưa nhập (mau06 cần --from YYYY-MM-DD "
                       "--to YYYY-MM-DD).", EXIT_INVALID)
    start, end = _date_arg("--from", args.from_date), _date_arg("--to", args.to_date)
    if start > end:
        raise CliError(f"--from: ngày bắt đầu {start:%d/%m/%Y} sau ngày kết thúc --to "
                       f"{end:%d/%m/%Y}.", EXIT_INVALID)
    if (end - start).days > 366:
        raise CliError("--to: khoảng ngày dài quá 366 ngày; hãy in từng năm.", EXIT_INVALID)
    suffix = Path(args.out).suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise CliError(f"--out: “{args.out}” cần đuôi .pdf hoặc .csv.", EXIT_INVALID)
    services = _services(args)
    try:
        rows, copy = register.collect(services, start, end, refresh=not args.offline)
        unit = _receiving_unit(services, None, args)
        if suffix == ".csv":
            path = _write_pdf(args.out, lambda out: register.write_csv(rows, out))
        else:
            path = _write_pdf(args.out, lambda out: register.render_mau06(
                rows, out, unit=unit, start=start, end=end))
    finally:
        services.close()
    if copy:
        print(copy, file=sys.stderr)
    _emit({"form": "mau06", "out": str(path), "from": start.isoformat(), "to": end.isoformat(),
           "count": len(rows), "commune": unit.commune, "training": unit.training}, args.json)
    return EXIT_OK


def cmd_payment_qr(args: argparse.Namespace) -> int:
    from app.services.payments import check_request, vietqr_payload

    try:
        request = check_request(args.bin, args.account, args.amount, args.purpose)
    except ValidationFailed as exc:
        raise CliError("Thông tin thanh toán chưa hợp lệ.", EXIT_INVALID, exc.errors) from exc
    payload = vietqr_payload(request)
    if args.json:
        _emit({"payload": payload, "bin": request.bin, "account": request.account,
               "amount": request.amount, "purpose": request.purpose}, True)
    else:
        print(payload)
    return EXIT_OK


def cmd_act(args: argparse.Namespace) -> int:
    """An officer's action on a dossier, through the outbox: checked here (exit 2 when the
    transition is refused or the input is bad), queued durably, then sent at once when the
    portal answers and this process may sync (exit 1 when a colleague changed the dossier
    first: the conflict is printed with what they did)."""
    from pathlib import Path

    from app.services.officer_actions import parse_items
    from app.services.portal_client import AuthRequired, NetworkError, PortalError
    from app.services.synclock import SyncBusy

    try:
        items = parse_items(args.item or [])
    except ValidationFailed as exc:
        raise CliError("--item: viết THÀNH_PHẦN=LÝ DO.", EXIT_INVALID, exc.errors) from exc
    services = _services(args)
    try:
        try:
            services.ensure_embedded_login()
        except NetworkError:
            pass  # offline: the decision is queued and sent later
        actions = services.officer_actions
        try:
            dossier_id = actions.find(args.ref, refresh=args.expected_version is None)
            queued = actions.act(dossier_id, args.action, args.note, items=items,
                                 delivery_way=args.delivery,
                                 result_file=Path(args.result) if args.result else None,
                                 payment=args.payment,
                                 expected_version=args.expected_version)
        except ValidationFailed as exc:
            raise CliError("Không thực hiện được thao tác.", EXIT_INVALID, exc.errors) from exc
        except AuthRequired as exc:
            raise CliError(exc.detail + " Hãy đăng nhập: dvc login --username … "
                           "--password-stdin") from exc
        except PortalError as exc:
            raise CliError(exc.detail) from exc
        try:
            services.sync_engine().run_once(ignore_backoff=True)
        except SyncBusy:
            pass  # the app holds the folder: it sends the decision
        outcome = actions.outcome(queued)
    finally:
        services.close()
    if outcome.message and not args.json:
        print(outcome.message, file=sys.stderr)
    _emit(outcome.to_json(), args.json)
    if outcome.state == "conflict":
        return EXIT_FAIL
    if outcome.state == "refused":
        return EXIT_INVALID
    return EXIT_OK


def cmd_worklist(args: argparse.Namespace) -> int:
    """The officer's worklists: every queue with its count, or one queue's dossiers. Offline,
    the copy kept on this machine, with its age on standard error."""
    import datetime as dt

    from app.services.portal_client import AuthRequired, NetworkError, PortalError
    from app.services.worklist import UnknownQueue, copy_age, counts_json
    from dvc_core.lifecycle import WORKLISTS

    if args.queue is not None and args.queue not in WORKLISTS:
        raise CliError(f"QUEUE: {UnknownQueue(args.queue)}", EXIT_INVALID)
    services = _services(args)
    try:
        try:
            services.ensure_embedded_login()
        except NetworkError:
            pass  # the copy on this machine is shown below
        worklists = services.worklists
        try:
            if args.queue is None:
                result = worklists.counts(refresh=not args.offline)
                out, copy = counts_json(result), result.copy
            else:
                found = worklists.queue(args.queue, refresh=not args.offline)
                out, copy = found.to_json(), found.copy
        except AuthRequired as exc:
            raise CliError(exc.detail + " Hãy đăng nhập: dvc login --username … "
                           "--password-stdin") from exc
        except PortalError as exc:
            raise CliError(exc.detail) from exc
    finally:
        services.close()
    if copy.fetched_at is None and not copy.online:
        raise CliError((copy.error + " " if copy.error else "")
                       + "Chưa có bản lưu danh sách công việc trên máy này.")
    if not copy.online:
        age = copy_age(copy.fetched_at, dt.datetime.now(dt.UTC)) if copy.fetched_at else ""
        print(f"{copy.error or 'Không đọc cổng.'} Theo {age}.", file=sys.stderr)
    if args.json:
        _emit(out, True)
    elif args.queue is None:
        for q in out["queues"]:
            print(f"{q['count']:>6}  {q['queue']:<16} {q['label']}")
    else:
        for item in out["items"]:
            due = item["due_at"] or ""
            print(f"{item['code'] or item['uuid']}  {due[:16]}  {item['applicant_name']}  "
                  f"{item['procedure_code']}")
        print(f"{out['count']} hồ sơ — {out['label']}", file=sys.stderr)
    return EXIT_OK


def cmd_dashboard(args: argparse.Namespace) -> int:
    """The commune's figures (QĐ 766/QĐ-TTg) for a period, from the portal; offline, the copy
    kept on this machine, with its age on standard error."""
    import datetime as dt

    from app.services.dashboard import write_csv
    from app.services.portal_client import AuthRequired, NetworkError, PortalError
    from app.services.worklist import copy_age
    from dvc_core.stats import Period, PeriodError
    from dvc_core.vntime import vn_today

    try:
        period = Period.parse(args.date_from, args.date_to, vn_today())
    except PeriodError as exc:
        raise CliError(f"--{exc.field}: {exc.message}", EXIT_INVALID) from exc
    services = _services(args)
    try:
        try:
            services.ensure_embedded_login()
        except NetworkError:
            pass  # the copy on this machine is shown below
        try:
            shown = services.dashboard.read(period, refresh=not args.offline)
        except AuthRequired as exc:
            raise CliError(exc.detail + " Hãy đăng nhập: dvc login --username … "
                           "--password-stdin") from exc
        except PortalError as exc:
            raise CliError(exc.detail, EXIT_INVALID if exc.status == 422 else EXIT_FAIL) from exc
    finally:
        services.close()
    copy, figures = shown.copy, shown.figures
    if figures is None:
        raise CliError((copy.error + " " if copy.error else "")
                       + "Chưa có bản lưu số liệu trên máy này.")
    if not copy.online:
        age = copy_age(copy.fetched_at, dt.datetime.now(dt.UTC)) if copy.fetched_at else ""
        print(f"{copy.error or 'Không đọc cổng.'} Theo {age}, từ "
              f"{figures.period.start:%d/%m/%Y} đến {figures.period.end:%d/%m/%Y}.",
              file=sys.stderr)
    if args.csv:
        write_csv(figures, args.csv)
    out = shown.to_json()
    if args.json:
        _emit(out, True)
    else:
        counts = out["counts"]

        def pct(value: float | None) -> str:
            return "—" if value is None else f"{value * 100:.1f} %".replace(".", ",")

        print(f"Từ {figures.period.start:%d/%m/%Y} đến {figures.period.end:%d/%m/%Y}")
        for label, key, part, whole in (
                ("Giải quyết đúng hạn", "on_time_rate", "on_time", "finished"),
                ("Nộp trực tuyến", "online_share", "online", "received"),
                ("Hồ sơ được số hóa", "digitised_share", "digitised", "received"),
                ("Kết quả được số hóa", "result_digitised_share", "result_digitised",
                 "returned"),
                ("Thanh toán trực tuyến", "paid_online_share", "paid_online", "fee_paid")):
            print(f"{label:<24} {pct(out[key]):>8}  ({counts[part]}/{counts[whole]})")
        print(f"{'Quá hạn':<24} {counts['overdue']:>8}")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    import sqlite3

    from app.config import resolve

    config = resolve(args.data_dir, args.server, args.mode, args.lang)
    checks: list[dict[str, Any]] = []
    checks.append({"check": "data_dir", "ok": True, "detail": str(config.data_dir)})
    try:
        import keyring

        backend = keyring.get_keyring()
        ok = "fail" not in type(backend).__module__
        checks.append({"check": "keyring", "ok": ok, "detail": type(backend).__name__})
    except Exception as exc:  # noqa: BLE001 — doctor reports, never crashes
        checks.append({"check": "keyring", "ok": False, "detail": str(exc)})
    checks.append({"check": "sqlite", "ok": sqlite3.sqlite_version_info >= (3, 35),
                   "detail": sqlite3.sqlite_version})
    services = _services(args)
    try:
        checks.append({"check": "database", "ok": True, "detail": str(config.database_path)})
        checks.append({"check": "portal", "ok": services.client.health(),
                       "detail": services.server_url()})
    finally:
        services.close()
    _emit(checks, args.json)
    return EXIT_OK if all(c["ok"] for c in checks if c["check"] != "keyring") else EXIT_FAIL


def _services(args: argparse.Namespace):
    from app.config import resolve
    from app.services.context import Services
    from app.services.portal_client import check_server_url

    try:
        config = resolve(args.data_dir, args.server, args.mode, args.lang)
        if config.server:
            check_server_url(config.server)
    except ValueError as exc:
        raise CliError(f"--server: {exc}" if "cổng" in str(exc) else str(exc),
                       EXIT_INVALID) from exc
    return Services(config)


# ------------------------------------------------------------------------------- parser
def _unit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--commune", help="tên xã/phường tiếp nhận (mặc định: theo phiên đăng nhập)")
    p.add_argument("--officer", help="họ tên cán bộ tiếp nhận (mặc định: người đang đăng nhập)")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="thư mục dữ liệu")
    common.add_argument("--server", default=argparse.SUPPRESS, help="địa chỉ cổng (mặc định: cổng nhúng)")
    common.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS)
    common.add_argument("--mode", choices=MODE_NAMES, default=argparse.SUPPRESS)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="in JSON ra đầu ra chuẩn")

    parser = argparse.ArgumentParser(prog="dvc", parents=[common],
                                     description="DVC Desk — dòng lệnh (Trợ lý Dịch vụ công)")
    sub = parser.add_subparsers(dest="command", required=True)

    catalog = sub.add_parser("catalog", help="danh mục thủ tục").add_subparsers(dest="sub", required=True)
    p = catalog.add_parser("search", parents=[common], help="tìm thủ tục")
    p.add_argument("query")
    p.add_argument("--level", type=int, choices=(3, 4))
    p.add_argument("--field")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_catalog_search)
    p = catalog.add_parser("show", parents=[common], help="xem một thủ tục")
    p.add_argument("code")
    p.set_defaults(func=cmd_catalog_show)
    p = catalog.add_parser("check", parents=[common], help="kiểm tra tệp danh mục thủ tục")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="tệp JSON của thủ tục (mặc định: danh mục đi kèm)")
    p.set_defaults(func=cmd_catalog_check)

    dossier = sub.add_parser("dossier", help="hồ sơ").add_subparsers(dest="sub", required=True)
    p = dossier.add_parser("example", parents=[common], help="hồ sơ mẫu (hư cấu) của một thủ tục")
    p.add_argument("code")
    p.set_defaults(func=cmd_dossier_example)
    p = dossier.add_parser("new", parents=[common], help="lưu một hồ sơ vào hàng đợi")
    p.add_argument("--procedure", required=True)
    p.add_argument("--fields", required=True, help="@TỆP.json hoặc chuỗi JSON")
    p.add_argument("--attach", action="append", metavar="THÀNH_PHẦN=ĐƯỜNG_DẪN")
    p.set_defaults(func=cmd_dossier_new)

    queue = sub.add_parser("queue", help="hàng đợi").add_subparsers(dest="sub", required=True)
    p = queue.add_parser("list", parents=[common], help="liệt kê hồ sơ trên máy")
    p.set_defaults(func=cmd_queue_list)
    p = queue.add_parser("show", parents=[common],
                         help="tra cứu một hồ sơ trên máy (không cần mạng)")
    p.add_argument("ref", help="mã hồ sơ, mã tham chiếu trên máy hoặc UUID")
    p.set_defaults(func=cmd_queue_show)

    p = sub.add_parser("handout", parents=[common],
                       help="tài liệu phát tay cho buổi tập huấn (PDF A4, hình chụp từng bước)")
    p.add_argument("--out", required=True, type=Path, help="tệp PDF")
    p.set_defaults(func=cmd_handout)
    p = sub.add_parser("login", parents=[common], help="đăng nhập cổng")
    p.add_argument("--username", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_login)

    p = sub.add_parser("sync", parents=[common], help="đồng bộ với cổng")
    p.add_argument("--once", action="store_true", help="một lượt rồi thoát (mặc định)")
    p.add_argument("--now", action="store_true", help="bỏ qua thời gian chờ thử lại")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("receipt", parents=[common], help="in giấy tiếp nhận hồ sơ (Mẫu 01)")
    p.add_argument("id", help="mã hồ sơ, mã tham chiếu trên máy hoặc UUID")
    p.add_argument("--out", required=True, help="tệp PDF")
    _unit_options(p)
    p.set_defaults(func=cmd_receipt)

    p = sub.add_parser("form", parents=[common], help="in biểu mẫu của một hồ sơ")
    p.add_argument("form", choices=("tokhai", "mau01", "mau02", "mau03", "mau04", "mau05",
                                    "mau06", "phi"),
                   help="tokhai: tờ khai tạo từ thông tin đã khai; mau01: giấy tiếp nhận; "
                        "mau02: phiếu yêu cầu bổ sung; mau03: phiếu từ chối; mau04: phiếu xin "
                        "lỗi, hẹn lại ngày trả; mau05: phiếu kiểm soát; mau06: sổ theo dõi hồ "
                        "sơ (--from, --to); phi: thông báo nộp phí kèm mã VietQR")
    p.add_argument("ref", nargs="?", help="mã hồ sơ, mã tham chiếu trên máy hoặc UUID")
    p.add_argument("--out", required=True, help="tệp PDF (mau06: .pdf hoặc .csv)")
    p.add_argument("--from", dest="from_date", metavar="YYYY-MM-DD",
                   help="mau06: từ ngày nhận hồ sơ")
    p.add_argument("--to", dest="to_date", metavar="YYYY-MM-DD",
                   help="mau06: đến ngày nhận hồ sơ")
    p.add_argument("--new-date", metavar="YYYY-MM-DD",
                   help="mau04: ngày hẹn trả kết quả mới (mặc định: theo thời hạn của thủ tục)")
    p.add_argument("--reason", help="mau03: lý do từ chối (mặc định: theo lịch sử); mau04: lý "
                                    "do chậm trả")
    p.add_argument("--offline", action="store_true",
                   help="mau06: chỉ đọc bản lưu trên máy, không hỏi cổng")
    _unit_options(p)
    p.set_defaults(func=cmd_form)

    payment = sub.add_parser("payment", help="thanh toán lệ phí").add_subparsers(dest="sub",
                                                                              required=True)
    p = payment.add_parser("qr", parents=[common], help="chuỗi VietQR (EMVCo) để quét trả phí")
    p.add_argument("--bin", required=True, help="mã BIN ngân hàng nhận (6 chữ số)")
    p.add_argument("--account", required=True, help="số tài khoản nhận")
    p.add_argument("--amount", required=True,
                   help="số tiền, đồng nguyên: 8000 hoặc 8.000, 1.250.000 (không có phần lẻ)")
    p.add_argument("--purpose", required=True, help="nội dung chuyển khoản (≤ 25 ký tự)")
    p.set_defaults(func=cmd_payment_qr)

    p = sub.add_parser("worklist", parents=[common],
                       help="danh sách công việc của cán bộ (đếm từng danh sách, hoặc các hồ sơ "
                            "của một danh sách)")
    p.add_argument("queue", nargs="?", metavar="QUEUE",
                   help="cho_tiep_nhan, moi_tiep_nhan, cho_bo_sung, dang_xu_ly, cho_thu_phi, "
                        "cho_tra_ket_qua, toi_han, qua_han, da_tra")
    p.add_argument("--offline", action="store_true",
                   help="chỉ đọc bản lưu trên máy, không hỏi cổng")
    p.set_defaults(func=cmd_worklist)

    p = sub.add_parser("act", parents=[common],
                       help="thao tác của cán bộ với một hồ sơ (gửi qua hàng đợi)")
    p.add_argument("ref", metavar="CODE", help="mã hồ sơ, mã tham chiếu trên máy hoặc UUID")
    p.add_argument("action", metavar="ACTION",
                   help="receive, refuse, start, request_supplement, fee_required, fee_paid, "
                        "stop, finish, return")
    p.add_argument("--note", help="ghi chú / lý do (bắt buộc khi từ chối, dừng xử lý)")
    p.add_argument("--item", action="append", metavar="COMPONENT=REASON",
                   help="yêu cầu bổ sung: một thành phần hồ sơ và lý do (nhắc lại cho mỗi "
                        "thành phần; tất cả được gửi trong một yêu cầu)")
    p.add_argument("--delivery", choices=("counter", "post", "online"),
                   help="trả kết quả: tại quầy, qua bưu chính, hoặc trực tuyến")
    p.add_argument("--result", metavar="FILE", help="trả kết quả: tệp kết quả điện tử")
    p.add_argument("--payment", choices=("online", "counter"),
                   help="ghi nhận đã nộp phí (fee_paid): online — chuyển khoản, VietQR; "
                        "counter — nộp tại quầy")
    p.add_argument("--expected-version", type=int,
                   help="phiên bản hồ sơ đã xem (mặc định: bản trên máy)")
    p.set_defaults(func=cmd_act)

    p = sub.add_parser("dashboard", parents=[common],
                       help="số liệu của xã theo QĐ 766/QĐ-TTg (đúng hạn, trực tuyến, số hóa, "
                            "thanh toán trực tuyến; theo tuần và theo thủ tục)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                   help="ngày đầu (mặc định: đầu tuần, 11 tuần trước)")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                   help="ngày cuối, tính cả ngày đó (mặc định: hôm nay)")
    p.add_argument("--offline", action="store_true",
                   help="chỉ đọc bản lưu trên máy, không hỏi cổng")
    p.add_argument("--csv", metavar="FILE", help="ghi thêm bảng số liệu ra tệp CSV")
    p.set_defaults(func=cmd_dashboard)

    kiosk = sub.add_parser("kiosk", help="máy tự phục vụ").add_subparsers(dest="sub",
                                                                          required=True)
    p = kiosk.add_parser("pin", parents=[common],
                         help="đặt mã PIN cán bộ để thoát chế độ máy tự phục vụ (6–12 chữ số)")
    p.add_argument("--pin-stdin", action="store_true", help="đọc mã PIN từ đầu vào chuẩn")
    p.set_defaults(func=cmd_kiosk_pin)

    p = sub.add_parser("doctor", parents=[common], help="kiểm tra máy")
    p.set_defaults(func=cmd_doctor)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, default in (("data_dir", None), ("server", None), ("lang", None), ("mode", None),
                          ("json", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    try:
        return args.func(args)
    except CliError as exc:
        print(exc.message, file=sys.stderr)
        for error in exc.errors:
            print(f"  - {error.field}: {error.message(_lang(args))}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return EXIT_FAIL


if __name__ == "__main__":
    sys.exit(main())
