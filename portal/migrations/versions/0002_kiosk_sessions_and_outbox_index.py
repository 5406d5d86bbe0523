"""Kiosk session scoping (dossiers.created_session) and an index for the notifier's poll

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("created_session", sa.String(length=64), nullable=True))
        batch.create_index("ix_dossiers_created_session", ["created_session"], unique=False)
    op.create_index("ix_messages_status_next", "messages", ["status", "next_attempt_at"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_messages_status_next", table_name="messages")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_index("ix_dossiers_created_session")
        batch.drop_column("created_session")
