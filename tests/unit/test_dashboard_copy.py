"""The desk's copy of the figures (``dashboard.json``): kept per portal, a damaged or foreign
copy is never shown, and a portal that cannot be reached gives the copy with the reason."""

from __future__ import annotations

import datetime as dt
import json

from app.services.dashboard import DeskDashboard, csv_text
from app.services.portal_client import PortalClient
from dvc_core.stats import DossierFacts, Period, compute

NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
PERIOD = Period(dt.date(2026, 11, 2), dt.date(2026, 11, 15))


def _figures():
    record = DossierFacts("1.001193", 2, 10, dt.datetime(2026, 11, 3, 2, tzinfo=dt.UTC))
    return compute([record], PERIOD, NOW, {"1.001193": "Đăng ký khai sinh"})


def _unreachable() -> PortalClient:
    return PortalClient("http://127.0.0.1:9", timeout=(0.5, 0.5))  # nothing listens on 9


def test_the_copy_is_read_when_the_portal_cannot_be_reached(tmp_path):
    desk = DeskDashboard(tmp_path, _unreachable(), "https://a.example", clock=lambda: NOW)
    assert desk.read(PERIOD).figures is None  # never read: nothing to show
    desk._keep(_figures(), NOW)
    shown = desk.read(PERIOD)
    assert not shown.copy.online and "Không kết nối được" in (shown.copy.error or "")
    assert shown.figures is not None and shown.figures.totals["received"] == 1
    body = shown.to_json(NOW + dt.timedelta(minutes=5))
    assert body["cached"] is True and body["age_seconds"] == 300
    # Another portal's copy is never shown for this one.
    other = DeskDashboard(tmp_path, _unreachable(), "https://b.example", clock=lambda: NOW)
    assert other.read(PERIOD, refresh=False).figures is None


def test_a_damaged_copy_shows_nothing_rather_than_failing(tmp_path):
    (tmp_path / "dashboard.json").write_text("{not json", encoding="utf-8")
    desk = DeskDashboard(tmp_path, _unreachable(), "embedded")
    assert desk.read(refresh=False).figures is None
    desk._keep(_figures(), NOW)
    data = json.loads((tmp_path / "dashboard.json").read_text(encoding="utf-8"))
    data["entries"].insert(0, {"key": "x", "fetched_at": "?", "figures": {}})
    (tmp_path / "dashboard.json").write_text(json.dumps(data), encoding="utf-8")
    assert desk.read(refresh=False).figures is not None  # the damaged entry is skipped


def test_csv_text_lines():
    lines = csv_text(_figures()).split("\r\n")
    assert lines[0].startswith("phan_loai,tu_ngay,den_ngay,ma_thu_tuc,ten_thu_tuc,received,")
    assert lines[3].startswith("thu_tuc,2026-11-02,2026-11-15,1.001193,Đăng ký khai sinh,1,1,")
