"""The filing wizard's first page: find the procedure with the catalog's search.

Pages show and collect answers; they never decide whether an answer is right: the filing
session (:mod:`app.services.filing`) asks :mod:`dvc_core.rules` and the page shows the errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from app.views.common.wizard_page import WizardPage, escape, fee_text
from dvc_core.catalog import Catalog, Procedure, match_spans, matches_all

if TYPE_CHECKING:
    from app.services.filing import FilingSession

LINES_ROLE = 0x0100 + 2  # Qt.ItemDataRole.UserRole + 2, without touching the Qt namespace


class HighlightDelegate(QStyledItemDelegate):
    """Paints a result: the name in bold with the matched words marked, the everyday name it
    was found by (if any), then a grey line of facts. Installed on the first search, so the
    first paint does not pay for it.

    Drawn with QPainter and font metrics, not a QTextDocument per row: typing must never
    stall, and laying out rich text for every visible row on every key doubled the paint time.
    """

    PAD = 8

    def __init__(self, page: ProcedurePage, parent=None):
        super().__init__(parent)
        self.page = page

    def paint(self, painter, option, index) -> None:  # noqa: D102 — Qt override
        from PySide6.QtGui import QColor, QFont, QFontMetrics
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = QColor("#ffffff" if selected else "#0b0c0c")
        grey = QColor("#e8f1f8" if selected else "#505a5f")
        mark_bg, mark_ink = QColor("#ffdd00"), QColor("#0b0c0c")
        painter.save()
        y = option.rect.top() + self.PAD
        for text, spans, kind in self.page.result_lines(index.row()):
            font = QFont(option.font)
            font.setBold(kind == "bold")
            painter.setFont(font)
            metrics = QFontMetrics(font)
            x = option.rect.left() + self.PAD
            base = y + metrics.ascent()
            last = 0
            for start, end in [*spans, (len(text), len(text))]:
                plain = text[last:start]
                if plain:
                    painter.setPen(grey if kind == "grey" else ink)
                    painter.drawText(x, base, plain)
                    x += metrics.horizontalAdvance(plain)
                marked = text[start:end]
                if marked:
                    width = metrics.horizontalAdvance(marked)
                    painter.fillRect(x, y, width, metrics.height(), mark_bg)
                    painter.setPen(mark_ink)
                    painter.drawText(x, base, marked)
                    x += width
                last = end
            y += metrics.lineSpacing()
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802 — Qt override
        from PySide6.QtCore import QSize

        lines = index.data(LINES_ROLE) or 2
        return QSize(200, lines * option.fontMetrics.lineSpacing() + 2 * self.PAD + 2)


class ProcedurePage(WizardPage):
    """Step 1 of the guide's filing: find the procedure with the catalog's search.

    Signals:
        chosen(): the person double-clicked or pressed Enter on a result.
        painted(): the page was painted (the start-up benchmark quits on the first one).
    """

    chosen = Signal()
    painted = Signal()
    page_id = "procedure"

    def __init__(self, catalog: Catalog, parent: QWidget | None = None, *,
                 session: FilingSession | None = None):
        super().__init__(self.tr("Which procedure do you need?"), parent,
                         step_title=self.tr("Choose the procedure"))
        self.catalog = catalog
        self.session = session
        self._codes: list[str] = []
        self._query = ""
        self._marks = ""  # the words marked in the results
        # A word typed → the words it may stand for (a search that forgave a typo).
        self._corrections: dict[str, tuple[str, ...]] = {}
        self._match = "exact"
        intro = QLabel(self.tr("Search by name, code or everyday words, with or without "
                               "diacritics (for example: khai sinh)."), self.body)
        intro.setObjectName("pageLead")
        intro.setWordWrap(True)
        self.form.addWidget(intro)
        self.search = QLineEdit(self.body)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search procedures"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search procedures"))
        self.search.textChanged.connect(self.on_search_changed)
        self.search.returnPressed.connect(self.on_search_return)
        self.form.addWidget(self.search)
        self.form.addLayout(self._build_filters(catalog))
        self.count = QLabel(self.body)
        self.count.setObjectName("fieldHint")
        self.count.setWordWrap(True)
        self.form.addWidget(self.count)
        self.suggestions = QWidget(self.body)
        self.suggestions.setObjectName("searchSuggestions")
        column = QVBoxLayout(self.suggestions)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.suggestions_title = QLabel(self.tr("Or search with everyday words, for example:"),
                                        self.suggestions)
        self.suggestions_title.setWordWrap(True)
        column.addWidget(self.suggestions_title)
        self._examples_row = QHBoxLayout()
        self._examples_row.setSpacing(12)
        self._examples_row.addStretch(1)
        column.addLayout(self._examples_row)
        self.example_buttons: list[QPushButton] = []
        self.suggestions.hide()
        self.form.addWidget(self.suggestions)
        self.results = QListWidget(self.body)
        self.results.setObjectName("procedureList")
        self.results.setAccessibleName(self.tr("Procedures found"))
        self.results.setMinimumHeight(150)
        self.results.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.results.itemDoubleClicked.connect(lambda _item: self.chosen.emit())
        self.results.itemActivated.connect(lambda _item: self.chosen.emit())
        self.results.currentItemChanged.connect(self.on_current_changed)
        self.results.itemSelectionChanged.connect(self.on_current_changed)
        self.form.addWidget(self.results, 1)
        self.details = QLabel(self.body)
        self.details.setObjectName("procedureDetails")
        self.details.setWordWrap(True)
        self.details.hide()  # shown with the procedure chosen
        self.form.addWidget(self.details)
        self.on_search_changed("")

    def _build_filters(self, catalog: Catalog) -> QHBoxLayout:
        """Field, level (toàn trình / một phần), agency and fee-free filters."""
        row = QHBoxLayout()
        row.setSpacing(10)
        self.field_filter = QComboBox(self.body)
        self.field_filter.setAccessibleName(self.tr("Field"))
        self.field_filter.addItem(self.tr("All fields"), None)
        for name in catalog.fields():
            self.field_filter.addItem(name, name)
        self.level_filter = QComboBox(self.body)
        self.level_filter.setAccessibleName(self.tr("Level"))
        self.level_filter.addItem(self.tr("All levels"), None)
        self.level_filter.addItem(self.tr("Fully online (level 4)"), 4)
        self.level_filter.addItem(self.tr("Partly online (level 3)"), 3)
        self.agency_filter = QComboBox(self.body)
        self.agency_filter.setAccessibleName(self.tr("Agency"))
        self.agency_filter.addItem(self.tr("All agencies"), None)
        for name in catalog.agencies():
            self.agency_filter.addItem(name, name)
        self.free_filter = QCheckBox(self.tr("Free of charge"), self.body)
        for combo in (self.field_filter, self.level_filter, self.agency_filter):
            combo.currentIndexChanged.connect(self.refresh)
            row.addWidget(combo)
        self.free_filter.toggled.connect(self.refresh)
        row.addWidget(self.free_filter)
        row.addStretch(1)
        return row

    def filters(self) -> dict:
        return {"field_name": self.field_filter.currentData(),
                "level": self.level_filter.currentData(),
                "agency": self.agency_filter.currentData(),
                "fee_free": True if self.free_filter.isChecked() else None}

    def refresh(self) -> None:
        self.on_search_changed(self.search.text())

    def field_ids(self) -> set[str]:
        return {"procedure"}

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().paintEvent(event)
        self.painted.emit()

    def on_search_changed(self, text: str) -> None:
        """Search as the person types (well under a millisecond for the national catalog's
        size, so it runs here on the GUI thread) and mark the matched words in each result.

        Nothing found exactly: the same with one typo per word forgiven ("khai snh"), else the
        closest procedures (none chosen for the person) and everyday names to search with.
        """
        if text.strip() and not isinstance(self.results.itemDelegate(), HighlightDelegate):
            self.results.setItemDelegate(HighlightDelegate(self, self.results))
        self._query = text
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        result = self.catalog.lookup(text, limit=50, **self.filters())
        found = result.procedures
        self._match = result.match
        self._marks = text
        self._corrections = dict(result.corrections)
        self._codes = [p.code for p in found]
        for procedure in found:
            item = QListWidgetItem(f"{procedure.name}\n{self._subtitle(procedure)}")
            item.setData(LINES_ROLE, 3 if self._synonym_line(procedure) else 2)
            self.results.addItem(item)
        shown = text.strip()[:60]
        if not text.strip():
            self.count.setText(self.tr("All procedures ({0})").format(len(found)))
        elif result.match == "exact":
            self.count.setText(self.tr("{0} procedure(s) found").format(len(found)))
        elif result.match == "typo":
            self.count.setText(self.tr("No procedure matches “{0}” exactly; {1} found with a "
                                       "word spelt differently:").format(shown, len(found)))
        elif result.match == "closest":
            self.count.setText(self.tr("No procedure has all of “{0}”; the closest ones are "
                                       "listed below.").format(shown))
        else:
            self.count.setText(self.tr("No procedure matches “{0}”. Check the spelling, or try "
                                       "other words.").format(shown))
        self._show_examples(result.examples if result.match in ("closest", "none") else ())
        self.details.setText("")  # nothing is chosen for the person, not even the first result
        self.details.hide()
        self.results.setUpdatesEnabled(True)

    def _show_examples(self, examples: tuple[str, ...]) -> None:
        """Everyday names (the catalog's synonyms) as links that search for them."""
        for button in self.example_buttons:
            self._examples_row.removeWidget(button)
            button.deleteLater()
        self.example_buttons = []
        for example in examples:
            button = QPushButton(example, self.suggestions)
            button.setObjectName("linkButton")
            button.setAccessibleName(self.tr("Search for: {0}").format(example))
            button.clicked.connect(lambda _checked=False, e=example: self.search.setText(e))
            self._examples_row.insertWidget(len(self.example_buttons), button)
            self.example_buttons.append(button)
        self.suggestions.setVisible(bool(examples))

    def _synonym_line(self, procedure: Procedure) -> str | None:
        """The everyday name a result was found by, when its name does not show why."""
        query = self._query.strip()
        if not query or not procedure.synonyms:
            return None
        if self._match == "exact":
            if matches_all(query, procedure.name):
                return None
            return next((s for s in procedure.synonyms if matches_all(query, s)), None)
        corrections = self._corrections_for(procedure)
        marked = max(procedure.synonyms,
                     key=lambda s: len(match_spans(self._marks, s, corrections)))
        name_marks = len(match_spans(self._marks, procedure.name, corrections))
        return (marked if len(match_spans(self._marks, marked, corrections)) > name_marks
                else None)

    def _corrections_for(self, procedure: Procedure) -> dict[str, tuple[str, ...]]:
        """The corrections worth marking in a result: of the words typed that none of its
        names holds as typed (a word found as typed is never shown "corrected")."""
        texts = (procedure.name, *procedure.synonyms)
        return {word: near for word, near in self._corrections.items()
                if not any(match_spans(word, text) for text in texts)}

    def result_lines(self, row: int) -> list[tuple[str, list[tuple[int, int]], str]]:
        """(text, marked spans, "bold"/"normal"/"grey") for each line of a result row."""
        procedure = self.catalog.get(self._codes[row])
        assert procedure is not None
        marks = self._marks if self._query.strip() else ""
        corrections = self._corrections_for(procedure) if self._corrections else None
        subtitle = self._subtitle(procedure)
        lines = [(procedure.name, match_spans(marks, procedure.name, corrections) if marks
                  else [], "bold")]
        synonym = self._synonym_line(procedure)
        if synonym:
            prefix = self.tr("Also called: {0}").format("")
            lines.append((prefix + synonym, [(a + len(prefix), b + len(prefix))
                                             for a, b in match_spans(marks, synonym,
                                                                     corrections)],
                          "normal"))
        lines.append((subtitle, match_spans(marks, subtitle) if marks and (
            synonym or self._match == "exact" and not matches_all(marks, procedure.name))
            else [], "grey"))
        return lines

    def on_search_return(self) -> None:
        """Enter in the search box: the result chosen, or the only one found; with several and
        none chosen, the list takes the keyboard (arrows, then Enter) and nothing is chosen."""
        if self.selected() is None and len(self._codes) == 1:
            self.results.setCurrentRow(0)
        if self.selected() is not None:
            self.chosen.emit()
        elif self._codes:
            self.results.setFocus()

    def _subtitle(self, procedure: Procedure) -> str:
        online = (self.tr("fully online") if procedure.nd42_label == "toan_trinh"
                  else self.tr("partly online"))
        return self.tr("Code {0} · level {1} ({2}) · {3}").format(
            procedure.code, procedure.level, online, procedure.field)

    def on_current_changed(self, current: QListWidgetItem | None = None, _previous=None) -> None:
        procedure = self.selected()
        if procedure is None:
            self.details.setText("")
            self.details.hide()
            return
        rows = [
            (self.tr("Handled by"), procedure.agency),
            (self.tr("Time limit"), str(procedure.time_limit.get("text", ""))),
            (self.tr("Fee"), fee_text(procedure)),
        ]
        if procedure.personal_presence:
            rows.append((self.tr("In person"), str(procedure.raw.get(
                "personal_presence_note") or self.tr("The applicant must come to the counter."))))
        if procedure.paperless_only:
            rows.append((self.tr("Online only"), self.tr(
                "No paper intake since 1/10/2025 (Directive 24/CT-TTg; list not confirmed).")))
        self.details.setText("".join(
            f"<p style='margin:2px 0'><b>{escape(k)}:</b> {escape(v)}</p>" for k, v in rows if v))
        self.details.show()

    def selected(self) -> Procedure | None:
        """The procedure the person chose (a row merely focused is not chosen)."""
        item = self.results.currentItem()
        if item is None or not item.isSelected():
            return None
        row = self.results.row(item)
        if not 0 <= row < len(self._codes):
            return None
        return self.catalog.get(self._codes[row])

    def select_code(self, code: str) -> None:
        if code in self._codes:
            self.results.setCurrentRow(self._codes.index(code))

    def validate(self) -> bool:
        if self.selected() is None:
            self.show_errors([("procedure", self.tr(
                "Choose a procedure from the list. Try another word if nothing is found."))])
            return False
        self.clear_errors()
        return True

    def commit(self) -> None:
        """The chosen procedure; another one than before starts the answers afresh."""
        procedure = self.selected()
        if self.session is not None and procedure is not None:
            self.session.start(procedure)

    def focus_field(self, field_id: str) -> None:
        self.search.setFocus()

    def first_focus(self) -> QWidget | None:
        return self.search

