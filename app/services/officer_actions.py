"""The officer's decisions on a dossier from the worklists, checked and sent through the outbox.

A dossier the officer works on usually arrived online and was never filed on this machine, so
it gets a local copy (mode :data:`WORKLIST_MODE`: not listed in "Hồ sơ trên máy", never sent,
never purged) that carries the outbox items, the portal version decided on and the history the
change feed brings. Every action then takes the one road
(:meth:`~app.services.queue_actions.OutboxCommands.queue_officer_action`): durable at once,
sent when the portal answers, with ``expected_version`` — a colleague's change meanwhile comes
back as a conflict, shown with what the colleague did, never applied blindly.

No Qt here: the desk calls it through the task runner, ``dvc act`` directly.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.models import Dossier, DossierState, OutboxItem, OutboxState
from app.models.worklist import WorklistItem
from app.services.changes import apply_status, parse_time
from app.services.portal_client import NetworkError, PortalClient, PortalError
from app.services.queue import DossierQueue, new_local_ref
from app.services.queue_actions import QueuedAction
from app.services.queue_reads import LOCAL_COPY_MODE
from dvc_core import delivery, lifecycle
from dvc_core.blobs import AttachmentError
from dvc_core.catalog import Catalog
from dvc_core.rules import FieldError, ValidationFailed
from dvc_core.stats import PAYMENT_WAYS

#: The mode of a local copy made for an officer's action on a dossier filed elsewhere.
WORKLIST_MODE = LOCAL_COPY_MODE

#: The actions the desk offers, in the order of the lifecycle, with the keys that press them
#: (``Ctrl+Shift+…``: never a single key, so no stray key press decides anything).
SHORTCUTS: dict[str, str] = {
    "receive": "Ctrl+Shift+T",
    "refuse": "Ctrl+Shift+K",
    "request_supplement": "Ctrl+Shift+B",
    "start": "Ctrl+Shift+X",
    "fee_required": "Ctrl+Shift+P",
    "fee_paid": "Ctrl+Shift+D",
    "finish": "Ctrl+Shift+H",
    "return": "Ctrl+Shift+R",
}

#: Actions that end the office's work on a dossier or send it back to the applicant: each is
#: confirmed in a dialog whose default button is the safe one.
DESTRUCTIVE = frozenset({"refuse", "request_supplement", "stop", "return"})


@dataclass(frozen=True)
class ActionOutcome:
    """What ``dvc act`` prints and the desk shows after an action was queued (and sent).

    Attributes:
        state: ``sent`` (the portal applied it), ``queued`` (offline: sent with the outbox),
            ``conflict`` (the portal had moved on: ``conflict`` says how) or ``refused``.
        conflict: the portal's status, version and last history line (who, when, what).
    """

    dossier_id: str
    code: str | None
    action: str
    state: str
    status: int | None
    status_text: str | None
    message: str | None = None
    conflict: Mapping[str, Any] | None = None
    items: tuple[Mapping[str, str], ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {"uuid": self.dossier_id, "code": self.code, "action": self.action,
                "state": self.state, "status": self.status, "status_text": self.status_text,
                "message": self.message, "conflict": dict(self.conflict) if self.conflict
                else None, "items": [dict(i) for i in self.items]}


def parse_items(raw: Sequence[str]) -> list[dict[str, str]]:
    """``COMPONENT=REASON`` arguments as supplement items (the reason may hold ``=``)."""
    out = []
    for i, text in enumerate(raw):
        component, sep, reason = text.partition("=")
        if not sep or not component.strip():
            raise ValidationFailed([FieldError(f"item[{i}]", "--item", "choice",
                                               {"choices": "THÀNH_PHẦN=LÝ DO"})])
        out.append({"component": component.strip(), "reason": reason.strip()})
    return out


class OfficerActions:
    """Checks and queues an officer's actions; keeps the local copies they travel on.

    Args:
        queue: the local queue (its outbox sends the actions).
        client: the portal (a callable: the embedded portal starts on first use only).
        catalog: the procedures (a callable: a newer catalog may replace it).
        server_key: which portal the worklist copy belongs to.
    """

    def __init__(self, queue: DossierQueue, client: Callable[[], PortalClient],
                 catalog: Callable[[], Catalog], server_key: str):
        self.queue = queue
        self._client = client
        self._catalog = catalog
        self.server_key = server_key

    @property
    def client(self) -> PortalClient:
        return self._client()

    # ----------------------------------------------------------------------------- reading
    def find(self, ref: str, *, refresh: bool = True) -> str:
        """The UUID of a dossier named by official code, local reference or UUID, with a
        local copy made or brought up to date from the portal when it answers.

        Raises:
            ValidationFailed: no such dossier here, in the worklists' copy or on the portal.
        """
        ref = ref.strip()
        local = self.queue.find(ref)
        uuid = local.id if local is not None else self._from_copy(ref)
        remote = None
        if refresh:
            try:
                if uuid is None:
                    uuid = self._search_portal(ref)
                if uuid is not None:
                    remote = self.client.get_dossier(uuid)
            except NetworkError:
                remote = None
            except PortalError as exc:
                if exc.status != 404:
                    raise
        if uuid is None:
            raise ValidationFailed([FieldError("dossier", "Hồ sơ", "not_found")])
        self.track(uuid, remote)
        return uuid

    def _from_copy(self, ref: str) -> str | None:
        with self.queue.sessions() as session:
            return session.scalar(select(WorklistItem.uuid).where(
                WorklistItem.server == self.server_key,
                (WorklistItem.code == ref) | (WorklistItem.uuid == ref.lower())).limit(1))

    def _search_portal(self, ref: str) -> str | None:
        try:
            uuidlib.UUID(ref)
            return ref.lower()
        except ValueError:
            pass
        body = self.client.json("GET", "/dossiers", params={"limit": 1000})
        return next((d["uuid"] for d in body.get("dossiers", []) if d.get("code") == ref), None)

    def track(self, uuid: str, remote: Mapping[str, Any] | None = None) -> None:
        """Make (or refresh) the local copy an action travels on.

        ``remote`` is the portal's dossier (``GET /dossiers/{uuid}``); offline, the worklists'
        copy gives what is known. A dossier filed on this machine keeps its own content; only
        its portal status and version follow.
        """
        with self.queue.sessions.begin() as session:
            dossier = session.get(Dossier, uuid)
            if remote is None:
                if dossier is not None:
                    return
                row = session.scalar(select(WorklistItem).where(
                    WorklistItem.server == self.server_key, WorklistItem.uuid == uuid).limit(1))
                if row is None:
                    raise ValidationFailed([FieldError("dossier", "Hồ sơ", "not_found")])
                remote = {"uuid": uuid, "code": row.code, "status": row.status,
                          "version": row.version, "procedure_code": row.procedure_code,
                          "applicant": {"full_name": row.applicant_name},
                          "due_at": row.due_at.isoformat() if row.due_at else None,
                          "received_at": row.received_at.isoformat() if row.received_at
                          else None}
            if dossier is None:
                dossier = Dossier(
                    id=uuid, local_ref=new_local_ref(),
                    procedure_code=str(remote.get("procedure_code") or ""),
                    schema_version=int(remote.get("schema_version") or 1),
                    applicant=dict(remote.get("applicant") or {}),
                    fields=dict(remote.get("fields") or {}), state=DossierState.SUBMITTED,
                    mode=WORKLIST_MODE)
                session.add(dossier)
            elif dossier.mode == WORKLIST_MODE and remote.get("fields") is not None:
                dossier.applicant = dict(remote.get("applicant") or dossier.applicant)
                dossier.fields = dict(remote.get("fields") or {})
            dossier.code = remote.get("code") or dossier.code
            version = remote.get("version")
            if isinstance(version, int):
                dossier.portal_version = version
            dossier.due_at = parse_time(remote.get("due_at")) or dossier.due_at
            dossier.received_at = parse_time(remote.get("received_at")) or dossier.received_at
            status = remote.get("status")
            if isinstance(status, int) and status != dossier.status:
                session.flush()
                apply_status(session, dossier, status, lifecycle.status_text(status), None,
                             dt.datetime.now(dt.UTC), None)

    # ----------------------------------------------------------------------------- acting
    def check(self, dossier_id: str, action: str, note: str | None = None,
              items: Sequence[Mapping[str, str]] = (), delivery_way: str | None = None,
              result_file: Path | None = None, payment: str | None = None) -> None:
        """Everything the portal would refuse, found before anything is queued, each problem
        naming its field (``ValidationFailed``)."""
        dossier = self.queue.get(dossier_id)
        if dossier is None:
            raise ValidationFailed([FieldError("dossier", "Hồ sơ", "not_found")])
        transition = lifecycle.TRANSITIONS.get(action)
        if transition is None or action not in lifecycle.OFFICER_ACTIONS:
            raise ValidationFailed([FieldError("action", "Thao tác", "choice", {
                "choices": ", ".join(lifecycle.OFFICER_ACTIONS)})])
        if dossier.status not in transition.sources:
            raise ValidationFailed([FieldError("action", "Thao tác", "not_allowed_now", {
                "action": transition.label, "status": lifecycle.status_text(dossier.status)})])
        errors: list[FieldError] = []
        proc = self._catalog().get(dossier.procedure_code)
        if items:
            if action != "request_supplement":
                errors.append(FieldError("items", "--item", "choice",
                                         {"choices": "request_supplement"}))
            names = {c.id: c.name for c in proc.components} if proc else {}
            seen: set[str] = set()
            for i, item in enumerate(items):
                component, reason = item.get("component", ""), (item.get("reason") or "").strip()
                label = names.get(component, f"Thành phần {i + 1}")
                if component not in names:
                    errors.append(FieldError(f"items[{i}].component", f"Thành phần {i + 1}",
                                             "not_component", {"value": component,
                                                               "choices": ", ".join(names)}))
                elif component in seen:
                    errors.append(FieldError(f"items[{i}].component", label, "duplicate",
                                             {"value": label}))
                if not reason:
                    errors.append(FieldError(f"items[{i}].reason", f"Lý do — {label}",
                                             "required"))
                seen.add(component)
        elif transition.note_required and not (note or "").strip():
            what = ("Thành phần cần bổ sung và lý do" if action == "request_supplement"
                    else "Lý do")
            errors.append(FieldError("note", what, "required"))
        if action == "return":
            if delivery_way not in delivery.WAYS:
                errors.append(FieldError("delivery", "Hình thức trả kết quả", "choice", {
                    "choices": ", ".join(delivery.WAYS)}))
            elif delivery_way == "online":
                if proc is None or "online" not in delivery.offered(proc.result_delivery,
                                                                    proc.level):
                    errors.append(FieldError("delivery", "Hình thức trả kết quả", "choice", {
                        "choices": ", ".join(w for w in delivery.WAYS if w != "online")}))
                elif result_file is None:
                    errors.append(FieldError("result", "Tệp kết quả", "result_file_required"))
        elif delivery_way is not None or result_file is not None:
            errors.append(FieldError("delivery", "Hình thức trả kết quả", "choice",
                                     {"choices": "return"}))
        if payment is not None and (action != "fee_paid" or payment not in PAYMENT_WAYS):
            errors.append(FieldError("payment", "Cách nộp phí", "choice", {
                "choices": ", ".join(PAYMENT_WAYS) if action == "fee_paid" else "fee_paid"}))
        if errors:
            raise ValidationFailed(errors)

    def act(self, dossier_id: str, action: str, note: str | None = None, *,
            items: Sequence[Mapping[str, str]] = (), delivery_way: str | None = None,
            result_file: Path | None = None, payment: str | None = None,
            expected_version: int | None = None) -> QueuedAction:
        """Check, then queue the decision (durable at once; sent with the outbox).

        ``expected_version``: the portal version the officer decided on (default: the local
        copy's, which is what the screen showed).
        """
        self.check(dossier_id, action, note, items, delivery_way, result_file, payment)
        result = None
        if result_file is not None:
            try:
                info = self.queue.blobs.import_file(result_file)
            except AttachmentError as exc:
                raise ValidationFailed([FieldError("result", "Tệp kết quả", "choice", {
                    "choices": "PDF, JPEG, PNG"})]) from exc
            result = {"sha256": info.sha256, "size": info.size,
                      "filename": Path(result_file).name, "media_type": info.media_type}
        return self.queue.queue_officer_action(
            dossier_id, action, note, expected_version=expected_version,
            items=[{"component": i["component"], "reason": i["reason"].strip()} for i in items]
            or None, delivery=delivery_way if action == "return" else None, result=result,
            payment=payment)

    def outcome(self, queued: QueuedAction) -> ActionOutcome:
        """Where a queued action stands now (after a sync pass, or still waiting)."""
        with self.queue.sessions() as session:
            item = session.get(OutboxItem, queued.item_id)
            dossier = session.get(Dossier, queued.dossier_id)
            assert item is not None and dossier is not None
            payload = item.payload or {}
            items = tuple(payload.get("items") or ())
            if item.state == OutboxState.DONE:
                state = "sent"
            elif item.state == OutboxState.ATTENTION:
                state = "conflict" if payload.get("conflict") else "refused"
            else:
                state = "queued"
            return ActionOutcome(dossier.id, dossier.code, queued.action, state, dossier.status,
                                 dossier.status_text, item.last_error if state != "sent" else None,
                                 payload.get("conflict"), items)

    def conflict(self, dossier_id: str) -> Mapping[str, Any] | None:
        """The newest action of this dossier the portal refused as stale, with what the
        colleague did (None: none)."""
        with self.queue.sessions() as session:
            item = session.scalar(select(OutboxItem).where(
                OutboxItem.dossier_id == dossier_id, OutboxItem.op == "action",
                OutboxItem.state == OutboxState.ATTENTION).order_by(OutboxItem.id.desc()).limit(1))
            if item is None:
                return None
            payload = item.payload or {}
            return {"action": payload.get("action"), "message": item.last_error,
                    **(payload.get("conflict") or {})}

    def waiting(self, dossier_id: str) -> list[str]:
        """Actions of this dossier still waiting to be sent."""
        with self.queue.sessions() as session:
            return [(i.payload or {}).get("action", "") for i in session.scalars(
                select(OutboxItem).where(OutboxItem.dossier_id == dossier_id,
                                         OutboxItem.op == "action", OutboxItem.state.in_(
                                             [OutboxState.PENDING, OutboxState.IN_FLIGHT])))]

    def cancel_waiting(self, dossier_id: str) -> list[str]:
        """Undo: take back the actions of this dossier not yet sent (an item already in flight
        is no longer this machine's to take back). Returns the actions taken back."""
        with self.queue.sessions.begin() as session:
            taken = []
            for item in session.scalars(select(OutboxItem).where(
                    OutboxItem.dossier_id == dossier_id, OutboxItem.op == "action",
                    OutboxItem.state == OutboxState.PENDING)):
                item.state = OutboxState.DONE
                item.last_error = "Đã hoàn tác trước khi gửi."
                taken.append((item.payload or {}).get("action", ""))
            return taken
