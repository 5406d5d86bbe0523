"""The kiosk's 80 mm receipt printer, opened from ``settings.json`` — Qt-free.

``"kiosk_printer"`` names the printer and how it is connected (python-escpos, the optional
``kiosk`` extra):

| value | printer |
|---|---|
| ``"file:/dev/usb/lp0"`` | a device file (Linux's USB printer class driver) |
| ``"usb:04b8:0202"`` | USB vendor and product id, in hexadecimal (libusb) |
| ``"serial:/dev/ttyUSB0"`` | a serial port (9600 baud) |
| ``"network:192.168.1.50"`` or ``"network:192.168.1.50:9100"`` | a printer on the commune's network (raw port 9100) |
| ``"windows:POS-80"`` | a Windows printer by its name, sent raw |

API::

    printer = from_settings(settings)   # a ThermalPrinter, or None when not configured
    printer.print_slip(slip)            # app.services.kiosk.KioskSlip; raises SlipPrinterError

The slip carries no personal data (the code, the procedure, the dates, the fee), so a network
printer receives nothing about the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.services.slip import print_escpos

if TYPE_CHECKING:
    from app.services.kiosk import KioskSlip

KINDS = ("file", "usb", "serial", "network", "windows")


class SlipPrinterError(RuntimeError):
    """The printer setting is wrong, or the printer could not be reached (Vietnamese text)."""


def _printer(setting: str) -> Any:
    kind, _, where = setting.partition(":")
    if kind not in KINDS or not where:
        raise SlipPrinterError(
            f"kiosk_printer: “{setting}” không đúng dạng (file:…, usb:VID:PID, serial:…, "
            "network:MÁY[:CỔNG], windows:TÊN).")
    try:
        from escpos import printer as escpos
    except ImportError as exc:
        raise SlipPrinterError("Chưa cài python-escpos (gói tùy chọn kiosk) để in phiếu.") \
            from exc
    needs = {"usb": ("Usb", "pyusb"), "serial": ("Serial", "pyserial"),
             "windows": ("Win32Raw", "pywin32")}
    if kind in needs:
        name, package = needs[kind]
        if not getattr(escpos, name).is_usable():
            raise SlipPrinterError(f"kiosk_printer: máy in {kind} cần gói {package} "
                                   "(cài gói tùy chọn kiosk: pip install \"dvc-desk[kiosk]\").")
    if kind == "file":
        return escpos.File(where)
    if kind == "serial":
        return escpos.Serial(where)
    if kind == "windows":
        return escpos.Win32Raw(where)
    if kind == "network":
        host, _, port = where.rpartition(":") if where.count(":") == 1 else (where, "", "")
        try:
            return escpos.Network(host or where, int(port) if port else 9100)
        except ValueError as exc:
            raise SlipPrinterError(f"kiosk_printer: cổng “{port}” không phải là số.") from exc
    vendor, _, product = where.partition(":")
    try:
        return escpos.Usb(int(vendor, 16), int(product, 16))
    except ValueError as exc:
        raise SlipPrinterError(
            f"kiosk_printer: “{where}” không phải mã USB dạng 04b8:0202.") from exc


class ThermalPrinter:
    """One configured receipt printer; opened for each slip and closed after it."""

    def __init__(self, setting: str) -> None:
        self.setting = setting
        _printer(setting)  # a wrong setting is reported now, not at the first visit's end

    def print_slip(self, slip: KioskSlip) -> None:
        printer = _printer(self.setting)
        try:
            print_escpos(slip, printer)
        except SlipPrinterError:
            raise
        except Exception as exc:  # noqa: BLE001 — escpos raises many kinds; the kiosk says one
            raise SlipPrinterError(f"Máy in phiếu không in được: {exc}") from exc
        finally:
            try:
                printer.close()
            except Exception:  # noqa: BLE001 — closing a printer that never opened
                pass


def from_settings(settings: dict[str, Any]) -> ThermalPrinter | None:
    """The printer ``settings["kiosk_printer"]`` names, or None when it names none."""
    setting = settings.get("kiosk_printer")
    if not isinstance(setting, str) or not setting.strip():
        return None
    return ThermalPrinter(setting.strip())


__all__ = ["SlipPrinterError", "ThermalPrinter", "from_settings"]
