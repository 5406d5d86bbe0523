"""Deleting a dossier and every trace of it on this machine (a kiosk's, once the portal has it).

Which dossiers go is the mode policy's answer for the mode each was filed in (its stored
``mode``, :attr:`~app.modes.ModePolicy.purges_on_confirmation`), whatever mode runs now: a
kiosk's dossier found by any start-up is purged. A purge is complete once the WAL is emptied
too (:func:`scrub`), since it still holds the pages as they were before the delete.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Attachment, Dossier, DossierVersion, OutboxItem, UploadProgress
from app.models.db import checkpoint
from app.modes import MODE_NAMES, ModePolicy
from dvc_core.blobs import BlobStore

log = logging.getLogger(__name__)

#: The modes whose dossiers are deleted once the portal confirms them (the kiosk's).
PURGED_MODES = tuple(name for name in MODE_NAMES
                     if ModePolicy.for_name(name).purges_on_confirmation)


def purges_on_confirmation(mode: str | None) -> bool:
    """Whether a dossier filed in ``mode`` is deleted once the portal confirms it.

    A mode name this version does not know keeps its dossiers: nothing is deleted on a guess.
    """
    return mode in PURGED_MODES


def purge_dossier(sessions: sessionmaker[Session], blobs: BlobStore, dossier_id: str) -> None:
    """Delete a dossier, its versions, outbox items and uploads; then its unshared blobs.

    Its rows go in one transaction (``secure_delete`` overwrites the freed pages); then each
    blob no other dossier uses is deleted. The citizen keeps the printed slip; the portal keeps
    the dossier. The caller empties the WAL afterwards (:func:`scrub`).
    """
    with sessions.begin() as session:
        dossier = session.get(Dossier, dossier_id)
        if dossier is None:
            return
        shas = {a.sha256 for a in dossier.attachments}
        for version in session.scalars(select(DossierVersion).where(
                DossierVersion.dossier_id == dossier_id)):
            shas |= {a.get("sha256") for a in (version.attachments or {}).get("items", [])}
        session.execute(delete(OutboxItem).where(OutboxItem.dossier_id == dossier_id))
        session.execute(delete(DossierVersion).where(DossierVersion.dossier_id == dossier_id))
        session.delete(dossier)
        session.execute(delete(UploadProgress).where(UploadProgress.sha256.in_(shas)))
    with sessions() as session:
        still_used = set(session.scalars(select(Attachment.sha256).where(
            Attachment.sha256.in_(shas))))
    for sha in shas - still_used:
        if sha:
            blobs.delete(sha)


def purge_confirmed(sessions: sessionmaker[Session], blobs: BlobStore) -> int:
    """Purge every dossier the portal has confirmed (it holds the official code) that its mode
    purges on confirmation; returns how many.

    The sync engine purges a kiosk dossier the moment its submission is recorded; a crash
    between the two left it here for good. This finds those at start-up and after each pass.
    """
    with sessions() as session:
        confirmed = list(session.scalars(select(Dossier.id).where(
            Dossier.code.is_not(None), Dossier.mode.in_(PURGED_MODES))))
    for dossier_id in confirmed:
        purge_dossier(sessions, blobs, dossier_id)
    return len(confirmed)


def scrub(sessions: sessionmaker[Session]) -> bool:
    """Empty the WAL into the database file, so what a purge deleted is in neither
    (:func:`app.models.db.checkpoint`); False, logged, when a reader kept it from finishing."""
    done = checkpoint(sessions.kw["bind"])
    if not done:
        log.warning("the database's WAL could not be emptied after a purge; trying again later")
    return done


def clean_up(sessions: sessionmaker[Session], blobs: BlobStore, *, scrub_anyway: bool) -> bool:
    """Purge what is confirmed (:func:`purge_confirmed`), delete the blob store's abandoned
    temporary copies, and empty the WAL if anything was purged or ``scrub_anyway`` (a purge
    earlier on, or a kiosk starting: a purge just before a crash may have left its WAL).

    Returns:
        False when the WAL was to be emptied and could not be: the caller tries again later.
    """
    purged = purge_confirmed(sessions, blobs)
    blobs.remove_abandoned_temporaries()
    return scrub(sessions) if purged or scrub_anyway else True
