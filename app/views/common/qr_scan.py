"""The ID card's QR-code box: a scanner (or a paste) fills a person's fields from the chip CCCD
or the 2024 thẻ căn cước. The one scan widget of the app; the one parser is
:mod:`dvc_core.rules.cccd_qr`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget


class QrScanBox(QFrame):
    """"Scan the ID card's QR code": a USB scanner types the code as keys ending in Enter, or
    the text is pasted; the person's fields are filled from it. The one scan box of the app: the
    filing wizard's person pages and the sign-up's details page both use it.

    A refused scan stays in the line with the parser's message (what is wrong, what to do), so
    nothing is lost; a good one is cleared at once (identity data is not kept twice).

    Args:
        prefix: the person's field-id prefix (``applicant.``; empty for the sign-up's fields).
        title: the line's label instead of the default one (the sign-up's says "optional").
        compact: no hint under the title (the sign-up's page explains it already).

    A scan that lands in one of the person's other lines (see :meth:`watch`) is taken over.

    Attributes:
        confirms: say what was filled in after a good scan (the sign-up's fields show it).

    Signals:
        scanned(dict): raw answers for the person's fields (full field ids).
    """

    scanned = Signal(dict)

    def __init__(self, prefix: str, parent: QWidget | None = None, *, title: str = "",
                 compact: bool = False):
        super().__init__(parent)
        self.prefix = prefix
        self.lang = "vi"  # language of the parser's messages; the wizard sets it
        self.confirms = True
        self.setObjectName("qrBox")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        self.title = QLabel(title or self.tr("Scan the QR code of the chip ID card (CCCD)"), self)
        title = self.title
        title.setObjectName("fieldLabel")
        title.setWordWrap(True)
        self.hint = hint = QLabel(self.tr("Hold the card under the scanner, or paste the code here and press "
                              "Enter: name, ID number, date of birth, sex and address are filled "
                              "in for you to check."), self)
        hint.setObjectName("fieldHint")
        hint.setWordWrap(True)
        hint.setVisible(not compact)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("qrEdit")
        self.edit.setAccessibleName(self.tr("Scan the QR code of the chip ID card (CCCD)"))
        self.edit.setPlaceholderText(self.tr("Scan or paste the QR code"))
        # One character more than a payload may have: a longer paste is refused as too long
        # (the parser's message), not cut to a length that happens to parse.
        from dvc_core.rules.cccd_qr import max_length

        self.edit.setMaxLength(max_length() + 1)
        title.setBuddy(self.edit)
        self.status = QLabel(self)
        self.status.setObjectName("qrStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        for widget in (title, hint, self.edit, self.status):
            layout.addWidget(widget)
        self.edit.returnPressed.connect(self.on_return)
        self.edit.textChanged.connect(self.on_text_changed)
        self._last_length = 0

    def watch(self, edit: QLineEdit) -> None:
        """Take over a scan that starts in another line of the person (the ID number's, the
        name's): a scanner types into whatever has the focus. As soon as the payload shows
        itself (12 digits and ``|``), that line gets back what it held, the payload so far moves
        here and so does the focus, so the scanner's remaining keys and its Enter land here."""
        edit.textChanged.connect(lambda text: self._take_over(edit, text))

    def _take_over(self, edit: QLineEdit, text: str) -> None:
        from dvc_core.rules.cccd_qr import payload_start

        start = payload_start(text)
        if start is None:
            return
        edit.setText(text[:start])
        self.edit.setText(text[start:])
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.end(False)

    def on_text_changed(self, text: str) -> None:
        # A paste arrives at once; a scanner's keys one by one (then Enter).
        jump = len(text) - self._last_length
        self._last_length = len(text)
        from dvc_core.rules.cccd_qr import looks_like_qr

        if jump > 1 and looks_like_qr(text):
            self.read(text, quiet=True)

    def on_return(self) -> None:
        if self.edit.text().strip():
            self.read(self.edit.text())

    def read(self, text: str, quiet: bool = False) -> bool:
        from dvc_core.rules.cccd_qr import QrError, parse_cccd_qr

        try:
            data = parse_cccd_qr(text)
        except QrError as exc:
            if not quiet:
                self._say(exc.message_en if self.lang == "en" else exc.message, True)
            return False
        self.edit.clear()  # identity data is not kept in a second place
        if self.confirms:
            self._say(self.tr("Filled in from the QR code: {0}, {1}. Check the details below.")
                      .format(data.full_name, data.id_number), False)
        else:
            self.status.hide()
        self.scanned.emit(data.answers(self.prefix))
        return True

    def _say(self, message: str, error: bool) -> None:
        self.status.setText(message)
        self.status.setProperty("error", error)
        self.status.setObjectName("fieldError" if error else "qrStatus")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.show()


__all__ = ["QrScanBox"]
