"""A whole dossier document: the applicant, the declaration and the attached components,
validated by the app before it is queued and by the portal on arrival with the very same code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dvc_core.rules.fields import APPLICANT_FIELDS, FieldSpec, check_fields
from dvc_core.rules.identity import check_id_number
from dvc_core.rules.messages import FieldError
from dvc_core.rules.text import MAX_DEPTH, normalize_tree, tree_problem
from dvc_core.vntime import vn_today


@dataclass
class CheckedDossier:
    applicant: dict[str, Any]
    fields: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _too_deep(tree: Any) -> bool:
    found = tree_problem(tree, MAX_DEPTH, check_text=False)
    return found is not None and found[1] == "too_deep"


def validate_dossier(
    field_specs: Iterable[FieldSpec],
    applicant: Any,
    fields: Any,
    *,
    today: dt.date | None = None,
    strict: bool = True,
) -> CheckedDossier:
    """Validate a whole dossier document and return its normalised form with every error.

    Args:
        field_specs: the procedure's declaration fields (ids without a prefix, e.g. ``child.sex``).
        applicant: answers about the person filing, keyed without the ``applicant.`` prefix.
        fields: declaration answers keyed by field id.
        today: the date "the future" starts after (tests pin it).
        strict: refuse keys the schema does not know (the portal and the CLI are strict).
    """
    today = today or vn_today()
    errors: list[FieldError] = []
    if not isinstance(applicant, Mapping):
        errors.append(FieldError("applicant", "Người yêu cầu", "not_object"))
        applicant = {}
    if not isinstance(fields, Mapping):
        errors.append(FieldError("fields", "Tờ khai", "not_object"))
        fields = {}
    # Measured without recursion before anything recursive (normalize_tree) reads the answers.
    if _too_deep(applicant):
        errors.append(FieldError("applicant", "Người yêu cầu", "too_deep", {"max_depth": MAX_DEPTH}))
        applicant = {}
    if _too_deep(fields):
        errors.append(FieldError("fields", "Tờ khai", "too_deep", {"max_depth": MAX_DEPTH}))
        fields = {}
    applicant = normalize_tree(dict(applicant))
    fields = normalize_tree(dict(fields))
    specs = list(field_specs)

    checked_applicant = check_fields(APPLICANT_FIELDS, applicant, today, errors,
                                     prefix="applicant.", strict=strict)
    checked_fields = check_fields(specs, fields, today, errors, strict=strict)

    # Cross-field rules: the ID number must agree with the birth date and sex.
    if "id_number" in checked_applicant and "birth_date" in checked_applicant:
        _, code, params = check_id_number(
            checked_applicant["id_number"],
            dt.date.fromisoformat(checked_applicant["birth_date"]),
            checked_applicant.get("sex"),
        )
        if code:
            errors.append(FieldError("applicant.id_number", APPLICANT_FIELDS[1].label, code, params))
    by_id = {s.id: s for s in specs}
    errors += _person_id_rules(by_id, checked_fields)
    errors += _order_rules(by_id, checked_fields)
    child_birth = checked_fields.get("child.birth_date")
    if child_birth:
        child_year = dt.date.fromisoformat(child_birth).year
        for parent, code in (("mother", "child_before_mother"), ("father", "child_before_father")):
            key = f"{parent}.birth_year"
            year = checked_fields.get(key)
            if isinstance(year, int) and key in by_id and year > child_year - 10:
                errors.append(FieldError(key, by_id[key].label, code))
    return CheckedDossier(checked_applicant, checked_fields, errors)


def _person_id_rules(by_id: Mapping[str, FieldSpec], values: Mapping[str, Any]) -> list[FieldError]:
    """Each person in the form (``mother.``, ``party_a.``, …): the CCCD agrees with the birth
    date (or year) and sex given for the same person."""
    errors = []
    for key, spec in by_id.items():
        if spec.kind != "id_number" or not key.endswith(".id_number") or key not in values:
            continue
        person = key.removesuffix("id_number")
        born: dt.date | int | None = None
        if isinstance(values.get(person + "birth_date"), str):
            born = dt.date.fromisoformat(values[person + "birth_date"])
        elif isinstance(values.get(person + "birth_year"), int):
            born = values[person + "birth_year"]
        if born is None:
            continue
        _, code, params = check_id_number(values[key], born, values.get(person + "sex"))
        if code:
            errors.append(FieldError(key, spec.label, code, params))
    return errors


def _order_rules(by_id: Mapping[str, FieldSpec], values: Mapping[str, Any]) -> list[FieldError]:
    """``"after": "deceased.birth_date"``: a date that must come after another date or year."""
    errors = []
    for key, spec in by_id.items():
        other = spec.after
        if not other or not isinstance(values.get(key), str) or other not in values:
            continue
        mine = dt.date.fromisoformat(values[key])
        theirs = values[other]
        later = (mine > dt.date.fromisoformat(theirs) if isinstance(theirs, str)
                 else mine.year >= int(theirs))
        if not later:
            label = by_id[other].label if other in by_id else other
            errors.append(FieldError(key, spec.label, "date_order", {"other": label.lower()}))
    return errors


def check_attachments(
    components: Iterable[tuple[str, str, bool]], attached: Iterable[str]
) -> list[FieldError]:
    """Every required component has a file and every file belongs to a known component.

    Args:
        components: ``(id, name, required)`` for each component the procedure names.
        attached: the component id of each attached file.
    """
    components = list(components)
    attached = list(attached)
    known = {c[0] for c in components}
    errors = [
        FieldError(f"attachments.{cid}", name, "attachment_required")
        for cid, name, required in components
        if required and cid not in attached
    ]
    errors += [
        FieldError(f"attachments.{cid}", cid, "unknown_component")
        for cid in dict.fromkeys(attached)
        if cid not in known
    ]
    return errors
