"""Translations: Qt Linguist ``.ts`` sources in ``i18n/`` compiled to ``.qm``.

Source strings in the code are English; ``i18n/dvc_vi.ts`` carries the Vietnamese, which is
the default language. ``python -m app.i18n`` compiles every ``.ts`` (the run, test and build
paths all call it); at start-up a missing ``.qm`` is compiled into the data folder instead.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def ts_dir() -> Path:
    return Path(str(resources.files("i18n")))


def _lrelease() -> str | None:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    if exe.exists():
        return str(exe)
    return shutil.which("pyside6-lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one ``.ts`` to ``.qm``; False when the tool is missing or fails."""
    tool = _lrelease()
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True,
                            text=True, timeout=120)
    return result.returncode == 0 and qm.exists()


def compile_all() -> list[Path]:
    out = []
    for ts in sorted(ts_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            if not compile_ts(ts, qm):
                raise SystemExit(f"could not compile {ts.name}")
        out.append(qm)
    return out


def qm_path(lang: str, cache_dir: Path | None = None) -> Path | None:
    """The compiled catalogue for a language, compiling it into ``cache_dir`` if needed."""
    ts = ts_dir() / f"dvc_{lang}.ts"
    qm = ts.with_suffix(".qm")
    if not ts.exists():
        # A bundle ships the compiled catalogue without its source.
        return qm if qm.exists() else None
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    if cache_dir is not None:
        cached = Path(cache_dir) / qm.name
        if (cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime) or compile_ts(ts, cached):
            return cached
    return None


if __name__ == "__main__":
    for path in compile_all():
        print(path.name)
