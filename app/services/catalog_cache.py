"""The catalog the portal serves, kept in the data folder — Qt-free.

The app ships a catalog for a first start with no network (``resources/catalog``). When the
portal can be reached, ``GET /procedures`` (with the ETag of the copy kept here) brings the
province's current catalog; it is checked procedure by procedure with the catalog checker and
kept in ``<data dir>/catalog.json``, so the next start uses it even offline. A procedure the
checker refuses is left out (and logged), never half-used.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from dvc_core.catalog import Catalog, Procedure, check_procedure_data, default_catalog

log = logging.getLogger(__name__)
FILE_NAME = "catalog.json"


def _path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def _read(data_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _catalog(procedures: list[Any]) -> Catalog | None:
    """Only procedures that pass the checker; examples come from the shipped copy if known."""
    shipped = default_catalog()
    good = []
    for data in procedures:
        # A newer portal may serve keys this version does not know yet: they are not refused.
        problems = check_procedure_data(data, require_example=False, unknown_keys=True)
        if problems:
            log.warning("portal procedure %s left out: %s", data.get("code") if isinstance(
                data, dict) else "?", "; ".join(f"{p.path}: {p.message}" for p in problems[:5]))
            continue
        if "example" not in data:
            known = shipped.get(data["code"])
            if known is not None and known.schema_version == data.get("schema_version"):
                data = {**data, "example": dict(known.example)}
        good.append(Procedure.from_json(data))
    return Catalog(good) if good else None


def load_cached(data_dir: Path) -> Catalog | None:
    """The catalog kept from the last refresh, or None (then the shipped one is used)."""
    data = _read(data_dir)
    if not data or not isinstance(data.get("procedures"), list):
        return None
    return _catalog(data["procedures"])


def refresh(client: Any, data_dir: Path) -> Catalog | None:
    """Ask the portal for its catalog; a new Catalog when it changed, None when not.

    Raises the client's ``NetworkError``/``PortalError`` when the portal cannot be asked.
    """
    kept = _read(data_dir) or {}
    etag, procedures = client.procedures(kept.get("etag"))
    if procedures is None:
        return None
    catalog = _catalog(procedures)
    if catalog is None:
        return None
    target = _path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"etag": etag, "procedures": procedures}, ensure_ascii=False),
                   encoding="utf-8")
    os.replace(tmp, target)
    return catalog
