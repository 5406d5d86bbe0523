"""The chip CCCD's QR code, read by a scanner or pasted: the person's identity fields.

Layout (no official specification; reverse-engineered and used by scanner software)::

    CCCD|old CMND|Họ tên|ddmmyyyy (birth)|Giới tính|Nơi thường trú|ddmmyyyy (issue)

The old-CMND field may be empty, and one variant omits it (6 fields). A USB scanner types the
payload as keystrokes ending in Enter; it may arrive with stray blanks, a trailing CR/LF or in
decomposed Unicode. Qt-free.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


class QrError(ValueError):
    """The text is not a CCCD QR payload; ``message`` says so in Vietnamese."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message = message
        self.message_en = message_en


@dataclass(frozen=True)
class CccdData:
    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: dt.date
    sex: str  # "nam" / "nu", as the rules module spells it
    address: str
    issue_date: dt.date | None

    def answers(self, prefix: str) -> dict[str, str]:
        """Raw answers for a person's fields (``prefix`` like ``applicant.``), as typed."""
        return {
            f"{prefix}full_name": self.full_name,
            f"{prefix}id_number": self.id_number,
            f"{prefix}birth_date": self.birth_date.strftime("%d/%m/%Y"),
            f"{prefix}birth_year": str(self.birth_date.year),
            f"{prefix}sex": self.sex,
            f"{prefix}address": self.address,
            f"{prefix}residence": self.address,
        }


def _date(text: str, what: str) -> dt.date:
    if not re.fullmatch(r"\d{8}", text):
        raise QrError(f"Mã QR: {what} “{text}” không đúng dạng ngàythángnăm (8 chữ số).",
                      f"QR code: the {what} “{text}” is not ddmmyyyy.")
    try:
        return dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise QrError(f"Mã QR: {what} “{text}” không phải ngày có thật.",
                      f"QR code: the {what} “{text}” is not a real date.") from None


def looks_like_qr(text: str) -> bool:
    """Whether typed text is probably a QR payload (a cheap test while keys arrive)."""
    return text.count("|") >= 5 and bool(re.match(r"\s*\d{9,12}\|", text))


def parse_cccd_qr(text: str) -> CccdData:
    """Parse a CCCD QR payload (7 fields, or 6 without the old CMND).

    Raises:
        QrError: not a CCCD payload, with a Vietnamese message saying what is wrong.
    """
    if not isinstance(text, str):
        raise QrError("Mã QR: không có dữ liệu.", "QR code: no data.")
    text = unicodedata.normalize("NFC", text).strip().strip("\r\n")
    parts = [p.strip() for p in text.split("|")]
    if len(parts) == 6:
        parts.insert(1, "")
    if len(parts) != 7:
        raise QrError("Đây không phải mã QR trên thẻ căn cước gắn chip (cần 7 phần cách nhau "
                      "bởi dấu |). Hãy quét lại mặt trước của thẻ.",
                      "This is not the QR code of a chip ID card (7 parts separated by |). "
                      "Scan the front of the card again.")
    id_number, old, name, birth, sex_text, address, issue = parts
    if not re.fullmatch(r"\d{12}", id_number):
        raise QrError(f"Mã QR: số định danh “{id_number}” phải gồm 12 chữ số.",
                      f"QR code: the ID number “{id_number}” must have 12 digits.")
    if old and not re.fullmatch(r"\d{9}", old):
        raise QrError(f"Mã QR: số CMND cũ “{old}” phải gồm 9 chữ số.",
                      f"QR code: the old ID number “{old}” must have 9 digits.")
    name = re.sub(r"\s+", " ", name)
    if not name:
        raise QrError("Mã QR: thiếu họ tên.", "QR code: the name is missing.")
    folded = unicodedata.normalize("NFD", sex_text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    if folded not in ("nam", "nu"):
        raise QrError(f"Mã QR: giới tính “{sex_text}” phải là Nam hoặc Nữ.",
                      f"QR code: the sex “{sex_text}” must be Nam or Nữ.")
    return CccdData(
        id_number=id_number,
        old_id_number=old or None,
        full_name=name,
        birth_date=_date(birth, "ngày sinh"),
        sex=folded,
        address=re.sub(r"\s+", " ", address),
        issue_date=_date(issue, "ngày cấp") if issue else None,
    )
