"""the upload quota reads one index range: holdings a submitted dossier uses are marked

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("blob_holders", sa.Column("used", sa.Boolean(), nullable=False,
                                            server_default=sa.false()))
    # What a submitted dossier of the holder (of its session, for a kiosk) attaches is used.
    op.execute(sa.text(
        "UPDATE blob_holders SET used = :yes WHERE EXISTS ("
        "  SELECT 1 FROM attachments a JOIN dossiers d ON d.id = a.dossier_id "
        "  WHERE a.sha256 = blob_holders.sha256 AND d.owner_id = blob_holders.account_id "
        "  AND d.status IS NOT NULL "
        "  AND (blob_holders.session = '' OR blob_holders.session = d.created_session))")
        .bindparams(yes=True))
    op.create_index("ix_blob_holders_pending", "blob_holders", ["account_id", "used", "at"])
    op.create_index("ix_uploads_owner_completed", "uploads", ["owner_id", "completed"])


def downgrade() -> None:
    op.drop_index("ix_uploads_owner_completed", table_name="uploads")
    op.drop_index("ix_blob_holders_pending", table_name="blob_holders")
    op.drop_column("blob_holders", "used")
