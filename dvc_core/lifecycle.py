"""Dossier statuses, the allowed transitions between them — the one table the portal obeys —
and the officer desk's worklists.

Status codes follow the Thanh Hóa one-stop system (DOMAIN.md). A transition names the action
an API caller sends, the statuses it may start from, the status it leads to, and who may do
it. ``owner`` means the account that filed the dossier, whatever its role.
"""

from __future__ import annotations

import datetime as dt
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

#: How a dossier reached the office (the one-stop system's channel codes, DOMAIN.md).
TRUC_TIEP, TRUC_TUYEN, BUU_CHINH = 1, 2, 3
CHANNEL_TEXT: dict[int, str] = {
    TRUC_TIEP: "Trực tiếp",
    TRUC_TUYEN: "Trực tuyến",
    BUU_CHINH: "Qua bưu chính công ích",
}


#: Statuses in which the applicant may replace the dossier's content with PUT.
EDITABLE = frozenset({None, YEU_CAU_BO_SUNG})

OFFICER_ROLES = frozenset({"officer", "admin"})


def channel_of(role: str | None) -> int:
    """The channel of a dossier filed by an account with this role: an officer files at the
    counter (trực tiếp); a citizen, from home or at the commune's kiosk, files online."""
    return TRUC_TIEP if role in OFFICER_ROLES else TRUC_TUYEN


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

#: The actions officers take (``POST /dossiers/{uuid}/actions``), in the table's order.
OFFICER_ACTIONS: tuple[str, ...] = tuple(
    t.action for t in TRANSITIONS.values() if t.api and t.roles & OFFICER_ROLES)

#: Where a submitted dossier stands once its supplement was resubmitted and received again,
#: or further on in the office's hands.
RESUBMITTED = frozenset({MOI_DANG_KY, DUOC_TIEP_NHAN, DANG_XU_LY})

#: History labels for events that are not transitions.
EVENT_LABELS = {
    "submit": "Nộp hồ sơ",
    "supplement_update": "Cập nhật hồ sơ bổ sung",
    "consent": "Người nộp đồng ý cho xử lý dữ liệu cá nhân (Luật 91/2025/QH15)",
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


# --------------------------------------------------------------------------------------------
# Worklists: the officer desk's queues (``dvc worklist QUEUE``, ``GET /worklist?queue=``), as
# predicates over a dossier's status, its due date and the moment asked about.

#: Statuses in which the office holds the dossier and owes the applicant an answer by its due
#: date. While a supplement is asked for or a fee is owed the applicant holds it (a resubmitted
#: supplement gets a new due date), and closed dossiers owe nothing.
ON_THE_CLOCK = frozenset({MOI_DANG_KY, DUOC_TIEP_NHAN, DANG_XU_LY, DA_XU_LY_XONG})

#: How close the due date is when a dossier enters ``toi_han``.
DUE_SOON = dt.timedelta(days=1)


@dataclass(frozen=True)
class Worklist:
    """One queue of the officer desk: dossiers in one of ``statuses`` and, for the timed
    queues, with a due date in a window around now.

    Written as data, so a SQL filter (``status IN … AND due_at >= … AND due_at < …``) can be
    built from the same definition the app's :meth:`contains` reads.

    Attributes:
        name: the stable queue name (``cho_tiep_nhan`` …).
        label: its Vietnamese name.
        statuses: the statuses it holds.
        due: ``None`` (any due date), ``"soon"`` (due within :data:`DUE_SOON`, not yet late)
            or ``"late"`` (past due).
    """

    name: str
    label: str
    statuses: frozenset[int]
    due: str | None = None

    def window(self, now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The due dates this queue holds at ``now``, as ``[start, end)``; None: no bound."""
        if self.due == "soon":
            return now, now + DUE_SOON
        if self.due == "late":
            return None, now
        return None, None

    def contains(self, status: int | None, due_at: dt.datetime | None, now: dt.datetime) -> bool:
        """Whether a dossier with this status and due date (aware datetimes) belongs here."""
        if status not in self.statuses:
            return False
        if self.due is None:
            return True
        start, end = self.window(now)
        return (due_at is not None and (start is None or start <= due_at)
                and (end is None or due_at < end))


def _w(name: str, label: str, statuses: set[int] | frozenset[int], due: str | None = None
       ) -> Worklist:
    return Worklist(name, label, frozenset(statuses), due)


#: The desk's worklists, in the order it lists them. A dossier may be in several (a received
#: dossier due in an hour is in ``moi_tiep_nhan`` and ``toi_han``).
WORKLISTS: dict[str, Worklist] = {
    w.name: w
    for w in (
        _w("cho_tiep_nhan", "Chờ tiếp nhận", {MOI_DANG_KY}),
        _w("moi_tiep_nhan", "Mới tiếp nhận", {DUOC_TIEP_NHAN}),
        _w("cho_bo_sung", "Chờ bổ sung", {YEU_CAU_BO_SUNG}),
        _w("dang_xu_ly", "Đang xử lý", {DANG_XU_LY}),
        _w("cho_thu_phi", "Chờ thực hiện nghĩa vụ tài chính", {YEU_CAU_NGHIA_VU_TAI_CHINH}),
        _w("cho_tra_ket_qua", "Chờ trả kết quả", {DA_XU_LY_XONG}),
        _w("toi_han", "Tới hạn", ON_THE_CLOCK, "soon"),
        _w("qua_han", "Quá hạn", ON_THE_CLOCK, "late"),
        _w("da_tra", "Đã trả kết quả", {DA_TRA_KET_QUA}),
    )
}


def due_soon(status: int | None, due_at: dt.datetime | None, now: dt.datetime) -> bool:
    """``toi_han``: on the clock and due within :data:`DUE_SOON` from ``now``, not yet late."""
    return WORKLISTS["toi_han"].contains(status, due_at, now)


def overdue(status: int | None, due_at: dt.datetime | None, now: dt.datetime) -> bool:
    """``qua_han``: on the clock and its due date has passed."""
    return WORKLISTS["qua_han"].contains(status, due_at, now)


def in_worklist(queue: str, status: int | None, due_at: dt.datetime | None,
                now: dt.datetime) -> bool:
    """Whether a dossier belongs in worklist ``queue``; ``KeyError`` for an unknown name."""
    return WORKLISTS[queue].contains(status, due_at, now)


def worklists_of(status: int | None, due_at: dt.datetime | None,
                 now: dt.datetime) -> list[str]:
    """Every worklist a dossier belongs in now, in the desk's order."""
    return [name for name, w in WORKLISTS.items() if w.contains(status, due_at, now)]
