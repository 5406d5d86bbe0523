"""The mother filing for her child does not type herself twice: the mother's page starts from
her answers as the person making the request (the father's, when he files); the father's
residence can be the mother's, kept in step until the box is unticked."""

from __future__ import annotations

from tests.helpers.gui import APPLICANT, CHILD, choose_birth_registration, fill, vi_date

# An address whose commune the 2025 divisions know: the mother's residence is matched to it.
HOME = "Thôn Đông, xã Thiệu Hóa, tỉnh Thanh Hóa"


def _to_mother(wizard, applicant: dict) -> None:
    choose_birth_registration(wizard)
    fill(wizard.current_page(), applicant)
    wizard.go_next()
    fill(wizard.current_page(), {**CHILD, "child.full_name": "Nguyễn Minh Khang",
                                 "child.birth_date": vi_date(10)})
    wizard.go_next()
    assert wizard.current_page().page_id == "section:mother"


def test_the_mothers_page_is_filled_from_the_applicant_who_is_the_mother(wizard):
    _to_mother(wizard, {**APPLICANT, "applicant.address": HOME})  # the applicant: "Mẹ"
    mother = wizard.current_page()
    rows = mother.rows
    assert rows["mother.full_name"].value() == "Lê Thị Hoa"
    assert rows["mother.id_number"].value() == "038195012345"
    assert rows["mother.birth_year"].value() == "1995"  # from the birth date 12/04/1995
    assert rows["mother.residence"].value() == {"province": "38", "commune": "15772",
                                                "detail": "Thôn Đông"}
    assert mother.prefill_note.isVisible()
    assert mother.prefill_note.text().startswith("Đã điền sẵn từ thông tin người yêu cầu")
    wizard.go_next()  # nothing more to type: the page is valid as filled
    assert wizard.current_page().page_id == "section:father"
    assert wizard.session.answers["mother.full_name"] == "Lê Thị Hoa"

    # What the person corrects stays; what was filled follows a corrected applicant.
    wizard.go_back()
    rows["mother.id_number"].set_value("038195099999")
    for _ in range(2):
        wizard.go_back()
    applicant = wizard.current_page()
    applicant.rows["applicant.full_name"].set_value("Lê Thị Hoà Bình")
    wizard.go_next()
    wizard.go_next()
    assert rows["mother.full_name"].value() == "Lê Thị Hoà Bình"
    assert rows["mother.id_number"].value() == "038195099999"


def test_nothing_is_filled_when_the_applicant_is_someone_else(wizard):
    _to_mother(wizard, {**APPLICANT, "requester.relationship": "ong_ba"})
    mother = wizard.current_page()
    assert mother.rows["mother.full_name"].value() is None
    assert not mother.prefill_note.isVisible()


def test_the_fathers_page_is_the_applicants_when_the_father_files(wizard):
    _to_mother(wizard, {**APPLICANT, "applicant.full_name": "Nguyễn Văn Bình",
                        "applicant.sex": "nam", "applicant.id_number": "038095012345",
                        "requester.relationship": "cha"})
    mother = wizard.current_page()
    assert mother.rows["mother.full_name"].value() is None
    fill(mother, {"mother.full_name": "Lê Thị Hoa", "mother.birth_year": "1995",
                  "mother.residence": {"province": "38", "commune": "15772",
                                       "detail": "Thôn Đông"}})
    wizard.go_next()
    father = wizard.current_page()
    father.rows["father.known"].set_value(True)
    father.on_field_changed()
    assert father.rows["father.full_name"].value() == "Nguyễn Văn Bình"
    assert father.prefill_note.isVisible()


def test_the_father_has_the_mothers_address_until_the_box_is_unticked(wizard):
    _to_mother(wizard, {**APPLICANT, "requester.relationship": "ong_ba"})
    mother = wizard.current_page()
    home = {"province": "38", "commune": "15772", "detail": "Thôn Đông"}
    fill(mother, {"mother.full_name": "Lê Thị Hoa", "mother.birth_year": "1995",
                  "mother.residence": home})
    wizard.go_next()
    father = wizard.current_page()
    box = father.same_as["father.residence"]
    assert box.text() == "Cùng nơi cư trú với mẹ"
    assert not box.isVisible()  # the father is not known yet: nothing of his is asked
    father.rows["father.known"].set_value(True)
    father.on_field_changed()
    assert box.isVisible() and not box.isChecked()
    fill(father, {"father.full_name": "Nguyễn Văn Bình", "father.birth_year": "1993"})
    box.click()
    residence = father.rows["father.residence"]
    assert residence.value() == home and not residence.input.isEnabled()
    wizard.go_next()
    assert wizard.session.answers["father.residence"] == home

    # The mother's address corrected later: the father's follows, to the check page and the
    # dossier sent.
    moved = {"province": "38", "commune": "15772", "detail": "Thôn Tây"}
    wizard.go_back()
    wizard.go_back()
    mother.rows["mother.residence"].set_value(moved)
    wizard.go_next()
    assert wizard.current_page() is father and residence.value() == moved
    assert wizard.session.document()[1]["father.residence"] == moved
    wizard.session.answers["mother.residence"] = home  # as a Change link from the check page
    father.set_context(wizard.session.answers)
    assert residence.value() == home and wizard.session.document()[1]["father.residence"] == home

    box.click()  # unticked: his own again, starting from what it was
    assert residence.input.isEnabled() and residence.value() == home
    residence.set_value({"province": "38", "commune": "15772", "detail": "Xóm Mới"})
    wizard.go_next()
    assert wizard.session.document()[1]["father.residence"]["detail"] == "Xóm Mới"
    assert wizard.session.document()[1]["mother.residence"] == home
