"""The filing session, without Qt: answers, page checks, files, fee, drafts, supplements, wipe."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import update

from app.models import Dossier, OutboxItem, OutboxState
from app.models.db import open_database
from app.services.filing import FilingSession
from app.services.queue import DossierQueue
from dvc_core.blobs import AttachmentError, BlobStore
from dvc_core.catalog import default_catalog
from dvc_core.fees import today_vn

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n2 0 obj <</Type /Page>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def filing(tmp_path):
    engine, sessions = open_database(tmp_path / "q.sqlite3")
    queue = DossierQueue(sessions, BlobStore(tmp_path / "blobs"), default_catalog())
    yield FilingSession(queue, data_dir=tmp_path / "data")
    engine.dispose()


def _pdf(tmp_path, name="tờ khai.pdf", extra=b""):
    path = tmp_path / name
    path.write_bytes(PDF + extra)
    return path


def _answers(code):
    ex = default_catalog().get(code).example
    answers = {f"applicant.{k}": v for k, v in ex["applicant"].items()}
    answers.update(ex["fields"])
    return answers


def _attach(filing, component, path):
    filing.check_file(path)
    assert filing.attach(component, filing.preparation(path)()) is None


def test_answers_and_page_checks(filing):
    procedure = default_catalog().get("1.001193")
    assert filing.start(procedure) and not filing.start(procedure)  # same one: answers kept
    filing.update({"applicant.full_name": "Lê Thị Hoa", "applicant.phone": "09123"})
    errors = filing.page_errors(["applicant.full_name", "applicant.phone"])
    assert [e.field for e in errors] == ["applicant.phone"]
    assert "applicant.phone" not in {e.field for e in filing.page_errors(["child.full_name"])}
    filing.update({"applicant.phone": "0912345678", "applicant.note": "   "})
    assert filing.page_errors(["applicant.phone"]) == []
    applicant, _fields = filing.document()
    assert applicant["full_name"] == "Lê Thị Hoa" and "note" not in applicant  # blanks left out
    # Another procedure starts again with nothing of the first.
    assert filing.start(default_catalog().get("1.000656")) and filing.answers == {}


def test_files_limits_and_required_components(filing, tmp_path):
    filing.start(default_catalog().get("1.001193"))
    # The Tờ khai is drawn from the answers: only the birth certificate is asked for.
    assert {e.field for e in filing.attachment_errors()} == {"attachments.giay_chung_sinh"}
    assert filing.generated_component() == "to_khai"
    fake = tmp_path / "giay.pdf"
    fake.write_bytes(b"PK\x03\x04 zip")
    with pytest.raises(AttachmentError):
        filing.check_file(fake)
    pdf = _pdf(tmp_path)
    _attach(filing, "to_khai", pdf)
    [attached] = filing.draft.files["to_khai"]
    assert (attached.name, attached.pages, attached.size) == ("tờ khai.pdf", 1, len(PDF))
    again = filing.attach("to_khai", filing.preparation(pdf)())
    assert again is not None and again.kind == "duplicate"
    limits = filing.limits
    from dataclasses import replace

    refused = filing.attach("giay_chung_sinh", filing.preparation(_pdf(tmp_path, "b.pdf", b"b"))(),
                            replace(limits, max_dossier_bytes=len(PDF) + 1))
    assert refused.kind == "dossier_too_large" and refused.total == 2 * len(PDF) + 1
    filing.remove("to_khai", 0)
    assert filing.draft.files == {} and filing.total_attached() == 0


def test_a_large_photo_is_made_smaller_in_the_session_folder(filing, tmp_path):
    photo = tmp_path / "anh.jpg"
    Image.linear_gradient("L").resize((4000, 6000)).convert("RGB").save(photo, "JPEG")
    filing.start(default_catalog().get("1.001193"))
    _attach(filing, "giay_chung_sinh", photo)
    [attached] = filing.draft.files["giay_chung_sinh"]
    assert attached.path.parent == filing.work_dir and attached.original_size == photo.stat().st_size
    assert Image.open(io.BytesIO(attached.path.read_bytes())).size == (2339, 3508)


def test_fee_lines_follow_the_answers(filing):
    filing.start(default_catalog().get("2.000635"))
    assert filing.fee_depends_on_answers()
    filing.update({"copies": 3})
    quote = filing.fee_quote()
    assert quote.total_vnd == 3 * 8000 and quote.unconfirmed
    filing.start(default_catalog().get("1.001193"))
    assert filing.fee_depends_on_answers()  # on time or not; copies
    filing.update({"child.birth_date": today_vn().isoformat(), "copies": 0})
    assert filing.fee_quote().exempt and filing.fee_quote().total_vnd == 0
    filing.start(default_catalog().get("2.000884"))
    assert not filing.fee_depends_on_answers()


def test_queue_then_resume_a_draft_from_its_stored_files(filing, tmp_path):
    filing.start(default_catalog().get("1.001193"))
    filing.update(_answers("1.001193"))
    pdf = _pdf(tmp_path)
    _attach(filing, "to_khai", pdf)
    _attach(filing, "giay_chung_sinh", _pdf(tmp_path, "cs.pdf", b"2"))
    draft = filing.draft
    assert filing.draft_saved(draft, filing.draft_saving()())
    draft_id = filing.draft.draft_id
    pdf.unlink()
    filing.wipe()
    assert filing.draft.procedure is None

    resumed = filing.draft_loading(draft_id)()
    assert resumed is not None and resumed.draft_id == draft_id
    [stored] = resumed.files["to_khai"]
    blobs = filing.queue.blobs
    assert stored.sha256 and stored.path == blobs.path(stored.sha256) and stored.pages == 1
    filing.resume(resumed)
    blob_count = len([p for p in blobs.root.rglob("*") if p.is_file()])
    queued = filing.submit()
    assert queued.id == draft_id and filing.draft.local_ref == queued.local_ref
    # Queued from the blobs the draft already had: nothing copied in again.
    assert len([p for p in blobs.root.rglob("*") if p.is_file()]) == blob_count
    assert {a.filename for a in filing.queue.get(draft_id).attachments} == {"tờ khai.pdf", "cs.pdf"}
    assert filing.draft_loading("no-such-draft")() is None


def test_resume_a_supplement_request(filing, tmp_path):
    catalog = default_catalog()
    queued = filing.file("1.001193", *default_catalog().get("1.001193").example.values(),
                         [("to_khai", _pdf(tmp_path)), ("giay_chung_sinh", _pdf(tmp_path, "c.pdf", b"c"))])
    with filing.queue.sessions.begin() as session:
        session.execute(update(Dossier).where(Dossier.id == queued.id).values(
            status=5, state="submitted", code="X-1"))
        session.execute(update(OutboxItem).values(state=OutboxState.DONE))  # sent, say
    reopened = filing.supplement_loading(queued.id, catalog)()
    assert reopened.supplement_of == queued.id
    assert reopened.answers["child.birth_date"].count("/") == 2  # back as the form writes dates
    assert {f.name for files in reopened.files.values() for f in files} == {"tờ khai.pdf", "c.pdf"}
    filing.resume(reopened)
    assert filing.page_errors(set(filing.answers)) == [] and filing.attachment_errors() == []
    again = filing.submit()
    assert again.id == queued.id and filing.queue.outbox_info(queued.id).op == "resubmit"
    assert filing.supplement_loading("missing", catalog)() is None


def test_wipe_leaves_nothing_of_the_person(filing, tmp_path):
    photo = tmp_path / "anh.png"
    Image.linear_gradient("L").resize((3000, 5000)).save(photo, "PNG")
    filing.start(default_catalog().get("1.001193"))
    filing.update({"applicant.full_name": "Lê Thị Hoa"})
    _attach(filing, "giay_chung_sinh", photo)
    work_dir = filing.work_dir
    assert any(work_dir.iterdir())
    filing.wipe()
    assert filing.draft.procedure is None and filing.answers == {} and filing.draft.files == {}
    assert not work_dir.exists() and filing.work_dir != work_dir
    assert not [p for p in (tmp_path / "data").rglob("*") if p.is_file()]


def test_stale_prepared_photos_are_removed(filing):
    stale = filing.work_dir.parent / "crashed-session"
    stale.mkdir(parents=True)
    (stale / "x.jpg").write_bytes(b"x")
    filing.remove_stale_files()
    assert not stale.exists()


def test_the_tokhai_is_drawn_from_the_answers_and_attached(filing, tmp_path):
    import shutil
    import subprocess
    import unicodedata

    filing.start(default_catalog().get("1.001193"))
    filing.update({**_answers("1.001193"), "child.birth_date": "02/11/2026",
                   "delivery.method": "counter"})
    _attach(filing, "giay_chung_sinh", _pdf(tmp_path, "cs.pdf", b"2"))
    assert filing.attachment_errors() == []
    queued = filing.submit()
    dossier = filing.queue.get(queued.id)
    made = [a for a in dossier.attachments if a.component == "to_khai"]
    assert [(a.filename, a.media_type) for a in made] == [
        ("Tờ khai (tạo từ thông tin đã khai).pdf", "application/pdf")]
    blob = filing.queue.blobs.path(made[0].sha256)
    assert blob.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = unicodedata.normalize("NFC", subprocess.run(
            ["pdftotext", "-layout", str(blob), "-"], capture_output=True, text=True,
            check=True).stdout)
        assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text
        assert "Họ, chữ đệm, tên của trẻ: Nguyễn Minh Khang" in text
        assert "02/11/2026 (bằng chữ: Ngày hai, tháng mười một," in text


def test_an_attached_paper_tokhai_is_kept_instead(filing, tmp_path):
    filing.start(default_catalog().get("1.001193"))
    filing.update(_answers("1.001193"))
    _attach(filing, "to_khai", _pdf(tmp_path, "to-khai-da-ky.pdf", b"1"))
    _attach(filing, "giay_chung_sinh", _pdf(tmp_path, "cs.pdf", b"2"))
    assert filing.generated_component() is None
    dossier = filing.queue.get(filing.submit().id)
    assert [a.filename for a in dossier.attachments if a.component == "to_khai"] == [
        "to-khai-da-ky.pdf"]


def test_the_command_line_filing_draws_it_too(filing, tmp_path):
    ex = default_catalog().get("2.000635").example
    queued = filing.file("2.000635", ex["applicant"], ex["fields"], [])
    dossier = filing.queue.get(queued.id)
    assert [a.component for a in dossier.attachments] == ["to_khai"]
    # Chứng thực has no Tờ khai: nothing is made, the original is asked for.
    from dvc_core.rules import ValidationFailed

    cert = default_catalog().get("2.000884").example
    with pytest.raises(ValidationFailed) as refused:
        filing.file("2.000884", cert["applicant"], cert["fields"], [])
    assert {e.field for e in refused.value.errors} == {"attachments.giay_to_ky"}


def test_a_supplement_draws_the_tokhai_again_from_the_corrected_answers(filing, tmp_path):
    import shutil
    import subprocess

    catalog = default_catalog()
    ex = catalog.get("1.001193").example
    queued = filing.file("1.001193", ex["applicant"], ex["fields"],
                         [("giay_chung_sinh", _pdf(tmp_path, "c.pdf", b"c"))])
    [first] = [a.sha256 for a in filing.queue.get(queued.id).attachments
               if a.component == "to_khai"]
    with filing.queue.sessions.begin() as session:
        session.execute(update(Dossier).where(Dossier.id == queued.id).values(
            status=5, state="submitted", code="X-1"))
        session.execute(update(OutboxItem).values(state=OutboxState.DONE))
    reopened = filing.supplement_loading(queued.id, catalog)()
    assert set(reopened.files) == {"giay_chung_sinh"}  # the old drawing is not carried over
    filing.resume(reopened)
    assert filing.generated_component() == "to_khai" and filing.attachment_errors() == []
    filing.update({"child.full_name": "Nguyễn Minh Khôi"})
    filing.submit()
    [again] = [a for a in filing.queue.get(queued.id).attachments if a.component == "to_khai"]
    assert again.sha256 != first
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(filing.queue.blobs.path(again.sha256)), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Nguyễn Minh Khôi" in text and "Nguyễn Minh Khang" not in text
