"""Status SMS: a citizen without e-mail hears by SMS that the dossier was received (with the due
time), that papers are missing (which), that it was refused (why) and that the result is ready.

Against the real server (uvicorn, SQLite and PostgreSQL); read back from the sandbox's list of
what it would have sent.
"""

from __future__ import annotations

import datetime as dt
import re

from dvc_core.units import one_stop_unit
from portal.notify import SMS_MAX_PARTS, sms_parts, status_sms
from portal.seed import DEMO_COMMUNE_NAME
from tests.helpers.portal_api import Api, auth, example_dossier

PHONE = "0987654321"
UNIT = one_stop_unit(DEMO_COMMUNE_NAME)


def _applicant() -> dict:
    applicant = dict(example_dossier()["applicant"], phone=PHONE)
    applicant.pop("email", None)  # no e-mail: the SMS is all the citizen gets
    return applicant


def _act(api: Api, token: str, dossier: dict, action: str, note: str | None = None) -> dict:
    reply = api.request("POST", f"/dossiers/{dossier['uuid']}/actions", json={
        "action": action, "note": note, "expected_version": dossier["version"]},
        headers=auth(token))
    assert reply.status_code == 200, reply.text
    return reply.json()


def _sms(live_portal) -> list[str]:
    return [m["body"] for m in live_portal.messages() if m["channel"] == "sms" and m["to"] == PHONE]


def test_status_sms_for_a_citizen_without_email(live_portal, live_api: Api):
    citizen = live_portal.token_for("citizen")
    officer = live_portal.token_for("officer")
    fields = dict(example_dossier()["fields"], **{"delivery.method": "counter"})
    dossier = live_api.submitted(citizen, applicant=_applicant(), fields=fields)
    code, due_at = dossier["code"], dt.datetime.fromisoformat(dossier["due_at"])
    assert _sms(live_portal) == []  # filing itself: the citizen has the code on screen

    dossier = _act(live_api, officer, dossier, "receive")
    [received] = _sms(live_portal)
    assert received.startswith(f"Hồ sơ {code} đã được tiếp nhận.")
    due = due_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert f"Hẹn trả kết quả: {due:%H:%M ngày %d/%m/%Y}." in received  # Vietnam's time

    missing = "Giấy chứng sinh bản chính; bản sao Giấy chứng nhận kết hôn của cha mẹ"
    dossier = _act(live_api, officer, dossier, "request_supplement", missing)
    supplement = _sms(live_portal)[-1]
    assert f"Hồ sơ {code} cần bổ sung: {missing}." in supplement
    assert UNIT in supplement and "một cửa" not in supplement.lower()

    # The citizen resubmits; received again, processed, finished: the result is ready, to be
    # collected at the counter as the dossier says.
    reply = live_api.request("POST", f"/dossiers/{dossier['uuid']}/submit", headers=auth(citizen))
    assert reply.status_code == 200, reply.text
    dossier = reply.json()
    for action in ("receive", "start", "finish"):
        dossier = _act(live_api, officer, dossier, action)
    ready = _sms(live_portal)[-1]
    assert ready == f"Hồ sơ {code} đã có kết quả. Mời Ông/Bà nhận kết quả tại {UNIT}."
    texts = _sms(live_portal)
    assert len(texts) == 4  # received, supplement, received again, result: not "start"
    for text in texts:
        assert re.search("[ạảấầẩậắằẳặẹẻẽếềểễệịọỏốồổộớờởợụủứừửữựỳỵỷỹđ]", text.lower()), text
        assert sms_parts(text) <= (SMS_MAX_PARTS if "bổ sung:" in text else 3), text


def test_refusal_sms_says_why(live_portal, live_api: Api):
    citizen = live_portal.token_for("citizen")
    officer = live_portal.token_for("officer")
    dossier = live_api.submitted(citizen, applicant=_applicant())
    _act(live_api, officer, dossier, "refuse", "Người yêu cầu không cư trú tại xã")
    [refused] = _sms(live_portal)
    assert refused == (f"Hồ sơ {dossier['code']} không được tiếp nhận. Lý do: Người yêu cầu không "
                       f"cư trú tại xã. Cần hỗ trợ, liên hệ {UNIT}.")


def test_a_long_note_is_cut_to_the_sms_limit():
    note = "; ".join(f"giấy tờ số {i} còn thiếu chữ ký" for i in range(40))
    text = status_sms("000.99.99.H56-261125-0001", 5, note=note, unit=UNIT)
    assert sms_parts(text) == SMS_MAX_PARTS and "…" in text and text.endswith(f"tại {UNIT}.")
    assert status_sms("000.99.99.H56-261125-0001", 4) is None  # "đang xử lý": no SMS
    assert sms_parts("Ho so da duoc tiep nhan") == 1 and sms_parts("Hồ sơ" * 15) == 2


def test_result_ready_says_the_way_chosen():
    code = "000.99.99.H56-261125-0001"
    said = {way: status_sms(code, 9, unit=UNIT, delivery=way)
            for way in ("counter", "post", "online", None)}
    assert said["counter"] == f"Hồ sơ {code} đã có kết quả. Mời Ông/Bà nhận kết quả tại {UNIT}."
    assert "bưu chính" in said["post"] and UNIT not in said["post"]
    assert "Cổng dịch vụ công" in said["online"] and UNIT not in said["online"]
    assert UNIT in said[None] and "cách nhận đã đăng ký" in said[None]


def test_no_portal_text_sends_people_to_the_old_unit_name():
    """Since 1/7/2025 the unit is the commune's Trung tâm Phục vụ hành chính công."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "portal"
    old = re.compile(r"bộ phận (một cửa|tiếp nhận và trả kết quả)|cán bộ một cửa", re.I)
    found = [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if old.search(line)]
    assert found == []
