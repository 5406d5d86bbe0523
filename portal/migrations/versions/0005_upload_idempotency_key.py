"""uploads remember the client's Idempotency-Key, so a creation cut off mid-way can be found again

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 16:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, no table rebuild.
    op.add_column("uploads", sa.Column("create_key", sa.String(length=64), nullable=True))
    op.create_index("ix_uploads_owner_create_key", "uploads", ["owner_id", "create_key"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ix_uploads_owner_create_key", table_name="uploads")
    op.drop_column("uploads", "create_key")
