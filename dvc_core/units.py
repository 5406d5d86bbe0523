"""What the commune's one-stop unit is called, for every text the app and the portal show.

Since 1/7/2025 the unit that receives dossiers and returns results is the commune's *Trung tâm
Phục vụ hành chính công* (NĐ 118/2025/NĐ-CP Art. 7(3), guided by TT 03/2025/TT-VPCP); "Bộ
phận Tiếp nhận và Trả kết quả" and "Bộ phận Một cửa" are its old names.
"""

from __future__ import annotations

import re

ONE_STOP_UNIT = "Trung tâm Phục vụ hành chính công"


def one_stop_unit(commune_name: str | None = None) -> str:
    """``Trung tâm Phục vụ hành chính công xã Thiệu Hóa`` (the level word in lower case, as
    inside a sentence), or the unit's name alone when the commune is unknown."""
    name = (commune_name or "").strip()
    if not name:
        return ONE_STOP_UNIT
    name = re.sub(r"^(Xã|Phường|Đặc khu)\b", lambda m: m.group(1).lower(), name)
    return f"{ONE_STOP_UNIT} {name}"


__all__ = ["ONE_STOP_UNIT", "one_stop_unit"]
