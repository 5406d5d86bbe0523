"""accounts: ID numbers and phones stored with other scripts' digits are rewritten in ASCII

Before the kernel turned every decimal digit into ASCII (``dvc_core.rules.identity``), a sign-up
typed with full-width or Arabic-Indic digits was stored as typed, which let one CMND have a
second account. Such rows are rewritten in ASCII, so uniqueness and sign-in see the one number.
A row whose ASCII form another account already has is left as it is (two accounts for one
person are for an administrator to merge, not for a migration to guess) and named in the log.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 20:40:00
"""

import logging
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")


def _ascii(text: str) -> str:
    # The kernel's ascii_digits, copied: a migration must not change when the kernel does.
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _phone(text: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", _ascii(text))
    if digits.startswith("+84"):
        return "0" + digits[3:]
    if digits.startswith("0084"):
        return "0" + digits[4:]
    if digits.startswith("84") and len(digits) == 11:
        return "0" + digits[2:]
    return digits


def upgrade() -> None:
    connection = op.get_bind()
    accounts = sa.table("accounts", sa.column("id", sa.String), sa.column("id_number", sa.String),
                        sa.column("phone", sa.String))
    rows = connection.execute(sa.select(accounts.c.id, accounts.c.id_number,
                                        accounts.c.phone)).all()
    for row in rows:
        changes = {}
        if row.id_number and not row.id_number.isascii():
            number = re.sub(r"\s", "", _ascii(row.id_number))
            taken = connection.execute(sa.select(accounts.c.id).where(
                accounts.c.id_number == number, accounts.c.id != row.id)).first()
            if taken is None:
                changes["id_number"] = number
            else:
                log.warning("account %s: ID number %r is also account %s's; left as it is",
                            row.id, row.id_number, taken.id)
        if row.phone and not row.phone.isascii():
            changes["phone"] = _phone(row.phone)
        if changes:
            connection.execute(accounts.update().where(accounts.c.id == row.id).values(**changes))


def downgrade() -> None:
    pass  # the typed form is not kept: ASCII digits are the same number
