"""Dossier statuses and the allowed transitions between them — the one table the portal obeys.

Status codes follow the Thanh Hóa one-stop system (DOMAIN.md). A transition names the action
an API caller sends, the statuses it may start from, the status it leads to, and who may do
it. ``owner`` means the account that filed the dossier, whatever its role.
"""

from __future__ import annotations

from dataclasses import dataclass

MOI_DANG_KY = 1
DUOC_TIEP_NHAN = 2
KHONG_DUOC_TIEP_NHAN = 3
DANG_XU_LY = 4
YEU_CAU_BO_SUNG = 5
YEU_CAU_NGHIA_VU_TAI_CHINH = 6
CONG_DAN_RUT_HO_SO = 7
DUNG_XU_LY = 8
DA_XU_LY_XONG = 9
DA_TRA_KET_QUA = 10

STATUS_TEXT: dict[int, str] = {
    MOI_DANG_KY: "Mới đăng ký",
    DUOC_TIEP_NHAN: "Được tiếp nhận",
    KHONG_DUOC_TIEP_NHAN: "Không được tiếp nhận",
    DANG_XU_LY: "Đang xử lý",
    YEU_CAU_BO_SUNG: "Yêu cầu bổ sung giấy tờ",
    YEU_CAU_NGHIA_VU_TAI_CHINH: "Yêu cầu thực hiện nghĩa vụ tài chính",
    CONG_DAN_RUT_HO_SO: "Công dân yêu cầu rút hồ sơ",
    DUNG_XU_LY: "Dừng xử lý",
    DA_XU_LY_XONG: "Đã xử lý xong",
    DA_TRA_KET_QUA: "Đã trả kết quả",
}

NOT_SUBMITTED_TEXT = "Chưa nộp"

#: Statuses in which the applicant may replace the dossier's content with PUT.
EDITABLE = frozenset({None, YEU_CAU_BO_SUNG})

OFFICER_ROLES = frozenset({"officer", "admin"})


@dataclass(frozen=True)
class Transition:
    """One allowed move.

    Attributes:
        action: the name API callers send (``receive``, ``refuse`` …).
        sources: statuses it may start from.
        target: the status it leads to.
        roles: roles allowed to do it; ``owner`` is the dossier's own filer.
        note_required: a reason must be given (refusal, supplement request, stop).
        label: Vietnamese name shown in history.
        api: whether ``POST /dossiers/{uuid}/actions`` accepts it (resubmission goes through
            ``PUT`` + ``submit`` instead).
    """

    action: str
    sources: frozenset[int]
    target: int
    roles: frozenset[str]
    note_required: bool = False
    label: str = ""
    api: bool = True


def _t(action: str, sources: set[int], target: int, roles: set[str], label: str,
       note_required: bool = False, api: bool = True) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), note_required, label, api)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t("receive", {MOI_DANG_KY}, DUOC_TIEP_NHAN, OFFICER_ROLES, "Tiếp nhận hồ sơ"),
        _t("refuse", {MOI_DANG_KY}, KHONG_DUOC_TIEP_NHAN, OFFICER_ROLES, "Từ chối tiếp nhận",
           note_required=True),
        _t("start", {DUOC_TIEP_NHAN}, DANG_XU_LY, OFFICER_ROLES, "Bắt đầu xử lý"),
        _t("request_supplement", {DUOC_TIEP_NHAN, DANG_XU_LY}, YEU_CAU_BO_SUNG, OFFICER_ROLES,
           "Yêu cầu bổ sung giấy tờ", note_required=True),
        _t("resubmit", {YEU_CAU_BO_SUNG}, MOI_DANG_KY, {"owner"}, "Nộp lại hồ sơ đã bổ sung",
           api=False),
        _t("fee_required", {DANG_XU_LY}, YEU_CAU_NGHIA_VU_TAI_CHINH, OFFICER_ROLES,
           "Yêu cầu thực hiện nghĩa vụ tài chính"),
        _t("fee_paid", {YEU_CAU_NGHIA_VU_TAI_CHINH}, DANG_XU_LY, OFFICER_ROLES,
           "Đã thực hiện nghĩa vụ tài chính"),
        _t("withdraw", {MOI_DANG_KY, DUOC_TIEP_NHAN, DANG_XU_LY, YEU_CAU_BO_SUNG,
                        YEU_CAU_NGHIA_VU_TAI_CHINH}, CONG_DAN_RUT_HO_SO, {"owner"},
           "Công dân rút hồ sơ"),
        _t("stop", {DANG_XU_LY}, DUNG_XU_LY, OFFICER_ROLES, "Dừng xử lý", note_required=True),
        _t("finish", {DANG_XU_LY}, DA_XU_LY_XONG, OFFICER_ROLES, "Hoàn thành xử lý"),
        _t("return", {DA_XU_LY_XONG}, DA_TRA_KET_QUA, OFFICER_ROLES, "Trả kết quả"),
    )
}

#: History labels for events that are not transitions.
EVENT_LABELS = {
    "submit": "Nộp hồ sơ",
    "supplement_update": "Cập nhật hồ sơ bổ sung",
    **{a: t.label for a, t in TRANSITIONS.items()},
}


def status_text(status: int | None) -> str:
    """The Vietnamese name of a status (``Chưa nộp`` before the first submission)."""
    return NOT_SUBMITTED_TEXT if status is None else STATUS_TEXT.get(status, str(status))


def allowed_actions(status: int | None, *, is_owner: bool, role: str) -> list[str]:
    """Actions this caller could take now (for worklists and buttons)."""
    out = []
    for t in TRANSITIONS.values():
        if not t.api or status not in t.sources:
            continue
        if role in t.roles or (is_owner and "owner" in t.roles):
            out.append(t.action)
    return out
