"""How the result of a dossier reaches the person (hình thức nhận kết quả) — Qt-free.

The national portal asks it with every online dossier: at the counter, by public post to an
address, or online (the electronic result) for the procedures that provide it. The answer is
part of the dossier's answers (``delivery.method`` and, for the post, ``delivery.address``), so
it travels with them — drafts, the queue, the portal's checks, a supplement — and the
confirmation and the receipt (Mẫu 01, line "Đăng ký nhận kết quả tại") say the chosen way.

Sources: Nghị định 61/2018/NĐ-CP Art. 8 (results returned at the one-stop unit, by public post
or online); Nghị định 43/2011/NĐ-CP and 42/2022/NĐ-CP Art. 11 (an electronic result belongs to
level 4 / toàn trình); the commune's one-stop unit since 1/7/2025 is its "Trung tâm Phục vụ
hành chính công" (Nghị định 118/2025/NĐ-CP Art. 7(3)).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dvc_core.rules import FieldSpec
from dvc_core.units import ONE_STOP_UNIT

METHOD = "delivery.method"
ADDRESS = "delivery.address"
FIELD_IDS = (METHOD, ADDRESS)
SECTION_ID = "delivery"
SECTION_TITLE = "Nhận kết quả"

#: The way results are received, in the order the national portal offers them.
WAYS = ("counter", "post", "online")

#: The choice as the form shows it (the national portal's words, UNCONFIRMED verbatim).
CHOICE_LABELS = {
    "counter": f"Nhận trực tiếp tại {ONE_STOP_UNIT}",
    "post": "Nhận qua dịch vụ bưu chính công ích (gửi đến địa chỉ)",
    "online": "Nhận kết quả điện tử (trực tuyến)",
}
METHOD_LABEL = "Hình thức nhận kết quả"
ADDRESS_LABEL = "Địa chỉ nhận kết quả qua bưu chính"


def offered(ways: Sequence[str], level: int) -> tuple[str, ...]:
    """The ways a procedure offers: those its catalog entry lists, online only at level 4."""
    return tuple(w for w in WAYS if w in ways and (w != "online" or level == 4))


def specs(ways: Sequence[str], level: int, *, required: bool = False) -> tuple[FieldSpec, ...]:
    """The two fields of the question, for a procedure offering ``ways`` at ``level``.

    Args:
        required: the choice must be made. The filing wizard asks it (nothing pre-selected);
            the portal and the queue accept a dossier without it (clients older than the
            question, scripted filings), whose receipt leaves the line to be filled by hand.
    """
    ways = offered(ways, level)
    if not ways:
        return ()
    method = FieldSpec(METHOD, METHOD_LABEL, "choice", required,
                       choices=tuple((w, CHOICE_LABELS[w]) for w in ways))
    if "post" not in ways:
        return (method,)
    address = FieldSpec(ADDRESS, ADDRESS_LABEL, "address", True, max_length=200,
                        when={METHOD: "post"},
                        help="Kết quả được gửi đến địa chỉ này; phí bưu chính do người nhận trả "
                             "theo giá của bưu điện")
    return (method, address)


def chosen(fields: Mapping[str, Any] | None) -> str | None:
    """The way chosen in these answers (``counter``, ``post``, ``online``), or None."""
    value = (fields or {}).get(METHOD)
    return value if value in WAYS else None


def _address_text(value: Any) -> str:
    if isinstance(value, Mapping):
        if value.get("text"):
            return str(value["text"])
        try:
            from dvc_core import divisions

            return divisions.format_address(str(value.get("province") or ""),
                                            str(value.get("commune") or ""),
                                            str(value.get("detail") or ""))
        except Exception:  # noqa: BLE001 — a printout shows what it has
            return ", ".join(str(value[k]) for k in ("detail", "commune", "province") if value.get(k))
    return str(value or "")


def describe(fields: Mapping[str, Any] | None, unit: str = "") -> str:
    """The chosen way in one line, as the confirmation and the receipt say it; "" if none.

    Args:
        unit: the receiving unit's full name ("Trung tâm Phục vụ hành chính công xã Thiệu
            Hóa"); the generic name when not known.
    """
    way = chosen(fields)
    if way == "counter":
        return unit or ONE_STOP_UNIT
    if way == "post":
        address = _address_text((fields or {}).get(ADDRESS))
        return "Qua dịch vụ bưu chính công ích" + (f", gửi đến: {address}" if address else "")
    if way == "online":
        return "Trực tuyến: kết quả điện tử gửi vào tài khoản trên Cổng Dịch vụ công"
    return ""


__all__ = ["ADDRESS", "CHOICE_LABELS", "FIELD_IDS", "METHOD", "ONE_STOP_UNIT", "SECTION_ID",
           "SECTION_TITLE", "WAYS", "chosen", "describe", "offered", "specs"]
