"""The training sandbox's demo dossiers: one in every status, so each screen has something to
show the moment a workshop starts.

Filed by the demo citizen and moved on by the demo officer through the portal's own workflow
(:func:`portal.workflow.submit`, :func:`portal.workflow.apply_action`), so each has a real
history, change feed, official code and the messages a real dossier would have sent. Seeded
only when asked (``PortalSettings.demo_dossiers``: the app's training mode), once: a dossier
already there (by its fixed UUID) is left as the workshop left it.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import insert, select

from dvc_core import lifecycle
from dvc_core.rules import validate_dossier
from dvc_core.vntime import VN
from portal import workflow
from portal.context import PortalContext
from portal.models import Account, Attachment, Dossier
from portal.seed import DEMO_ACCOUNTS
from portal.worklist import search_text

PROCEDURE = "1.001193"  # Đăng ký khai sinh: the guide's own example
_NAMESPACE = uuid.UUID("6f1c2a8e-5b7d-4c3a-9e2f-000000009956")  # fixed: the same UUIDs each seed

#: (child's name, the officer's actions after the submission, the note of the last one).
#: One dossier per status 1–10; the citizen withdraws the one in status 7.
DEMO_DOSSIERS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("Nguyễn Minh An", (), None),
    ("Nguyễn Minh Bảo", ("receive",), None),
    ("Nguyễn Minh Châu", ("refuse",), "Hồ sơ thuộc thẩm quyền xã khác (dữ liệu mẫu)."),
    ("Nguyễn Minh Dũng", ("receive", "start"), None),
    ("Nguyễn Minh Giang", ("receive", "request_supplement"),
     "Giấy chứng sinh chụp bị mờ, xin gửi lại bản rõ (dữ liệu mẫu)."),
    ("Nguyễn Minh Hà", ("receive", "start", "fee_required"), None),
    ("Nguyễn Minh Khôi", ("withdraw",), None),
    ("Nguyễn Minh Lan", ("receive", "start", "stop"), "Chờ xác minh nơi sinh (dữ liệu mẫu)."),
    ("Nguyễn Minh Nam", ("receive", "start", "finish"), None),
    ("Nguyễn Minh Phúc", ("receive", "start", "finish", "return"), None),
)


def demo_uuid(child: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, child))


def _pdf(text: str) -> bytes:
    """A one-page PDF standing for a scanned paper (its text says it is demo data)."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _actor(session, username: str | None, id_number: str | None) -> workflow.Actor:
    where = (Account.username == username) if username else (Account.id_number == id_number)
    account = session.scalar(select(Account).where(where))
    if account is None:
        raise LookupError("the demo accounts are seeded before the demo dossiers")
    return workflow.Actor.of(account)


def seed_demo_dossiers(ctx: PortalContext) -> int:
    """File the demo dossiers that are missing and take each to its status; returns how many
    were made."""
    proc = ctx.catalog.get(PROCEDURE)
    if proc is None:
        return 0
    citizen_demo = next(a for a in DEMO_ACCOUNTS if a.role == "citizen")
    officer_demo = next(a for a in DEMO_ACCOUNTS if a.role == "officer")
    made = 0
    with ctx.sessions() as session:
        citizen = _actor(session, None, citizen_demo.id_number)
        officer = _actor(session, officer_demo.username, None)
        today = ctx.now().astimezone(VN).date()
        for index, (child, actions, note) in enumerate(DEMO_DOSSIERS):
            dossier_id = demo_uuid(child)
            if session.get(Dossier, dossier_id) is not None:
                continue
            fields: dict[str, Any] = copy.deepcopy(dict(proc.example["fields"]))
            fields["child.full_name"] = child
            fields["child.birth_date"] = (today - dt.timedelta(days=3 + index)).isoformat()
            checked = validate_dossier(proc.field_specs, dict(proc.example["applicant"]),
                                       fields, today=today)
            if checked.errors:  # the catalog's example no longer fits its rules: show it
                raise ValueError(f"demo dossier {child}: {checked.errors[0].message()}")
            now = ctx.now()
            session.execute(insert(Dossier.__table__), {
                "id": dossier_id, "owner_id": citizen.id, "unit_code": citizen_demo.commune,
                "procedure_code": proc.code, "schema_version": proc.schema_version,
                "applicant": checked.applicant, "fields": checked.fields,
                "applicant_id_number": checked.applicant.get("id_number"), "local_ref": None,
                "created_session": None, "code": None, "status": None, "version": 1,
                "received_at": None, "due_at": None, "created_at": now, "updated_at": now,
                "channel": lifecycle.channel_of(citizen.role),
                "search_text": search_text(proc, checked.applicant, checked.fields)})
            files = {"to_khai": _pdf(f"To khai mau - {dossier_id}"),
                     "giay_chung_sinh": _pdf(f"Giay chung sinh mau - {dossier_id}")}
            for position, (component, data) in enumerate(files.items()):
                sha = ctx.blobs.put_bytes(data)
                session.execute(insert(Attachment.__table__), {
                    "dossier_id": dossier_id, "position": position, "component": component,
                    "sha256": sha, "size": len(data), "filename": f"{component}.pdf",
                    "media_type": "application/pdf"})
            session.commit()
            dossier = session.get(Dossier, dossier_id)
            workflow.submit(session, ctx, dossier, citizen)
            session.commit()
            for action in actions:
                session.refresh(dossier)
                actor = citizen if action == "withdraw" else officer
                last = action == actions[-1]
                dossier = workflow.apply_action(
                    session, ctx, dossier, actor, action,
                    note if last and note else None, dossier.version,
                    delivery_way="counter" if action == "return" else None)
            made += 1
    if made:
        ctx.notifier.kick()
    return made
