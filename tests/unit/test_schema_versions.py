"""A dossier queued under one catalog version still validates and sends after the catalog is
updated, as long as the new catalog says the old form is still accepted (min_schema_version);
an incompatible update is refused with a message the person can act on."""

from __future__ import annotations

import copy

import pytest

import portal.server
from app.models import DossierState
from app.models.db import open_database
from app.services.portal_client import PortalClient
from app.services.queue import AttachmentSource, DossierQueue
from app.services.sync import SyncEngine
from dvc_core.blobs import BlobStore
from dvc_core.catalog import Catalog, Procedure, default_catalog
from dvc_core.rules import validate_dossier

CODE = "1.004873"  # xác nhận tình trạng hôn nhân, schema version 1 in the shipped catalog


def updated_catalog(min_schema_version: int) -> Catalog:
    """The shipped catalog with 1.004873 at version 2: a new optional field, a new fee."""
    raw = copy.deepcopy(dict(default_catalog().get(CODE).raw))
    raw["schema_version"] = 2
    raw["min_schema_version"] = min_schema_version
    raw["fee"]["amount_vnd"] = 20000
    raw["sections"][1]["fields"].append(
        {"id": "purpose.country", "label": "Nước sẽ sử dụng giấy xác nhận", "kind": "text",
         "required": False, "max_length": 100})
    others = [p for p in default_catalog() if p.code != CODE]
    return Catalog([*others, Procedure.from_json(raw)])


@pytest.fixture
def queued_v1(tmp_path):
    engine, sessions = open_database(tmp_path / "q.sqlite3")
    queue = DossierQueue(sessions, BlobStore(tmp_path / "blobs"), default_catalog())
    pdf = tmp_path / "to_khai.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    ex = default_catalog().get(CODE).example
    queued = queue.enqueue(CODE, ex["applicant"], ex["fields"], [AttachmentSource("to_khai", pdf)])
    assert queue.get(queued.id).schema_version == 1
    yield queue, queued
    engine.dispose()


def portal_with(catalog: Catalog, tmp_path, monkeypatch):
    from portal.app import PortalSettings, create_app

    monkeypatch.setattr(portal.server, "create_app",
                        lambda settings: create_app(settings, catalog=catalog))
    settings = PortalSettings(database_url=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
                              storage_dir=tmp_path / "portal", sandbox=True)
    return portal.server.EmbeddedPortal(settings)


def signed_in_client(url: str) -> PortalClient:
    client = PortalClient(url)
    account = next(a for a in client.json("GET", "/sandbox/accounts") if a["role"] == "officer")
    token = client.login(account["username"], account["password"])["token"]
    return PortalClient(url, token=lambda: token)


def test_old_dossier_sends_after_a_compatible_catalog_update(queued_v1, tmp_path, monkeypatch):
    queue, queued = queued_v1
    catalog = updated_catalog(min_schema_version=1)
    queue.catalog = catalog  # the app refreshed its catalog too
    # The queued document still validates under the new rules.
    dossier = queue.get(queued.id)
    proc = catalog.get(CODE)
    assert validate_dossier(proc.field_specs, dossier.applicant, dossier.fields).ok
    with portal_with(catalog, tmp_path, monkeypatch) as server:
        client = signed_in_client(server.url)
        SyncEngine(queue.sessions, client, queue.blobs).run_once()
        sent = queue.get(queued.id)
        assert sent.state == DossierState.SUBMITTED, sent.last_error
        assert sent.code
        on_portal = client.json("GET", f"/dossiers/{queued.id}")
        assert on_portal["code"] == sent.code


def test_an_incompatible_update_is_refused_with_a_reason(queued_v1, tmp_path, monkeypatch):
    queue, queued = queued_v1
    catalog = updated_catalog(min_schema_version=2)
    with portal_with(catalog, tmp_path, monkeypatch) as server:
        SyncEngine(queue.sessions, signed_in_client(server.url), queue.blobs).run_once()
    refused = queue.get(queued.id)
    assert refused.state == DossierState.NEEDS_ACTION
    assert "phiên bản 1" in refused.last_error and "phiên bản 2" in refused.last_error
