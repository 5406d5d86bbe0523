"""Drafts at the desk: "Lưu nháp", the "Hồ sơ nháp" list, resuming, and none at the kiosk."""

from __future__ import annotations

from app.views.filing.drafts import DraftsDialog
from tests.helpers.gui import APPLICANT, choose_birth_registration, fill, fill_to_attachments


def test_save_a_draft_and_resume_it(wizard, services, pdf_file, png_file, monkeypatch):
    assert wizard.drafts_button.isVisible() and not wizard.save_draft_button.isVisible()
    choose_birth_registration(wizard)
    assert wizard.save_draft_button.isVisible()
    fill(wizard.current_page(), {**APPLICANT, "applicant.phone": "0912"})  # not valid yet
    wizard.save_draft_button.click()
    assert "Đã lưu nháp" in wizard.draft_notice.text()
    first_id = wizard.draft.draft_id
    assert first_id and wizard.draft_store().count() == 1

    wizard.reset()
    dialog = DraftsDialog(wizard.draft_store(), wizard)
    assert dialog.list.count() == 1
    assert "Đăng ký khai sinh — Lê Thị Hoa" in dialog.list.item(0).text()
    monkeypatch.setattr(DraftsDialog, "ask", classmethod(lambda cls, store, parent: first_id))
    wizard.drafts_button.click()
    assert wizard.draft.draft_id == first_id and wizard.index == 1
    page = wizard.current_page()
    assert page.rows["applicant.full_name"].value() == "Lê Thị Hoa"
    assert page.rows["applicant.phone"].value() == "0912"
    page.rows["applicant.phone"].set_value("0912345678")
    wizard.go_next()

    # Finish it: the same dossier id is queued and the draft is gone.
    from tests.helpers.gui import CHILD, FATHER, MOTHER, vi_date

    fill(wizard.current_page(), {**CHILD, "child.full_name": "Nguyễn Minh Khang",
                                 "child.birth_date": vi_date(10)})
    wizard.go_next()
    fill(wizard.current_page(), MOTHER)
    wizard.go_next()
    fill(wizard.current_page(), FATHER)
    wizard.go_next()
    wizard.go_next()
    fill(wizard.current_page(), {"delivery.method": "counter"})
    wizard.go_next()
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.save_draft_button.click()  # saved again, now with a file
    assert wizard.draft.draft_id == first_id
    wizard.on_file_offered("giay_chung_sinh", png_file)
    wizard.go_next()
    wizard.go_next()
    assert wizard.current_page() is wizard.confirmation_page
    assert wizard.draft.dossier_id == first_id
    assert services.queue.get(first_id).state == "queued"
    assert wizard.draft_store().count() == 0


def test_the_way_the_result_is_received_survives_a_draft(wizard, monkeypatch):
    fill_to_attachments(wizard, delivery="online")
    wizard.save_draft()
    draft_id = wizard.draft.draft_id
    assert draft_id is not None
    wizard.reset()
    monkeypatch.setattr(DraftsDialog, "ask", classmethod(lambda cls, store, parent: draft_id))
    wizard.drafts_button.click()
    assert wizard.draft.draft_id == draft_id
    page = next(p for p in wizard.form_pages if p.page_id == "delivery")
    assert page.rows["delivery.method"].value() == "online"
    assert wizard.draft.document()[1]["delivery.method"] == "online"


def test_drafts_dialog_deletes(wizard, pdf_file):
    fill_to_attachments(wizard)
    wizard.on_file_offered("to_khai", pdf_file)
    wizard.save_draft()
    dialog = DraftsDialog(wizard.draft_store(), wizard)
    assert "1 tệp" in dialog.list.item(0).text()
    # Nothing is chosen for the person: neither button acts before a draft is chosen.
    assert not dialog.delete_button.isEnabled() and not dialog.resume_button.isEnabled()
    dialog.list.setCurrentRow(0)
    assert dialog.delete_button.isEnabled() and dialog.resume_button.isEnabled()
    dialog.delete_button.click()
    assert dialog.list.count() == 0 and dialog.empty.isVisibleTo(dialog)
    assert wizard.draft_store().count() == 0


def test_the_kiosk_saves_no_drafts(qtbot, services):
    from app.views.filing.wizard import DossierWizard
    from dvc_core.catalog import default_catalog

    kiosk = DossierWizard(default_catalog(), services, mode="kiosk")
    qtbot.addWidget(kiosk)
    kiosk.show()
    kiosk.set_services(services)
    assert not kiosk.drafts_button.isVisible()
    choose_birth_registration(kiosk)
    assert not kiosk.save_draft_button.isVisible()
    assert kiosk.save_draft() is None


def test_a_draft_gone_meanwhile_says_so_and_leaves_a_clean_wizard(wizard):
    wizard.resume_draft("no-such-draft")
    assert "Không mở được hồ sơ nháp này" in wizard.draft_notice.text()
    assert wizard.draft.draft_id is None and wizard.index == 0


def test_a_resume_that_finishes_after_the_person_moved_on_is_dropped(wizard, monkeypatch):
    choose_birth_registration(wizard)
    fill(wizard.current_page(), APPLICANT)
    wizard.save_draft_button.click()
    draft_id = wizard.draft.draft_id
    wizard.reset()
    later = []
    monkeypatch.setattr(wizard.tasks, "run", lambda fn, done, failed: later.append((fn, done)))
    wizard.resume_draft(draft_id)
    wizard.reset()  # Ctrl+N before the files were copied out
    fn, done = later.pop()
    done(fn())
    assert wizard.draft.draft_id is None and wizard.index == 0
