"""The filing of one dossier, from the first answer to the queue — Qt-free.

A :class:`FilingSession` owns what a person has given so far (the :class:`Draft`: procedure,
answers as typed, attached files), checks a page's answers with :mod:`dvc_core.rules` (the
rules the portal applies too), prepares attached files (photos made smaller, PDF pages
counted), quotes the fee with :mod:`dvc_core.fees`, builds the dossier document, resumes a
draft or a supplement request, and queues the dossier through
:meth:`~app.services.queue.DossierQueue.enqueue`. The filing wizard and ``dvc dossier new``
both file through it, so what it guarantees (a phone photo is stored downscaled) holds for
every entry point. :meth:`FilingSession.wipe` forgets everything about the person.

Slow steps (preparing a photo, queueing, loading a draft) are split into a part that can run on
a worker — it takes a snapshot and changes nothing — and a cheap part that adopts the answer.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.modes import ModePolicy
from app.services.filing_draft import APPLICANT_PREFIX, AttachRefusal, Draft, base_field
from app.services.limits import FilingLimits, load_limits
from dvc_core.fees import FeeQuote
from dvc_core.rules import (
    APPLICANT_FIELDS,
    FieldError,
    FieldSpec,
    check_attachments,
    format_date_vi,
    parse_date,
    validate_dossier,
)

if TYPE_CHECKING:
    from app.models import Dossier
    from app.services.attachments import AttachedFile
    from app.services.drafts import DraftStore
    from app.services.printing import ReceivingUnit
    from app.services.queue import AttachmentSource, DossierQueue, QueuedDossier
    from dvc_core.catalog import Catalog, Procedure


class FilingContext(Protocol):
    """What the filing wizard needs of the process services (``app.services.context``)."""

    queue: DossierQueue
    config: Any  # an AppConfig: its data folder
    client: Any  # a PortalClient: the catalog refresh asks it

    def adopt_catalog(self, catalog: Catalog) -> None: ...


class FilingSession:
    """One person's filing: answers, checks, files, fee, draft, queueing; then :meth:`wipe`.

    Args:
        queue: the durable queue (with its blob store and catalog); may come later through
            :meth:`connect` (the wizard's first page is shown before the services exist).
        data_dir: the data folder (settings file, folder for prepared photos).
        mode: the mode (its policy, or its name): dossiers are queued under its name, and
            drafts are kept only where it keeps them (never at the kiosk).
    """

    def __init__(self, queue: DossierQueue | None = None, *, data_dir: Path | None = None,
                 mode: str | ModePolicy = "desk"):
        self.queue = queue
        self.data_dir = data_dir
        self.policy = mode if isinstance(mode, ModePolicy) else ModePolicy.for_name(mode)
        self.mode = self.policy.name
        self.keeps_drafts = self.policy.keeps_drafts
        self.draft = Draft()
        self._session_id = os.urandom(16).hex()
        #: The commune the generated Tờ khai is addressed to (its "Kính gửi", place, mark).
        self.unit: ReceivingUnit | None = None

    def connect(self, queue: DossierQueue, data_dir: Path | None) -> None:
        """The process services are there: files can be checked and dossiers queued."""
        self.queue = queue
        self.data_dir = data_dir

    @property
    def ready(self) -> bool:
        return self.queue is not None

    # ----------------------------------------------------------------------------- settings
    @property
    def limits(self) -> FilingLimits:
        store_cap = self.queue.blobs.max_file_bytes if self.queue is not None else None
        return load_limits(self.data_dir, store_cap)

    @property
    def work_dir(self) -> Path:
        """Where prepared (smaller) photos wait until the dossier is queued."""
        return self._work_root() / self._session_id

    def _work_root(self) -> Path:
        if self.data_dir is not None:
            return self.data_dir / "tmp" / "attach"
        return Path(tempfile.gettempdir()) / "dvc-attach"

    def remove_stale_files(self) -> None:
        """Prepared photos left by a session that ended without a wipe (a crash, a power cut)."""
        root = self._work_root()
        if root.is_dir():
            for stale in root.iterdir():
                if stale.name != self._session_id:
                    shutil.rmtree(stale, ignore_errors=True)

    # ----------------------------------------------------------------------------- answers
    @property
    def procedure(self) -> Procedure | None:
        return self.draft.procedure

    @property
    def answers(self) -> dict[str, Any]:
        return self.draft.answers

    def start(self, procedure: Procedure) -> bool:
        """Choose the procedure; a different one starts a fresh draft. True when it changed."""
        if self.draft.procedure is not None and self.draft.procedure.code == procedure.code:
            return False
        self.draft = Draft(procedure=procedure)
        return True

    def update(self, answers: dict[str, Any]) -> None:
        """Keep a page's answers as typed (Back and forth keeps them)."""
        self.draft.answers.update(answers)
        self.draft.follow()

    # ----------------------------------------------------------------------------- the applicant
    def applicant_is(self) -> str | None:
        """The person section the applicant is (``mother.``), by the answer to a choice whose
        data says so (``requester.relationship``: ``me`` → the mother), or None."""
        procedure = self.draft.procedure
        if procedure is None:
            return None
        for spec in procedure.field_specs:
            if spec.applicant_is:
                section = spec.applicant_is.get(self.answers.get(spec.id))
                if section:
                    return f"{section}."
        return None

    def from_applicant(self, prefix: str) -> dict[str, Any]:
        """The answers of the person ``prefix`` (``mother.``) that the applicant's give: name,
        ID number, birth date or year, sex, residence (only those given)."""
        procedure = self.draft.procedure
        if procedure is None:
            return {}
        answers = self.answers
        birth = parse_date(answers.get("applicant.birth_date") or "")
        out: dict[str, Any] = {}
        for spec in procedure.field_specs:
            if not spec.id.startswith(prefix):
                continue
            part = spec.id.removeprefix(prefix)
            if part == "birth_year":
                value: Any = str(birth.year) if birth else None
            elif spec.kind == "address":
                value = answers.get("applicant.address")
            else:
                value = answers.get(APPLICANT_PREFIX + part)
            if value is not None and not (isinstance(value, str) and not value.strip()):
                out[spec.id] = value
        return out

    def follow(self, target: str, source: str | None) -> None:
        """Let the answer ``target`` follow ``source`` (the father's residence, the mother's)
        until told otherwise (``source`` None)."""
        if source is None:
            self.draft.same_as.pop(target, None)
        else:
            self.draft.same_as[target] = source
            self.draft.follow()

    def follows(self, target: str) -> str | None:
        return self.draft.same_as.get(target)

    def document(self) -> tuple[dict[str, Any], dict[str, Any]]:
        return self.draft.document()

    def page_errors(self, field_ids: Iterable[str]) -> list[FieldError]:
        """The rules' errors that concern these fields (cross-field rules included)."""
        assert self.draft.procedure is not None
        applicant, fields = self.draft.document()
        checked = validate_dossier(self.asked_specs(), applicant, fields, strict=False)
        ids = set(field_ids)
        return [e for e in checked.errors if base_field(e.field) in ids]

    def asked_specs(self) -> tuple[FieldSpec, ...]:
        """The fields the filing asks: the declaration, and how the result is received — a
        choice the person must make (nothing is pre-selected), unlike the portal's check, which
        accepts a dossier without it."""
        procedure = self.draft.procedure
        assert procedure is not None
        return (*procedure.declaration_specs, *procedure.delivery_specs(required=True))

    def delivery_specs(self) -> tuple[FieldSpec, ...]:
        """The question of the wizard's "receiving the result" page (empty: nothing to ask)."""
        assert self.draft.procedure is not None
        return self.draft.procedure.delivery_specs(required=True)

    def attachment_errors(self) -> list[FieldError]:
        assert self.draft.procedure is not None
        generated = self.generated_component()
        return check_attachments(
            ((c.id, c.name, c.required and c.id != generated)
             for c in self.draft.procedure.components),
            [cid for cid, files in self.draft.files.items() if files])

    def generated_component(self, procedure: Procedure | None = None,
                            attached: Iterable[str] | None = None) -> str | None:
        """The component the filing makes itself — the Tờ khai, drawn from the answers — unless
        the person attached one (a signed paper form); None when there is none to make.

        Args:
            procedure, attached: the procedure and the components with a file (default: the
                draft's).
        """
        from app.services import tokhai

        procedure = procedure or self.draft.procedure
        if procedure is None or not tokhai.has_tokhai(procedure):
            return None
        if attached is None:
            attached = [cid for cid, files in self.draft.files.items() if files]
        component = tokhai.component_id()
        return None if component in set(attached) else component

    # ----------------------------------------------------------------------------- files
    def check_file(self, path: Path) -> None:
        """Check a file by its content at once; raises AttachmentError."""
        assert self.queue is not None
        self.queue.blobs.check_file(path)

    def preparation(self, path: Path) -> Callable[[], AttachedFile]:
        """The slow part of attaching (a 12-megapixel photo takes most of a second): a job for
        a worker that makes a photo smaller into this session's folder, counts a PDF's pages."""
        from app.services.attachments import prepare_file  # hashing, Pillow: after the first paint

        limits, work_dir = self.limits, self.work_dir
        return lambda: prepare_file(path, work_dir, limits)

    def attach(self, component_id: str, attached: AttachedFile,
               limits: FilingLimits | None = None) -> AttachRefusal | None:
        """Attach a prepared file if the file and the dossier stay within their limits."""
        limits = limits or self.limits
        if attached.size > limits.max_file_bytes:
            return AttachRefusal("file_too_large", attached.name, limits.max_file_bytes)
        total = self.draft.total_attached() + attached.size
        if total > limits.max_dossier_bytes:
            return AttachRefusal("dossier_too_large", attached.name, limits.max_dossier_bytes,
                                 total)
        if any(f.name == attached.name and f.size == attached.size
               for f in self.draft.files.get(component_id, [])):
            return AttachRefusal("duplicate", attached.name)
        self.draft.files.setdefault(component_id, []).append(attached)
        return None

    def remove(self, component_id: str, position: int = -1) -> None:
        files = self.draft.files.get(component_id, [])
        if files and -len(files) <= position < len(files):
            files.pop(position)
        if not files:
            self.draft.files.pop(component_id, None)

    def total_attached(self) -> int:
        return self.draft.total_attached()

    # ----------------------------------------------------------------------------- fee
    def fee_quote(self) -> FeeQuote:
        """The fee for this dossier from the catalog's rule and the answers (copies, pages)."""
        assert self.draft.procedure is not None
        return self.draft.procedure.quote_fee(self.draft.document()[1])

    def fee_depends_on_answers(self) -> bool:
        """The fee changes with the answers: copies, pages, or an exemption (e.g. on time)."""
        assert self.draft.procedure is not None
        fee = self.draft.procedure.fee
        return (fee.get("rule") in ("per_copy", "per_page") or bool(fee.get("exemptions"))
                or bool(fee.get("copies")))

    # ----------------------------------------------------------------------------- queueing
    def submission(self) -> Callable[[], QueuedDossier]:
        """A job that queues the dossier as it is now (durable: run it on a worker)."""
        assert self.queue is not None and self.draft.procedure is not None
        queue, draft = self.queue, self.draft
        applicant, fields = draft.document()
        sources, code, mode = draft.sources(), draft.procedure.code, self.mode
        supplement_of, draft_id = draft.supplement_of, draft.draft_id
        make = self._tokhai_maker(applicant, fields)
        extra = {"consent": dict(draft.consent)} if draft.consent else {}

        def work() -> QueuedDossier:
            sources.extend(make())
            if supplement_of:
                return queue.resubmit(supplement_of, applicant, fields, sources)
            return queue.enqueue(code, applicant, fields, sources, mode=mode, dossier_id=draft_id,
                                 **extra)

        return work

    def _tokhai_maker(self, applicant: Any, fields: Any) -> Callable[[], list[AttachmentSource]]:
        """A job that draws the Tờ khai from these answers into this session's folder, as the
        attachment of its component (nothing when the person attached one, or there is none).

        The answers are normalised by the rules first (dates written as the form writes them);
        an invalid answer is left out of the drawing, and the queue names it as it would."""
        return self.tokhai_maker(self.draft.procedure, applicant, fields)

    def tokhai_maker(self, procedure: Procedure | None, applicant: Any, fields: Any,
                     attached: Iterable[str] | None = None
                     ) -> Callable[[], list[AttachmentSource]]:
        """:meth:`_tokhai_maker` for any procedure and attached components (the command line)."""
        component = self.generated_component(procedure, attached)
        unit, work_dir = self.unit, self.work_dir
        if component is None or procedure is None:
            return list

        def make() -> list[AttachmentSource]:
            from app.services import tokhai
            from app.services.queue import AttachmentSource  # SQLAlchemy: after the first paint

            checked = validate_dossier(procedure.field_specs, applicant, fields, strict=False)
            out = work_dir / "tokhai" / tokhai.generated_filename()
            tokhai.render_tokhai(procedure, checked.applicant, checked.fields, out, unit=unit)
            return [AttachmentSource(component, out, tokhai.generated_filename())]

        return make

    def queued_dossier(self) -> Dossier | None:
        """The queued dossier as the local database has it now (its portal code once synced)."""
        if self.queue is None or self.draft.dossier_id is None:
            return None
        return self.queue.get(self.draft.dossier_id)

    def queued(self, result: QueuedDossier) -> None:
        self.draft.dossier_id = result.id
        self.draft.local_ref = result.local_ref

    def submit(self) -> QueuedDossier:
        """Queue the dossier now (the command line; the wizard runs :meth:`submission`)."""
        result = self.submission()()
        self.queued(result)
        return result

    def file(self, procedure_code: str, applicant: Any, fields: Any,
             attachments: Sequence[tuple[str, Path]]) -> QueuedDossier:
        """File a whole dossier at once (``dvc dossier new``): the same preparation of every
        file as the wizard's, then the queue's validation and durable commit.

        A file that fails its check is passed on as it is, so the queue names it among every
        other error of the dossier.

        Raises:
            ValidationFailed, AttachmentError: as :meth:`DossierQueue.enqueue`.
        """
        from app.services.attachments import prepare_file
        from app.services.queue import AttachmentSource  # SQLAlchemy: not before the first paint
        from dvc_core.blobs import AttachmentError

        assert self.queue is not None
        limits, sources = self.limits, []
        for component, path in attachments:
            try:
                self.check_file(path)
            except AttachmentError:
                sources.append(AttachmentSource(component, Path(path)))
                continue
            prepared = prepare_file(path, self.work_dir, limits)
            sources.append(AttachmentSource(component, prepared.path, prepared.name))
        # The Tờ khai is drawn from the answers unless the person attached one.
        sources += self.tokhai_maker(self.queue.catalog.get(procedure_code), applicant, fields,
                                     [s.component for s in sources])()
        return self.queue.enqueue(procedure_code, applicant, fields, sources, mode=self.mode)

    # ----------------------------------------------------------------------------- drafts
    def draft_store(self) -> DraftStore:
        from app.services.drafts import DraftStore  # SQLAlchemy: not before the first paint

        assert self.queue is not None
        return DraftStore(self.queue.sessions, self.queue.blobs, self.queue.catalog,
                          self.limits.draft_retention_days)

    def draft_saving(self) -> Callable[[], tuple[str, str]]:
        """A job that keeps the answers as typed and the files (a draft's own files are
        referred to by their blob, never copied again); returns (draft id, local ref)."""
        from app.services.drafts import DraftFile  # SQLAlchemy: not before the first paint

        assert self.keeps_drafts and self.draft.procedure is not None
        store, draft = self.draft_store(), self.draft
        code, answers, draft_id = draft.procedure.code, dict(draft.answers), draft.draft_id
        files = [DraftFile(cid, f.path, f.name, f.sha256, f.media_type)
                 for cid, items in draft.files.items() for f in items]
        mode = self.mode
        return lambda: store.save(code, answers, files, draft_id=draft_id, mode=mode)

    def draft_saved(self, draft: Draft, saved: tuple[str, str]) -> bool:
        """Adopt a saved draft's id, unless the filing moved on meanwhile (False then)."""
        if draft is not self.draft:
            return False
        self.draft.draft_id = saved[0]
        return True

    def draft_loading(self, draft_id: str) -> Callable[[], Draft | None]:
        """A job that reads a draft back: answers as typed, files as the stored blobs they are
        (PDF pages counted from the blob). None when it is gone or its procedure is no longer
        offered."""
        store, catalog = self.draft_store(), self.queue.catalog  # type: ignore[union-attr]
        blobs = self.queue.blobs  # type: ignore[union-attr]

        def work() -> Draft | None:
            loaded = store.load(draft_id)
            procedure = catalog.get(loaded.procedure_code) if loaded else None
            if loaded is None or procedure is None:
                return None
            draft = Draft(procedure=procedure, answers=dict(loaded.answers), draft_id=draft_id)
            for f in loaded.files:
                draft.files.setdefault(f.component, []).append(
                    _stored_file(blobs.path(f.sha256), f.sha256, f.name, f.size, f.media_type))
            return draft

        return work

    def supplement_loading(self, dossier_id: str, catalog: Catalog) -> Callable[[], Draft | None]:
        """A job that reopens a dossier the portal asked to supplement: its answers as sent
        (dates back in the form's way of writing them) and its files as the stored blobs."""
        queue = self.queue
        assert queue is not None

        def work() -> Draft | None:
            dossier = queue.get(dossier_id)
            procedure = catalog.get(dossier.procedure_code) if dossier is not None else None
            if dossier is None or procedure is None:
                return None
            specs = {s.id: s for s in (*APPLICANT_FIELDS, *procedure.field_specs)}
            answers: dict[str, Any] = {}
            for key, value in [*((APPLICANT_PREFIX + k, v)
                                 for k, v in (dossier.applicant or {}).items()),
                               *(dossier.fields or {}).items()]:
                kind = specs[key].kind if key in specs else ""
                if kind == "date" and isinstance(value, str):
                    value = format_date_vi(value)
                elif kind == "year" and isinstance(value, int):
                    value = str(value)
                answers[key] = value
            draft = Draft(procedure=procedure, answers=answers, supplement_of=dossier.id)
            from app.services import tokhai

            made = (tokhai.component_id(), tokhai.generated_filename())
            for a in dossier.attachments:
                if (a.component, a.filename) == made:
                    continue  # drawn again from the answers as they are sent now
                draft.files.setdefault(a.component, []).append(_stored_file(
                    queue.blobs.path(a.sha256), a.sha256, a.filename, a.size, a.media_type))
            return draft

        return work

    def resume(self, draft: Draft) -> None:
        """Carry on with a loaded draft or supplement (what :meth:`draft_loading` or
        :meth:`supplement_loading` returned)."""
        self.draft = draft

    # ----------------------------------------------------------------------------- wipe
    def wipe(self) -> None:
        """Forget every answer and file of this filing and delete its prepared photos: between
        two people (the kiosk's citizens) nothing of the first is left for the second."""
        self.draft = Draft()
        shutil.rmtree(self.work_dir, ignore_errors=True)
        self._session_id = os.urandom(16).hex()


def _stored_file(path: Path, sha256: str, name: str, size: int, media_type: str) -> AttachedFile:
    from app.services.attachments import AttachedFile, pdf_page_count

    pages = pdf_page_count(path) if media_type == "application/pdf" else (
        1 if media_type.startswith("image/") else None)
    return AttachedFile(path, name, size, media_type, pages, sha256=sha256)


__all__ = ["APPLICANT_PREFIX", "AttachRefusal", "Draft", "FilingContext", "FilingSession",
           "base_field"]
