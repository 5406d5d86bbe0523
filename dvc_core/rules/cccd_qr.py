"""The QR code of the chip ID card — the CCCD (2021) and the 2024 thẻ căn cước — read by a
scanner or pasted: the person's identity fields. The one parser the app uses.

Layout (no official specification; reverse-engineered, used by scanner software; the field
names and what is not confirmed are in ``dvc_core/data/cccd_qr.json``)::

    CCCD|old ID|Họ tên|ddmmyyyy (birth)|Giới tính|Nơi thường trú|ddmmyyyy (issue)[|…]

The old-ID slot may be empty, hold the 9-digit CMND, or 12 digits (the 2012–2016 CMND, or the
cancelled personal ID the 2024 card carries, NĐ 70/2024/NĐ-CP Art. 12); one variant omits it
(six fields). The 2024 card may add fields after the seventh (parents' or spouse's names, other
ID numbers, an expiry date): those recognised are read, the rest kept and not used, and a
trailing ``|`` is nothing. A USB scanner types the payload as keystrokes ending in Enter; it may
arrive with a UTF-8 byte-order mark or an AIM symbology prefix (``]Q1``), stray blanks, CR/LF,
or in decomposed Unicode. A scanner whose keyboard setting cannot type Vietnamese loses the
diacritics (``Nguy?n``, ``Nguyn Vn``); such a scan is refused with a message saying so, not
filled in wrong. No message ever repeats more than a few dozen characters of the input.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from dvc_core.vntime import vn_today


@functools.cache
def layout() -> dict[str, Any]:
    """The data file's values (``fields``, ``old_id_digits``, ``extra_names``, ``max_length``)."""
    text = resources.files("dvc_core").joinpath("data/cccd_qr.json").read_text("utf-8")
    return {k: v["value"] for k, v in json.loads(text).items() if not k.startswith("_")}


def max_length() -> int:
    return int(layout()["max_length"])


class QrError(ValueError):
    """The text is not a usable chip ID card QR payload; ``message`` says why in Vietnamese.

    Attributes:
        code: machine-readable reason (``layout``, ``too_long``, ``fullwidth``, ``diacritics``,
            ``id_number``, ``old_id``, ``name``, ``date``, ``birth_future``, ``issue_order``,
            ``sex``, ``empty``).
    """

    def __init__(self, message: str, message_en: str, code: str = "layout"):
        super().__init__(message)
        self.message = message
        self.message_en = message_en
        self.code = code


@dataclass(frozen=True)
class CccdData:
    """What a card's QR says. ``extra_fields`` keeps every field after the seventh as read."""

    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: dt.date
    sex: str  # "nam" / "nu", as the rules module spells it
    address: str
    issue_date: dt.date | None
    expiry_date: dt.date | None = None
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    other_ids: tuple[str, ...] = ()
    extra_fields: tuple[str, ...] = ()

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


# -- messages ---------------------------------------------------------------------------------

_SIDE_VI = "Hãy quét lại mặt có mã QR của thẻ."
_SIDE_EN = "Scan the side of the card with the QR code again."
_CLIP = 32


def _clip(text: str) -> str:
    """At most a few dozen characters of the input, for a message (never the whole of it)."""
    return text if len(text) <= _CLIP else text[:_CLIP - 1] + "…"


def _fail(code: str, vi: str, en: str) -> QrError:
    return QrError(vi, en, code)


# -- scanner noise ----------------------------------------------------------------------------

# A UTF-8 byte-order mark (or its Latin-1 reading), then an AIM symbology identifier: "]Q" and
# a digit for a QR code (ISO/IEC 15424), which scanners can be set to send first.
_PREFIX = re.compile(r"^(?:\ufeff|\u00ef\u00bb\u00bf)*\s*(?:\][Qq][0-9])?")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_DATE = re.compile(r"[0-9]{8}")
_REPLACED = re.compile(r"[?\ufffd]")
_NAME_CHARS = re.compile(r"[^\W\d_]+(?:[ '’\-][^\W\d_]+)*")


def _byte(ch: str) -> int:
    if ord(ch) < 0x80:
        return ord(ch)
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        if ord(ch) < 0x100:
            return ord(ch)  # the five bytes cp1252 leaves undefined come through as Latin-1
        raise ValueError(ch) from None


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 ("Nguyá»…n" for "Nguyễn", what a scanner set to a Western
    code page sends) turned back into the letters; any other text unchanged. Exact, not a
    guess: real Vietnamese has letters no single-byte code page holds, and Latin-1 accents
    alone ("Hóa") are not valid UTF-8 bytes."""
    if text.isascii():
        return text
    try:
        return bytes(_byte(ch) for ch in text).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return text


def strip_noise(text: str) -> str:
    """The payload without a BOM, an AIM prefix, surrounding blanks and line ends; NFC;
    UTF-8 read as Windows-1252 repaired."""
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    text = _PREFIX.sub("", text.strip(" \t\r\n\x00\x02\x03"))
    return text.strip(" \t\r\n\x00\x02\x03")


_START = re.compile(r"(?:\ufeff)?(?:\][Qq][0-9])?[0-9]{12}\|")


def payload_start(text: str) -> int | None:
    """Where a QR payload begins in text typed into another field (the scanner fired while the
    ID number's or the name's line had the focus): the 12 digits and ``|`` no person types."""
    if "|" not in text:
        return None
    match = _START.search(text)
    return match.start() if match else None


def looks_like_qr(text: str) -> bool:
    """Whether typed text is probably a QR payload (a cheap test while keys arrive)."""
    if len(text) > max_length():
        return False
    text = strip_noise(text)
    return text.count("|") >= 5 and bool(re.match(r"[0-9]{12}\|", text))


# -- lost diacritics --------------------------------------------------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOWELS = frozenset("aeiouy")
# Vietnamese onsets and rimes with their tone and vowel marks removed ("ương" → "uong").
_ONSETS = _words("b c ch d g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x")
_RIMES = _words("""
    a ac ach ai am an ang anh ao ap at au ay
    e ec ech em en eng enh eo ep et eu
    i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu
    o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oem oen oeo oep oet oi om on
    ong ooc oong op ot
    u ua uan uang uat uay uc ue uenh ui um un ung uo uoc uoi uom uon uong uop uot uou up ut
    uu uy uya uych uyen uyet uynh uyt uyu
    y yem yen yet yeu
""")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _impossible_syllable(word: str) -> bool:
    """An unaccented word that starts like a Vietnamese syllable but cannot be one: ``Nguyn``
    (the ``ễ`` dropped). Words that do not start like one (``Ksor``, ``H'Hen``) are not judged:
    names of the ethnic minorities are not Vietnamese syllables and are not flagged."""
    if not word.isascii() or not word.isalpha():
        return False
    word = word.lower()
    cluster = re.match(r"[^aeiouy]*", word).group(0)
    rest = word[len(cluster):]
    if not rest:
        return False  # no vowel at all: the caller's other test
    candidates = []
    if cluster == "q":
        if rest.startswith("u"):
            candidates.append(rest[1:])
    elif cluster in _ONSETS or cluster == "":
        candidates.append(rest)
        if cluster == "g" and rest.startswith("i"):
            candidates.append(rest[1:])  # "gi" + rime: giữ, gì
    else:
        return False
    return not any(c in _RIMES or (c == "" and cluster == "g") for c in candidates)


def lost_diacritics(name: str, address: str = "") -> str | None:
    """The word that shows a scan lost its Vietnamese letters, or None.

    Evidence, strongest first: a ``?`` or U+FFFD where a letter was (``Nguy?n``); a word of the
    name with no vowel left (``Vn``, ``Th``); a family name that cannot be a Vietnamese
    syllable (``Nguyn``); a name and an address with no accented letter at all (no Vietnamese
    address is written so: "Xã", "Phường", "Thị trấn" all carry marks).
    """
    for text in (name, address):
        for word in text.split():
            if _REPLACED.search(word):
                return word
    words = name.split()
    for i, word in enumerate(words):  # the first word that shows it (the family name first)
        letters = _fold("".join(c for c in word if c.isalpha()))
        if len(letters) >= 2 and not (_VOWELS & set(letters)):
            return word
        if i == 0 and _impossible_syllable(word):
            return word
    if name.isascii() and address.isascii() and re.search(r"[A-Za-z]{2}", address):
        return name.split()[0] if words else name
    return None


# -- fields -----------------------------------------------------------------------------------

def _date(text: str, what_vi: str, what_en: str) -> dt.date:
    if not _DATE.fullmatch(text):
        raise _fail("date", f"Mã QR: {what_vi} “{_clip(text)}” không đúng dạng ngàythángnăm "
                            "(8 chữ số). " + _SIDE_VI,
                    f"QR code: the {what_en} “{_clip(text)}” is not ddmmyyyy. " + _SIDE_EN)
    try:
        return dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise _fail("date", f"Mã QR: {what_vi} “{text}” không phải ngày có thật. " + _SIDE_VI,
                    f"QR code: the {what_en} “{text}” is not a real date. " + _SIDE_EN) from None


def _check_digits(text: str) -> None:
    """Full-width (or other non-ASCII) digits mean the scanner typed through an input method:
    the numbers would look right and be stored wrong."""
    for ch in text:
        if ch.isdecimal() and not ch.isascii():
            raise _fail(
                "fullwidth",
                f"Mã QR có chữ số không phải chữ số thường (như “{ch}”, chữ số toàn khổ): máy quét "
                "đang gõ qua một bộ gõ. Hãy tắt bộ gõ (chuyển về bàn phím tiếng Anh) rồi quét lại "
                "mặt có mã QR của thẻ.",
                f"The QR code has digits that are not plain digits (like “{ch}”, full-width): the "
                "scanner is typing through an input method. Switch it off and scan the side of "
                "the card with the QR code again.")


def _split(text: str) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    # The six-field variant omits the old ID: the sex comes fourth, not fifth.
    if len(parts) >= 6 and _fold(parts[3]) in ("nam", "nu") and _fold(parts[4]) not in ("nam", "nu"):
        parts.insert(1, "")
    while len(parts) > 7 and not parts[-1]:
        parts.pop()  # a trailing "|" (or several) adds nothing
    return parts


def parse_cccd_qr(text: str, today: dt.date | None = None) -> CccdData:
    """Parse a chip ID card's QR payload (seven fields, six without the old ID, or more).

    Args:
        text: the payload as typed by the scanner or pasted.
        today: the date a birth or issue date may not pass (default: today in Vietnam).

    Raises:
        QrError: not a usable payload, with a Vietnamese message saying what is wrong and
            what to do.
    """
    if not isinstance(text, str) or not text.strip():
        raise _fail("empty", "Mã QR: không có dữ liệu. " + _SIDE_VI, "QR code: no data. " + _SIDE_EN)
    limit = max_length()
    if len(text) > limit:
        raise _fail("too_long",
                    f"Dữ liệu nhận được dài hơn {limit:,} ký tự nên không phải mã QR trên thẻ căn "
                    f"cước. {_SIDE_VI}".replace(",", ".", 1),
                    f"The text is longer than {limit:,} characters, so it is not the QR code of an "
                    f"ID card. {_SIDE_EN}")
    text = strip_noise(text)
    _check_digits(text)
    parts = _split(text)
    if len(parts) < 7:
        raise _fail("layout",
                    "Đây không phải mã QR trên thẻ căn cước gắn chip (cần ít nhất 7 phần cách nhau "
                    f"bởi dấu |, đọc được {len(parts)}). {_SIDE_VI}",
                    "This is not the QR code of a chip ID card (at least 7 parts separated by |; "
                    f"{len(parts)} read). {_SIDE_EN}")
    id_number, old, name, birth, sex_text, address, issue = parts[:7]
    if not re.fullmatch(r"[0-9]{12}", id_number):
        raise _fail("id_number", f"Mã QR: số định danh “{_clip(id_number)}” phải gồm 12 chữ số. "
                                 + _SIDE_VI,
                    f"QR code: the ID number “{_clip(id_number)}” must have 12 digits. " + _SIDE_EN)
    lengths = tuple(layout()["old_id_digits"])
    if old and not (_ASCII_DIGITS.fullmatch(old) and len(old) in lengths):
        raise _fail("old_id", f"Mã QR: số CMND/số định danh cũ “{_clip(old)}” phải gồm 9 hoặc 12 "
                              "chữ số. " + _SIDE_VI,
                    f"QR code: the old ID number “{_clip(old)}” must have 9 or 12 digits. "
                    + _SIDE_EN)
    name = re.sub(r"\s+", " ", name)
    if not name:
        raise _fail("name", "Mã QR: thiếu họ tên. " + _SIDE_VI,
                    "QR code: the name is missing. " + _SIDE_EN)
    address = re.sub(r"\s+", " ", address)
    lost = lost_diacritics(name, address)
    if lost is None and (_REPLACED.search(sex_text) or sex_text in ("N", "n")):
        lost = sex_text  # "Nữ" with its "ữ" dropped
    if lost is not None:
        raise _fail(
            "diacritics",
            f"Mã QR đọc được đã mất dấu tiếng Việt (“{_clip(lost)}”): máy quét đang gửi chữ không "
            "dấu. Hãy đặt máy quét ở chế độ gửi ký tự Unicode (hoặc chế độ bàn phím hỗ trợ tiếng "
            "Việt) rồi quét lại mặt có mã QR; hoặc nhập thông tin bằng tay.",
            f"The QR code was read without its Vietnamese letters (“{_clip(lost)}”): the scanner "
            "is sending unaccented text. Set it to send Unicode characters and scan the side "
            "with the QR code again, or type the details in.")
    sex = _fold(sex_text)
    if sex not in ("nam", "nu"):
        raise _fail("sex", f"Mã QR: giới tính “{_clip(sex_text)}” phải là Nam hoặc Nữ. " + _SIDE_VI,
                    f"QR code: the sex “{_clip(sex_text)}” must be Nam or Nữ. " + _SIDE_EN)
    birth_date = _date(birth, "ngày sinh", "birth date")
    issue_date = _date(issue, "ngày cấp", "issue date") if issue else None
    today = today or vn_today()
    if birth_date > today:
        raise _fail("birth_future",
                    f"Mã QR: ngày sinh {birth_date:%d/%m/%Y} ở sau hôm nay: mã đọc sai. " + _SIDE_VI,
                    f"QR code: the birth date {birth_date:%d/%m/%Y} is after today: misread. "
                    + _SIDE_EN)
    if issue_date is not None and issue_date < birth_date:
        raise _fail("issue_order",
                    f"Mã QR: ngày cấp {issue_date:%d/%m/%Y} ở trước ngày sinh {birth_date:%d/%m/%Y}: "
                    "mã đọc sai. " + _SIDE_VI,
                    f"QR code: the issue date {issue_date:%d/%m/%Y} is before the birth date "
                    f"{birth_date:%d/%m/%Y}: misread. " + _SIDE_EN)
    if issue_date is not None and issue_date > today:
        raise _fail("issue_future",
                    f"Mã QR: ngày cấp {issue_date:%d/%m/%Y} ở sau hôm nay: mã đọc sai. " + _SIDE_VI,
                    f"QR code: the issue date {issue_date:%d/%m/%Y} is after today: misread. "
                    + _SIDE_EN)
    return _with_extras(CccdData(
        id_number=id_number, old_id_number=old or None, full_name=name, birth_date=birth_date,
        sex=sex, address=address, issue_date=issue_date), parts[7:])


def _with_extras(data: CccdData, extras: list[str]) -> CccdData:
    """Read what is recognised after the seventh field; keep all of it as read."""
    if not extras:
        return data
    names: list[str] = []
    ids: list[str] = []
    expiry: dt.date | None = None
    for field in extras:
        if _DATE.fullmatch(field):
            try:
                day = dt.date(int(field[4:]), int(field[2:4]), int(field[:2]))
            except ValueError:
                continue
            if expiry is None and day > (data.issue_date or data.birth_date):
                expiry = day
        elif _ASCII_DIGITS.fullmatch(field) and len(field) in (9, 12):
            ids.append(field)
        elif _NAME_CHARS.fullmatch(field) and lost_diacritics(field) is None:
            names.append(re.sub(r"\s+", " ", field))
    roles = dict(zip(layout()["extra_names"], names, strict=False))
    return CccdData(
        **{**data.__dict__, "expiry_date": expiry, "father_name": roles.get("father_name"),
           "mother_name": roles.get("mother_name"), "spouse_name": roles.get("spouse_name"),
           "other_ids": tuple(ids), "extra_fields": tuple(extras)})


__all__ = ["CccdData", "QrError", "layout", "looks_like_qr", "lost_diacritics", "max_length",
           "parse_cccd_qr", "payload_start", "repair_mojibake", "strip_noise"]
