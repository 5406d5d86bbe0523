"""The answers of one filing as typed, until the dossier is queued — Qt-free.

:class:`Draft` is what a :class:`~app.services.filing.FilingSession` holds for one person;
:class:`AttachRefusal` says why a file was not attached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dvc_core.rules import APPLICANT_FIELDS

if TYPE_CHECKING:
    from app.services.attachments import AttachedFile
    from app.services.queue import AttachmentSource
    from dvc_core.catalog import Procedure

APPLICANT_PREFIX = "applicant."


def base_field(field_id: str) -> str:
    """``documents[2].pages`` → ``documents``: the form field an entry's error belongs to."""
    return field_id.split("[", 1)[0]


@dataclass
class Draft:
    """The answers of one filing, as typed, until the dossier is queued.

    Attributes:
        procedure: the chosen procedure.
        answers: raw answers keyed by full field id (``applicant.phone``, ``child.sex``).
        files: the files attached to each component id (several pages may be attached).
        draft_id: saved as a draft ("Lưu nháp") under this dossier id.
        dossier_id, local_ref: set once the dossier is queued.
        supplement_of: answering a supplement request for this dossier.
        same_as: answers that follow another one while the person wants them to (the father's
            residence, the mother's): field id → the field id it copies.
    """

    procedure: Procedure | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    files: dict[str, list[AttachedFile]] = field(default_factory=dict)
    draft_id: str | None = None
    dossier_id: str | None = None
    local_ref: str | None = None
    supplement_of: str | None = None
    same_as: dict[str, str] = field(default_factory=dict)
    #: The consent given before any personal data was asked (a kiosk's), sent with the dossier.
    consent: dict[str, Any] | None = None

    def follow(self) -> None:
        """Copy each answer that follows another (``same_as``) from the one it follows."""
        for target, source in self.same_as.items():
            self.answers[target] = self.answers.get(source)

    def document(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(applicant, fields) as the queue takes them: blank and inapplicable answers left out."""
        assert self.procedure is not None
        self.follow()
        specs = (*APPLICANT_FIELDS, *self.procedure.field_specs)
        active = {s.id for s in specs if s.active(self.answers)}
        applicant: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        for fid, value in self.answers.items():
            if fid not in active or value is None or (isinstance(value, str) and not value.strip()):
                continue
            if fid.startswith(APPLICANT_PREFIX):
                applicant[fid.removeprefix(APPLICANT_PREFIX)] = value
            else:
                fields[fid] = value
        return applicant, fields

    def total_attached(self) -> int:
        return sum(f.size for files in self.files.values() for f in files)

    def sources(self) -> list[AttachmentSource]:
        """The attached files as the queue takes them (stored blobs referred to, not re-read)."""
        from app.services.queue import AttachmentSource  # SQLAlchemy: not before the first paint

        return [AttachmentSource(cid, f.path, f.name, f.sha256, f.media_type)
                for cid, files in self.files.items() for f in files]


@dataclass(frozen=True)
class AttachRefusal:
    """Why a prepared file was not attached; the view words it.

    Attributes:
        kind: ``file_too_large``, ``dossier_too_large`` or ``duplicate``.
        name: the file's name.
        limit: the limit passed (bytes), for the two size refusals.
        total: what the dossier would hold with the file (bytes).
    """

    kind: str
    name: str
    limit: int = 0
    total: int = 0


__all__ = ["APPLICANT_PREFIX", "AttachRefusal", "Draft", "base_field"]
