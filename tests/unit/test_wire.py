"""The wire shapes of sync protocol v1: what the app sends, and how leniently it reads answers."""

from __future__ import annotations

import pytest

from dvc_core.wire import (
    ActionAnswer,
    ActionRequest,
    AttachmentRef,
    Change,
    ChangesPage,
    DossierDocument,
    PutAnswer,
    SubmitAnswer,
    WireError,
)


def test_the_dossier_document_has_the_protocols_field_names_in_order():
    document = DossierDocument("1.001193", 3, {"full_name": "Lê Thị Hoa"}, {"child.sex": "nam"},
                               (AttachmentRef("to_khai", "ab" * 32, 10, "tờ khai.pdf",
                                              "application/pdf"),), "K7QM-3XPD")
    assert document.to_json() == {
        "procedure_code": "1.001193", "schema_version": 3,
        "applicant": {"full_name": "Lê Thị Hoa"}, "fields": {"child.sex": "nam"},
        "attachments": [{"component": "to_khai", "sha256": "ab" * 32, "size": 10,
                         "filename": "tờ khai.pdf", "media_type": "application/pdf"}],
        "local_ref": "K7QM-3XPD"}
    assert list(document.to_json()) == ["procedure_code", "schema_version", "applicant", "fields",
                                        "attachments", "local_ref"]


def test_an_action_sends_its_note_only_when_there_is_one():
    assert ActionRequest("receive", 4).to_json() == {"action": "receive", "expected_version": 4}
    assert ActionRequest("refuse", 4, "Sai thẩm quyền").to_json() == {
        "action": "refuse", "expected_version": 4, "note": "Sai thẩm quyền"}


def test_answers_read_members_of_the_wrong_type_as_missing():
    assert PutAnswer.from_json({"uuid": "u", "missing_blobs": ["a", 3, "b"]}) == PutAnswer(
        "u", ("a", "b"))
    assert PutAnswer.from_json({"missing_blobs": "a"}) == PutAnswer()
    answer = SubmitAnswer.from_json({"code": "000.00.00.H56-261125-0001", "status": 1,
                                     "version": True, "received_at": 5, "extra": "ignored"})
    assert answer == SubmitAnswer("000.00.00.H56-261125-0001", 1, None, None, None, None)
    assert ActionAnswer.from_json({"status": "2", "version": 7}) == ActionAnswer(version=7)


def test_a_submit_answer_that_is_no_object_has_no_code():
    # Never recorded as a submission: the engine refuses an answer without a code.
    for body in ([], "ok", None, {"code": ""}, {"code": 12}):
        assert SubmitAnswer.from_json(body).code is None


@pytest.mark.parametrize("body", [[], "x", None, 3])
def test_other_answers_that_are_no_object_are_not_the_portals(body):
    for shape in (PutAnswer, ActionAnswer, ChangesPage, Change):
        with pytest.raises(WireError):
            shape.from_json(body)


def test_a_changes_page():
    page = ChangesPage.from_json({"changes": [
        {"seq": 12, "uuid": "u1", "code": "C", "status": 2, "status_text": "Được tiếp nhận",
         "note": None, "at": "2026-11-25T02:00:00Z", "version": 3}], "next": 12})
    assert page == ChangesPage((Change("u1", 12, "C", 2, "Được tiếp nhận", None,
                                       "2026-11-25T02:00:00Z", 3),), 12)
    assert ChangesPage.from_json({"changes": []}) == ChangesPage((), None)  # no cursor named
    with pytest.raises(WireError):
        ChangesPage.from_json({"changes": {"seq": 1}})
    with pytest.raises(ValueError):
        ChangesPage.from_json({"changes": [], "next": "later"})
