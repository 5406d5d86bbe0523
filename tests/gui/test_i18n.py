"""The Vietnamese catalogue is complete, current, NFC, and loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
VI_TS = ROOT / "i18n" / "dvc_vi.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


def test_every_vietnamese_message_is_translated_and_nfc():
    count = 0
    for context, message in _messages(VI_TS):
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None, (context, source)
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (context, source)
        assert (translation.text or "").strip(), (context, source)
        assert unicodedata.is_normalized("NFC", translation.text), (context, source)
        count += 1
    assert count > 100


def test_lupdate_finds_no_untranslated_source_string(tmp_path):
    tool = str(LUPDATE) if LUPDATE.exists() else shutil.which("pyside6-lupdate")
    assert tool, "pyside6-lupdate is needed"
    copy = tmp_path / "dvc_vi.ts"
    shutil.copy(VI_TS, copy)
    subprocess.run([tool, "-extensions", "py", "-no-obsolete", "-locations", "none",
                    str(ROOT / "app" / "views"), str(ROOT / "app" / "application.py"),
                    "-ts", str(copy)], check=True, capture_output=True, timeout=120)
    untranslated = [(context, m.findtext("source")) for context, m in _messages(copy)
                    if m.find("translation").get("type") == "unfinished"]
    assert untranslated == []


def test_vietnamese_qm_loads(vi_qm):
    translator = QTranslator()
    assert translator.load(str(vi_qm))
    assert translator.translate("ShellHeader", "Send now") == "Gửi ngay"
    assert QCoreApplication.translate("DossierWizard", "Continue") == "Tiếp tục"


def test_qm_path_compiles_into_cache(tmp_path, monkeypatch):
    from app import i18n

    monkeypatch.setattr(i18n, "ts_dir", lambda: tmp_path / "src")
    (tmp_path / "src").mkdir()
    shutil.copy(VI_TS, tmp_path / "src" / "dvc_vi.ts")
    path = i18n.qm_path("vi", tmp_path / "cache")
    assert path is not None and path.exists()


def test_qm_path_takes_a_compiled_catalogue_shipped_without_its_source(tmp_path, monkeypatch):
    from app import i18n

    # A frozen bundle carries dvc_vi.qm but not dvc_vi.ts.
    monkeypatch.setattr(i18n, "ts_dir", lambda: tmp_path / "bundle")
    (tmp_path / "bundle").mkdir()
    assert i18n.qm_path("vi", tmp_path / "cache") is None
    assert i18n.compile_ts(VI_TS, tmp_path / "bundle" / "dvc_vi.qm")
    assert i18n.qm_path("vi", tmp_path / "cache") == tmp_path / "bundle" / "dvc_vi.qm"
