"""actions: a history line and its change-feed row keep the action's detail (the items of a
supplement request, the way the result was returned and its electronic file)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossier_events", sa.Column("detail", sa.JSON(), nullable=True))
    op.add_column("changes", sa.Column("detail", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("changes") as batch_op:
        batch_op.drop_column("detail")
    with op.batch_alter_table("dossier_events") as batch_op:
        batch_op.drop_column("detail")
