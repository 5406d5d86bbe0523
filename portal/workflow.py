"""Dossier rules that do not depend on HTTP: loading what the caller may see (the rule itself
is :mod:`portal.visibility`), submission, officer actions.

The API handlers and the ``dvc-portal action`` command both go through here, so a transition
applied from the command line is recorded exactly like one made by an officer on the web.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from dvc_core import delivery, fees, lifecycle
from dvc_core.catalog import Procedure
from dvc_core.rules import nfc, plain_text
from dvc_core.stats import PAYMENT_WAYS
from dvc_core.units import one_stop_unit
from dvc_core.vntime import time_on_day, to_vn
from dvc_core.workdays import WorkingCalendar
from portal import possession
from portal.context import CallerAccount, PortalContext
from portal.db import FEED_LOCK
from portal.models import (
    Account,
    Change,
    Commune,
    DailySequence,
    Dossier,
    DossierEvent,
    Message,
)
from portal.notify import message_values, status_sms
from portal.problems import Problem
from portal.scheduling import code_day, due_at, official_code
from portal.visibility import NOT_FOUND, can_see


@dataclass(frozen=True)
class Actor:
    """Who does something to a dossier (an account, or the system's command line)."""

    id: str | None
    name: str
    role: str
    commune: str | None
    #: Digest of the session token behind the request (kiosks see only this session's dossiers).
    session: str | None = None

    @classmethod
    def of(cls, account: Account | CallerAccount, session: str | None = None) -> Actor:
        return cls(account.id, account.full_name, account.role, account.commune_code, session)


SYSTEM = Actor(None, "Quản trị hệ thống (dòng lệnh)", "admin", None)


def load_visible(session: Session, actor: Actor, uuid: str, history: bool = True,
                 attachments: bool = True) -> Dossier:
    """The dossier if the actor may see it; otherwise 404 (existence is not revealed).

    ``history=False`` leaves the events to load on first use (submitting or acting on a
    dossier does not read them: one query less on the hot path); ``attachments=False`` the
    same for the attachments.
    """
    options = [] if history else [lazyload(Dossier.events)]
    if not attachments:
        options.append(lazyload(Dossier.attachments))
    dossier = session.get(Dossier, uuid, options=options)
    if dossier is None or not can_see(actor, dossier):
        raise Problem(404, "dossier-not-found", NOT_FOUND)
    return dossier


def find_by_code_or_uuid(session: Session, ref: str) -> Dossier | None:
    ref = ref.strip()
    return session.get(Dossier, ref.lower()) or session.scalar(select(Dossier).where(Dossier.code == ref))


# --------------------------------------------------------------------------------------------
# JSON shapes


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def event_json(event: DossierEvent) -> dict[str, Any]:
    return {
        "status": event.status,
        "status_text": lifecycle.status_text(event.status) if event.status else None,
        "action": event.action,
        "action_text": lifecycle.EVENT_LABELS.get(event.action, event.action),
        "note": event.note,
        "by": plain_text(event.actor_name),
        "role": event.role,
        "at": event.at.isoformat(),
        **detail_json(event.detail),
    }


def _shown(name: Any) -> Any:
    """A name as lists and histories show it: stored before the text rules, or written into the
    database by hand, it still cannot reorder or hide what is shown around it."""
    return plain_text(name) if isinstance(name, str) else name


def summary_json(dossier: Dossier) -> dict[str, Any]:
    return {
        "uuid": dossier.id,
        "code": dossier.code,
        "status": dossier.status,
        "status_text": lifecycle.status_text(dossier.status),
        "version": dossier.version,
        "procedure_code": dossier.procedure_code,
        "unit_code": dossier.unit_code,
        "local_ref": dossier.local_ref,
        "applicant_name": _shown(dossier.applicant.get("full_name")),
        "received_at": _iso(dossier.received_at),
        "due_at": _iso(dossier.due_at),
        "updated_at": _iso(dossier.updated_at),
    }


def fee_json(dossier: Dossier, procedure: Procedure | None, now: dt.datetime | None = None,
             calendar: WorkingCalendar | None = None) -> dict[str, Any] | None:
    """This dossier's fee, from the kernel's one computation (:meth:`Procedure.quote_fee`):
    exemptions evaluated on its answers and the date it was first received, in Vietnam (``now``
    before it is submitted). Computed when read, so it follows a corrected catalog."""
    if procedure is None:
        return None
    # Filed when first submitted: a resubmission after a supplement request restarts the
    # receipt time, not the time the registration was asked for.
    first = next((e.at for e in dossier.events if e.action == "submit"), None)
    moment = first or dossier.received_at or now or dt.datetime.now(dt.UTC)
    return fees.fee_json(procedure.quote_fee(dossier.fields, filed_on=to_vn(moment).date(),
                                             calendar=calendar))


def dossier_json(dossier: Dossier, actor: Actor, is_applicant: bool = False, *,
                 procedure: Procedure | None = None, now: dt.datetime | None = None,
                 calendar: WorkingCalendar | None = None) -> dict[str, Any]:
    """The whole dossier for ``actor``; ``is_applicant``: the officer is its applicant, so no
    officer action is offered (see :func:`is_applicant`). With its ``procedure``, the dossier's
    ``fee`` too (:func:`fee_json`)."""
    out = summary_json(dossier)
    fee = fee_json(dossier, procedure, now, calendar)
    if fee is not None:
        out["fee"] = fee
    out.update({
        "schema_version": dossier.schema_version,
        "applicant": dossier.applicant,
        "fields": dossier.fields,
        "attachments": [
            {"component": a.component, "sha256": a.sha256, "size": a.size,
             "filename": a.filename, "media_type": a.media_type}
            for a in dossier.attachments
        ],
        "history": [event_json(e) for e in dossier.events],
        "allowed_actions": lifecycle.allowed_actions(
            dossier.status, is_owner=dossier.owner_id == actor.id,
            role="applicant" if is_applicant else actor.role),
    })
    return out


def submission_json(dossier: Dossier) -> dict[str, Any]:
    return {
        "uuid": dossier.id,
        "code": dossier.code,
        "status": dossier.status,
        "status_text": lifecycle.status_text(dossier.status),
        "version": dossier.version,
        "received_at": _iso(dossier.received_at),
        "due_at": _iso(dossier.due_at),
    }


# --------------------------------------------------------------------------------------------
# Changes


def record(session: Session, dossier: Dossier, action: str, actor: Actor, at: dt.datetime,
           note: str | None = None, snapshot: dict[str, Any] | None = None,
           feed: bool = True, detail: dict[str, Any] | None = None) -> None:
    """Append a history line, and (for status changes) a change-feed row; ``detail`` (the
    items of a supplement request, the returned result) goes on both."""
    session.add(DossierEvent(dossier_id=dossier.id, action=action, status=dossier.status,
                             note=note, actor_id=actor.id, actor_name=actor.name, role=actor.role,
                             at=at, snapshot=snapshot, detail=detail))
    if feed and dossier.status is not None:
        lock_feed(session)
        session.add(Change(dossier_id=dossier.id, owner_id=dossier.owner_id,
                           unit_code=dossier.unit_code, code=dossier.code, status=dossier.status,
                           note=note, at=at, detail=detail))


def detail_json(detail: dict[str, Any] | None) -> dict[str, Any]:
    """The members an action's detail adds to a history line and a change-feed entry:
    ``items`` (supplement request), ``delivery`` and ``result`` (returned result)."""
    if not detail:
        return {}
    return {k: detail[k] for k in ("items", "delivery", "result", "payment", "consent")
            if k in detail}


def lock_feed(session: Session) -> None:
    """Serialize change-feed appends until this transaction commits (PostgreSQL).

    PostgreSQL hands out ``seq`` values when rows are inserted, but transactions commit in any
    order: a reader could see seq 12 committed while 11 is still in flight, move its cursor to
    12 and never see 11. Holding one advisory lock from the insert to the commit makes the
    feed's commit order equal to its seq order, so a ``since`` cursor never skips a row.
    Everything that locks rows (the dossier, the daily sequence) is flushed before the lock is
    taken, and the holder only has to commit, so it cannot deadlock. SQLite already runs one
    writer at a time.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK})


_sequences = DailySequence.__table__
_BUMP = (update(_sequences)
         .where(_sequences.c.unit_code == bindparam("b_unit"), _sequences.c.day == bindparam("b_day"))
         .values(last=_sequences.c.last + 1)
         .returning(_sequences.c.last))


def next_number(session: Session, unit_code: str, day: str) -> int:
    """The next NNNN for a unit and day, inside the caller's transaction.

    The UPDATE takes the row lock first (so concurrent submissions queue up instead of reading
    the same value); the first submission of a day inserts the row, and if two race to insert,
    the unique constraint rejects one, which then retries the UPDATE.
    """
    for _ in range(10):
        bumped = session.execute(_BUMP, {"b_unit": unit_code, "b_day": day}).scalar_one_or_none()
        if bumped is not None:
            return bumped
        try:
            with session.begin_nested():
                session.add(DailySequence(unit_code=unit_code, day=day, last=1))
            return 1
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a daily sequence number")


# The statements of a submission, built once (values go in as parameters): no statement
# construction or cache-key computation per request.
_dossiers = Dossier.__table__
_SUBMIT_DOSSIER = update(_dossiers).where(_dossiers.c.id == bindparam("b_id"),
                                          _dossiers.c.version == bindparam("b_version"))
_ADD_EVENT = insert(DossierEvent.__table__)
_ADD_CHANGE = insert(Change.__table__)
_ADD_MESSAGE = insert(Message.__table__)


def submit(session: Session, ctx: PortalContext, dossier: Dossier, actor: Actor) -> bool:
    """Submit (or resubmit after a supplement request). Returns False when already submitted.

    The caller checked ownership and blob presence; this assigns the official code the first
    time, sets status 1, the receipt time and due date, and records history and change feed.
    Raises ``StaleDataError`` when the dossier changed since it was loaded.

    Everything is worked out before the first write and written with a few Core statements
    (no unit-of-work flush): on SQLite the writer lock, which every worker queues for, is
    held from the first write to the commit, so that stretch is kept as short as possible.
    """
    if dossier.status not in lifecycle.EDITABLE:
        return False
    now = ctx.now()
    proc = ctx.catalog.get(dossier.procedure_code)
    # The limit may depend on the answers (bổ sung hộ tịch is same-day, cải chính is not).
    time_limit = proc.time_limit_for(dossier.fields) if proc else {}
    first = dossier.status is None
    day = code_day(now)
    due = due_at(now, time_limit, ctx.calendar)
    status = lifecycle.MOI_DANG_KY
    version = dossier.version
    email = dossier.applicant.get("email")
    fee_line = (fees.fee_summary_vi(proc.quote_fee(dossier.fields, filed_on=to_vn(now).date(),
                                                   calendar=ctx.calendar))
                if proc and email and first else "")
    # The first write: from here on (SQLite) the writer lock is held until the commit.
    code = (official_code(dossier.unit_code, day, next_number(session, dossier.unit_code, day))
            if first else dossier.code)
    values = {"code": code, "status": status, "received_at": now, "due_at": due,
              "updated_at": now}
    moved = session.execute(_SUBMIT_DOSSIER, {"b_id": dossier.id, "b_version": version,
                                              "version": version + 1, **values}).rowcount
    if moved != 1:
        raise StaleDataError(f"dossier {dossier.id} changed since it was read (version {version})")
    # The loaded object now says what the row says, without becoming dirty (no flush).
    for key, value in {**values, "version": version + 1}.items():
        set_committed_value(dossier, key, value)
    action = "submit" if first else "resubmit"
    session.execute(_ADD_EVENT, {
        "dossier_id": dossier.id, "action": action, "status": status, "note": None,
        "actor_id": actor.id, "actor_name": actor.name, "role": actor.role, "at": now,
        "snapshot": None})
    lock_feed(session)
    session.execute(_ADD_CHANGE, {
        "dossier_id": dossier.id, "owner_id": dossier.owner_id, "unit_code": dossier.unit_code,
        "code": code, "status": status, "note": None, "at": now})
    if email:
        if first:
            name = proc.name if proc else dossier.procedure_code
            message = ctx.notifier.prepare(
                "email", email,
                f"Kính gửi Ông/Bà {dossier.applicant.get('full_name', '')},\n\n"
                f"Hồ sơ “{name}” đã được đăng ký thành công trên Cổng dịch vụ công.\n"
                f"Mã hồ sơ: {code}\n"
                f"Thời gian nhận: {time_on_day(now)}\n"
                f"Hẹn trả kết quả: {time_on_day(due)}\n"
                + (f"Lệ phí: {fee_line}\n" if fee_line else "") + "\n"
                "Ông/Bà có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ và số CMND/CCCD.",
                subject=f"Thông tin đăng ký thành công — hồ sơ {code}",
            )
        else:
            text = lifecycle.status_text(status)
            message = ctx.notifier.prepare("email", email, f"Hồ sơ {code}: {text}.",
                                           subject=f"Hồ sơ {code}: {text}")
        session.execute(_ADD_MESSAGE, message_values(message))
    return True


def _notify_status(session: Session, ctx: PortalContext, dossier: Dossier, note: str | None) -> None:
    """The applicant hears of a status change: by SMS for the ones to act on or come for (every
    dossier has a phone), by e-mail for every change when an address was given."""
    phone = dossier.applicant.get("phone")
    if phone:
        commune = session.get(Commune, dossier.unit_code)
        body = status_sms(dossier.code or "", dossier.status, note=note, due_at=dossier.due_at,
                          unit=one_stop_unit(commune.name if commune else None),
                          delivery=delivery.chosen(dossier.fields))
        if body:
            ctx.notifier.queue(session, "sms", str(phone), body)
    email = dossier.applicant.get("email")
    if not email:
        return
    text = lifecycle.status_text(dossier.status)
    body = f"Hồ sơ {dossier.code}: {text}."
    if note:
        body += f"\nGhi chú của cán bộ: {note}"
    ctx.notifier.queue(session, "email", email, body,
                       subject=f"Hồ sơ {dossier.code}: {text}")


def current_state(dossier: Dossier) -> dict[str, Any]:
    """Extra members of a 409 problem: where the dossier stands now.

    The problem's own ``status`` member is the HTTP status (RFC 9457), so the dossier's status
    goes in ``dossier_status`` and, grouped, in ``current``.
    """
    state = {"status": dossier.status, "status_text": lifecycle.status_text(dossier.status),
             "version": dossier.version, "code": dossier.code}
    return {"dossier_status": dossier.status, "status_text": state["status_text"],
            "version": dossier.version, "current": state}


def is_applicant(session: Session, actor: Actor, dossier: Dossier) -> bool:
    """Whether the acting officer is the dossier's applicant (separation of duties).

    Judged by the ID number on the officer's own account: it is unique among accounts, so a
    person who holds an officer's account files for themself only through it, and the
    applicant's ID number then gives them away. A dossier the officer filed at the counter for
    someone else (desk intake) stays theirs to take in and process.
    """
    if actor.id is None or actor.role not in lifecycle.OFFICER_ROLES or not dossier.applicant_id_number:
        return False
    own = session.scalar(select(Account.id_number).where(Account.id == actor.id))
    return own is not None and own == dossier.applicant_id_number


def stale_problem(dossier: Dossier) -> Problem:
    return Problem(
        409, "stale-version",
        f"Hồ sơ đã được thay đổi bởi người khác (phiên bản hiện tại {dossier.version}, trạng thái "
        f"“{lifecycle.status_text(dossier.status)}”). Hãy tải lại hồ sơ rồi thực hiện lại.",
        extra=current_state(dossier),
    )


def _field_problem(slug: str, field: str, code: str, message: str) -> Problem:
    return Problem(422, slug, message, errors=[{"field": field, "code": code, "message": message}])


def action_detail(session: Session, ctx: PortalContext, dossier: Dossier, actor: Actor,
                  action: str, items: list[dict[str, Any]] | None,
                  delivery_way: str | None, result: dict[str, Any] | None,
                  payment: str | None = None) -> dict[str, Any] | None:
    """Check an action's detail and give it as stored (None: the action has none).

    ``items`` (``request_supplement`` only): every missing or wrong component at once, each
    one of the procedure's components with its reason — one request, one list. ``delivery``
    (``return`` only): ``counter``, ``post`` or ``online``; ``online`` only where the procedure
    returns an electronic result, and then with its ``result`` file, whose bytes the officer
    sent by tus first (a digitised copy may go with the other ways too). ``payment``
    (``fee_paid`` only): how the fee was paid, ``online`` or ``counter``
    (:data:`dvc_core.stats.PAYMENT_WAYS`: what the commune's paid-online share counts).
    """
    detail: dict[str, Any] = {}
    if payment is not None:
        if action != "fee_paid":
            raise _field_problem("detail-not-allowed", "payment", "not_allowed",
                                 "Cách nộp phí chỉ dùng khi ghi nhận đã nộp phí, lệ phí.")
        if payment not in PAYMENT_WAYS:
            raise _field_problem("payment-choice", "payment", "choice",
                                 "Cách nộp phí: chọn một trong " + ", ".join(PAYMENT_WAYS) + ".")
        detail["payment"] = payment
    if items:
        if action != "request_supplement":
            raise _field_problem("detail-not-allowed", "items", "not_allowed",
                                 "Danh sách thành phần chỉ dùng khi yêu cầu bổ sung hồ sơ.")
        proc = ctx.catalog.get(dossier.procedure_code)
        names = {c.id: c.name for c in proc.components} if proc else {}
        seen: set[str] = set()
        out = []
        for i, item in enumerate(items):
            component = nfc(str(item.get("component") or "")).strip()
            reason = nfc(str(item.get("reason") or "")).strip()
            if component not in names:
                raise _field_problem(
                    "unknown-component", f"items[{i}].component", "choice",
                    f"Thành phần “{component[:64]}” không có trong thủ tục này. Các thành phần: "
                    + ", ".join(names) + ".")
            if component in seen:
                raise _field_problem("duplicate-component", f"items[{i}].component", "duplicate",
                                     f"Thành phần “{names[component]}” được nêu hai lần.")
            if not reason:
                raise _field_problem("reason-required", f"items[{i}].reason", "required",
                                     f"Lý do cho “{names[component]}”: chưa nhập.")
            seen.add(component)
            out.append({"component": component, "component_name": names[component],
                        "reason": plain_text(reason)})
        detail["items"] = out
    if delivery_way is not None or result is not None:
        if action != "return":
            raise _field_problem("detail-not-allowed", "delivery", "not_allowed",
                                 "Hình thức trả và tệp kết quả chỉ dùng khi trả kết quả.")
        if delivery_way not in delivery.WAYS:
            raise _field_problem("delivery-required", "delivery", "choice",
                                 "Hình thức trả kết quả: chọn một trong "
                                 + ", ".join(delivery.WAYS) + ".")
        proc = ctx.catalog.get(dossier.procedure_code)
        if delivery_way == "online":
            if proc is None or "online" not in delivery.offered(proc.result_delivery, proc.level):
                raise _field_problem("online-not-offered", "delivery", "not_offered",
                                     "Thủ tục này không trả kết quả điện tử (trực tuyến).")
            if result is None:
                raise _field_problem("result-required", "result", "required",
                                     "Trả kết quả trực tuyến cần đính kèm tệp kết quả điện tử.")
        detail["delivery"] = delivery_way
        if result is not None:
            sha = str(result.get("sha256") or "").lower()
            if not (ctx.blobs.has(sha) and sha in possession.held(session, actor, [sha])):
                raise Problem(409, "missing-blobs",
                              "Tệp kết quả chưa được tải lên cổng. Hãy gửi lại.",
                              extra={"missing_blobs": [sha]})
            detail["result"] = {"sha256": sha, "size": int(result.get("size") or 0),
                                "filename": plain_text(nfc(str(result.get("filename") or ""))),
                                "media_type": str(result.get("media_type") or "")}
    return detail or None


def items_note(note: str | None, detail: dict[str, Any] | None) -> str | None:
    """The note a supplement request's items make (for the SMS, e-mail and older apps): the
    officer's own note, then one line per item."""
    items = (detail or {}).get("items")
    if not items:
        return note
    lines = [f"- {i['component_name']}: {i['reason']}" for i in items]
    return "\n".join(([note] if note else []) + lines)


def apply_action(session: Session, ctx: PortalContext, dossier: Dossier, actor: Actor,
                 action: str, note: str | None, expected_version: int | None, *,
                 items: list[dict[str, Any]] | None = None, delivery_way: str | None = None,
                 result: dict[str, Any] | None = None, payment: str | None = None) -> Dossier:
    """Apply one lifecycle action after checking role, version, source status and note.

    Commits. ``expected_version`` None (command line only) means "whatever is current".
    ``items``, ``delivery_way``, ``result`` and ``payment``: the action's detail
    (:func:`action_detail`).
    """
    transition = lifecycle.TRANSITIONS.get(action)
    if transition is None or not transition.api:
        names = ", ".join(a for a, t in lifecycle.TRANSITIONS.items() if t.api)
        raise Problem(422, "unknown-action",
                      f"Thao tác “{action[:40]}” không tồn tại. Các thao tác hợp lệ: {names}.",
                      errors=[{"field": "action", "code": "choice",
                               "message": f"Thao tác phải là một trong: {names}."}])
    is_owner = dossier.owner_id == actor.id
    as_owner = "owner" in transition.roles and is_owner
    officer_ok = actor.role in transition.roles and (
        actor.role == "admin" or dossier.unit_code == actor.commune)
    if not (officer_ok or as_owner):
        raise Problem(403, "action-forbidden",
                      f"Bạn không có quyền thực hiện thao tác “{transition.label}” với hồ sơ này.")
    if not as_owner and is_applicant(session, actor, dossier):
        raise Problem(403, "own-dossier",
                      f"Cán bộ không được thực hiện “{transition.label}” với hồ sơ mà chính mình "
                      "là người yêu cầu (số CMND/CCCD của người yêu cầu trùng với của cán bộ). "
                      "Theo nguyên tắc tách bạch nhiệm vụ, hãy để cán bộ khác của xã/phường xử "
                      "lý hồ sơ này.")
    if expected_version is not None and expected_version != dossier.version:
        raise stale_problem(dossier)
    if dossier.status not in transition.sources:
        raise Problem(
            409, "transition-not-allowed",
            f"Không thể thực hiện “{transition.label}” khi hồ sơ đang ở trạng thái "
            f"“{lifecycle.status_text(dossier.status)}”.",
            extra=current_state(dossier))
    note = nfc(note).strip() or None if note else None
    detail = action_detail(session, ctx, dossier, actor, action, items, delivery_way, result,
                           payment)
    note = items_note(note, detail)
    if transition.note_required and not note:
        raise Problem(422, "note-required",
                      f"Thao tác “{transition.label}” cần ghi rõ lý do"
                      + (" (nêu các giấy tờ còn thiếu)." if action == "request_supplement" else "."),
                      errors=[{"field": "note", "code": "required",
                               "message": "Ghi chú: chưa nhập. Hãy ghi rõ lý do."}])
    now = ctx.now()
    dossier.status = transition.target
    dossier.updated_at = now
    try:
        # record() flushes the versioned UPDATE before taking the feed lock: a concurrent
        # change surfaces here as StaleDataError, as it would at commit.
        record(session, dossier, action, actor, now, note=note, detail=detail)
        _notify_status(session, ctx, dossier, note)
        session.commit()
    except StaleDataError:
        session.rollback()
        fresh = session.get(Dossier, dossier.id, populate_existing=True)
        raise stale_problem(fresh or dossier) from None
    ctx.notifier.kick()
    return dossier
