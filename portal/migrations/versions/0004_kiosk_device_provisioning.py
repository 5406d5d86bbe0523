"""Kiosk devices provisioned by an officer: who created an account, who revoked it and when

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns without foreign keys: SQLite adds them in place (ALTER TABLE ADD
    # COLUMN) instead of rebuilding the accounts table the other tables point at.
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("created_by", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("revoked_at", portal.db.UTCDateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column("revoked_by", sa.String(length=36), nullable=True))


def downgrade() -> None:
    # Not in batch mode: a batch rebuild drops ``accounts`` and, with foreign keys on, SQLite
    # would cascade that to the session tokens. ALTER TABLE DROP COLUMN (SQLite ≥ 3.35, which
    # every supported Python ships) leaves the other tables alone.
    for column in ("revoked_by", "revoked_at", "created_by"):
        op.drop_column("accounts", column)
