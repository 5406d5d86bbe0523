"""A page of the declaration: one section of the form (or the person making the request),
with the CCCD QR-code box when the section describes one person.

Imported only once a procedure is chosen, so the first page paints without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from app.views.common.fields import FieldRow
from app.views.common.qr_scan import QrScanBox
from app.views.common.wizard_page import WizardPage
from dvc_core.rules import FieldSpec

if TYPE_CHECKING:
    from app.services.filing import FilingSession


class FormPage(WizardPage):
    """A page of declaration fields (one section of the form, or the applicant).

    Fields whose ``when`` condition does not hold are hidden (and not checked nor kept).

    Args:
        title: the section title (catalog data, Vietnamese).
        specs: the fields, with full ids (``applicant.phone``, ``child.sex``).
    """

    def __init__(self, title: str, specs: Iterable[FieldSpec], lead: str = "",
                 parent: QWidget | None = None, *, session: FilingSession | None = None,
                 page_id: str = "", lang: str = "vi"):
        super().__init__(title, parent, page_id=page_id)
        self.session = session
        self.lang = lang
        if lead:
            label = QLabel(lead, self.body)
            label.setObjectName("pageLead")
            label.setWordWrap(True)
            self.form.addWidget(label)
        specs = list(specs)
        self.qr_box: QrScanBox | None = None
        prefix = person_prefix(specs)
        if prefix is not None:
            self.qr_box = QrScanBox(prefix, self.body)
            self.qr_box.lang = lang
            self.qr_box.scanned.connect(self.on_qr_scanned)
            self.form.addWidget(self.qr_box)
        # The applicant is this person (the mother filing for her child): the page starts
        # from the applicant's answers, said so above the fields.
        self.prefix = prefix
        self._prefilled: dict[str, Any] = {}
        self.prefill_note = QLabel(self.body)
        self.prefill_note.setObjectName("prefillNote")
        self.prefill_note.setWordWrap(True)
        self.prefill_note.hide()
        self.form.insertWidget(self.form.indexOf(self.summary) + 1, self.prefill_note)
        self.same_as: dict[str, QCheckBox] = {}  # "same address as the mother", by field id
        self.rows: dict[str, FieldRow] = {}
        for spec in specs:
            row = FieldRow(spec, self.body)
            row.changed.connect(self.on_field_changed)
            self.rows[spec.id] = row
            self.form.addWidget(row)
        if self.qr_box is not None and prefix is not None:
            for fid, row in self.rows.items():
                widget = row.focus_widget()
                if fid.startswith(prefix) and isinstance(widget, QLineEdit):
                    self.qr_box.watch(widget)
        self.form.addStretch(1)
        self._context: dict[str, Any] = {}
        self.on_field_changed()

    def on_qr_scanned(self, answers: dict[str, Any]) -> None:
        """A CCCD QR code was read: fill this person's fields that the page has."""
        for fid, value in answers.items():
            row = self.rows.get(fid)
            if row is not None:
                row.set_value(value)
                row.set_error(None)
        self.on_field_changed()

    def field_ids(self) -> set[str]:
        return set(self.rows)

    # The page's life in the wizard: answers live in the filing session.
    def initialize(self) -> None:
        if self.session is not None:
            self.set_context(self.session.answers)
            self._fill_from_applicant()

    def _fill_from_applicant(self) -> None:
        """The applicant is this page's person: fill what the applicant's answers give, in
        the fields still empty or still as filled before (never over what the person typed)."""
        assert self.session is not None
        mine = self.prefix is not None and self.session.applicant_is() == self.prefix
        given = self.session.from_applicant(self.prefix) if mine and self.prefix else {}
        for fid, value in given.items():
            row = self.rows.get(fid)
            if row is None or fid in self.same_as and self.same_as[fid].isChecked():
                continue
            now = row.value()
            if now is None or fid in self._prefilled and now == self._prefilled[fid]:
                row.set_value(value)
                self._prefilled[fid] = row.value()
        if given:
            self.prefill_note.setText(self.tr(
                "Filled in from the person making the request, who is this person. Check each "
                "answer and correct it if needed."))
            self.session.update(self.collect())
            self.on_field_changed()
        self.prefill_note.setVisible(bool(given))

    def offer_same_as(self, target: str, source: str, whose: str) -> QCheckBox:
        """A box above the field ``target`` that makes it the answer ``source`` of an earlier
        page (``whose``: that page's title) and keeps it so until it is unticked."""
        row = self.rows[target]
        box = QCheckBox(self.tr("Same address as {0}").format(whose[:1].lower() + whose[1:]),
                        self.body)
        box.setObjectName("sameAs")
        box.setAccessibleName(box.text())
        self.form.insertWidget(self.form.indexOf(row), box)
        self.same_as[target] = box
        box.toggled.connect(lambda on, t=target, s=source: self.on_same_as(t, s, on))
        return box

    def on_same_as(self, target: str, source: str, on: bool) -> None:
        row = self.rows[target]
        if self.session is not None:
            self.session.follow(target, source if on else None)
            if on:
                row.set_value(self.session.answers.get(source))
                row.set_error(None)
        row.input.setEnabled(not on)  # while ticked it is the other answer, kept in step
        self.on_field_changed()

    def validate(self) -> bool:
        """The rules' errors about this page's fields (cross-field rules included)."""
        if self.session is None:
            return True
        self.session.update(self.collect())
        errors = self.session.page_errors(self.active_ids())
        self.show_errors([(e.field, e.message(self.lang)) for e in errors])
        return not errors

    def commit(self) -> None:
        self.clear_errors()

    def keep(self) -> None:
        if self.session is not None:
            self.session.update(self.collect())

    def set_context(self, answers: dict[str, Any]) -> None:
        """Answers from other pages that ``when`` conditions may read (and those a ticked
        "same as" box copies)."""
        self._context = dict(answers)
        for target, box in self.same_as.items():
            source = self.session.follows(target) if self.session is not None else None
            if box.isChecked() != (source is not None):
                box.setChecked(source is not None)  # a new draft: unticked
            if source is not None:
                self.rows[target].set_value(answers.get(source))
        self.on_field_changed()

    def collect(self) -> dict[str, Any]:
        """Every answer on the page, including hidden ones (Back and forth keeps them)."""
        return {fid: row.value() for fid, row in self.rows.items()}

    def load(self, answers: dict[str, Any]) -> None:
        for fid, row in self.rows.items():
            if fid in answers:
                row.set_value(answers[fid])
        self.on_field_changed()

    def active_ids(self) -> list[str]:
        values = {**self._context, **self.collect()}
        return [fid for fid, row in self.rows.items() if row.spec.active(values)]

    def on_field_changed(self) -> None:
        active = set(self.active_ids())
        for fid, row in self.rows.items():
            row.setVisible(fid in active)
        for fid, box in self.same_as.items():
            box.setVisible(fid in active)

    def show_errors(self, errors: Sequence[tuple[str, str]]) -> None:
        # First message per field wins; an entry of a group reports on the group's row.
        by_field: dict[str, str] = {}
        for fid, message in errors:
            by_field.setdefault(fid.split("[", 1)[0], message)
        for fid, row in self.rows.items():
            row.set_error(by_field.get(fid))
        super().show_errors(errors)

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error(None)
        super().clear_errors()

    def focus_field(self, field_id: str) -> None:
        row = self.rows.get(field_id.split("[", 1)[0])
        if row is not None:
            self.scroll.ensureWidgetVisible(row)
            row.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_focus(self) -> QWidget | None:
        # A person not yet filled in: the scanner's keys go to the QR box straight away.
        if self.qr_box is not None:
            name = self.rows.get(self.qr_box.prefix + "full_name")
            if name is not None and name.value() is None:
                return self.qr_box.edit
        for fid in self.active_ids():
            return self.rows[fid].focus_widget()
        return None

    def review_rows(self) -> list[tuple[str, str]]:
        """(label, answer) of each active field, for the check-your-answers page."""
        return [(self.rows[fid].spec.label, self.rows[fid].display_value())
                for fid in self.active_ids()]


def person_prefix(specs: Sequence[FieldSpec]) -> str | None:
    """``mother.`` when the fields describe one person (a name and an ID number), else None."""
    ids = {s.id for s in specs}
    for spec in specs:
        if spec.kind == "id_number" and spec.id.endswith(".id_number"):
            prefix = spec.id.removesuffix("id_number")
            if prefix + "full_name" in ids:
                return prefix
    return None


class DeliveryPage(FormPage):
    """How the result is received (the national portal's question), with nothing pre-selected.

    By post, the address input starts from the requester's address when it is still empty:
    the person corrects it rather than typing it again.
    """

    def initialize(self) -> None:
        super().initialize()
        if self.session is None:
            return
        from dvc_core import delivery

        row = self.rows.get(delivery.ADDRESS)
        home = self.session.answers.get("applicant.address")
        if row is not None and row.value() is None and isinstance(home, str) and home.strip():
            row.set_value(home)
            self.on_field_changed()
