"""What every printed form shares: the fonts, the text, the training mark, the QR code, and
the receiving unit the header names.

Drawn with reportlab in Be Vietnam Pro, embedded as a subset, so every diacritic prints right
(reportlab's built-in fonts cannot draw Vietnamese, and a PDF naming one of them without
embedding it prints with whatever font the reader substitutes). Nothing here falls back to
Helvetica: the canvas starts in Be Vietnam Pro and so do the QR drawings, whose renderer would
otherwise set its own default font. All text is NFC before drawing: reportlab does no
shaping, and decomposed marks would land in the wrong place.

The wording of the forms is data (``resources/printed_forms.json``, with its legal sources and
what could not be confirmed).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dvc_core.vntime import VN, to_vn

VN_TZ = VN  # every moment printed in Vietnam's time (dvc_core.vntime)
FONT, BOLD, ITALIC, BOLD_ITALIC = "BVP", "BVP-Bold", "BVP-Italic", "BVP-BoldItalic"
_FONT_FILES = ((FONT, "BeVietnamPro-Regular.ttf"), (BOLD, "BeVietnamPro-Bold.ttf"),
               (ITALIC, "BeVietnamPro-Italic.ttf"), (BOLD_ITALIC, "BeVietnamPro-BoldItalic.ttf"))
_FONTS_READY = False
BLANK = "……………"


def register_fonts() -> None:
    """Register Be Vietnam Pro (regular, bold, italics) with reportlab, once per process."""
    global _FONTS_READY
    if _FONTS_READY:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources.files("fontpkg_be_vietnam_pro") / "files"
    for name, file in _FONT_FILES:
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    _FONTS_READY = True


def t(text: Any) -> str:
    """Text as drawn: a string, NFC."""
    return unicodedata.normalize("NFC", "" if text is None else str(text))


@functools.cache
def form_data() -> dict[str, Any]:
    """The forms' wording (``resources/printed_forms.json``)."""
    text = (resources.files("resources") / "printed_forms.json").read_text(encoding="utf-8")
    return json.loads(unicodedata.normalize("NFC", text))


def local(value: dt.datetime | None) -> dt.datetime | None:
    """A stored (UTC) time in Vietnam's time, whatever the machine's zone."""
    return to_vn(value) if value is not None else None


def date_line(place: str, when: dt.date | None) -> str:
    """``Thiệu Hóa, ngày 05 tháng 12 năm 2026`` (place and date of a form, top right)."""
    if when is None:
        return f"{place or BLANK}, ngày … tháng … năm …"
    return f"{place or BLANK}, ngày {when:%d} tháng {when:%m} năm {when:%Y}"


# ------------------------------------------------------------------------------- the unit
def sandbox_unit() -> tuple[str, str]:
    """The embedded sandbox portal's fictitious commune: (unit code, name)."""
    from portal.seed import DEMO_COMMUNE_NAME, DEMO_UNIT_CODE

    return DEMO_UNIT_CODE, DEMO_COMMUNE_NAME


_CODE_TAIL = re.compile(r"-\d{6}-\d{4}$")


def unit_code_of(dossier_code: str | None) -> str:
    """``000.99.99.H56-261125-0007`` → ``000.99.99.H56`` (TT 01/2018 Art. 19); "" when none."""
    code = (dossier_code or "").strip()
    return _CODE_TAIL.sub("", code) if _CODE_TAIL.search(code) else ""


@dataclass(frozen=True)
class ReceivingUnit:
    """The commune that receives a dossier, as its forms name it.

    Attributes:
        code: the unit's code (``000.99.99.H56``), "" when not known.
        commune: the commune's name as the portal gives it (``Xã Thiệu Hóa``), "" when not known.
        officer: the receiving officer's full name, "" when not known (signed by hand).
        training: the sandbox's fictitious unit, or a training session: every page is marked.
    """

    code: str = ""
    commune: str = ""
    officer: str = ""
    training: bool = False

    @property
    def _bare(self) -> str:
        # "Xã Thực Hành (đào tạo)" → "Xã Thực Hành": the note is the training mark's job.
        return re.sub(r"\s*\([^)]*\)\s*$", "", t(self.commune).strip())

    @property
    def committee(self) -> str:
        """The managing body, top left: ``ỦY BAN NHÂN DÂN XÃ THIỆU HÓA``."""
        return f"ỦY BAN NHÂN DÂN {self._bare.upper()}" if self._bare else f"ỦY BAN NHÂN DÂN XÃ {BLANK}"

    @property
    def agency(self) -> str:
        """``Ủy ban nhân dân xã Thiệu Hóa`` (the Tờ khai's "Kính gửi")."""
        return f"Ủy ban nhân dân {_lower_first(self._bare)}" if self._bare else \
            f"Ủy ban nhân dân xã {BLANK}"

    @property
    def centre(self) -> str:
        """The one-stop unit: ``Trung tâm Phục vụ hành chính công xã Thiệu Hóa``."""
        from dvc_core.units import one_stop_unit

        return one_stop_unit(self._bare)

    @property
    def place(self) -> str:
        """The place of the date line (NĐ 30/2020 Phụ lục I): ``Thiệu Hóa``; "" when unknown."""
        name = self._bare
        for prefix in form_data()["place"]["prefixes"]:
            rest = name[len(prefix):].strip() if name.startswith(prefix + " ") else None
            if rest:
                return name if rest.isdigit() else rest
        return name


def _lower_first(name: str) -> str:
    """``Xã Thiệu Hóa`` → ``xã Thiệu Hóa`` (the kind of unit in running text)."""
    head, _, rest = name.partition(" ")
    return f"{head.lower()} {rest}" if rest and head in form_data()["place"]["prefixes"] else name


def unit_for(dossier: Any, session: Any = None, *, training: bool = False,
             commune: str = "", officer: str = "") -> ReceivingUnit:
    """The unit that receives ``dossier``, from what this machine knows.

    Its code comes from the dossier's official code (or the signed-in session's commune); its
    name and officer from the signed-in session when it is that commune's, or from the
    sandbox when the code is the sandbox's fictitious unit — whose forms are always marked.

    Args:
        session: the signed-in session (``display_name``, ``commune``, ``commune_name``).
        training: the mode marks its printouts anyway.
        commune, officer: names given explicitly (the command line's options) win.
    """
    code = unit_code_of(getattr(dossier, "code", None))
    session_unit = t(getattr(session, "commune", "") or "")
    if not code:
        code = session_unit
    name, who = "", ""
    if session is not None and session_unit and session_unit == code:
        name = t(getattr(session, "commune_name", "") or "")
        who = t(getattr(session, "display_name", "") or "")
    sandbox_code, sandbox_name = sandbox_unit()
    in_sandbox = code == sandbox_code
    if in_sandbox and not name:
        name = sandbox_name
    return ReceivingUnit(code=code, commune=t(commune) or name, officer=t(officer) or who,
                         training=training or in_sandbox)


# ------------------------------------------------------------------------------- drawing
def new_canvas(out: Path, title: str, *, pagesize: Any = None):
    """A reportlab canvas in Be Vietnam Pro, compressed, with the same bytes for the same
    content (``invariant``: no creation time or random id inside)."""
    register_fonts()
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(out), pagesize=pagesize or A4, pageCompression=1,
                        initialFontName=FONT, initialFontSize=11, invariant=1)
    pdf.setTitle(t(title))
    pdf.setAuthor("DVC Desk")
    pdf.setCreator("DVC Desk")
    return pdf


def training_mark(pdf: Any, text: str = "MÔI TRƯỜNG ĐÀO TẠO") -> None:
    """The training watermark across the page (drawn first, under the text)."""
    width, height = pdf._pagesize
    pdf.saveState()
    pdf.setFillGray(0.85)
    pdf.setFont(BOLD, 40)
    pdf.translate(width / 2, height / 2)
    pdf.rotate(30)
    pdf.drawCentredString(0, 0, t(text))
    pdf.restoreState()


def draw_qr(pdf: Any, value: str, x: float, y: float, size: float) -> None:
    """A QR code of ``value`` with its lower left corner at (x, y)."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    qr = QrCodeWidget(value)
    x0, y0, x1, y1 = qr.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    # The renderer sets the drawing's initial font (Helvetica by default) on the page, which
    # would put a non-embedded font in the PDF although the QR code draws no text.
    drawing.initialFontName = FONT
    drawing.add(qr)
    renderPDF.draw(drawing, pdf, x, y)


def wrapped_lines(pdf: Any, text: str, width: float) -> list[str]:
    """``text`` split into lines no wider than ``width`` in the canvas's current font."""
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(t(text), pdf._fontname, pdf._fontsize, width) or [""]


def wrapped(pdf: Any, text: str, x: float, y: float, width: float, step: float,
            indent: float = 0) -> float:
    """Draw ``text`` from (x, y) in lines no wider than ``width`` (later lines indented);
    returns the y below the last line."""
    lines = wrapped_lines(pdf, text, width - indent)
    for number, line in enumerate(lines):
        pdf.drawString(x + (indent if number else 0), y, line)
        y -= step
    return y


__all__ = ["BLANK", "BOLD", "BOLD_ITALIC", "FONT", "ITALIC", "ReceivingUnit", "VN_TZ",
           "date_line", "draw_qr", "form_data", "local", "new_canvas", "register_fonts",
           "sandbox_unit", "t", "training_mark", "unit_code_of", "unit_for", "wrapped",
           "wrapped_lines"]
