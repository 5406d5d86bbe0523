"""Local SQLite models (typed SQLAlchemy 2.0); schema changes only through alembic migrations."""

from app.models.base import Base
from app.models.dossier import (
    Attachment,
    Dossier,
    DossierState,
    OutboxItem,
    OutboxState,
    StatusEvent,
    SyncCursor,
    UploadProgress,
)

__all__ = [
    "Attachment", "Base", "Dossier", "DossierState", "OutboxItem", "OutboxState", "StatusEvent",
    "SyncCursor", "UploadProgress",
]
