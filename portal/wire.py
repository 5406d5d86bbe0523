"""What every request must be before a handler sees it, written once for all endpoints.

* :class:`WireModel`, the base of every JSON request body: strict types (``"2"`` is not the
  number 2, ``true`` not 1), no control character (NUL included) and no invisible or
  direction-changing character in any string or key, and JSON trees (a dossier's ``fields``
  and ``applicant``) nested at most :data:`~dvc_core.rules.text.MAX_DEPTH` levels.
* :func:`refuse_unsafe_params`, an application-wide dependency: the same text rule for every
  path and query parameter (sign-in, lookup, verification and reset all start from one).
* :func:`checked`, which declares in the OpenAPI document a constraint a handler enforces
  itself (an enum, a pattern, a non-empty value), so the document tells clients the truth.

Either refusal is a 422 problem naming the field. The rule itself is the kernel's
(:func:`dvc_core.rules.text.text_problem`), which the app's forms apply too.
"""

from __future__ import annotations

from typing import Any, ClassVar

from fastapi import Request
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from dvc_core.rules.text import MAX_DEPTH, text_problem, tree_problem
from portal.problems import validation_problem

_TEMPLATES = {
    "text_chars": "contains a control character",
    "text_invisible": "contains an invisible or direction-changing character",
    "too_deep": "nested more than {max_depth} levels",
}


class WireModel(BaseModel):
    """Base of the portal's request bodies (see the module docstring).

    Class attributes:
        opaque_fields: fields holding a secret that is never stored, shown or looked up
            (passwords, kept only as their hash): which characters make a password is the
            kernel's password rule's business alone, so the app and the portal agree on it.
        rule_fields: fields the kernel's field rules check one by one, the text rule
            included (a dossier's ``applicant`` and ``fields``, the sign-up's identity fields):
            only their depth is limited here, so the handler reports every error at once, the
            very errors the app finds.
        id_keyed_fields: fields whose keys are answer ids (a dossier's ``fields``): a problem
            inside one names the answer (``child.birth_place``), as the dossier rules do,
            not the field that holds them.
    """

    model_config = ConfigDict(strict=True)
    opaque_fields: ClassVar[frozenset[str]] = frozenset({"password"})
    rule_fields: ClassVar[frozenset[str]] = frozenset()
    id_keyed_fields: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_unsafe_text(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or isinstance(value, bool | int | float | BaseModel):
            return value
        name = info.field_name or ""
        if name in cls.opaque_fields:
            return value
        found = tree_problem(value, MAX_DEPTH, check_text=name not in cls.rule_fields)
        if found is None:
            return value
        path, code = found
        raise PydanticCustomError(code, _TEMPLATES[code],
                                  {"sub": path, "flat": name in cls.id_keyed_fields,
                                   "max_depth": MAX_DEPTH})


def checked(**schema: Any) -> dict[str, Any]:
    """``Field`` arguments declaring a constraint its handler (or the kernel's rule) enforces
    with its own Vietnamese message naming the field, in JSON Schema words, without pydantic
    checking it a second time: ``Field(max_length=40, **checked(enum=["receive", …]))``."""
    return {"json_schema_extra": schema}


async def refuse_unsafe_params(request: Request) -> None:
    """Refuse a path or query parameter with a control or invisible character (422).

    ``async`` although it awaits nothing: FastAPI runs a plain ``def`` dependency in its
    thread pool, a thread hop on every request of every endpoint."""
    for kind, items in (("path", request.path_params.items()),
                        ("query", request.query_params.multi_items())):
        for name, value in items:
            code = text_problem(value) if isinstance(value, str) else None
            if code:
                raise validation_problem([{"type": code, "loc": (kind, name)}])
