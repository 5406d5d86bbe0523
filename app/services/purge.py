"""Deleting a dossier and every trace of it on this machine (a kiosk's, once the portal has it)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Attachment, Dossier, DossierVersion, OutboxItem, UploadProgress
from dvc_core.blobs import BlobStore


def purge_dossier(sessions: sessionmaker[Session], blobs: BlobStore, dossier_id: str) -> None:
    """Delete a dossier, its versions, outbox items and uploads; then its unshared blobs.

    Its rows go in one transaction (``secure_delete`` overwrites the freed pages); then each
    blob no other dossier uses is deleted. The citizen keeps the printed slip; the portal keeps
    the dossier.
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
