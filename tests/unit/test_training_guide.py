"""The training guide file: the shipped one is complete for both wizards, a wrong file is named
key by key in Vietnamese, and a trainer's bad file falls back to the shipped guide."""

from __future__ import annotations

import json
import unicodedata

import pytest

from app.views.training.guide_data import DEFAULT_PATH, GuideError, load, parse, read


def shipped() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_shipped_guide_covers_the_three_guides_steps():
    guide = read(DEFAULT_PATH)
    steps = {(s.guide, s.step) for pages in guide.wizards.values()
             for page in pages.values() for s in page}
    assert {("national", n) for n in range(1, 7)} <= steps
    assert {("provincial", n) for n in range(1, 4)} <= steps
    assert {("submission", n) for n in range(1, 6)} <= steps
    for page in ("procedure", "applicant", "attachments", "review", "confirmation"):
        assert guide.steps("filing", page), page
    assert guide.steps("filing", "section:child") == guide.steps("filing", "section:*")
    for page in ("type", "method", "details", "address", "otp", "password", "done"):
        assert guide.steps("account", page), page
    assert guide.steps("account", "nowhere") == ()
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize(("change", "key"), [
    (lambda d: d["wizards"]["filing"]["review"][0].update(guide="tinh"),
     "wizards.filing.review[0].guide"),
    (lambda d: d["wizards"]["account"]["otp"][0].update(step="năm"),
     "wizards.account.otp[0].step"),
    (lambda d: d["wizards"]["account"]["otp"][0].update(target="box"),
     "wizards.account.otp[0].target"),
    (lambda d: d["wizards"]["filing"]["applicant"][0].pop("vi"),
     "wizards.filing.applicant[0].vi"),
    (lambda d: d["wizards"].update(kiosk={}), "wizards.kiosk"),
    (lambda d: d.pop("wizards"), "wizards"),
])
def test_a_wrong_key_is_named_in_vietnamese(change, key):
    data = shipped()
    change(data)
    with pytest.raises(GuideError) as caught:
        parse(data)
    assert caught.value.key == key
    assert f"mục “{key}”" in caught.value.message
    assert caught.value.message.startswith("Tệp hướng dẫn tập huấn")


def test_a_trainers_file_is_used_and_a_bad_one_falls_back(tmp_path):
    data = shipped()
    data["wizards"]["filing"]["procedure"][0]["vi"] = "Lời của tỉnh Nghệ An."
    mine = tmp_path / "guide.json"
    mine.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    guide = load(mine)
    assert guide.problem is None and guide.path == mine
    assert guide.steps("filing", "procedure")[0].vi == "Lời của tỉnh Nghệ An."

    mine.write_text('{"wizards": ', encoding="utf-8")
    guide = load(mine)
    assert guide.path == DEFAULT_PATH
    assert "không phải JSON hợp lệ" in guide.problem and str(mine) in guide.problem
    assert guide.steps("filing", "procedure")  # the shipped text is shown instead

    guide = load(tmp_path / "missing.json")
    assert "không đọc được" in guide.problem
