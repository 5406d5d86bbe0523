"""sign-up requests: each POST /accounts is its own request, bound to who proves its code

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 20:00:00
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table; unfinished sign-ups of older portals (accounts without a password) are
    # left as they are: they can no longer be finished, sign-in never finds them, and the
    # first finished sign-up for their ID number replaces them.
    op.create_table(
        "signup_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_type", sa.String(length=32), nullable=False),
        sa.Column("id_number", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=8), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("created_at", portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", portal.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("verified_at", portal.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("token_expires_at", portal.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signup_requests_id_number", "signup_requests", ["id_number"])
    op.create_index("ix_signup_requests_phone", "signup_requests", ["phone"])


def downgrade() -> None:
    op.drop_index("ix_signup_requests_phone", table_name="signup_requests")
    op.drop_index("ix_signup_requests_id_number", table_name="signup_requests")
    op.drop_table("signup_requests")
