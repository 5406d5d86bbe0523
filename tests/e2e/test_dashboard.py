"""``dvc dashboard`` as a real process against the real portal (uvicorn on loopback, real
SQLite data folder): the figures worked out by hand, the JSON's shape, the CSV file, the copy
read offline with its age, and exit 2 on bad dates."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from dvc_core.stats import COUNTS, CSV_HEADER
from tests.helpers.e2e import account
from tests.helpers.portal_api import Api
from tests.helpers.portal_fixture import start_portal
from tests.helpers.stats_seed import EXPECTED, PERIOD, seed

ROOT = Path(__file__).resolve().parents[2]
TOP_KEYS = {"from", "to", "as_of", "on_time_rate", "online_share", "digitised_share",
            "result_digitised_share", "paid_online_share", "counts", "weeks", "procedures",
            "targets", "cached", "fetched_at", "age_seconds"}


def dvc(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="tests.helpers.keyring_backend.FileKeyring",
               DVC_TEST_KEYRING_FILE=str(Path(data_dir).parent / "keyring.json"))
    return subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120,
                          env=env)


def test_dvc_dashboard_json_csv_and_the_offline_copy(tmp_path):
    data_dir = tmp_path / "app"
    out = tmp_path / "so_lieu.csv"
    period = ["--from", PERIOD[0], "--to", PERIOD[1]]
    with start_portal(tmp_path / "portal") as portal:
        seed(Api(portal.http, portal.api, timeout=10), portal.database_url,
             {"citizen": portal.token_for("citizen"), "officer": portal.token_for("officer")})
        server = ["--server", portal.url]
        officer = account(portal, "officer")
        login = dvc("login", "--username", officer["username"], "--password-stdin", *server,
                    data_dir=data_dir, stdin=officer["password"] + "\n")
        assert login.returncode == 0, login.stderr
        done = dvc("dashboard", *period, "--csv", str(out), "--json", *server,
                   data_dir=data_dir)
        assert done.returncode == 0, done.stderr
        body = json.loads(done.stdout)
        assert set(body) == TOP_KEYS
        for key, value in EXPECTED.items():
            assert body[key] == value, key
        assert body["cached"] is False and isinstance(body["age_seconds"], int)
        assert body["fetched_at"] is not None
        text = dvc("dashboard", *period, *server, data_dir=data_dir)
        assert text.returncode == 0, text.stderr
        lines = {line[:24].strip(): line[24:].split() for line in text.stdout.splitlines()}
        assert lines["Giải quyết đúng hạn"] == ["75,0", "%", "(3/4)"]
        assert lines["Thanh toán trực tuyến"] == ["50,0", "%", "(1/2)"]
        bad = dvc("dashboard", "--from", "2026-11-20", "--to", "2026-11-02", "--json", *server,
                  data_dir=data_dir)
        assert bad.returncode == 2 and bad.stdout == ""
        assert "--from" in bad.stderr and "sau ngày kết thúc" in bad.stderr
        worse = dvc("dashboard", "--to", "30/11/2026", *server, data_dir=data_dir)
        assert worse.returncode == 2 and "--to: Ngày “to” không hợp lệ" in worse.stderr

    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads the names as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == list(CSV_HEADER)
    assert [r[0] for r in rows[1:]] == ["tuan", "tuan", "thu_tuc", "thu_tuc", "tong"]
    assert rows[2][:3] == ["tuan", "2026-11-09", "2026-11-15"]
    assert rows[2][5:] == [str(EXPECTED["weeks"][1][k]) for k in COUNTS]
    assert rows[4][3:5] == ["2.000635", "Cấp bản sao trích lục hộ tịch"]
    assert rows[-1][5:] == [str(EXPECTED["counts"][k]) for k in COUNTS]

    # The portal is gone: the copy, with its age on standard error.
    offline = dvc("dashboard", *period, "--json", "--server", portal.url, data_dir=data_dir)
    assert offline.returncode == 0, offline.stderr
    again = json.loads(offline.stdout)
    assert again["cached"] is True and again["counts"] == EXPECTED["counts"]
    assert "bản lưu lúc" in offline.stderr and "02/11/2026" in offline.stderr
    # A period never read: the last one read, which says its own dates.
    other = dvc("dashboard", "--from", "2026-10-01", "--to", "2026-10-31", "--json",
                "--server", portal.url, data_dir=data_dir)
    assert other.returncode == 0, other.stderr
    assert (json.loads(other.stdout)["from"], json.loads(other.stdout)["to"]) == PERIOD
    assert "từ 02/11/2026 đến 15/11/2026" in other.stderr
