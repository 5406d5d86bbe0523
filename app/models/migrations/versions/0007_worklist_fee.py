"""worklist cache: each dossier's fee, as the portal computed it by the kernel's rules

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("worklist_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fee_vnd", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fee_label", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("worklist_items", schema=None) as batch_op:
        batch_op.drop_column("fee_label")
        batch_op.drop_column("fee_vnd")
