"""Where the app keeps its data and which portal it talks to.

Resolution order for each setting: command-line option, environment variable, the settings file
``settings.json`` in the data folder, the default. No secret is ever written to that file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from app.modes import DEFAULT_MODE, MODE_NAMES, ModePolicy

MODES = MODE_NAMES
EMBEDDED = "embedded"


def default_data_dir() -> Path:
    env = os.environ.get("DVC_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("dvc-desk", appauthor=False))


@dataclass(frozen=True)
class AppConfig:
    data_dir: Path
    server: str | None  # None: start the embedded sandbox portal
    mode: str = DEFAULT_MODE
    lang: str = "vi"

    @property
    def policy(self) -> ModePolicy:
        """What this mode does (:mod:`app.modes`)."""
        return ModePolicy.for_name(self.mode)

    @property
    def database_path(self) -> Path:
        return self.data_dir / "dvc-desk.sqlite3"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def embedded_portal_dir(self) -> Path:
        return self.data_dir / "portal"

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def server_key(self) -> str:
        return self.server or EMBEDDED

    @property
    def keyring_service(self) -> str:
        """The keyring entry is per portal, so two portals never share a token."""
        return f"dvc-desk:{self.server_key}"


def load_settings(data_dir: Path) -> dict:
    path = data_dir / "settings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(data_dir: Path, settings: dict) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / "settings.json.tmp"
    tmp.write_text(json.dumps(settings, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, data_dir / "settings.json")


def resolve(data_dir: str | Path | None = None, server: str | None = None,
            mode: str | None = None, lang: str | None = None) -> AppConfig:
    folder = Path(data_dir) if data_dir else default_data_dir()
    settings = load_settings(folder)
    server = server or os.environ.get("DVC_SERVER") or settings.get("server") or None
    if server == EMBEDDED:
        server = None
    mode = mode or os.environ.get("DVC_MODE") or settings.get("mode") or DEFAULT_MODE
    lang = lang or os.environ.get("DVC_LANG") or settings.get("lang") or "vi"
    policy = ModePolicy.for_name(mode)  # raises ValueError naming the modes
    if policy.sandbox_only and server:
        # A workshop must never file a demo dossier on a real portal.
        raise ValueError("--server không dùng được với --mode training: buổi đào tạo chỉ nộp "
                         "hồ sơ thử vào máy chủ thử nghiệm nhúng.")
    if lang not in ("vi", "en"):
        raise ValueError("--lang phải là vi hoặc en")
    return AppConfig(folder, server.rstrip("/") if server else None, mode, lang)
