"""A commune's fortnight of dossiers for the dashboard's figures, seeded through the real
portal (every action through ``POST /actions``) and then dated in its database, so the
answers can be worked out by hand (``EXPECTED``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy
from sqlalchemy import delete, update

from dvc_core.vntime import VN
from portal.models import Attachment, Dossier, DossierEvent
from tests.helpers.portal_api import Api, auth, pdf_bytes, sha256

PERIOD = ("2026-11-02", "2026-11-15")  # Monday 2 to Sunday 15 November 2026: two weeks


def vn(day: int, hour: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=VN)


#: name: (who files, actions after submitting, {action: moment}, due, procedure, keep files)
#: ``submit`` is the first submission; every moment is Vietnam's time.
SEED: dict[str, dict[str, Any]] = {
    # online, finished on the day it was due (on time), returned the next morning at the
    # counter with a digitised copy of the result
    "A": {"result": True, "by": "citizen", "actions": ["receive", "start", "finish", "return"],
          "at": {"submit": vn(3, 9), "receive": vn(3, 9), "start": vn(3, 10),
                 "finish": vn(3, 15), "return": vn(4, 10)}, "due": vn(3, 17)},
    # online, due on Thursday 5, finished on Friday 6: late (overdue in the first week)
    "B": {"by": "citizen", "actions": ["receive", "start", "finish", "return"],
          "at": {"submit": vn(4, 10), "receive": vn(4, 10), "start": vn(4, 11),
                 "finish": vn(6, 9), "return": vn(6, 10)}, "due": vn(5, 17)},
    # at the counter, a copy of an extract, its paper kept (no file held): on time
    "C": {"by": "officer", "actions": ["receive", "start", "finish"],
          "at": {"submit": vn(10, 8), "receive": vn(10, 8), "start": vn(10, 9),
                 "finish": vn(10, 11)}, "due": vn(10, 17), "procedure": "2.000635",
          "files": False},
    # online, still being processed long after its due date: overdue in the second week
    "D": {"by": "citizen", "actions": ["receive", "start"],
          "at": {"submit": vn(11, 9), "receive": vn(11, 9), "start": vn(11, 10)},
          "due": vn(12, 17)},
    # received in October, finished on time inside the period
    "E": {"by": "citizen", "actions": ["receive", "start", "finish"],
          "at": {"submit": vn(28, 9, 10), "receive": vn(28, 9, 10), "start": vn(29, 9, 10),
                 "finish": vn(3, 16)}, "due": vn(3, 17)},
    # online, waiting for a supplement past its due date: the applicant holds it, not overdue
    "F": {"by": "citizen", "actions": ["receive", "request_supplement"],
          "at": {"submit": vn(12, 9), "receive": vn(12, 9), "request_supplement": vn(12, 10)},
          "due": vn(13, 17)},
    # at the counter the day after the period: nothing of it counts
    "G": {"by": "officer", "actions": ["receive"],
          "at": {"submit": vn(16, 9), "receive": vn(16, 9)}, "due": vn(16, 17)},
    # online, refused: received, never settled
    "H": {"by": "citizen", "actions": ["refuse"],
          "at": {"submit": vn(13, 9), "refuse": vn(13, 10)}, "due": vn(13, 17)},
    # received in October; its fee paid online (VietQR) on Thursday 5 November
    "I": {"by": "citizen", "payment": "online",
          "actions": ["receive", "start", "fee_required", "fee_paid"],
          "at": {"submit": vn(26, 9, 10), "receive": vn(26, 9, 10), "start": vn(26, 10, 10),
                 "fee_required": vn(26, 11, 10), "fee_paid": vn(5, 10)},
          "due": vn(30, 17, 10)},
    # at the counter in October; its fee paid in cash on Tuesday 10 November
    "J": {"by": "officer", "payment": "counter",
          "actions": ["receive", "start", "fee_required", "fee_paid"],
          "at": {"submit": vn(27, 9, 10), "receive": vn(27, 9, 10), "start": vn(27, 10, 10),
                 "fee_required": vn(27, 11, 10), "fee_paid": vn(10, 10)},
          "due": vn(30, 17, 10)},
}

#: Worked out by hand from SEED for PERIOD.
#: received: A B C D F H = 6 (E came in October, G after); online: all but C = 5;
#: digitised: all but C = 5; finished: A B C E = 4, on time A C E = 3 (B finished a day late);
#: overdue: B (due 5/11, finished 6/11) and D (due 12/11, still open) = 2 — F waits for the
#: applicant, H was refused; returned: A B = 2, A with its electronic result file; fees paid:
#: I online, J at the counter = 2, 1 online (I and J came in October, due then: nothing else).
EXPECTED = {
    "on_time_rate": 0.75, "online_share": 0.8333, "digitised_share": 0.8333,
    "result_digitised_share": 0.5, "paid_online_share": 0.5,
    "counts": {"received": 6, "online": 5, "digitised": 5, "finished": 4, "on_time": 3,
               "overdue": 2, "returned": 2, "result_digitised": 1, "fee_paid": 2,
               "paid_online": 1},
    # week 1 (2–8/11): received A B; finished A B E, on time A E; overdue B; returned A B;
    # fee paid online I. Week 2 (9–15/11): received C D F H (online D F H); finished C;
    # overdue D; fee paid at the counter J.
    "weeks": [
        {"week_start": "2026-11-02", "week_end": "2026-11-08", "received": 2, "online": 2,
         "digitised": 2, "finished": 3, "on_time": 2, "overdue": 1, "returned": 2,
         "result_digitised": 1, "fee_paid": 1, "paid_online": 1},
        {"week_start": "2026-11-09", "week_end": "2026-11-15", "received": 4, "online": 3,
         "digitised": 3, "finished": 1, "on_time": 1, "overdue": 1, "returned": 0,
         "result_digitised": 0, "fee_paid": 1, "paid_online": 0},
    ],
    # khai sinh: A B D F H received, A B E finished (A E on time), B D overdue, I J paid;
    # bản sao trích lục: C alone.
    "procedures": [
        {"procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "received": 5,
         "online": 5, "digitised": 5, "finished": 3, "on_time": 2, "overdue": 2,
         "returned": 2, "result_digitised": 1, "fee_paid": 2, "paid_online": 1},
        {"procedure_code": "2.000635", "procedure_name": "Cấp bản sao trích lục hộ tịch",
         "received": 1, "online": 0, "digitised": 0, "finished": 1, "on_time": 1,
         "overdue": 0, "returned": 0, "result_digitised": 0, "fee_paid": 0,
         "paid_online": 0},
    ],
}

NOTES = {"refuse": "Không thuộc thẩm quyền", "request_supplement": "Thiếu giấy chứng sinh"}


def seed(api: Api, database_url: str, tokens: dict[str, str]) -> dict[str, str]:
    """File and act on every dossier of SEED, then date it; returns name → UUID."""
    officer = tokens["officer"]
    ids: dict[str, str] = {}
    for name, spec in SEED.items():
        dossier_id, _ = api.new_dossier(tokens[spec["by"]])
        reply = api.request("POST", f"/dossiers/{dossier_id}/submit",
                            headers=auth(tokens[spec["by"]]))
        assert reply.status_code == 200, reply.text
        for action in spec["actions"]:
            version = api.request("GET", f"/dossiers/{dossier_id}",
                                  headers=auth(officer)).json()["version"]
            body: dict[str, Any] = {"action": action, "expected_version": version}
            if action in NOTES:
                body["note"] = NOTES[action]
            if action == "fee_paid":
                body["payment"] = spec["payment"]
            if action == "return" and spec.get("result"):
                data = pdf_bytes(dossier_id + "kq")
                assert api.upload(officer, data).status_code in (201, 204)
                body["delivery"] = "counter"
                body["result"] = {"sha256": sha256(data), "size": len(data),
                                  "filename": "ket_qua.pdf", "media_type": "application/pdf"}
            reply = api.request("POST", f"/dossiers/{dossier_id}/actions", json=body,
                                headers=auth(officer))
            assert reply.status_code == 200, reply.text
        ids[name] = dossier_id
    engine = sqlalchemy.create_engine(database_url)
    with engine.begin() as db:
        dossiers, events = Dossier.__table__, DossierEvent.__table__
        for name, spec in SEED.items():
            dossier_id, moments = ids[name], spec["at"]
            for action, moment in moments.items():
                db.execute(update(events).where(events.c.dossier_id == dossier_id,
                                                events.c.action == action)
                           .values(at=moment.astimezone(dt.UTC)))
            values: dict[str, Any] = {
                "due_at": spec["due"].astimezone(dt.UTC),
                "received_at": moments["submit"].astimezone(dt.UTC),
                "created_at": moments["submit"].astimezone(dt.UTC),
                "updated_at": max(moments.values()).astimezone(dt.UTC)}
            if "procedure" in spec:
                values["procedure_code"] = spec["procedure"]
            db.execute(update(dossiers).where(dossiers.c.id == dossier_id).values(**values))
            if spec.get("files") is False:
                db.execute(delete(Attachment.__table__)
                           .where(Attachment.__table__.c.dossier_id == dossier_id))
    engine.dispose()
    return ids
