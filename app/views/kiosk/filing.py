"""The kiosk's filing: the desk wizard's session and checks, one question a page.

Before any personal data, the consent page (what is collected, why, who receives it, how long
it is kept, the person's rights); the person's identity first by the CCCD's QR code (a scanner
types it, ending in Enter) or typed; documents only from the kiosk's folders (the scanner's
output, the USB stick), never a browser of the whole disk; at the end the official code as soon
as the portal gives it, and the slip.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.modes import ModePolicy
from app.views.common.qr_scan import QrScanBox
from app.views.common.wizard_page import WizardPage, fee_text
from app.views.filing.attachments_page import AttachmentsPage
from app.views.filing.form_page import DeliveryPage, FormPage, person_prefix
from app.views.filing.review_pages import ConfirmationPage, ReviewPage
from app.views.filing.wizard import DossierWizard
from app.views.kiosk.aids import plain, plain_widgets
from dvc_core.catalog import Catalog, Procedure
from dvc_core.rules import APPLICANT_FIELDS

if TYPE_CHECKING:
    from app.services.filing import FilingSession
    from app.services.kiosk import KioskSlip



def _data(name: str) -> dict[str, Any]:
    return json.loads((resources.files("resources") / name).read_text(encoding="utf-8"))


def guide() -> dict[str, Any]:
    """The guide's five steps as the kiosk words them (``resources/kiosk_guide.json``)."""
    return _data("kiosk_guide.json")


def consent_notice() -> dict[str, Any]:
    """The consent notice (``resources/kiosk_consent.json``, Luật 91/2025/QH15)."""
    return _data("kiosk_consent.json")


class ConsentPage(WizardPage):
    """What is collected, why, who receives it, how long it is kept, the person's rights.

    Continuing is an explicit choice: "Tôi đồng ý, tiếp tục"; "Không đồng ý" ends the visit.

    Signals:
        declined(): the person does not agree (the visit ends, nothing was asked).
    """

    declined = Signal()
    page_id = "consent"

    def __init__(self, parent: QWidget | None = None, *, session: FilingSession | None = None):
        notice = consent_notice()
        super().__init__(notice["title"], parent, step_title="Đồng ý")
        self.session = session
        self.notice = notice
        self.accepted = False
        for item in notice["items"]:
            label = QLabel(f"<b>{item['label']}:</b> {item['text']}", self.body)
            label.setObjectName("kioskLead")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            self.form.addWidget(label)
        law = QLabel("Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15.", self.body)
        law.setObjectName("fieldHint")
        self.form.addWidget(law)
        self.decline_button = QPushButton(notice["decline"], self.body)
        self.decline_button.setAccessibleName(notice["decline"])
        self.decline_button.clicked.connect(self.declined)
        self.form.addWidget(self.decline_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.form.addStretch(1)
        self.next_label = notice["agree"]

    def validate(self) -> bool:
        return True

    def commit(self) -> None:
        """Pressing "Tôi đồng ý, tiếp tục" is the choice: recorded with the dossier (which
        notice, when), not with the person."""
        from dvc_core.vntime import vn_now

        self.accepted = True
        if self.session is not None:
            self.session.draft.consent = {"notice": self.notice["version"],
                                          "accepted_at": vn_now().isoformat(timespec="seconds")}

    def spoken_text(self) -> str:
        return " ".join([self.title] + [f"{i['label']}: {i['text']}" for i in self.notice["items"]])


class IdentityPage(WizardPage):
    """A person's identity by the CCCD's QR code, or Continue to type it question by question."""

    def __init__(self, prefix: str, title: str, session: FilingSession,
                 parent: QWidget | None = None, *, lang: str = "vi"):
        super().__init__(title, parent, page_id=f"identity:{prefix.rstrip('.')}",
                         step_title=title)
        self.session = session
        lead = QLabel("Đặt mặt trước thẻ căn cước dưới máy quét mã QR: máy tự điền tên, số "
                      "thẻ, ngày sinh. Không có thẻ? Bấm “Tiếp tục” để tự nhập.", self.body)
        lead.setObjectName("kioskLead")
        lead.setWordWrap(True)
        self.form.addWidget(lead)
        self.qr_box = QrScanBox(prefix, self.body, title="Quét mã QR trên thẻ căn cước")
        self.qr_box.lang = lang
        self.qr_box.scanned.connect(self.on_scanned)
        self.form.addWidget(self.qr_box)
        self.form.addStretch(1)
        self.filled = False

    def on_scanned(self, answers: dict[str, Any]) -> None:
        self.session.update(answers)
        self.filled = True

    def first_focus(self) -> QWidget | None:
        return self.qr_box.edit

    def spoken_text(self) -> str:
        return "Quét mã QR trên thẻ căn cước, hoặc bấm Tiếp tục để tự nhập."


class QuestionPage(FormPage):
    """One question of the declaration (a field, with its hint and its error)."""

    def initialize(self) -> None:
        if self.session is not None:
            self.load(self.session.answers)  # a QR code read on an earlier page
        super().initialize()

    def show_errors(self, errors) -> None:
        from app.views.kiosk.aids import plain_text

        super().show_errors([(fid, plain_text(message)) for fid, message in errors])

    def is_active(self) -> bool:
        if self.session is not None:
            self.set_context(self.session.answers)
        return bool(self.active_ids())

    def spoken_text(self) -> str:
        parts = [row.label.text() for row in self.rows.values() if row.isVisibleTo(self)]
        parts += [row.hint.text() for row in self.rows.values() if row.hint.text()]
        parts += [row.error.text() for row in self.rows.values() if row.error.text()]
        return " ".join(p for p in parts if p)


class KioskDeliveryPage(DeliveryPage):
    """How the result is received (one question: the way; the address when by post)."""


class FolderAttachmentsPage(AttachmentsPage):
    """Attachments taken only from the kiosk's folders (the scanner's output, a USB stick).

    "Chọn giấy tờ đã quét" opens the kiosk's document picker under that document: big
    thumbnails of the papers in those folders; the one touched is copied into the visit's
    folder and prepared like any file (photos made smaller). No file dialog, nothing else on
    the disk.
    """

    def __init__(self, procedure: Procedure, session: FilingSession, tasks: Any,
                 folders: tuple[Path, ...], parent: QWidget | None = None, *, lang: str = "vi",
                 visit_files: Any = None):
        super().__init__(procedure, session, tasks, parent, lang=lang)
        from app.views.kiosk.documents import DocumentPicker, VisitFiles

        self.folders = folders
        self.visit_files = visit_files if visit_files is not None else VisitFiles()
        self.picker = QFrame(self.body)
        self.picker.setObjectName("kioskPicker")
        self.picker_layout = QVBoxLayout(self.picker)
        head = QHBoxLayout()
        self.picker_title = QLabel(self.picker)
        self.picker_title.setWordWrap(True)
        head.addWidget(self.picker_title, 1)
        close = QPushButton("Đóng", self.picker)
        close.setAccessibleName("Đóng danh sách giấy tờ")
        close.clicked.connect(self.clear_picker)
        head.addWidget(close)
        self.picker_layout.addLayout(head)
        sources = [("Máy quét" if n == 0 else f"Thư mục {n}", folder)
                   for n, folder in enumerate(folders)]
        self.documents = DocumentPicker(self.visit_files, sources, self.picker)
        self.documents.grid.setMinimumHeight(280)  # a row of thumbnails, whole
        self.documents.picked.connect(self._picked)
        self.documents.refused.connect(self.picker_title.setText)
        self.picker_layout.addWidget(self.documents)
        self.picker.hide()
        self.form.insertWidget(self.form.count() - 1, self.picker)
        self._picking: str | None = None
        self.limits_label.hide()  # sizes in MB and a note to administrators: not for a citizen
        from app.views.kiosk.aids import plain_text

        self.names = {c.id: plain_text(c.name) for c in procedure.components}
        for row in self.rows.values():
            row.setAcceptDrops(False)  # no file manager at a kiosk: only its folders
        self._kiosk_words()

    def refresh(self) -> None:
        super().refresh()
        if hasattr(self, "names"):
            self._kiosk_words()

    def _kiosk_words(self) -> None:
        """The rows in the kiosk's words: no "drop a file here", no "Choose file…"."""
        for row in self.rows.values():
            count = len(row.items)
            row.choose.setText("Thêm trang" if count else "Chọn giấy tờ đã quét")
            if count:
                row.file_label.setText(f"Đã có {count} trang. Còn trang khác? Bấm “Thêm trang”.")
            elif not row.generated:
                row.file_label.setText("Chưa có giấy tờ: đặt giấy vào máy quét, rồi bấm "
                                       "“Chọn giấy tờ đã quét”.")

    def on_choose_requested(self, component_id: str) -> None:
        self._picking = component_id
        self.picker_title.setText(f"Chọn giấy tờ cho “{self.names.get(component_id, '')}”:")
        self.documents.refresh()  # a scan just made, a stick just plugged in
        row = self.rows.get(component_id)
        if row is not None:  # just under the document it is for
            self.form.removeWidget(self.picker)
            self.form.insertWidget(self.form.indexOf(row) + 1, self.picker)
        self.picker.show()
        self.scroll.ensureWidgetVisible(self.picker)

    def _picked(self, path: Path) -> None:
        component = self._picking
        self.clear_picker()
        if component is not None:
            self.file_offered.emit(component, path)

    def clear_picker(self) -> None:
        self.picker.hide()
        self._picking = None

    def spoken_text(self) -> str:
        return "Đưa giấy tờ: " + ", ".join(self.names.get(cid, "") for cid in self.rows)


class DonePage(ConfirmationPage):
    """The end of a visit: the official code as soon as the portal gives it, the slip.

    Signals:
        print_requested(): "In phiếu".
        finish_requested(): "Kết thúc".
    """

    print_requested = Signal()
    finish_requested = Signal()
    page_id = "done"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # The desk's panel and next steps speak of "Hồ sơ trên máy", which a kiosk never has.
        for frame in self.body.findChildren(QFrame, "confirmationPanel"):
            frame.hide()
        for label in self.body.findChildren(QLabel, "sectionTitle"):
            label.hide()
        self.next_steps.hide()
        self.state.hide()
        self.info = QLabel(self.body)
        self.info.setObjectName("kioskLead")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.form.insertWidget(self.form.count() - 1, self.info)
        self.big_code = QLabel(self.body)
        self.big_code.setObjectName("kioskCode")
        self.big_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.big_code.setWordWrap(True)
        self.provisional = QLabel(self.body)
        self.provisional.setObjectName("kioskProvisional")
        self.provisional.setWordWrap(True)
        self.form.insertWidget(2, self.big_code)
        self.form.insertWidget(3, self.provisional)
        row = QHBoxLayout()
        self.print_button = QPushButton("In phiếu", self.body)
        self.print_button.setObjectName("primaryButton")
        self.print_button.setAccessibleName("In phiếu nộp hồ sơ")
        self.print_button.clicked.connect(self.print_requested)
        self.finish_button = QPushButton("Kết thúc", self.body)
        self.finish_button.setAccessibleName("Kết thúc, xóa thông tin của tôi khỏi màn hình")
        self.finish_button.clicked.connect(self.finish_requested)
        row.addWidget(self.print_button)
        row.addWidget(self.finish_button)
        row.addStretch(1)
        self.form.insertLayout(4, row)
        self.slip: KioskSlip | None = None

    def show_dossier(self, procedure: Procedure, local_ref: str, state_text: str,
                     code: str | None = None, status_text: str | None = None) -> None:
        super().show_dossier(procedure, local_ref, state_text, code, status_text)
        self.show_reference(local_ref, code)

    def show_reference(self, local_ref: str, code: str | None) -> None:
        if code:
            self.big_code.setText(f"Mã hồ sơ của bạn:\n{code}")
            self.provisional.hide()
        else:
            self.big_code.setText(f"Mã tạm: {local_ref}")
            self.provisional.setText("Tạm thời – chờ gửi: máy đang gửi hồ sơ lên cổng dịch vụ "
                                     "công. Mã hồ sơ chính thức hiện ở đây ngay khi cổng trả "
                                     "lời; phiếu in lúc này ghi mã tạm.")
            self.provisional.show()

    def show_slip(self, slip: KioskSlip) -> None:
        """What the slip says besides the code: procedure, time limit, where to collect, fee."""
        self.info.setText("\n".join(f"{label}: {value}" for label, value in slip.lines()
                                     if not label.startswith("Mã") and label != "Tra cứu"))

    def spoken_text(self) -> str:
        return " ".join(t for t in (self.big_code.text(), self.info.text(), self.provisional.text()
                                    if self.provisional.isVisibleTo(self) else "") if t)


class KioskWizard(DossierWizard):
    """The filing wizard at the kiosk: one question a page, the guide's step always shown.

    Signals:
        declined(): the person did not agree to the consent notice.
        slip_ready(object): the dossier is queued; its
            :class:`~app.services.kiosk.KioskSlip` (the code comes with the sync).
        finish_requested(): "Kết thúc" on the last page.
        print_requested(): "In phiếu" on the last page.
        shown(str): a page was shown (its spoken text is ready).
    """

    declined = Signal()
    slip_ready = Signal(object)
    finish_requested = Signal()
    print_requested = Signal()

    def __init__(self, catalog: Catalog, *, policy: ModePolicy, folders: tuple[Path, ...] = (),
                 lang: str = "vi", tasks: Any = None, parent: QWidget | None = None,
                 visit_files: Any = None):
        self.folders = folders
        self.visit_files = visit_files
        self.consent_page: ConsentPage | None = None
        self.question_pages: list[WizardPage] = []
        self.guide = guide()
        super().__init__(catalog, lang=lang, mode=policy, tasks=tasks, parent=parent)
        self.rail.hide()
        self.step_label.setObjectName("kioskStepCaption")
        self.back_button.setText("‹ Quay lại")
        self.back_button.setAccessibleName("Quay lại câu trước")
        self.next_button.setAccessibleName("Tiếp tục")
        self.back_button.clicked.disconnect()
        self.back_button.clicked.connect(self.go_back)
        self.new_button.hide()
        self.frame.page_shown.connect(self._caption)
        self.procedure_page.heading.setText("Bạn cần làm thủ tục gì?")
        self._plain_procedure_page()
        self._caption(self.current_page().page_id)

    def _plain_procedure_page(self) -> None:
        """The desk's procedure search, for a citizen: no office filters, plain words."""
        from app.views.kiosk.aids import plain_text

        page = self.procedure_page
        # Its clear button is a 22 px cross: too small for a finger ("Kết thúc" starts over).
        page.search.setClearButtonEnabled(False)
        for widget in (page.field_filter, page.level_filter, page.agency_filter,
                       page.free_filter):
            widget.hide()
        page.results.setMinimumHeight(260)
        desk_subtitle = page._subtitle
        page._subtitle = lambda procedure: plain_text(desk_subtitle(procedure))

        def plain_details(*_: Any) -> None:
            text = page.details.text()
            if text and plain_text(text) != text:
                page.details.setText(plain_text(text))

        page.results.currentItemChanged.connect(plain_details)

    # ----------------------------------------------------------------------------- pages
    def _build_pages(self, procedure: Procedure) -> None:
        session, lang = self.session, self.lang
        sections = list(procedure.sections)
        applicant_specs = list(APPLICANT_FIELDS)
        if sections and sections[0].id == "requester":
            applicant_specs += list(sections.pop(0).fields)
        groups = [("Người nộp hồ sơ", applicant_specs)]
        groups += [(plain(section.title), list(section.fields)) for section in sections]
        pages: list[WizardPage] = []
        self.consent_page = None
        if self.policy.consent_required:
            self.consent_page = ConsentPage(self, session=session)
            self.consent_page.declined.connect(self.declined)
            pages.append(self.consent_page)
        self.form_pages = []
        for title, specs in groups:
            prefix = person_prefix(specs)
            if prefix is not None:
                pages.append(IdentityPage(prefix, title, session, self, lang=lang))
            for spec in specs:
                page = QuestionPage(title, [spec], parent=self, session=session,
                                    page_id=f"question:{spec.id}", lang=lang)
                self.form_pages.append(page)
                pages.append(page)
        delivery = session.delivery_specs()
        if delivery:
            page = KioskDeliveryPage("Nhận kết quả", delivery, "Bạn muốn nhận kết quả thế "
                                     "nào?", self, session=session, page_id="delivery",
                                     lang=lang)
            self.form_pages.append(page)
            pages.append(page)
        self.attachments_page = FolderAttachmentsPage(procedure, session, self.tasks,
                                                      self.folders, self, lang=lang,
                                                      visit_files=self.visit_files)
        self.review_page = ReviewPage(self, blocks=self._review_blocks,
                                      fee=lambda: self.review_page.fee_text(session.fee_quote()))
        self.review_page.change_requested.connect(self.on_change_requested)
        self.confirmation_page = DonePage(self)
        self.confirmation_page.finish_requested.connect(self.finish_requested)
        self.confirmation_page.print_requested.connect(self.print_requested)
        self.question_pages = pages
        self._declare([self.procedure_page, *pages, self.attachments_page, self.review_page,
                       self.confirmation_page])
        for page in self.form_pages:
            page.load(session.answers)
        for page in (*pages, self.attachments_page):
            plain_widgets(page)  # office terms in plain words (resources/kiosk_wording.json)

    def _forget_pages(self) -> None:
        self.consent_page = None
        self.question_pages = []
        super()._forget_pages()

    def _review_blocks(self) -> list[tuple[int, str, list[tuple[str, str]]]]:
        """The desk's check page, the one-question pages of a topic shown as one block."""
        merged: list[tuple[int, str, list[tuple[str, str]]]] = []
        for index, title, rows in super()._review_blocks():
            if merged and merged[-1][1] == title:
                merged[-1][2].extend(rows)
            else:
                merged.append((index, title, list(rows)))
        return [block for block in merged if block[2]]

    def _skips(self, index: int) -> bool:
        page = self.pages[index]
        return isinstance(page, QuestionPage) and not isinstance(page, KioskDeliveryPage) \
            and not page.is_active()

    def _route(self, page: WizardPage) -> int:
        target = super()._route(page)
        while 0 <= target < len(self.pages) - 1 and self._skips(target):
            target += 1
        return target

    def go_back(self) -> None:
        """One question back (skipping questions that do not apply); answers are kept."""
        self._return_to_review = False
        page = self.current_page()
        if self.index == 0 or not page.is_step or not page.allows_back:
            return
        page.keep()
        target = self.index - 1
        while target > 0 and self._skips(target):
            target -= 1
        self._show(target)

    def _update_nav(self) -> None:
        super()._update_nav()
        self.new_button.hide()
        done = self.current_page() is self.confirmation_page
        self.next_button.setVisible(not done)

    # ----------------------------------------------------------------------------- caption
    def guide_step(self, page_id: str) -> int:
        kind = page_id.split(":", 1)[0] if page_id else "procedure"
        if kind == "section":
            kind = "question"
        return int(self.guide["page_steps"].get(kind, 3))

    def _caption(self, page_id: str) -> None:
        """"Bước 2/5: Chọn thủ tục" — the guide's step, always in sight."""
        if self.review_page is not None and self.current_page() is self.review_page:
            plain_widgets(self.review_page)  # its rows are rebuilt each time it is shown
        steps = self.guide["steps"]
        number = self.guide_step(page_id)
        text = f"Bước {number}/{len(steps)}: {steps[number - 1]['title']}"
        page = self.current_page()
        if page in self.question_pages and page is not self.consent_page:
            topic = [p for p in self.question_pages if p.title == page.title]
            text += f" — {page.title}, câu {topic.index(page) + 1}/{len(topic)}"
        self.step_label.setText(text)

    def caption(self) -> str:
        return self.step_label.text()

    def spoken_text(self) -> str:
        """What "Đọc to" reads on this page: the step, the question, the choices, the errors."""
        page = self.current_page()
        own = getattr(page, "spoken_text", None)
        body = own() if own is not None else page.title
        errors = page.summary.text() if page.summary.isVisible() else ""
        return " ".join(t for t in (self.caption(), body, errors) if t)

    # ----------------------------------------------------------------------------- queued
    def _on_queued(self, queued: Any) -> None:
        super()._on_queued(queued)
        slip = self.make_slip(queued.local_ref)
        assert isinstance(self.confirmation_page, DonePage)
        self.confirmation_page.show_slip(slip)
        self.slip_ready.emit(slip)

    def make_slip(self, local_ref: str) -> KioskSlip:
        """The slip of the dossier just queued (the official code comes with the sync)."""
        from app.services.kiosk import KioskSlip
        from dvc_core import delivery
        from dvc_core.units import one_stop_unit
        from dvc_core.vntime import vn_now

        procedure = self.draft.procedure
        assert procedure is not None and self.confirmation_page is not None
        fields = self.draft.document()[1]
        unit = one_stop_unit(getattr(self.session.unit, "commune", "") or None)
        method = fields.get(delivery.METHOD)
        # The way, never the person's address: a slip left in the tray names nobody.
        way = delivery.describe({delivery.METHOD: method}, unit) if method else ""
        page = self.confirmation_page
        return KioskSlip(
            local_ref=local_ref, procedure_code=procedure.code, procedure_name=procedure.name,
            time_limit=page.time_line or str(procedure.time_limit.get("text") or ""),
            collect=way or f"Tại {unit}", fee=page.fee_line or fee_text(procedure),
            lookup_hint="Tra cứu ở máy này (“Tra cứu hồ sơ”) hoặc trên Cổng Dịch vụ công "
                        "bằng mã hồ sơ và số căn cước.",
            filed_at=vn_now())

    def show_code(self, local_ref: str, code: str | None, status_text: str | None) -> None:
        if self.confirmation_page is None or self.draft.procedure is None:
            return
        self.confirmation_page.show_dossier(self.draft.procedure, local_ref,
                                            "Đã gửi lên cổng dịch vụ công" if code else
                                            "Đã lưu trên máy – chờ gửi", code, status_text)

    def refresh_confirmation(self) -> None:
        """The code reaches the kiosk with the sync report (the dossier itself is purged)."""

    def reset(self) -> None:
        super().reset()
        self._caption(self.current_page().page_id)
