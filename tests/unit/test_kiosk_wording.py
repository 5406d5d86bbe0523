"""The kiosk's plain wording table: valid NFC text, every term once, loaded by term."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources

import pytest

from app.services.wording import fold, load_wording, parse_wording, plain

RAW = (resources.files("resources") / "kiosk_wording.json").read_text(encoding="utf-8")


def _no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), f"a key twice in one object: {keys}"
    return dict(pairs)


def test_the_file_is_nfc_and_has_no_duplicate_keys():
    assert unicodedata.is_normalized("NFC", RAW)
    data = json.loads(RAW, object_pairs_hook=_no_duplicate_keys)
    terms = [fold(entry["term"]) for entry in data["terms"]]
    assert len(terms) == len(set(terms)), sorted(t for t in terms if terms.count(t) > 1)
    plains = [fold(entry["plain"]) for entry in data["terms"]]
    assert len(plains) == len(set(plains)), "two terms say the same plain thing"
    assert len(load_wording()) == len(data["terms"]) >= 20


def test_the_issue_s_terms_have_their_plain_wording():
    assert plain("dán nội dung mã QR") == "Đưa mặt có mã QR của thẻ căn cước vào máy quét"
    assert plain("Thành phần hồ sơ") == "giấy tờ cần nộp"
    assert plain(unicodedata.normalize("NFD", "thành  phần hồ sơ"), lang="en") == \
        "papers to hand in"
    assert plain("mức độ 4 (toàn trình)").startswith("Làm trọn trên máy")
    assert plain("một từ không có") == "một từ không có"


def test_a_term_twice_or_an_empty_plain_is_refused_with_its_place():
    entry = {"term": "lệ phí", "plain": "tiền", "term_en": "fee", "plain_en": "money"}
    with pytest.raises(ValueError, match=r"terms\[1\]\.term"):
        parse_wording({"terms": [entry, dict(entry, term="Lệ phí")]})
    with pytest.raises(ValueError, match=r"terms\[0\]\.plain_en"):
        parse_wording({"terms": [dict(entry, plain_en=" ")]})
