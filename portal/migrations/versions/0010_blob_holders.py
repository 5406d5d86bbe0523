"""who holds which blob (dedup never grants another account's file); uploads' session and last activity

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 20:10:00
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: SQLite adds them in place, no table rebuild.
    op.add_column("uploads", sa.Column("session", sa.String(length=64), nullable=True))
    op.add_column("uploads", sa.Column("touched_at", portal.db.UTCDateTime(timezone=True),
                                       nullable=True))
    op.create_table(
        "blob_holders",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("session", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("at", portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sha256", "account_id", "session"),
    )
    op.create_index("ix_blob_holders_account", "blob_holders", ["account_id", "session"])
    # What was held before: the attachments of submitted dossiers (the portal checked their
    # files at submission) for the dossier's owner — a kiosk's for the session that filed it —
    # and the finished uploads of accounts other than kiosks (whose uploads had no session).
    # Drafts are left out: a draft may name a hash its owner never sent, and that is exactly
    # what must no longer be granted. Their owners send those files again.
    holder = ("CASE WHEN acc.role = 'kiosk' THEN d.created_session ELSE '' END")
    op.execute(sa.text(
        "INSERT INTO blob_holders (sha256, account_id, session, size, at) "
        f"SELECT a.sha256, d.owner_id, {holder}, MAX(a.size), MAX(d.updated_at) "
        "FROM attachments a JOIN dossiers d ON d.id = a.dossier_id "
        "JOIN accounts acc ON acc.id = d.owner_id "
        "WHERE d.status IS NOT NULL AND (acc.role <> 'kiosk' OR d.created_session IS NOT NULL) "
        f"GROUP BY a.sha256, d.owner_id, {holder}"))
    op.execute(sa.text(
        "INSERT INTO blob_holders (sha256, account_id, session, size, at) "
        "SELECT u.sha256, u.owner_id, '', MAX(u.length), MAX(u.created_at) "
        "FROM uploads u JOIN accounts acc ON acc.id = u.owner_id "
        "WHERE u.completed = :yes AND acc.role <> 'kiosk' AND NOT EXISTS ("
        "  SELECT 1 FROM blob_holders h WHERE h.sha256 = u.sha256 "
        "  AND h.account_id = u.owner_id AND h.session = '') "
        "GROUP BY u.sha256, u.owner_id").bindparams(yes=True))


def downgrade() -> None:
    op.drop_index("ix_blob_holders_account", table_name="blob_holders")
    op.drop_table("blob_holders")
    op.drop_column("uploads", "touched_at")
    op.drop_column("uploads", "session")
