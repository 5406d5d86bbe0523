"""The fee of a dossier and its level-4 payment: what is owed (the kernel's rules), the
commune's bank account (the data folder's settings), the VietQR code a citizen scans with any
Vietnamese banking app, and the officer's record that it was paid.

The QR carries the NAPAS EMVCo payload of :mod:`app.services.payments` (transfer to an
account, the amount in đồng) with the dossier's official code as the purpose, so the officer
matches the bank's statement line to the dossier. The payment itself is recorded like every
officer decision: through the outbox (``fee_paid``, status 6 → 4), on the version the officer
saw (:meth:`DossierQueue.queue_officer_action`).

Settings (``settings.json`` in the data folder)::

    "payment_bin": "970415",            the receiving bank's NAPAS BIN, 6 digits
    "payment_account": "113000123456",  the commune's account number
    "payment_account_name": "UBND XA THIEU HOA",  the account holder, as the bank shows it
    "payment_bank": "VietinBank"        optional: the bank's name, printed beside the account
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.services.payments import PURPOSE_MAX, ascii_purpose, check_request, vietqr_payload
from dvc_core.rules import ValidationFailed

SETTINGS_KEYS = ("payment_bin", "payment_account", "payment_account_name", "payment_bank")
_LABELS = {"payment_bin": "Mã BIN ngân hàng nhận (payment_bin)",
           "payment_account": "Số tài khoản nhận (payment_account)",
           "payment_account_name": "Tên chủ tài khoản (payment_account_name)",
           "payment_bank": "Tên ngân hàng (payment_bank)"}


class PaymentSettingsError(ValueError):
    """The settings' bank account cannot be used; ``problems``: (settings key, Vietnamese
    message) for each bad value."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


@dataclass(frozen=True)
class PaymentAccount:
    """The commune's account a fee is paid into."""

    bin: str
    account: str
    name: str
    bank: str = ""

    def describe(self) -> str:
        """``113000123456 — UBND XA THIEU HOA (VietinBank, BIN 970415)``."""
        bank = f"{self.bank}, BIN {self.bin}" if self.bank else f"BIN {self.bin}"
        return f"{self.account} — {self.name} ({bank})"


def check_account(values: Mapping[str, Any]) -> PaymentAccount:
    """The account from settings-like ``values``; every bad value named by its key.

    Raises:
        PaymentSettingsError: a key missing or malformed (messages in Vietnamese).
    """
    problems: list[tuple[str, str]] = []

    def text(key: str) -> str:
        value = values.get(key)
        if value is None:
            return ""
        if not isinstance(value, str | int) or isinstance(value, bool):
            problems.append((key, f"{_LABELS[key]}: phải là một chuỗi ký tự."))
            return ""
        return str(value).strip()

    bin_, account = text("payment_bin"), re.sub(r"[\s.\-]", "", text("payment_account"))
    name, bank = text("payment_account_name"), text("payment_bank")
    if not bin_:
        problems.append(("payment_bin", f"{_LABELS['payment_bin']}: chưa khai báo."))
    elif not re.fullmatch(r"[0-9]{6}", bin_):
        problems.append(("payment_bin", f"{_LABELS['payment_bin']}: phải gồm đúng 6 chữ số "
                         f"(ví dụ 970415), không phải “{bin_[:20]}”."))
    if not account:
        problems.append(("payment_account", f"{_LABELS['payment_account']}: chưa khai báo."))
    elif not re.fullmatch(r"[0-9A-Za-z]{1,19}", account):
        problems.append(("payment_account", f"{_LABELS['payment_account']}: chỉ gồm chữ số "
                         "hoặc chữ cái không dấu, tối đa 19 ký tự."))
    if not name:
        problems.append(("payment_account_name",
                         f"{_LABELS['payment_account_name']}: chưa khai báo."))
    elif len(name) > 70:
        problems.append(("payment_account_name",
                         f"{_LABELS['payment_account_name']}: tối đa 70 ký tự."))
    if len(bank) > 70:
        problems.append(("payment_bank", f"{_LABELS['payment_bank']}: tối đa 70 ký tự."))
    if problems:
        raise PaymentSettingsError(problems)
    return PaymentAccount(bin_, account, name, bank)


def account_from_settings(settings: Mapping[str, Any]) -> PaymentAccount | None:
    """The commune's account, or None when the settings name none at all.

    Raises:
        PaymentSettingsError: an account is set but part of it is missing or malformed.
    """
    if not any(settings.get(k) not in (None, "") for k in SETTINGS_KEYS):
        return None
    return check_account(settings)


def purpose_for(code: str) -> str:
    """The transfer's purpose: the dossier's official code (25 characters at most, what bank
    apps keep); a longer code keeps its tail, the date and the daily number."""
    text = ascii_purpose(code or "")
    return text[-PURPOSE_MAX:] if len(text) > PURPOSE_MAX else text


def payload_for(account: PaymentAccount, amount_vnd: int, code: str) -> str:
    """The VietQR (EMVCo) string for paying ``amount_vnd`` đồng for dossier ``code``.

    Raises:
        ValidationFailed: the amount is not payable (0) or the code is empty.
    """
    request = check_request(account.bin, account.account, amount_vnd, purpose_for(code))
    return vietqr_payload(request)


def takes_online_payment(procedure: Any) -> bool:
    """A level-4 procedure: its fee is paid online, so the desk shows and prints a VietQR."""
    return getattr(procedure, "level", None) == 4


@dataclass(frozen=True)
class FeeDue:
    """What a dossier owes and how to pay it.

    Attributes:
        total_vnd: the amount (0: nothing to pay).
        label: the fee in one line (:func:`dvc_core.fees.fee_summary_vi`).
        payload: the VietQR string, when the procedure is level 4, something is owed and the
            commune's account is set; else "".
        problem: why there is no QR although one is expected (no account set, a bad
            setting), in Vietnamese; else "".
    """

    total_vnd: int
    label: str
    payload: str = ""
    account: PaymentAccount | None = None
    problem: str = ""


def fee_due(procedure: Any, fields: Mapping[str, Any] | None, code: str | None,
            settings: Mapping[str, Any], filed_on: Any = None) -> FeeDue:
    """The fee of a dossier from the kernel's rules, with its VietQR where it applies."""
    from dvc_core.fees import fee_summary_vi

    quote = procedure.quote_fee(dict(fields or {}), filed_on=filed_on)
    label = fee_summary_vi(quote)
    if not quote.total_vnd or not takes_online_payment(procedure):
        return FeeDue(quote.total_vnd, label)
    if not code:
        return FeeDue(quote.total_vnd, label,
                      problem="Hồ sơ chưa có mã hồ sơ: mã thanh toán có sau khi cổng cấp mã.")
    try:
        account = account_from_settings(settings)
    except PaymentSettingsError as exc:
        return FeeDue(quote.total_vnd, label, problem=str(exc))
    if account is None:
        return FeeDue(quote.total_vnd, label, problem=(
            "Chưa khai báo tài khoản nhận phí của xã (payment_bin, payment_account, "
            "payment_account_name trong settings.json)."))
    try:
        payload = payload_for(account, quote.total_vnd, code)
    except ValidationFailed as exc:
        return FeeDue(quote.total_vnd, label, account=account, problem=str(exc))
    return FeeDue(quote.total_vnd, label, payload, account)


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code's dark modules, row by row (for drawing it on screen), with the same
    encoder the printed code uses."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(payload)
    widget.qr.make()
    count = widget.qr.getModuleCount()
    return [[bool(widget.qr.isDark(r, c)) for c in range(count)] for r in range(count)]


def record_fee_paid(actions: Any, dossier_id: str, *, payment: str = "online",
                    expected_version: int | None = None, note: str | None = None) -> Any:
    """Queue the officer's record that the fee was paid (``fee_paid``: status 6 → 4) and how
    (``online``: the VietQR transfer; ``counter``: cash at the desk), checked and sent through
    the outbox like every officer action, on the version the officer saw
    (:meth:`app.services.officer_actions.OfficerActions.act`).

    Raises:
        ValidationFailed: the dossier is not waiting for its fee, or ``payment`` is not a way.
    """
    return actions.act(dossier_id, "fee_paid", note, payment=payment,
                       expected_version=expected_version)
