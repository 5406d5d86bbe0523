"""dossiers: the folded names and ID numbers of every person in a dossier, for the list lookup

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 22:30:00

Existing dossiers get theirs here, computed from their answers, so a data folder of any age
finds a dossier by the father's name as soon as it opens.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from dvc_core.catalog.search import dossier_search_text

    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))
    connection = op.get_bind()
    rows = connection.exec_driver_sql("select id, applicant, fields from dossiers").fetchall()
    updates = []
    for dossier_id, applicant, fields in rows:
        updates.append({"id": dossier_id,
                        "text": dossier_search_text(_loaded(applicant), _loaded(fields))})
    if updates:
        connection.execute(sa.text("update dossiers set search_text = :text where id = :id"),
                           updates)


def _loaded(value):
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def downgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_column("search_text")
