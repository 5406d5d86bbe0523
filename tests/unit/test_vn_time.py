"""Every moment shown to a person is in Vietnam's time, whatever the machine's zone: the list
and the details pane, the sync indicator, the receipt, the portal's notices and the CLI all
say 17:00 for 10:00 UTC, on a machine set to UTC, to New York or to Tokyo."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dvc_core.vntime import VN, format_vn, time_on_day, to_vn

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter after the zone is set (time.tzset), so nothing cached a zone.
SCRIPT = r"""
import datetime as dt, json, time
time.tzset()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.services.records import DossierFacts, HistoryEntry
from app.services.receipts import _when
from app.views.dossiers.dossier_details import DossierDetails
from app.views.dossiers.dossier_model import local_time
from app.views.shell.header import SyncIndicator
from dvc_core.vntime import format_vn, time_on_day
from portal.workflow import time_on_day as portal_time

moment = dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC)
naive = moment.replace(tzinfo=None)  # how SQLite hands a UTC column back
details = DossierDetails()
details.show_dossier(DossierFacts(
    id="d1", local_ref="K7QM-3XPD", procedure_code="1.001193",
    procedure_name="Đăng ký khai sinh", applicant_name="Lê Thị Hoa", state="submitted",
    state_text="Đã gửi lên cổng", code="000.99.99.H56-260305-0001", status=2,
    status_text="Được tiếp nhận", status_note=None, due_at=moment, portal_version=2,
    last_error=None, attachment_names=(), outbox=None,
    history=(HistoryEntry(moment, 2, "Được tiếp nhận", None),)))
indicator = SyncIndicator()
indicator.mark_success(moment)
print(json.dumps({
    "machine": time.strftime("%z", time.localtime(moment.timestamp())),
    "list": local_time(moment), "naive": local_time(naive),
    "details": details.body.text(), "indicator": indicator.last.text(),
    "receipt": _when(moment), "portal": portal_time(moment), "kernel": time_on_day(naive),
}, ensure_ascii=False))
"""


def test_the_kernel_helper():
    moment = dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC)
    assert format_vn(moment) == "05/03/2026 17:00"
    assert format_vn(moment.replace(tzinfo=None)) == "05/03/2026 17:00"  # naive means UTC
    assert time_on_day(dt.datetime(2026, 3, 5, 23, 30, tzinfo=dt.UTC)) == "06:30 ngày 06/03/2026"
    assert to_vn(moment).utcoffset() == dt.timedelta(hours=7) and to_vn(moment).tzinfo is VN
    assert format_vn(None) == ""


@pytest.mark.parametrize("zone, offset", [("UTC", "+0000"), ("America/New_York", "-0500"),
                                          ("Asia/Tokyo", "+0900")])
def test_every_screen_says_vietnam_time_whatever_the_machine_zone(zone, offset):
    if not Path("/usr/share/zoneinfo", zone).exists():
        pytest.skip(f"no tzdata for {zone}")
    env = {**os.environ, "TZ": zone, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown.pop("machine") == offset  # the zone really was in force
    assert shown["list"] == shown["naive"] == "05/03/2026 17:00"
    assert "05/03/2026 17:00" in shown["details"] and "10:00" not in shown["details"]
    assert "17:00:00" in shown["indicator"]
    assert shown["receipt"] == "17 giờ 00 phút, ngày 05 tháng 03 năm 2026"
    assert shown["portal"] == shown["kernel"] == "17:00 ngày 05/03/2026"



def test_cli_human_output_shows_moments_in_vietnam_time(capsys):
    """``--json`` keeps ISO 8601 with its offset; the lines for people read 17:00."""
    from app.cli import _emit

    row = {"code": "000.99.99.H56-260305-0001", "due_at": "2026-03-05T10:00:00+00:00",
           "received_at": "2026-03-05T02:00:00.123456+00:00", "note": "2026-03-05"}
    _emit([row], False)
    _emit(row, False)
    out = capsys.readouterr().out
    assert "05/03/2026 17:00" in out and "05/03/2026 09:00" in out and "10:00" not in out
    assert "note: 2026-03-05" in out  # a date alone is not a moment
    _emit(row, True)
    assert '"due_at": "2026-03-05T10:00:00+00:00"' in capsys.readouterr().out
