"""Local SQLite models (typed SQLAlchemy 2.0); schema changes only through alembic migrations."""

from app.models.base import Base
from app.models.dossier import (
    Attachment,
    Dossier,
    DossierState,
    DossierVersion,
    OutboxItem,
    OutboxState,
    StatusEvent,
    SyncCursor,
    UploadProgress,
)
from app.models.worklist import WorklistCalendar, WorklistItem, WorklistQueue

__all__ = [
    "Attachment", "Base", "Dossier", "DossierState", "DossierVersion", "OutboxItem", "OutboxState", "StatusEvent",
    "SyncCursor", "UploadProgress", "WorklistCalendar", "WorklistItem", "WorklistQueue",
]
