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


def ascii_purpose(text: str) -> str:
    """Bank apps take unaccented text: "Lệ phí khai sinh" → "Le phi khai sinh"."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", folded).strip()


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
    if not re.fullmatch(r"\d{6}", bin_):
        errors.append(FieldError("bin", "Mã BIN ngân hàng (6 chữ số)", "number",
                                 {"min": 100000, "max": 999999}))
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account):
        errors.append(FieldError("account", "Số tài khoản nhận", "text_chars"))
    try:
        value = int(str(amount).replace(".", "").replace(",", "").strip())
    except ValueError:
        value = 0
    if not 0 < value <= 9_999_999_999:
        errors.append(FieldError("amount", "Số tiền (đồng)", "number",
                                 {"min": 1, "max": 9_999_999_999}))
    text = ascii_purpose(purpose or "")
    if not text:
        errors.append(FieldError("purpose", "Nội dung chuyển khoản", "required"))
    elif len(text) > PURPOSE_MAX or not text.isascii() or not text.isprintable():
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
