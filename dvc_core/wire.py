"""The wire shapes of sync protocol v1: the field names the portal and the app share.

Each shape is a frozen dataclass. What the app sends has ``to_json``; what it reads back has
``from_json``, which is lenient the way a client on a bad line must be: a member of the wrong
type reads as missing (``None``), an unknown member is ignored, and only a body that is not a
JSON object at all raises :class:`WireError` (an answer that is not the portal's). The caller
decides what a missing member means (a submission without its ``code`` is not recorded).

See ``portal/README.md`` (the wire notes) and DESIGN.md ("Wire format").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class WireError(ValueError):
    """A body that is not the JSON object the protocol promises."""


def _object(body: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise WireError(f"{what}: expected a JSON object, got {type(body).__name__}")
    return body


def _int(value: Any) -> int | None:
    # bool is an int in Python, never on this wire.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """One attachment of a dossier document: which component, which bytes."""

    component: str
    sha256: str
    size: int
    filename: str
    media_type: str

    def to_json(self) -> dict[str, Any]:
        return {"component": self.component, "sha256": self.sha256, "size": self.size,
                "filename": self.filename, "media_type": self.media_type}


@dataclass(frozen=True, slots=True)
class DossierDocument:
    """The body of ``PUT /dossiers/{uuid}``."""

    procedure_code: str
    schema_version: int
    applicant: Mapping[str, Any]
    fields: Mapping[str, Any]
    attachments: Sequence[AttachmentRef]
    local_ref: str
    #: The person's consent to the processing (``{"notice", "accepted_at"}``), when the filing
    #: asked for it (a kiosk); recorded with the dossier, not the person. Sent only when set.
    consent: Mapping[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        body = {
            "procedure_code": self.procedure_code,
            "schema_version": self.schema_version,
            "applicant": self.applicant,
            "fields": self.fields,
            "attachments": [a.to_json() for a in self.attachments],
            "local_ref": self.local_ref,
        }
        if self.consent:
            body["consent"] = dict(self.consent)
        return body


@dataclass(frozen=True, slots=True)
class PutAnswer:
    """``PUT /dossiers/{uuid}`` → which attachment hashes the portal still lacks."""

    uuid: str | None = None
    missing_blobs: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, body: Any) -> PutAnswer:
        data = _object(body, "PUT /dossiers answer")
        missing = data.get("missing_blobs")
        return cls(_str(data.get("uuid")),
                   tuple(s for s in missing if isinstance(s, str))
                   if isinstance(missing, list) else ())


@dataclass(frozen=True, slots=True)
class SubmitAnswer:
    """``POST /dossiers/{uuid}/submit`` → the official code, status and dates (ISO 8601)."""

    code: str | None = None
    status: int | None = None
    status_text: str | None = None
    version: int | None = None
    received_at: str | None = None
    due_at: str | None = None

    @classmethod
    def from_json(cls, body: Any) -> SubmitAnswer:
        """Anything that is not an object reads as an answer without a code (never recorded)."""
        if not isinstance(body, Mapping):
            return cls()
        code = body.get("code")
        return cls(code if isinstance(code, str) and code else None, _int(body.get("status")),
                   _str(body.get("status_text")), _int(body.get("version")),
                   _str(body.get("received_at")), _str(body.get("due_at")))


@dataclass(frozen=True, slots=True)
class ActionRequest:
    """The body of ``POST /dossiers/{uuid}/actions``."""

    action: str
    expected_version: int
    note: str | None = None
    #: ``request_supplement``: ``({"component", "reason"}, …)``, every item at once.
    items: tuple[Mapping[str, str], ...] = ()
    #: ``return``: ``counter``, ``post`` or ``online``.
    delivery: str | None = None
    #: ``return``: the electronic result ``{"sha256", "size", "filename", "media_type"}``.
    result: Mapping[str, Any] | None = None
    #: ``fee_paid``: ``online`` (transfer, VietQR) or ``counter`` (cash at the counter).
    payment: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"action": self.action, "expected_version": self.expected_version}
        if self.note:
            body["note"] = self.note
        if self.items:
            body["items"] = [{"component": i["component"], "reason": i["reason"]}
                             for i in self.items]
        if self.delivery:
            body["delivery"] = self.delivery
        if self.result:
            body["result"] = dict(self.result)
        if self.payment:
            body["payment"] = self.payment
        return body


@dataclass(frozen=True, slots=True)
class ActionAnswer:
    """``POST /dossiers/{uuid}/actions`` → where the dossier stands after the action."""

    uuid: str | None = None
    code: str | None = None
    status: int | None = None
    status_text: str | None = None
    version: int | None = None

    @classmethod
    def from_json(cls, body: Any) -> ActionAnswer:
        data = _object(body, "actions answer")
        return cls(_str(data.get("uuid")), _str(data.get("code")), _int(data.get("status")),
                   _str(data.get("status_text")), _int(data.get("version")))


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of ``GET /changes``: a dossier moved to a status (``at``: ISO 8601)."""

    uuid: str
    seq: int | None = None
    code: str | None = None
    status: int | None = None
    status_text: str | None = None
    note: str | None = None
    at: str | None = None
    version: int | None = None
    #: A supplement request's items: ``({"component", "component_name", "reason"}, …)``.
    items: tuple[Mapping[str, str], ...] = ()
    #: A returned result: how it was handed over, and its electronic file if any.
    delivery: str | None = None
    result: Mapping[str, Any] | None = None

    @classmethod
    def from_json(cls, body: Any) -> Change:
        data = _object(body, "change")
        raw_items = data.get("items")
        items = tuple({k: str(i.get(k) or "") for k in ("component", "component_name", "reason")}
                      for i in raw_items if isinstance(i, Mapping)
                      ) if isinstance(raw_items, list) else ()
        result = data.get("result")
        if not (isinstance(result, Mapping) and isinstance(result.get("sha256"), str)):
            result = None
        return cls(str(data.get("uuid")), _int(data.get("seq")), _str(data.get("code")),
                   _int(data.get("status")), _str(data.get("status_text")),
                   _str(data.get("note")), _str(data.get("at")), _int(data.get("version")),
                   items, _str(data.get("delivery")), dict(result) if result else None)

    def detail(self) -> dict[str, Any] | None:
        """What the app keeps beside the status (None: a plain status change)."""
        out: dict[str, Any] = {}
        if self.items:
            out["items"] = [dict(i) for i in self.items]
        if self.delivery:
            out["delivery"] = self.delivery
        if self.result:
            out["result"] = dict(self.result)
        return out or None


@dataclass(frozen=True, slots=True)
class ChangesPage:
    """``GET /changes?since=N`` → a page of changes and the cursor to ask from next.

    ``next`` is None when the portal named none (the caller keeps its own cursor).
    """

    changes: tuple[Change, ...] = field(default_factory=tuple)
    next: int | None = None

    @classmethod
    def from_json(cls, body: Any) -> ChangesPage:
        data = _object(body, "changes page")
        raw = data.get("changes") or []
        if not isinstance(raw, list):
            raise WireError("changes page: 'changes' is not a list")
        following = data.get("next")
        # A cursor that is not a number is not the portal's answer: int() raises, as it did.
        return cls(tuple(Change.from_json(c) for c in raw),
                   None if following is None else int(following))
