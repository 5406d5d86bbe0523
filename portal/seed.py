"""Seed data: the fictitious training commune and its demo accounts (``--sandbox``)."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Account, Commune
from portal.security import hash_password

if TYPE_CHECKING:
    from portal.context import PortalContext

DEMO_UNIT_CODE = "000.99.99.H56"  # fictitious: no real unit has this code
DEMO_COMMUNE_NAME = "Xã Thực Hành (đào tạo)"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    full_name: str
    commune: str = DEMO_UNIT_CODE
    id_number: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    phone: str | None = None
    email: str | None = None


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("0912345678", "CongDan@2026", "citizen", "Lê Thị Hoa", id_number="038195012345",
                birth_date=dt.date(1995, 4, 12), sex="nu", phone="0912345678",
                email="hoa.le@example.vn"),
    DemoAccount("canbo.thuchanh", "CanBo@2026", "officer", "Nguyễn Văn Cán Bộ"),
    DemoAccount("kiosk.thuchanh", "Kiosk@2026", "kiosk", "Ki-ốt Xã Thực Hành"),
    DemoAccount("admin", "QuanTri@2026", "admin", "Quản trị viên (đào tạo)"),
)


@functools.cache
def _demo_hash(password: str) -> str:
    # Published demo passwords: one salted hash per process is enough, and seeding many
    # sandbox databases (tests, trainer resets) stays fast.
    return hash_password(password)


def ensure_commune(session: Session, unit_code: str, name: str) -> Commune:
    commune = session.get(Commune, unit_code)
    if commune is None:
        commune = Commune(unit_code=unit_code, name=name)
        session.add(commune)
        session.flush()
    return commune


def seed_sandbox(session: Session, now: dt.datetime) -> None:
    """Create what is missing of the demo commune and accounts (safe to run at every start)."""
    ensure_commune(session, DEMO_UNIT_CODE, DEMO_COMMUNE_NAME)
    for demo in DEMO_ACCOUNTS:
        if demo.role == "citizen":
            exists = session.scalar(select(Account).where(Account.id_number == demo.id_number))
        else:
            exists = session.scalar(select(Account).where(Account.username == demo.username))
        if exists is not None:
            continue
        session.add(Account(
            role=demo.role,
            account_type="cong_dan" if demo.role == "citizen" else None,
            username=None if demo.role == "citizen" else demo.username,
            id_number=demo.id_number, phone=demo.phone, email=demo.email,
            full_name=demo.full_name, birth_date=demo.birth_date, sex=demo.sex,
            commune_code=demo.commune, password_hash=_demo_hash(demo.password),
            verified_at=now, created_at=now,
        ))
    session.commit()


def _empty_folder(folder: Path) -> int:
    """Remove everything inside ``folder`` (kept itself); returns how many entries went."""
    if not folder.is_dir():
        return 0
    count = 0
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        count += 1
    return count


def reset_sandbox(ctx: PortalContext) -> dict[str, int]:
    """Put the sandbox back to its seeded state: every row of every table deleted (dossiers,
    history, change feed, messages, sign-ups, sessions, accounts…), the stored files and
    unfinished uploads removed, then the demo commune and accounts seeded again.

    Only ever reached on a ``--sandbox`` portal (the router is mounted only there). Returns how
    many rows and files went, by kind.
    """
    from portal.db import Base

    counts: dict[str, int] = {}
    with ctx.sessions() as session:
        for table in reversed(Base.metadata.sorted_tables):
            counts[table.name] = session.execute(table.delete()).rowcount or 0
        session.commit()
        seed_sandbox(session, ctx.now())
    counts["files"] = _empty_folder(ctx.blobs.root) + _empty_folder(ctx.uploads_dir)
    if ctx.settings.demo_dossiers:
        from portal.demo_dossiers import seed_demo_dossiers

        seed_demo_dossiers(ctx)
    return counts
