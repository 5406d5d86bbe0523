"""The nine commune procedures of DOMAIN.md, as data: facts, search words and examples."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli import main as dvc
from dvc_core.catalog import default_catalog, match_spans
from dvc_core.rules import validate_dossier

NINE = {
    "1.001193": ("Đăng ký khai sinh", True),
    "1.000894": ("Đăng ký kết hôn", True),
    "1.000656": ("Đăng ký khai tử", True),
    "1.004873": ("Cấp Giấy xác nhận tình trạng hôn nhân", False),
    "2.000635": ("Cấp bản sao trích lục hộ tịch", True),
    "1.001022": ("Đăng ký nhận cha, mẹ, con", False),
    "1.004859": ("Thay đổi, cải chính, bổ sung thông tin hộ tịch", False),
    "2.000815": ("Chứng thực bản sao từ bản chính", True),
    "2.000884": ("Chứng thực chữ ký", True),
}


def test_all_nine_procedures_are_shipped():
    catalog = default_catalog()
    assert {p.code for p in catalog} == set(NINE)
    for code, (name, same_day) in NINE.items():
        proc = catalog.get(code)
        assert proc.name == name
        assert proc.provincial_code == f"{code}.000.00.00.H56"
        assert proc.time_limit["same_day"] is same_day
        assert proc.fee["legal_basis"] and proc.fee["note"]
        assert proc.nd42_label == ("toan_trinh" if proc.level == 4 else "mot_phan")
        assert proc.raw["paperless_only_unconfirmed"] is True
        assert proc.agency


@pytest.mark.parametrize("code", sorted(NINE))
def test_cli_example_is_valid_for_every_procedure(code, capsys):
    assert dvc(["dossier", "example", code, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    proc = default_catalog().get(code)
    checked = validate_dossier(proc.field_specs, document["applicant"], document["fields"])
    assert checked.ok, [e.message() for e in checked.errors]


def test_facts_from_domain():
    catalog = default_catalog()
    assert catalog.get("1.000894").personal_presence  # both parties present
    assert catalog.get("2.000884").personal_presence  # signed in front of the officer
    assert catalog.get("1.000894").fee["rule"] == "free"
    assert catalog.get("2.000635").fee == {**catalog.get("2.000635").fee, "rule": "per_copy",
                                           "amount_vnd": 8000}
    per_page = catalog.get("2.000815").fee
    assert (per_page["first_page_vnd"], per_page["later_page_vnd"],
            per_page["cap_per_copy_vnd"]) == (2000, 1000, 200_000)
    assert catalog.get("1.004873").time_limit["working_days"] == 3
    assert catalog.get("1.004873").time_limit["extended_working_days"] == 23
    # Công văn 159: what the state holds is marked and never asked for as a paper.
    khai_sinh = catalog.get("1.001193")
    held = [s.id for s in khai_sinh.field_specs if s.state_held]
    assert "mother.full_name" in held
    assert not any("cccd" in c.id or "cmnd" in c.id for p in catalog for c in p.components)


@pytest.mark.parametrize(("query", "code"), [
    ("giấy xác nhận độc thân", "1.004873"),
    ("giay xac nhan doc than", "1.004873"),
    ("sao y", "2.000815"),
    ("làm giấy khai sinh cho con", "1.001193"),
    ("ĐĂNG KÝ KẾT HÔN", "1.000894"),
    (unicodedata.normalize("NFD", "khai tử"), "1.000656"),
    ("chung thuc chu ki", "2.000884"),
    ("trich luc", "2.000635"),
    ("cai chinh", "1.004859"),
    ("nhan cha me con", "1.001022"),
])
def test_search_words_people_use(query, code):
    assert default_catalog().search(query)[0].code == code


def test_filters():
    catalog = default_catalog()
    assert {p.code for p in catalog.search("", fee_free=True)} == {"1.000894"}
    assert {p.field for p in catalog.search("", field_name="chung thuc")} == {"Chứng thực"}
    assert all(p.level == 4 for p in catalog.search("", level=4))
    assert catalog.search("", agency="Ủy ban nhân dân cấp xã", limit=100) == catalog.search("", limit=100)
    assert catalog.search("", agency="Công an tỉnh") == []
    assert catalog.fields() == ["Chứng thực", "Hộ tịch"]


def test_match_spans_highlight_the_typed_words():
    assert match_spans("dang ki khai", "Đăng ký khai sinh") == [(0, 4), (5, 7), (8, 12)]
    assert match_spans(unicodedata.normalize("NFD", "KẾT"), "Đăng ký kết hôn") == [(8, 11)]
    assert match_spans("xyz", "Đăng ký kết hôn") == []


@given(st.text(), st.text())
def test_highlight_spans_never_crash_and_stay_inside(query, text):
    from dvc_core.catalog import fold_aligned

    text = unicodedata.normalize("NFC", text)
    assert len(fold_aligned(text)) == len(text)
    for start, end in match_spans(query, text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(("kind", "same_day", "days"), [
    ("bo_sung", True, 0), ("thay_doi", False, 3), ("cai_chinh", False, 3),
    ("xac_dinh_lai_dan_toc", False, 3), (None, False, 3),
])
def test_the_supplement_procedures_time_limit_depends_on_the_kind(kind, same_day, days):
    proc = default_catalog().get("1.004859")
    limit = proc.time_limit_for({"change.kind": kind} if kind else {})
    assert (limit["same_day"], limit["working_days"]) == (same_day, days)
    assert "by_choice" not in limit
    if same_day:
        assert "extended_working_days" not in limit and "Điều 29" in limit["legal_basis"]
        assert limit["text"].startswith("Ngay trong ngày")
    kinds = {value for spec in proc.field_specs if spec.id == "change.kind"
             for value, _ in spec.choices}
    assert "xac_dinh_lai_dan_toc" in kinds
    # Without by_choice the procedure's own limit is used.
    assert default_catalog().get("1.001193").time_limit_for({"x": 1})["same_day"] is True


def test_marriage_does_not_ask_for_a_marital_status_certificate():
    """NĐ 07/2025/NĐ-CP, Công văn 481/BTP-HTQTCT: the registry looks marital status up itself."""
    proc = default_catalog().get("1.000894")
    assert "xac_nhan_hon_nhan" not in {c.id for c in proc.components}
    assert not any("tình trạng hôn nhân" in c.name.lower() for c in proc.components)
    [removed] = proc.removed_components
    assert removed["id"] == "xac_nhan_hon_nhan"
    assert "07/2025/NĐ-CP" in removed["legal_basis"] and "481/BTP-HTQTCT" in removed["legal_basis"]
    assert ("xac_nhan_hon_nhan", "Giấy xác nhận tình trạng hôn nhân", False) in \
        proc.accepted_components()
    shown = json.loads(json.dumps(proc.to_json(), ensure_ascii=False))
    assert all(c["id"] != "xac_nhan_hon_nhan" for c in shown["components"])
