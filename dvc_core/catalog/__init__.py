"""The procedure catalog: data files under ``resources/catalog``, loaded into typed objects.

The same package serves the app (wizard, ``dvc catalog``) and the portal (``GET /procedures``):
``model`` (procedures, the loaded catalog), ``search`` (accent-insensitive matching) and
``check`` (``dvc catalog check``); their public names are handed on here.
"""

from dvc_core.catalog.check import (
    COPY_KINDS,
    DELIVERY,
    FEE_RULES,
    ND42_LABELS,
    CatalogProblem,
    check_catalog_files,
    check_procedure_data,
    shipped_catalog_files,
)
from dvc_core.catalog.model import (
    Catalog,
    Component,
    Procedure,
    Section,
    default_catalog,
    load_catalog,
)
from dvc_core.catalog.search import fold, fold_aligned, match_spans, matches_all

__all__ = [
    "COPY_KINDS", "DELIVERY", "FEE_RULES", "ND42_LABELS", "Catalog", "CatalogProblem", "Component",
    "Procedure", "Section", "check_catalog_files", "check_procedure_data", "default_catalog",
    "fold", "fold_aligned", "load_catalog", "match_spans", "matches_all", "shipped_catalog_files",
]
