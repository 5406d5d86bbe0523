"""The kiosk's own data rules, Qt-free: the officer's exit PIN, the kiosk settings, the slip.

The exit PIN is set by an officer when the kiosk is provisioned (``dvc kiosk pin``) and kept
only as a salted scrypt hash in ``<data dir>/kiosk_pin.json``; wrong tries are counted in the
same file, so switching the machine off and on does not reset the wait they impose.

The slip is what the citizen takes away: the official code (or the local reference marked as
temporary while the portal has not answered), the procedure, the time limit, where and how the
result is collected, the fee and a QR code for the lookup. Nothing on it names the person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

PIN_FILE = "kiosk_pin.json"
PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
#: scrypt's cost: ~50 ms and 16 MB per try on an office PC, so the file cannot be brute-forced
#: cheaply if it is copied off the machine.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
#: Wrong tries allowed before the first wait; each further wrong try doubles the wait.
FREE_TRIES = 3
FIRST_WAIT_SECONDS = 30
MAX_WAIT_SECONDS = 15 * 60

DEFAULT_IDLE_SECONDS = 120  # the default: two minutes without a touch
MIN_WARNING_SECONDS = 20  # WCAG 2.2.1: at least 20 s to ask for more time
PROVISIONAL_MARK = "tạm thời – chờ gửi"


class PinError(ValueError):
    """A PIN that cannot be set (the message names the field, in Vietnamese)."""


def check_new_pin(pin: str) -> str:
    """The PIN as it will be hashed; raises :class:`PinError` when it is not 6–12 digits."""
    pin = pin.strip()
    if not pin.isdigit() or not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        raise PinError(f"Mã PIN: phải gồm {PIN_MIN_DIGITS} đến {PIN_MAX_DIGITS} chữ số.")
    return pin


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 2**20,
                          dklen=32)


@dataclass(frozen=True)
class PinCheck:
    """The answer to one try: ``ok``; else how many seconds to wait before the next one."""

    ok: bool
    wait_seconds: int = 0
    message: str = ""


class ExitPin:
    """The officer's exit PIN of one data folder.

    Args:
        data_dir: the kiosk's data folder.
        clock: seconds since the epoch (tests move it on instead of sleeping).
    """

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time):
        self.path = Path(data_dir) / PIN_FILE
        self.clock = clock

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)

    @property
    def is_set(self) -> bool:
        return "hash" in self._read()

    def set(self, pin: str) -> None:
        """Set (or replace) the PIN: only its salted scrypt hash is written; tries reset."""
        pin = check_new_pin(pin)
        salt = os.urandom(16)
        self._write({"algorithm": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                     "salt": salt.hex(), "hash": _hash(pin, salt, SCRYPT_N, SCRYPT_R,
                                                       SCRYPT_P).hex(),
                     "failures": 0, "locked_until": 0})

    def wait_seconds(self) -> int:
        """Seconds before another try is accepted (0: now)."""
        left = float(self._read().get("locked_until", 0)) - self.clock()
        return max(0, int(left + 0.999))

    def check(self, pin: str) -> PinCheck:
        """Try a PIN. A try during a wait is refused without being checked."""
        data = self._read()
        if "hash" not in data:
            return PinCheck(False, 0, "Máy chưa được đặt mã PIN của cán bộ (dvc kiosk pin).")
        wait = self.wait_seconds()
        if wait:
            return PinCheck(False, wait, f"Nhập sai nhiều lần. Thử lại sau {wait} giây.")
        try:
            expected = bytes.fromhex(data["hash"])
            got = _hash(pin.strip(), bytes.fromhex(data["salt"]), int(data["n"]),
                        int(data["r"]), int(data["p"]))
        except (KeyError, ValueError, TypeError):
            return PinCheck(False, 0, "Tệp mã PIN bị hỏng: hãy đặt lại bằng dvc kiosk pin.")
        if hmac.compare_digest(expected, got):
            data.update(failures=0, locked_until=0)
            self._write(data)
            return PinCheck(True)
        failures = int(data.get("failures", 0)) + 1
        data["failures"] = failures
        wait = 0
        if failures >= FREE_TRIES:
            wait = min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_TRIES))
            data["locked_until"] = self.clock() + wait
        self._write(data)
        if wait:
            return PinCheck(False, wait, f"Mã PIN không đúng. Thử lại sau {wait} giây.")
        return PinCheck(False, 0, "Mã PIN không đúng.")


# ------------------------------------------------------------------------------- settings
@dataclass(frozen=True)
class KioskSettings:
    """What ``settings.json`` may say about the kiosk (each key optional).

    Attributes:
        idle_seconds: ``kiosk_idle_seconds``, seconds without a touch before the countdown.
        warning_seconds: ``kiosk_warning_seconds``, the countdown (never under 20 s).
        scan_folder: ``kiosk_scan_folder``, the scanner's output folder (default
            ``<data dir>/scans``): the kiosk's own, emptied at the end of every visit so no
            scan of one person is offered to the next.
        document_folders: ``kiosk_document_folders``, other folders files may be taken from,
            read only (a USB stick's mount point): the person takes the stick away.
    """

    idle_seconds: int = DEFAULT_IDLE_SECONDS
    warning_seconds: int = 30
    scan_folder: Path | None = None
    document_folders: tuple[Path, ...] = ()

    @property
    def folders(self) -> tuple[Path, ...]:
        """Every folder documents are taken from: the scanner's first."""
        return ((self.scan_folder,) if self.scan_folder else ()) + self.document_folders

    def empty_scan_folder(self) -> int:
        """Delete the scans a visit left in the scanner's folder; returns how many."""
        if self.scan_folder is None:
            return 0
        removed = 0
        try:
            entries = list(self.scan_folder.iterdir())
        except OSError:
            return 0
        for entry in entries:
            try:
                if entry.is_file() or entry.is_symlink():
                    entry.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    @classmethod
    def from_settings(cls, settings: dict[str, Any], data_dir: Path,
                      policy: Any = None) -> KioskSettings:
        base = cls()
        if policy is not None and policy.idle_timeout:
            base = replace(base, idle_seconds=policy.idle_timeout,
                           warning_seconds=policy.idle_warning or base.warning_seconds)
        idle = _positive(settings.get("kiosk_idle_seconds"), base.idle_seconds)
        warning = max(MIN_WARNING_SECONDS,
                      _positive(settings.get("kiosk_warning_seconds"), base.warning_seconds))
        scans = settings.get("kiosk_scan_folder")
        scan_folder = Path(scans) if isinstance(scans, str) and scans else Path(data_dir) / "scans"
        folders = settings.get("kiosk_document_folders")
        paths = tuple(Path(f) for f in folders) if isinstance(folders, list) and all(
            isinstance(f, str) for f in folders) else ()
        return cls(idle, warning, scan_folder, paths)


def _positive(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else default


# ------------------------------------------------------------------------------- slip
@dataclass(frozen=True)
class KioskSlip:
    """What the citizen takes away; nothing on it names the person.

    ``code`` is the portal's official code once given; until then ``local_ref`` is printed and
    marked :data:`PROVISIONAL_MARK`.
    """

    local_ref: str
    procedure_code: str
    procedure_name: str
    time_limit: str
    collect: str
    fee: str
    code: str | None = None
    status_text: str | None = None
    lookup_hint: str = ""
    filed_at: dt.datetime | None = None

    @property
    def provisional(self) -> bool:
        return not self.code

    @property
    def reference(self) -> str:
        return self.code or self.local_ref

    def with_code(self, code: str, status_text: str | None) -> KioskSlip:
        return replace(self, code=code, status_text=status_text)

    @property
    def qr_payload(self) -> str:
        """What the QR code carries: the reference typed into the lookup (no personal data)."""
        return self.reference

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) rows, in print order."""
        if self.code:
            ref = [("Mã hồ sơ", self.code)]
        else:
            ref = [("Mã tạm", f"{self.local_ref} ({PROVISIONAL_MARK})")]
        rows = ref + [("Thủ tục", self.procedure_name)]
        if self.status_text:
            rows.append(("Trạng thái", self.status_text))
        if self.filed_at is not None:
            from dvc_core.vntime import format_vn

            rows.append(("Nộp lúc", format_vn(self.filed_at)))
        rows += [("Thời hạn giải quyết", self.time_limit or "—"),
                 ("Nhận kết quả", self.collect or "—"), ("Lệ phí", self.fee or "—")]
        if self.lookup_hint:
            rows.append(("Tra cứu", self.lookup_hint))
        return rows

    def text(self) -> str:
        """The slip as plain text (what a receipt printer prints, line by line)."""
        head = "PHIẾU NỘP HỒ SƠ"
        return "\n".join([head] + [f"{label}: {value}" for label, value in self.lines()])




def qr_matrix(value: str) -> list[list[bool]]:
    """The QR code of ``value`` as rows of dark (True) modules, for drawing it anywhere."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(value)
    widget.getBounds()  # encodes
    qr = widget.qr
    count = qr.getModuleCount()
    return [[bool(qr.isDark(r, c)) for c in range(count)] for r in range(count)]


__all__ = ["DEFAULT_IDLE_SECONDS", "PROVISIONAL_MARK", "ExitPin", "KioskSettings", "KioskSlip",
           "PinCheck", "PinError", "check_new_pin", "qr_matrix"]
