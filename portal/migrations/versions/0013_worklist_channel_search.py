"""dossiers: the channel, the worklist's search text and one index per commune, status and due date

The officer desk's worklists (``GET /api/v1/worklist``) count and list one commune's dossiers
by status and due date: the index on (unit_code, status) grows the due date, so the timed
queues (tới hạn, quá hạn) read one index range too. ``channel`` says how a dossier reached the
office (1 trực tiếp, 2 trực tuyến, 3 bưu chính); existing rows take it from their filer's role.
``search_text`` holds the people's names and ID numbers of the answers, folded, for the search
box; existing rows are filled here.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 21:45:00
"""

import json
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _fold(text: str) -> str:
    # The kernel's fold, copied: a migration must not change when the kernel does.
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("đ", "d").replace("Đ", "D").lower().replace("y", "i")


def _people(value, out: list[str]) -> None:
    """Names and ID numbers anywhere in the answers (their ids end so in every procedure)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and str(key).rsplit(".", 1)[-1] in ("full_name", "id_number"):
                out.append(item)
            elif isinstance(item, dict | list):
                _people(item, out)
    elif isinstance(value, list):
        for item in value:
            _people(item, out)


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("channel", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=True))
        batch.drop_index("ix_dossiers_unit_status")
        batch.create_index("ix_dossiers_unit_status_due", ["unit_code", "status", "due_at"])
    op.execute(sa.text(
        "UPDATE dossiers SET channel = CASE WHEN (SELECT role FROM accounts "
        "WHERE accounts.id = dossiers.owner_id) IN ('officer', 'admin') THEN 1 ELSE 2 END"))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, applicant, fields FROM dossiers")).all()
    update = sa.text("UPDATE dossiers SET search_text = :text WHERE id = :id")
    batch_rows = []
    for row in rows:
        found: list[str] = []
        for raw in (row.applicant, row.fields):
            value = json.loads(raw) if isinstance(raw, str) else raw
            _people(value, found)
        # The kernel's dossier search text as it is today: each folded word once.
        words = (w for v in found for w in re.split(r"[\s,;:()/\-–]+",
                                                    _fold(unicodedata.normalize("NFC", v))) if w)
        text = " ".join(dict.fromkeys(words))
        batch_rows.append({"id": row.id, "text": text})
        if len(batch_rows) >= 500:
            connection.execute(update, batch_rows)
            batch_rows = []
    if batch_rows:
        connection.execute(update, batch_rows)


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_index("ix_dossiers_unit_status_due")
        batch.create_index("ix_dossiers_unit_status", ["unit_code", "status"])
        batch.drop_column("search_text")
        batch.drop_column("channel")
