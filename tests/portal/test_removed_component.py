"""A component the law no longer asks for (the marriage's Giấy xác nhận tình trạng hôn nhân,
NĐ 07/2025/NĐ-CP) is not required, and a dossier queued before the change with a file for it is
still accepted — nothing the person sent is lost; an unknown component is still refused."""

from __future__ import annotations

import copy
import uuid

from dvc_core.catalog import default_catalog
from tests.helpers.portal_api import Api, assert_problem, attachment, auth, pdf_bytes

CODE = "1.000894"


def _put(api: Api, token: str, components: list[str]):
    proc = default_catalog().get(CODE)
    dossier_id = str(uuid.uuid4())
    body = {"procedure_code": CODE, "schema_version": proc.schema_version,
            "applicant": copy.deepcopy(dict(proc.example["applicant"])),
            "fields": copy.deepcopy(dict(proc.example["fields"])),
            "attachments": [attachment(c, pdf_bytes(dossier_id + c), f"{c}.pdf")
                            for c in components]}
    return api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(token))


def test_marriage_needs_no_marital_status_certificate(api: Api, citizen: str):
    assert _put(api, citizen, ["to_khai"]).status_code == 201
    old = _put(api, citizen, ["to_khai", "xac_nhan_hon_nhan"])
    assert old.status_code == 201, old.text
    assert_problem(_put(api, citizen, ["to_khai", "giay_bay"]), 422, "attachments.giay_bay")
    shown = api.request("GET", f"/procedures/{CODE}").json()
    assert "xac_nhan_hon_nhan" not in {c["id"] for c in shown["components"]}
