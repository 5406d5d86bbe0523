"""Vietnamese matching, as the procedure search, the commune picker and the dossier lists do it:
diacritics, đ/Đ, one typo per long word, exact before forgiven, no false friends."""

from __future__ import annotations

import copy
import unicodedata

import pytest

from dvc_core import divisions
from dvc_core.catalog import Catalog, Procedure, default_catalog, match_spans
from dvc_core.catalog.search import dossier_search_text, lookup_key, lookup_needles
from dvc_core.rules.text import fold, fold_words, one_edit_apart, typo_allowed


def catalog_of(*names: str, synonyms: dict[str, list[str]] | None = None) -> Catalog:
    base = default_catalog().get("1.001193").raw
    procedures = []
    for i, name in enumerate(names):
        data = copy.deepcopy(dict(base))
        data["code"] = f"9.{i:06d}"
        data["provincial_code"] = data["code"]
        data["name"] = {"vi": name, "en": name}
        data["synonyms"] = (synonyms or {}).get(name, [])
        procedures.append(Procedure.from_json(data))
    return Catalog(procedures)


# ----------------------------------------------------------------------------- folding
def test_fold_ignores_diacritics_case_form_and_the_three_d():
    nfd = unicodedata.normalize("NFD", "Thiệu Hóa")
    assert fold("Thiệu Hóa") == fold(nfd) == fold("THIỆU HÓA") == "thieu hoa"
    assert fold("Đặng Đức") == fold("đặng đức") == "dang duc"
    assert fold("\u00d0ặng") == "dang"  # Ð (U+00D0), left by TCVN3/VNI conversions
    assert fold("Lý") == fold("li")  # i/y spelt either way
    assert fold_words("000.00.12.H56-261102-0001") == ["000", "00", "12", "h56", "261102", "0001"]


@pytest.mark.parametrize(("typed", "word"), [
    ("snh", "sinh"),     # a letter left out
    ("siinh", "sinh"),   # a letter too many
    ("sonh", "sinh"),    # a letter wrong
    ("sinh", "sinh"[:1] + "ni" + "h"),  # two neighbours swapped: "snih"
    ("khia", "khai"),
])
def test_one_typo_in_a_long_word_is_forgiven(typed, word):
    assert one_edit_apart(typed, word) and typo_allowed(typed, word)


@pytest.mark.parametrize(("typed", "word"), [
    ("sinh", "sinh"),      # the same word is no typo
    ("snhi", "sinh"),      # two edits
    ("kat", "ket"),        # three letters: one off lands on another real word
    ("hn", "hon"),
    ("tu", "thu"),
    ("1.001194", "1.001193"),  # codes and ID numbers are exact
    ("03819501234", "038195012345"),
])
def test_no_typo_is_assumed_in_short_words_codes_or_two_edits(typed, word):
    assert not typo_allowed(typed, word)


# ----------------------------------------------------------------------------- procedures
def test_a_typo_per_word_still_finds_the_procedure():
    catalog = default_catalog()
    for query in ("khai snh", "khai sihn", "dang ky khia sinh", "KHAI SNH", "giay doc thn"):
        found = catalog.lookup(query)
        assert found.match == "typo", query
        assert found.procedures, query
    assert catalog.lookup("khai snh").procedures[0].code == "1.001193"
    assert catalog.search("khai snh")[0].code == "1.001193"  # `dvc catalog search` too
    # The corrected word is marked in the name shown.
    terms = " ".join(catalog.lookup("khai snh").terms)
    assert match_spans(terms, "Đăng ký khai sinh") == [(8, 12), (13, 17)]


def test_exact_matches_come_alone_and_before_forgiven_ones():
    catalog = catalog_of("Đăng ký kinh doanh", "Đăng ký khai sinh", "Thai sanh")
    # "kinh" is one letter off "sinh", but an exact match exists: only it is offered.
    assert [p.name for p in catalog.search("kinh")] == ["Đăng ký kinh doanh"]
    assert [p.name for p in catalog.search("sinh")] == ["Đăng ký khai sinh"]
    # Forgiven: the fewer typos, the higher ("khai" exact + one typo before two typos).
    found = catalog.lookup("khai snh")
    assert found.match == "typo"
    assert [p.name for p in found.procedures] == ["Đăng ký khai sinh", "Thai sanh"]


def test_no_false_friends_on_short_words():
    catalog = catalog_of("Đăng ký kết hôn", "Đăng ký khai tử")
    assert catalog.search("kat hon") == []  # "kat" is not taken for "kết"
    assert catalog.search("khai tu")[0].name == "Đăng ký khai tử"
    assert catalog.search("khai thu") == []
    assert catalog.search("9.000002") == []  # a code is never "one digit off"


def test_nothing_found_offers_the_closest_and_everyday_words():
    catalog = default_catalog()
    found = catalog.lookup("dang ky ket hn")
    assert found.match == "closest"
    assert found.procedures[0].code == "1.000894"
    assert catalog.search("dang ky ket hn") == []  # the command line stays exact
    assert found.examples and all(isinstance(e, str) for e in found.examples)
    nothing = catalog.lookup("qwxz")
    assert nothing.match == "none" and nothing.procedures == []
    everyday = {s for p in catalog for s in p.synonyms}
    assert nothing.examples and set(nothing.examples) <= everyday


def test_filters_apply_to_the_forgiving_search_too():
    catalog = default_catalog()
    assert catalog.lookup("khai snh", level=3).procedures
    assert all(p.level == 3 for p in catalog.lookup("khai snh", level=3).procedures)
    assert all(p.level == 3 for p in catalog.lookup("ket hn", level=3).procedures)


# ----------------------------------------------------------------------------- communes
def test_communes_are_found_without_diacritics_by_word_prefix():
    names = [c.name for c in divisions.find_communes("38", "thieu")]
    assert names and all(n.startswith("Xã Thiệu") for n in names)
    assert names == sorted(names, key=fold)
    assert [c.name for c in divisions.find_communes("38", "thieu hoa")] == ["Xã Thiệu Hóa"]
    assert [c.name for c in divisions.find_communes("38", "p hac")] == ["Phường Hạc Thành"]
    assert [c.name for c in divisions.find_communes("38", "thieuu hoa")] == ["Xã Thiệu Hóa"]
    assert divisions.find_communes("38", "ieu") == []  # word starts only, not inside
    dong = [c.name for c in divisions.find_communes("38", "dong")]  # đ typed as d
    assert "Phường Đông Sơn" in dong and "Xã Đồng Lương" in dong
    assert [c.name for c in divisions.find_communes("38", "ĐÔNG SƠN")] == ["Phường Đông Sơn"]
    assert divisions.find_communes("38", "") == []
    assert divisions.commune_by_name("38", "xa thieu hoa").code == "15772"
    assert divisions.commune_by_name("38", "thieu") is None


# ----------------------------------------------------------------------------- dossiers
def test_every_person_of_a_dossier_is_in_its_search_text():
    procedure = default_catalog().get("1.001193")
    example = procedure.example
    text = dossier_search_text(example["applicant"], example["fields"], procedure.field_specs)
    words = text.split()
    for person in ("Lê Thị Hoa", "Nguyễn Minh Khang", "Nguyễn Văn Bình", "038195012345"):
        assert set(fold_words(person)) <= set(words), person
    assert len(words) == len(set(words))  # each word once
    assert "kinh" not in words  # ethnicity is no person
    # Without the form, by the keys' names; in repeated groups too.
    text = dossier_search_text({}, {"spouse.full_name": "Đỗ Thị Ánh",
                                     "people": [{"full_name": "Lò Văn Sủng"}]})
    assert text == fold("do thi anh lo van sung")


def test_a_list_key_matches_names_by_word_start_and_codes_anywhere():
    key = lookup_key("000.00.12.H56-261102-0001", "K7QM-3XPD", "nguyen van binh 038195012345")

    def matches(query: str) -> bool:
        return all(needle in key for needle in lookup_needles(query))

    assert matches("Nguyễn Văn Bình") and matches("binh") and matches("van bi")
    assert not matches("an")  # "Văn", "Bình": no word starts with "an"
    assert matches("261102-0001") and matches("0001") and matches("h56")
    assert matches("k7qm") and matches("K7QM-3XPD") and matches("95012")
    assert not matches("0002")
