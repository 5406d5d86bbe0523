"""tus: an upload keeps the Upload-Metadata its creation carried, so HEAD can echo it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 21:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("uploads", sa.Column("tus_metadata", sa.String(4096), nullable=True))


def downgrade() -> None:
    op.drop_column("uploads", "tus_metadata")
