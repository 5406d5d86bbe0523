"""VietQR payment payloads (EMVCo merchant-presented QR, NAPAS 247 transfer to an account).

``dvc payment qr`` prints the string a QR code carries so a citizen can pay a fee from any
Vietnamese banking app: the receiving bank's BIN and account, the amount in đồng and a purpose
the officer can match to the dossier (e.g. its official code).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dvc_core.rules import FieldError, ValidationFailed

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
PURPOSE_MAX = 25  # bank apps show and keep at most this many characters


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, initial 0xFFFF), as EMVCo field 63 requires."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"EMVCo field {tag} longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


# Letters that fold to D/d but are not "đ": U+00D0/U+00F0 (Ð ð, what TCVN3 and VNI text often
# becomes after a conversion) and U+0189/U+0256 (Ɖ ɖ); typographic punctuation from word
# processors, which bank apps would drop.
_FOLD = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d", "Ɖ": "D", "ɖ": "d",
                       "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                       "…": "..."})
# Variation selectors, the zero-width joiner and skin-tone modifiers only occur inside emoji.
_EMOJI_PARTS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def ascii_purpose(text: str) -> str:
    """Bank apps take unaccented text: "Lệ phí khai sinh" → "Le phi khai sinh"."""
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", folded).strip()


def _purpose_problem(text: str) -> tuple[str, dict[str, str]] | None:
    """Why a folded purpose cannot go into the QR: an emoji, a non-Latin letter, a control."""
    foreign = [ch for ch in text if not ch.isascii()]
    emoji = [ch for ch in foreign if unicodedata.category(ch).startswith("S")
             or _EMOJI_PARTS.match(ch)]
    if emoji:
        shown = "".join(dict.fromkeys(ch for ch in emoji if not _EMOJI_PARTS.match(ch)))
        return "text_emoji", {"chars": shown[:8] or "\u2753"}
    if foreign:
        return "text_not_latin", {"chars": "".join(dict.fromkeys(foreign))[:8]}
    if not text.isprintable():
        return "text_chars", {}
    return None


#: Plain digits, or Vietnamese thousands groups with dots ("8.000", "1.250.000"). VND has no
#: minor unit, so a decimal comma or point ("8.000,00", "10,5", "1.5") is refused, never read.
_AMOUNT = re.compile(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+")


def parse_amount(text: str | int) -> int | None:
    """The amount in đồng, or None when the text is not a whole number of đồng."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    value = str(text).strip()
    if not _AMOUNT.fullmatch(value):
        return None
    return int(value.replace(".", ""))


@dataclass(frozen=True)
class PaymentRequest:
    bin: str
    account: str
    amount: int
    purpose: str


def check_request(bin_: str, account: str, amount: str | int, purpose: str) -> PaymentRequest:
    """Validate the four inputs; every problem named, in Vietnamese."""
    errors = []
    bin_ = (bin_ or "").strip()
    account = re.sub(r"[\s.\-]", "", account or "")
    if not re.fullmatch(r"[0-9]{6}", bin_):
        errors.append(FieldError("bin", "Mã BIN ngân hàng (6 chữ số)", "number",
                                 {"min": 100000, "max": 999999}))
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account):
        errors.append(FieldError("account", "Số tài khoản nhận", "text_chars"))
    value = parse_amount(amount)
    if value is None:
        shown = str(amount).strip()
        errors.append(FieldError("amount", "Số tiền (đồng)", "amount_format",
                                 {"value": shown if len(shown) <= 24 else shown[:23] + "…"}))
    elif not 0 < value <= 9_999_999_999:
        errors.append(FieldError("amount", "Số tiền (đồng)", "number",
                                 {"min": 1, "max": "9.999.999.999"}))
    text = ascii_purpose(purpose or "")
    problem = _purpose_problem(text)
    if not text:
        errors.append(FieldError("purpose", "Nội dung chuyển khoản", "required"))
    elif problem is not None:
        errors.append(FieldError("purpose", "Nội dung chuyển khoản", problem[0], problem[1]))
    elif len(text) > PURPOSE_MAX:
        errors.append(FieldError("purpose", "Nội dung chuyển khoản", "too_long",
                                 {"max": PURPOSE_MAX}))
    if errors:
        raise ValidationFailed(errors)
    return PaymentRequest(bin_, account, value, text)


def vietqr_payload(request: PaymentRequest) -> str:
    """The EMVCo string: dynamic QR (amount set), NAPAS transfer to an account, VND, VN."""
    beneficiary = _tlv("00", request.bin) + _tlv("01", request.account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TO_ACCOUNT)
    body = (
        _tlv("00", "01")
        + _tlv("01", "12")
        + _tlv("38", merchant)
        + _tlv("53", "704")
        + _tlv("54", str(request.amount))
        + _tlv("58", "VN")
        + _tlv("62", _tlv("08", request.purpose))
        + "6304"
    )
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"


def parse_tlv(payload: str) -> dict[str, str]:
    """Top-level EMVCo fields of a payload (for tests and for reading a scanned code)."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(payload):
        tag, length = payload[i:i + 2], int(payload[i + 2:i + 4])
        fields[tag] = payload[i + 4:i + 4 + length]
        i += 4 + length
    return fields
