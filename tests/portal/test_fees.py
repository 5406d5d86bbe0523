"""The portal's fee is the kernel's: the same exemption rules, evaluated on the dossier's answers
and the date it was received in Vietnam, shown in the dossier JSON and the confirmation e-mail."""

from __future__ import annotations

import datetime as dt

import pytest

from dvc_core.catalog import default_catalog
from dvc_core.fees import fee_json, today_vn
from portal.scheduling import local
from tests.helpers.portal_api import START, Api, auth


def _fields(born: dt.date, copies: int) -> dict:
    fields = dict(default_catalog().get("1.001193").example["fields"])
    fields.update({"child.birth_date": born.isoformat(), "copies": copies})
    return fields


def test_the_live_portal_computes_the_same_fee(live_portal, live_api: Api):
    token = live_api.login("0912345678", "CongDan@2026")
    fields = _fields(today_vn() - dt.timedelta(days=14), copies=3)
    submitted = live_api.submitted(token, fields=fields)
    shown = live_api.request("GET", f"/dossiers/{submitted['uuid']}", headers=auth(token)).json()
    fee = shown["fee"]
    assert fee["exempt"] is True and fee["total_vnd"] == 24_000
    assert fee["label"] == ("Miễn lệ phí (đăng ký đúng hạn): đăng ký khai sinh trong 60 ngày kể "
                            "từ ngày sinh; bản sao: 24.000 đồng (3 bản sao × 8.000 đ)")
    # Exactly what the app computes for the same answers on the day the portal received them.
    received = local(dt.datetime.fromisoformat(shown["received_at"])).date()
    kernel = default_catalog().get("1.001193").quote_fee(shown["fields"], filed_on=received)
    assert fee == fee_json(kernel)
    mail = [m for m in live_portal.messages()
            if m["channel"] == "email" and submitted["code"] in m["body"]]
    assert mail and "Lệ phí: Miễn lệ phí (đăng ký đúng hạn)" in mail[0]["body"]


@pytest.mark.parametrize(("days", "exempt", "total"), [(60, True, 0), (61, False, 8000)])
def test_day_60_is_free_and_day_61_is_not(api: Api, citizen: str, days, exempt, total):
    received_on = local(START).date()
    submitted = api.submitted(citizen, fields=_fields(received_on - dt.timedelta(days=days), 0))
    fee = api.request("GET", f"/dossiers/{submitted['uuid']}", headers=auth(citizen)).json()["fee"]
    assert (fee["exempt"], fee["total_vnd"], fee["copies"]) == (exempt, total, 0)
    assert fee["label"] == ("Miễn lệ phí (đăng ký đúng hạn): đăng ký khai sinh trong 60 ngày kể "
                            "từ ngày sinh" if exempt else "8.000 đồng")


def test_a_draft_is_quoted_for_today_and_a_late_resubmission_keeps_the_first_receipt_date(
        api: Api, citizen: str, officer: str, clock):
    received_on = local(START).date()
    dossier_id, _ = api.new_dossier(citizen, fields=_fields(received_on - dt.timedelta(days=59), 0))
    draft = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()
    assert draft["received_at"] is None and draft["fee"]["exempt"] is True
    assert api.request("POST", f"/dossiers/{dossier_id}/submit",
                       headers=auth(citizen)).status_code == 200

    def act(action: str, note: str | None = None) -> None:
        version = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(officer)).json()["version"]
        reply = api.request("POST", f"/dossiers/{dossier_id}/actions", headers=auth(officer),
                            json={"action": action, "expected_version": version, "note": note})
        assert reply.status_code == 200, reply.text

    act("receive")
    act("request_supplement", "Bổ sung bản chụp Giấy chứng sinh rõ nét hơn")
    clock.advance(days=10)  # resubmitted on day 69
    citizen = api.login("0912345678", "CongDan@2026")  # the session expired meanwhile
    again = api.request("POST", f"/dossiers/{dossier_id}/submit", headers=auth(citizen))
    assert again.status_code == 200, again.text
    shown = api.request("GET", f"/dossiers/{dossier_id}", headers=auth(citizen)).json()
    assert local(dt.datetime.fromisoformat(shown["received_at"])).date() > received_on
    assert shown["fee"]["exempt"] is True  # asked for on day 59
