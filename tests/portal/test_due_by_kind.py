"""The due date follows the time limit of the kind asked for: bổ sung hộ tịch is same-day
(Luật Hộ tịch Art. 29(2)); thay đổi, cải chính, xác định lại dân tộc 3 working days (Art. 28,
47)."""

from __future__ import annotations

import copy
import datetime as dt
import uuid

import pytest

from dvc_core.catalog import default_catalog
from dvc_core.vntime import to_vn
from tests.helpers.portal_api import START, Api, attachment, auth, pdf_bytes

CODE = "1.004859"


def _submit(api: Api, token: str, kind: str) -> dict:
    proc = default_catalog().get(CODE)
    dossier_id = str(uuid.uuid4())
    files = {"to_khai": pdf_bytes(dossier_id + "a"), "giay_to_lien_quan": pdf_bytes(dossier_id + "b")}
    fields = copy.deepcopy(dict(proc.example["fields"]))
    fields["change.kind"] = kind
    body = {"procedure_code": CODE, "schema_version": proc.schema_version,
            "applicant": copy.deepcopy(dict(proc.example["applicant"])), "fields": fields,
            "attachments": [attachment(c, d, f"{c}.pdf") for c, d in files.items()]}
    put = api.request("PUT", f"/dossiers/{dossier_id}", json=body, headers=auth(token))
    assert put.status_code == 201, put.text
    for data in files.values():
        assert api.upload(token, data).status_code in (201, 204)
    reply = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(token))
    assert reply.status_code == 200, reply.text
    return reply.json()


@pytest.mark.parametrize(("kind", "due_day"), [
    ("bo_sung", dt.date(2026, 11, 25)),               # received Wednesday 09:00: the same day
    ("cai_chinh", dt.date(2026, 11, 30)),             # 3 working days: Thu, Fri, Mon
    ("thay_doi", dt.date(2026, 11, 30)),
    ("xac_dinh_lai_dan_toc", dt.date(2026, 11, 30)),
])
def test_due_date_per_kind(api: Api, citizen: str, kind: str, due_day: dt.date):
    submitted = _submit(api, citizen, kind)
    due = to_vn(dt.datetime.fromisoformat(submitted["due_at"]))
    assert to_vn(START).date() == dt.date(2026, 11, 25)
    assert (due.date(), due.hour) == (due_day, 17)


def test_bo_sung_after_the_cut_off_is_due_the_next_working_day(api: Api, citizen: str, clock):
    clock.now = START.replace(hour=9)  # 16:00 in Vietnam, after the 15:00 cut-off
    citizen = api.login("0912345678", "CongDan@2026")
    due = to_vn(dt.datetime.fromisoformat(_submit(api, citizen, "bo_sung")["due_at"]))
    assert due.date() == dt.date(2026, 11, 26)
