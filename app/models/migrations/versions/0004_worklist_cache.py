"""worklist cache: the officer's worklists as last read from the portal, for reading offline

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 22:00:00
"""

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "worklist_queues",
        sa.Column("server", sa.String(length=200), nullable=False),
        sa.Column("queue", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("items_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("server", "queue"),
    )
    op.create_table(
        "worklist_items",
        sa.Column("server", sa.String(length=200), nullable=False),
        sa.Column("queue", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("due_at", UTCDateTime(), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        sa.Column("applicant_name", sa.String(length=200), nullable=True),
        sa.Column("applicant_id_number", sa.String(length=32), nullable=True),
        sa.Column("procedure_code", sa.String(length=64), nullable=False),
        sa.Column("procedure_name", sa.String(length=500), nullable=True),
        sa.Column("channel", sa.Integer(), nullable=True),
        sa.Column("search_key", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("server", "queue", "position"),
    )
    op.create_table(
        "worklist_calendars",
        sa.Column("server", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("server"),
    )


def downgrade() -> None:
    op.drop_table("worklist_calendars")
    op.drop_table("worklist_items")
    op.drop_table("worklist_queues")
