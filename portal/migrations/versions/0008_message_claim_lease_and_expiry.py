"""messages: an expiry for bodies that stop being worth sending (an OTP's five minutes)

The claim lease of a message being sent reuses ``next_attempt_at``; only the expiry is new.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-04 20:10:00
"""

import sqlalchemy as sa
from alembic import op

from portal.db import UTCDateTime

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, no table rebuild.
    op.add_column("messages", sa.Column("expires_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("messages", "expires_at")
