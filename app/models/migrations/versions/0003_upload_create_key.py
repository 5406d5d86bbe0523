"""uploads: the Idempotency-Key of the creation request, to find a cut-off creation again

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:25:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("create_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_column("create_key")
