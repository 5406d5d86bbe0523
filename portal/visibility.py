"""Who may see a dossier — one rule, read two ways.

Citizens see their own dossiers; a kiosk only what it created in its current session; officers
their own and their commune's submitted ones; admins (and the command line) all. The rule is
written once, as the *grants* an actor holds; :func:`can_see` reads it for one loaded dossier
and :func:`dossier_filter` / :func:`change_filter` turn it into the SQL ``WHERE`` of the lists
and the change feed, so the two can never drift apart. Without logging in, anyone who knows
both a dossier's code and its applicant's ID number may read its status
(:func:`lookup_filter`, the public lookup). The officer desk's worklists hold the part of
what an officer sees that is the office's work — their commune's submitted dossiers, never
their own filings elsewhere (:func:`may_work`, :func:`worklist_filter`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from dvc_core.lifecycle import OFFICER_ROLES
from portal.models import Change, Dossier

NOT_FOUND = "Không tìm thấy hồ sơ này, hoặc bạn không có quyền xem hồ sơ này."
NOT_AN_OFFICE = ("Danh sách công việc chỉ dành cho cán bộ Trung tâm Phục vụ hành chính công của "
                 "xã/phường. Tài khoản này không phải tài khoản cán bộ, hoặc chưa được gắn với "
                 "xã/phường nào.")


@dataclass(frozen=True)
class Grant:
    """One way of seeing a dossier: every condition given holds.

    Attributes:
        owner_id: the account that filed it.
        unit_code: the commune it was filed with.
        created_session: digest of the session token it was created under.
        submitted: it has a portal status (was submitted at least once).
    """

    owner_id: str | None = None
    unit_code: str | None = None
    created_session: str | None = None
    submitted: bool = False

    def _equalities(self) -> dict[str, str]:
        return {name: value for name, value in (
            ("owner_id", self.owner_id), ("unit_code", self.unit_code),
            ("created_session", self.created_session)) if value is not None}

    def admits(self, dossier: Any) -> bool:
        """Whether a loaded dossier (anything with the dossier's attributes) meets this grant."""
        return (all(getattr(dossier, name) == value for name, value in self._equalities().items())
                and (not self.submitted or dossier.status is not None))

    def clause(self, columns: Mapping[str, Any]) -> ColumnElement[bool]:
        """This grant as SQL over ``columns`` (the same names, as column expressions)."""
        terms = [columns[name] == value for name, value in self._equalities().items()]
        if self.submitted:
            terms.append(columns["status"].is_not(None))
        return and_(true(), *terms)


def grants(actor: Any) -> tuple[Grant, ...] | None:
    """What ``actor`` (a :class:`portal.workflow.Actor`) may see; ``None`` means everything."""
    if actor.role == "admin":
        return None
    if actor.role == "kiosk":
        # The next citizen at the machine logs the kiosk in afresh: nothing of the previous
        # citizen's dossiers may be read with the new token.
        if actor.id is None or actor.session is None:
            return ()
        return (Grant(owner_id=actor.id, created_session=actor.session),)
    own = (Grant(owner_id=actor.id),) if actor.id is not None else ()
    if actor.role == "officer" and actor.commune is not None:
        return (*own, Grant(unit_code=actor.commune, submitted=True))
    return own


def can_see(actor: Any, dossier: Dossier) -> bool:
    """Whether ``actor`` may see this dossier."""
    held = grants(actor)
    return held is None or any(g.admits(dossier) for g in held)


def _filter(actor: Any, columns: Mapping[str, Any]) -> ColumnElement[bool]:
    held = grants(actor)
    if held is None:
        return true()
    return or_(false(), *(g.clause(columns) for g in held))


_DOSSIER_COLUMNS = {"owner_id": Dossier.owner_id, "unit_code": Dossier.unit_code,
                    "created_session": Dossier.created_session, "status": Dossier.status}
# A change row carries its dossier's owner, unit and status; the creating session is read
# from the dossier itself (a primary-key lookup, only for kiosks).
_CHANGE_COLUMNS = {
    "owner_id": Change.owner_id, "unit_code": Change.unit_code, "status": Change.status,
    "created_session": select(Dossier.created_session)
    .where(Dossier.id == Change.dossier_id).scalar_subquery(),
}


def dossier_filter(actor: Any) -> ColumnElement[bool]:
    """``WHERE`` clause over ``dossiers``: the rows :func:`can_see` admits."""
    return _filter(actor, _DOSSIER_COLUMNS)


def change_filter(actor: Any) -> ColumnElement[bool]:
    """``WHERE`` clause over ``changes``: the rows of dossiers :func:`can_see` admits."""
    return _filter(actor, _CHANGE_COLUMNS)


def lookup_filter(code: str, id_number: str) -> ColumnElement[bool]:
    """``WHERE`` clause of the public lookup (tra cứu hồ sơ): both the code and the ID match."""
    return and_(Dossier.code == code, Dossier.applicant_id_number == id_number)


def _office_grants(actor: Any) -> tuple[Grant, ...] | None:
    """The grants that are the office's work: those of a commune (None: every commune)."""
    if actor.role not in OFFICER_ROLES:
        return ()
    held = grants(actor)
    return None if held is None else tuple(g for g in held if g.unit_code is not None)


def may_work(actor: Any) -> bool:
    """Whether ``actor`` has a worklist at all: an officer of a commune, or an admin."""
    return _office_grants(actor) != ()


def worklist_filter(actor: Any) -> ColumnElement[bool]:
    """``WHERE`` clause over ``dossiers``: the submitted dossiers in the actor's worklists,
    a part of what :func:`dossier_filter` admits."""
    held = _office_grants(actor)
    if held is None:
        return Dossier.status.is_not(None)
    return or_(false(), *(g.clause(_DOSSIER_COLUMNS) for g in held))
