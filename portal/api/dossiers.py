"""Dossiers: create/replace (PUT by client UUID), submit, read, list, officer actions, changes."""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuidlib
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, JSONResponse
from pydantic import Field
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dvc_core import lifecycle
from dvc_core.blobs import MEDIA_TYPES, display_name
from dvc_core.rules import check_attachments, nfc, validate_dossier
from dvc_core.stats import PAYMENT_WAYS
from portal import possession, visibility, workflow
from portal.context import (
    Ctx,
    CurrentCaller,
    DbSession,
    PortalContext,
)
from portal.models import Attachment, Change, Commune, Dossier, DossierEvent
from portal.problems import Problem
from portal.scheduling import local
from portal.wire import WireModel, checked
from portal.workflow import Actor
from portal.worklist import search_text

router = APIRouter(tags=["dossiers"])

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class AttachmentIn(WireModel):
    component: str = Field(max_length=64, **checked(minLength=1))
    sha256: str = Field(max_length=64, **checked(pattern="^[0-9a-fA-F]{64}$"))
    size: int = Field(ge=0, **checked(minimum=1))
    filename: str = Field(default="", max_length=255)
    media_type: str = Field(max_length=64, **checked(enum=sorted(MEDIA_TYPES)))


class ConsentIn(WireModel):
    """The person's consent to the processing, given before any personal data was asked (a
    kiosk): which notice (``resources/kiosk_consent.json``'s version) and when."""

    notice: str = Field(max_length=64, **checked(minLength=1))
    accepted_at: str = Field(max_length=40, **checked(minLength=1))


class DossierIn(WireModel):
    rule_fields = frozenset({"applicant", "fields"})
    id_keyed_fields = frozenset({"fields"})

    procedure_code: str = Field(max_length=64, **checked(minLength=1))
    schema_version: int = Field(ge=1, le=10_000)
    applicant: Any = None
    fields: Any = None
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=100)
    local_ref: str | None = Field(default=None, max_length=64)
    unit_code: str | None = Field(default=None, max_length=32)
    consent: ConsentIn | None = None


class SupplementItemIn(WireModel):
    component: str = Field(max_length=64, **checked(minLength=1))
    reason: str = Field(max_length=1000, **checked(minLength=1))


class ResultFileIn(WireModel):
    sha256: str = Field(max_length=64, **checked(pattern="^[0-9a-fA-F]{64}$"))
    size: int = Field(ge=0, **checked(minimum=1))
    filename: str = Field(default="", max_length=255)
    media_type: str = Field(max_length=64, **checked(enum=sorted(MEDIA_TYPES)))


class ActionIn(WireModel):
    action: str = Field(max_length=40, **checked(
        enum=[a for a, t in lifecycle.TRANSITIONS.items() if t.api]))
    note: str | None = Field(default=None, max_length=4000)
    expected_version: int
    #: ``request_supplement``: every missing or wrong component at once, each with its reason.
    items: list[SupplementItemIn] | None = Field(default=None, max_length=50)
    #: ``return``: how the result is handed over (``counter``, ``post``, ``online``).
    delivery: str | None = Field(default=None, max_length=16, **checked(
        enum=["counter", "post", "online"]))
    #: ``return``: the electronic result (its bytes sent by tus first).
    result: ResultFileIn | None = None
    #: ``fee_paid``: how the fee was paid (``online``: transfer or payment service; ``counter``).
    payment: str | None = Field(default=None, max_length=16, **checked(enum=list(PAYMENT_WAYS)))


def _uuid(value: str | uuidlib.UUID) -> str:
    if isinstance(value, uuidlib.UUID):  # FastAPI parsed the path already
        return str(value)
    try:
        return str(uuidlib.UUID(value))
    except ValueError:
        raise Problem(422, "validation", "Mã định danh hồ sơ (UUID) không hợp lệ.",
                      errors=[{"field": "uuid", "code": "uuid_parsing",
                               "message": "Mã định danh hồ sơ phải là một UUID."}]) from None


def _err(field: str, code: str, message: str) -> dict[str, str]:
    return {"field": field, "code": code, "message": message}


def _check_attachments(body: DossierIn, proc: Any, ctx: PortalContext
                       ) -> tuple[list[dict[str, Any]], list[dict[str, str]], list[dict[str, str]]]:
    """Returns (clean attachments, 422 errors, 413 errors).

    Which components are required or known is the kernel's rule (the one the app applies
    before queueing); this adds what only the portal can check: the declared hashes, media
    types and sizes against its limits.
    """
    settings = ctx.settings
    clean: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    too_big: list[dict[str, str]] = []
    for i, att in enumerate(body.attachments):
        where = f"attachments[{i}]"
        sha = att.sha256.strip().lower()
        if not _SHA256.match(sha):
            errors.append(_err(f"{where}.sha256", "sha256",
                               "Mã băm SHA-256 của tệp phải gồm 64 ký tự thập lục phân."))
        if att.media_type not in MEDIA_TYPES:
            errors.append(_err(f"{where}.media_type", "media_type",
                               "Loại tệp phải là PDF, JPEG hoặc PNG (application/pdf, image/jpeg, "
                               "image/png)."))
        name = display_name(nfc(att.filename)) if att.filename else "tep"
        if att.size == 0:
            errors.append(_err(f"{where}.size", "empty", f"Tệp “{name}” rỗng (0 byte)."))
        elif att.size > settings.max_file_bytes:
            mb = settings.max_file_bytes // (1024 * 1024)
            too_big.append(_err(f"{where}.size", "too_large",
                                f"Tệp “{name}” lớn hơn giới hạn {mb} MB cho mỗi tệp."))
        clean.append({"component": nfc(att.component), "sha256": sha,
                      "size": att.size, "filename": name, "media_type": att.media_type})
    errors += [e.to_json() for e in check_attachments(
        proc.accepted_components(), (a["component"] for a in clean))]
    total = sum(a["size"] for a in clean)
    if total > settings.max_dossier_bytes:
        mb = settings.max_dossier_bytes // (1024 * 1024)
        too_big.append(_err("attachments", "dossier_too_large",
                            f"Tổng dung lượng các tệp đính kèm vượt quá {mb} MB cho một hồ sơ."))
    return clean, errors, too_big


def _problem(status: int, slug: str, intro: str, errors: list[dict[str, str]]) -> Problem:
    detail = intro + " " + " ".join(e["message"] for e in errors[:8])
    return Problem(status, slug, detail[:3000], errors=errors)


@router.put("/dossiers/{uuid}")
def put_dossier(uuid: uuidlib.UUID, body: DossierIn, caller: CurrentCaller,
                session: DbSession,
                ctx: Ctx) -> JSONResponse:
    """Create or replace a dossier not yet submitted (or waiting for a supplement)."""
    uuid = _uuid(uuid)
    proc = ctx.catalog.get(nfc(body.procedure_code))
    if proc is None:
        raise _problem(422, "validation", "Thủ tục không hợp lệ.",
                       [_err("procedure_code", "unknown_procedure",
                             f"Không có thủ tục mã “{body.procedure_code}” trong danh mục của cổng.")])
    # A dossier filed under an older form is accepted while the catalog says that form is
    # still compatible (min_schema_version); it is validated with the current rules below.
    if not proc.min_schema_version <= body.schema_version <= proc.schema_version:
        raise _problem(422, "validation", "Mẫu tờ khai đã thay đổi.",
                       [_err("schema_version", "schema_version",
                             f"Tờ khai dùng mẫu phiên bản {body.schema_version}, cổng đang dùng "
                             f"phiên bản {proc.schema_version}. Hãy cập nhật danh mục thủ tục và "
                             "kiểm tra lại tờ khai.")])
    checked = validate_dossier(proc.field_specs, body.applicant, body.fields,
                               today=local(ctx.now()).date())
    errors = [e.to_json() for e in checked.errors]
    attachments, att_errors, too_big = _check_attachments(body, proc, ctx)
    errors += att_errors
    if errors:
        raise _problem(422, "validation", "Hồ sơ chưa hợp lệ, hãy sửa các mục sau:", errors)
    if too_big:
        raise _problem(413, "too-large", "Tệp đính kèm quá lớn:", too_big)

    actor = Actor.of(caller.account, caller.token_hash)
    # Most PUTs create: a one-column probe is much cheaper than an ORM load that finds nothing.
    known = session.execute(_DOSSIER_KNOWN, {"b_id": uuid}).first() is not None
    dossier = session.get(Dossier, uuid) if known else None
    if dossier is not None and not (dossier.owner_id == caller.id
                                    and visibility.can_see(actor, dossier)):
        raise Problem(404, "dossier-not-found", visibility.NOT_FOUND)
    if dossier is not None and dossier.status not in lifecycle.EDITABLE:
        raise Problem(409, "dossier-submitted",
                      f"Hồ sơ {dossier.code} đã nộp và đang ở trạng thái "
                      f"“{lifecycle.status_text(dossier.status)}”; không thể thay đổi nội dung.",
                      extra=workflow.current_state(dossier))
    if dossier is None:
        unit_code = (nfc(body.unit_code) if body.unit_code else None) or \
            caller.account.commune_code or ctx.settings.default_unit_code
        if caller.role == "kiosk" and unit_code != caller.account.commune_code:
            # A kiosk stands in one commune's office and files for that commune only.
            raise _problem(422, "validation", "Nơi nhận hồ sơ không hợp lệ.",
                           [_err("unit_code", "kiosk_commune",
                                 "Ki-ốt chỉ nhận hồ sơ cho xã/phường nơi đặt ki-ốt "
                                 f"(mã đơn vị {caller.account.commune_code}).")])
        if not unit_code or session.execute(_COMMUNE_KNOWN, {"b_unit": unit_code}).first() is None:
            raise _problem(422, "validation", "Nơi nhận hồ sơ không hợp lệ.",
                           [_err("unit_code", "unknown_unit",
                                 f"Mã đơn vị nhận hồ sơ “{unit_code or ''}” không có trên cổng. "
                                 "Hãy chọn xã/phường nhận hồ sơ.")])
    now = ctx.now()
    created = dossier is None
    if created:
        return _create_dossier(session, ctx, uuid, actor, unit_code, proc,
                               body, checked, attachments, now)
    if dossier.status == lifecycle.YEU_CAU_BO_SUNG:
        # Keep what the officer saw before the supplement, so the history shows what changed.
        snapshot = workflow.dossier_json(dossier, actor)
        for key in ("history", "allowed_actions"):
            snapshot.pop(key, None)
        workflow.record(session, dossier, "supplement_update", actor, now,
                        snapshot=snapshot, feed=False)
    dossier.procedure_code = proc.code
    dossier.schema_version = body.schema_version
    dossier.applicant = checked.applicant
    dossier.fields = checked.fields
    dossier.applicant_id_number = checked.applicant.get("id_number")
    dossier.search_text = search_text(proc, checked.applicant, checked.fields)
    dossier.local_ref = nfc(body.local_ref) if body.local_ref else None
    dossier.updated_at = now
    dossier.attachments.clear()
    for i, att in enumerate(attachments):
        dossier.attachments.append(Attachment(position=i, **att))
    try:
        session.commit()
    except (IntegrityError, StaleDataError):
        # A concurrent PUT of the same UUID won the race; the client may simply retry.
        session.rollback()
        raise Problem(409, "concurrent-update",
                      "Hồ sơ đang được cập nhật từ nơi khác cùng lúc. Hãy gửi lại.") from None
    missing = _missing(session, ctx, actor, attachments)
    return JSONResponse({"uuid": uuid, "version": dossier.version, "missing_blobs": missing},
                        status_code=200)


_DOSSIER_KNOWN = select(Dossier.__table__.c.id).where(Dossier.__table__.c.id == bindparam("b_id"))
_COMMUNE_KNOWN = select(Commune.__table__.c.unit_code).where(
    Commune.__table__.c.unit_code == bindparam("b_unit"))
_attachments = Attachment.__table__
_ATTACHED_FILES = (select(_attachments.c.sha256, _attachments.c.size, _attachments.c.filename)
                   .where(_attachments.c.dossier_id == bindparam("b_id"))
                   .order_by(_attachments.c.position))
_ADD_DOSSIER = insert(Dossier.__table__)
_ADD_ATTACHMENT = insert(Attachment.__table__)


def _missing(session: Session, ctx: PortalContext, actor: Actor,
             attachments: list[dict[str, Any]]) -> list[str]:
    """The attachments' hashes the caller must still upload: those the portal lacks, and
    those it holds only for somebody else (:mod:`portal.possession`)."""
    shas = {a["sha256"] for a in attachments}
    held = possession.held(session, actor, shas)
    return sorted(sha for sha in shas if sha not in held or not ctx.blobs.has(sha))


def _create_dossier(session: Session, ctx: PortalContext, uuid: str, actor: Actor,
                    unit_code: str, proc: Any, body: DossierIn, checked: Any,
                    attachments: list[dict[str, Any]], now: dt.datetime) -> JSONResponse:
    """A new dossier's rows, written with two Core statements (no unit-of-work flush).

    On SQLite the writer lock is held from the first write to the commit: the rows are ready
    before it is taken.
    """
    row = {"id": uuid, "owner_id": actor.id, "unit_code": unit_code,
           "procedure_code": proc.code, "schema_version": body.schema_version,
           "applicant": checked.applicant, "fields": checked.fields,
           "applicant_id_number": checked.applicant.get("id_number"),
           "local_ref": nfc(body.local_ref) if body.local_ref else None,
           "created_session": actor.session, "code": None, "status": None, "version": 1,
           "received_at": None, "due_at": None, "created_at": now, "updated_at": now,
           "channel": lifecycle.channel_of(actor.role),
           "search_text": search_text(proc, checked.applicant, checked.fields)}
    rows = [{"dossier_id": uuid, "position": i, **att} for i, att in enumerate(attachments)]
    try:
        session.execute(_ADD_DOSSIER, row)
        if rows:
            session.execute(_ADD_ATTACHMENT, rows)
        if body.consent is not None:  # on the dossier's history, not the person's account
            session.add(DossierEvent(
                dossier_id=uuid, action="consent", status=None, note=None, actor_id=actor.id,
                actor_name=actor.name, role=actor.role, at=now,
                detail={"consent": {"notice": nfc(body.consent.notice),
                                    "accepted_at": nfc(body.consent.accepted_at)}}))
        session.commit()
    except IntegrityError:
        # A concurrent PUT of the same UUID won the race; the client may simply retry.
        session.rollback()
        raise Problem(409, "concurrent-update",
                      "Hồ sơ đang được cập nhật từ nơi khác cùng lúc. Hãy gửi lại.") from None
    missing = _missing(session, ctx, actor, attachments)
    return JSONResponse({"uuid": uuid, "version": 1, "missing_blobs": missing}, status_code=201)


@router.post("/dossiers/{uuid}/submit")
def submit_dossier(uuid: uuidlib.UUID, caller: CurrentCaller,
                   session: DbSession,
                   ctx: Ctx) -> dict[str, Any]:
    """Submit once every attachment is here; repeating it returns the same answer."""
    uuid = _uuid(uuid)
    actor = Actor.of(caller.account, caller.token_hash)
    dossier = workflow.load_visible(session, actor, uuid, history=False, attachments=False)
    if dossier.owner_id != caller.id:
        raise Problem(403, "not-owner", "Chỉ người nộp hồ sơ mới được nộp hồ sơ này.")
    if dossier.status not in lifecycle.EDITABLE:
        return workflow.submission_json(dossier)
    missing = []
    # Only the files are checked here: plain rows, no ORM objects. A file the portal holds
    # only for somebody else is missing too: the submitter must send it.
    files = session.execute(_ATTACHED_FILES, {"b_id": uuid}).all()
    held = possession.held(session, actor, {att.sha256 for att in files})
    for att in files:
        path = ctx.blobs.path(att.sha256)
        if att.sha256 not in held or not path.is_file() or path.stat().st_size != att.size:
            missing.append(att)
    if missing:
        shas = sorted({a.sha256 for a in missing})
        raise Problem(
            409, "missing-blobs",
            "Chưa tải lên đủ tệp đính kèm: " + ", ".join(f"“{a.filename}”" for a in missing)
            + ". Hãy tải lên các tệp này rồi nộp lại.",
            errors=[_err("attachments", "missing_blob", f"Chưa có tệp “{a.filename}” ({a.sha256}).")
                    for a in missing],
            extra={"missing_blobs": shas})
    try:
        workflow.submit(session, ctx, dossier, actor)
        possession.mark_used(session, dossier, {att.sha256 for att in files})
        session.commit()
    except (IntegrityError, StaleDataError):
        # A concurrent submit of the same dossier won: answer with what it produced.
        session.rollback()
        dossier = session.get(Dossier, uuid, populate_existing=True)
        if dossier is None or dossier.status in lifecycle.EDITABLE:
            raise Problem(409, "concurrent-update",
                          "Hồ sơ đang được nộp từ nơi khác cùng lúc. Hãy thử lại.") from None
    ctx.notifier.kick()
    return workflow.submission_json(dossier)


@router.get("/dossiers/{uuid}")
def get_dossier(uuid: uuidlib.UUID, caller: CurrentCaller,
                session: DbSession, ctx: Ctx) -> dict[str, Any]:
    """Status, history, content and fee of one dossier."""
    actor = Actor.of(caller.account, caller.token_hash)
    dossier = workflow.load_visible(session, actor, _uuid(uuid))
    return workflow.dossier_json(dossier, actor, workflow.is_applicant(session, actor, dossier),
                                 procedure=ctx.catalog.get(dossier.procedure_code),
                                 now=ctx.now(), calendar=ctx.calendar)


@router.get("/dossiers")
def list_dossiers(caller: CurrentCaller, session: DbSession,
                  status: Annotated[int | None, Query(ge=1, le=10)] = None,
                  limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
    """The caller's dossiers (officers: their commune's submitted ones), newest first."""
    actor = Actor.of(caller.account, caller.token_hash)
    query = select(Dossier).where(visibility.dossier_filter(actor))
    if status is not None:
        query = query.where(Dossier.status == status)
    rows = session.scalars(query.order_by(Dossier.updated_at.desc()).limit(limit)).all()
    return {"dossiers": [workflow.summary_json(d) for d in rows]}


@router.post("/dossiers/{uuid}/actions")
def act(uuid: uuidlib.UUID, body: ActionIn, caller: CurrentCaller,
        session: DbSession,
        ctx: Ctx) -> dict[str, Any]:
    """An officer action (or the owner's withdrawal), checked against ``expected_version``."""
    actor = Actor.of(caller.account, caller.token_hash)
    dossier = workflow.load_visible(session, actor, _uuid(uuid), history=False)
    dossier = workflow.apply_action(
        session, ctx, dossier, actor, nfc(body.action), body.note, body.expected_version,
        items=[i.model_dump() for i in body.items] if body.items else None,
        delivery_way=body.delivery, result=body.result.model_dump() if body.result else None,
        payment=body.payment)
    return {"uuid": dossier.id, "code": dossier.code, "status": dossier.status,
            "status_text": lifecycle.status_text(dossier.status), "version": dossier.version}


@router.get("/dossiers/{uuid}/attachments/{sha256}")
def attachment(uuid: uuidlib.UUID, sha256: str, caller: CurrentCaller,
               session: DbSession,
               ctx: Ctx) -> FileResponse:
    """Download one attachment of a dossier the caller may see (officers check the scans)."""
    actor = Actor.of(caller.account, caller.token_hash)
    dossier = workflow.load_visible(session, actor, _uuid(uuid))
    att = next((a for a in dossier.attachments if a.sha256 == sha256.lower()), None)
    # Only bytes the dossier's owner holds: naming a stranger's hash in one's own dossier
    # never reads the stranger's file.
    if (att is None or not ctx.blobs.has(att.sha256)
            or att.sha256 not in possession.backed(session, dossier, [att.sha256])):
        raise Problem(404, "attachment-not-found", "Hồ sơ không có tệp đính kèm này.")
    # The stored name is for display only; it is sent as a header value, never used as a path.
    return FileResponse(ctx.blobs.path(att.sha256), media_type=att.media_type,
                        filename=att.filename, content_disposition_type="attachment")


@router.get("/dossiers/{uuid}/result/{sha256}")
def result_file(uuid: uuidlib.UUID, sha256: str, caller: CurrentCaller,
                session: DbSession, ctx: Ctx) -> FileResponse:
    """The electronic result the officer returned with the dossier (its applicant opens it)."""
    actor = Actor.of(caller.account, caller.token_hash)
    dossier = workflow.load_visible(session, actor, _uuid(uuid))
    sha = sha256.lower()
    found = next((e.detail["result"] for e in dossier.events
                  if isinstance(e.detail, dict) and isinstance(e.detail.get("result"), dict)
                  and e.detail["result"].get("sha256") == sha), None)
    if found is None or not ctx.blobs.has(sha):
        raise Problem(404, "result-not-found", "Hồ sơ không có tệp kết quả này.")
    return FileResponse(ctx.blobs.path(sha), media_type=found.get("media_type") or None,
                        filename=found.get("filename") or f"ket-qua-{dossier.code}",
                        content_disposition_type="attachment")


@router.get("/changes")
def changes(caller: CurrentCaller, session: DbSession,
            since: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
            limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    """Status changes of the dossiers the caller may see, in order, after cursor ``since``."""
    actor = Actor.of(caller.account, caller.token_hash)
    query = select(Change).where(Change.seq > since, visibility.change_filter(actor))
    rows = session.scalars(query.order_by(Change.seq).limit(limit)).all()
    return {
        "changes": [
            {"seq": c.seq, "uuid": c.dossier_id, "code": c.code, "status": c.status,
             "status_text": lifecycle.status_text(c.status), "note": c.note,
             "at": c.at.isoformat(), **workflow.detail_json(c.detail)}
            for c in rows
        ],
        "next": rows[-1].seq if rows else since,
    }
