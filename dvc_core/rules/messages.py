"""The rules' messages: every problem is a `FieldError` naming the field, with a message in
Vietnamese (default) and English that says how to fix it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "vi": "{label}: chưa nhập. Vui lòng nhập thông tin này.",
        "en": "{label}: missing. Please fill this in.",
    },
    # The wording of "required" for a question answered by choosing (its code stays "required").
    "required_choice": {
        "vi": "{label}: chưa chọn. Vui lòng chọn một câu trả lời.",
        "en": "{label}: not answered. Please choose an answer.",
    },
    "date_format": {
        "vi": "{label}: ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2024.",
        "en": "{label}: not a valid date. Use day/month/year, e.g. 05/03/2024.",
    },
    "date_future": {
        "vi": "{label}: không được là ngày trong tương lai.",
        "en": "{label}: cannot be in the future.",
    },
    "date_too_old": {
        "vi": "{label}: năm phải từ 1900 trở đi.",
        "en": "{label}: the year must be 1900 or later.",
    },
    "year_range": {
        "vi": "{label}: năm không hợp lệ, phải từ 1900 đến năm nay.",
        "en": "{label}: not a valid year; it must be between 1900 and this year.",
    },
    "number": {
        "vi": "{label}: phải là số nguyên từ {min} đến {max}.",
        "en": "{label}: must be a whole number from {min} to {max}.",
    },
    "choice": {
        "vi": "{label}: hãy chọn một trong các giá trị: {choices}.",
        "en": "{label}: choose one of: {choices}.",
    },
    "amount_format": {
        "vi": "{label}: “{value}” không phải số tiền hợp lệ. Tiền đồng không có phần lẻ: nhập số "
              "nguyên, có thể nhóm hàng nghìn bằng dấu chấm, ví dụ 8000, 8.000 hoặc 1.250.000.",
        "en": "{label}: “{value}” is not a valid amount. The đồng has no minor unit: enter a whole "
              "number, optionally grouped in thousands with dots, e.g. 8000, 8.000 or 1.250.000.",
    },
    "text_emoji": {
        "vi": "{label}: có biểu tượng cảm xúc hoặc ký hiệu “{chars}”, ứng dụng ngân hàng không nhận. "
              "Hãy bỏ đi, chỉ dùng chữ, số và dấu câu.",
        "en": "{label}: contains an emoji or symbol “{chars}” that banking apps do not accept. "
              "Remove it; use letters, digits and punctuation only.",
    },
    "text_not_latin": {
        "vi": "{label}: có ký tự “{chars}” không viết được bằng chữ Việt không dấu cho ứng dụng "
              "ngân hàng. Hãy viết lại bằng chữ tiếng Việt.",
        "en": "{label}: contains “{chars}”, which cannot be written as unaccented Latin letters "
              "for banking apps. Write it in Vietnamese.",
    },
    "too_long": {
        "vi": "{label}: dài quá {max} ký tự, hãy rút gọn.",
        "en": "{label}: longer than {max} characters; please shorten it.",
    },
    "person_name": {
        "vi": "{label}: chỉ gồm chữ cái (có dấu) và khoảng trắng, ví dụ Nguyễn Văn An.",
        "en": "{label}: letters (with diacritics) and spaces only, e.g. Nguyễn Văn An.",
    },
    "id_number": {
        "vi": "{label}: số CCCD/định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số).",
        "en": "{label}: a citizen ID has 12 digits (old ID cards: 9 digits).",
    },
    "id_province": {
        "vi": "{label}: 3 chữ số đầu ({prefix}) không phải mã tỉnh hợp lệ.",
        "en": "{label}: the first 3 digits ({prefix}) are not a valid province code.",
    },
    "id_mismatch": {
        "vi": "{label}: chữ số thứ 4–6 không khớp với năm sinh và giới tính đã khai. Hãy kiểm tra lại số CCCD, ngày sinh và giới tính.",
        "en": "{label}: digits 4–6 do not match the birth year and sex given. Check the ID number, birth date and sex.",
    },
    "phone": {
        "vi": "{label}: số điện thoại di động gồm 10 chữ số bắt đầu bằng 0 (ví dụ 0912345678), hoặc +84.",
        "en": "{label}: a mobile number has 10 digits starting with 0 (e.g. 0912345678), or +84.",
    },
    "phone_prefix": {
        "vi": "{label}: đầu số {prefix} không phải đầu số di động Việt Nam.",
        "en": "{label}: {prefix} is not a Vietnamese mobile prefix.",
    },
    "email": {
        "vi": "{label}: địa chỉ thư điện tử không hợp lệ, ví dụ ten@example.vn.",
        "en": "{label}: not a valid e-mail address, e.g. name@example.vn.",
    },
    "text_chars": {
        "vi": "{label}: chứa ký tự điều khiển không hợp lệ.",
        "en": "{label}: contains invalid control characters.",
    },
    "too_deep": {
        "vi": "{label}: lồng nhau quá {max_depth} cấp, không phải một tờ khai hợp lệ.",
        "en": "{label}: nested more than {max_depth} levels; not a valid form.",
    },
    "text_invisible": {
        "vi": "{label}: chứa ký tự ẩn hoặc ký tự đổi chiều hiển thị (như U+202E, U+200B), không được phép. Hãy gõ lại thông tin này.",
        "en": "{label}: contains invisible or direction-changing characters (such as U+202E, U+200B), which are not allowed. Please type it again.",
    },
    "child_before_mother": {
        "vi": "{label}: năm sinh của mẹ phải trước năm sinh của con ít nhất 10 năm.",
        "en": "{label}: the mother's birth year must be at least 10 years before the child's.",
    },
    "child_before_father": {
        "vi": "{label}: năm sinh của cha phải trước năm sinh của con ít nhất 10 năm.",
        "en": "{label}: the father's birth year must be at least 10 years before the child's.",
    },
    "attachment_required": {
        "vi": "{label}: chưa đính kèm tệp. Hãy đính kèm bản quét hoặc ảnh chụp (PDF, JPEG, PNG).",
        "en": "{label}: no file attached. Attach a scan or photo (PDF, JPEG, PNG).",
    },
    "attachment_file": {
        "vi": "{label}: {reason}",
        "en": "{label}: {reason_en}",
    },
    "unknown_component": {
        "vi": "{label}: thủ tục này không có thành phần hồ sơ như vậy.",
        "en": "{label}: this procedure has no such dossier component.",
    },
    "not_supplement": {
        "vi": "{label}: cơ quan giải quyết không yêu cầu bổ sung hồ sơ này, nên không gửi lại được.",
        "en": "{label}: no supplement was requested for this dossier, so it cannot be resubmitted.",
    },
    "not_found": {
        "vi": "{label}: không tìm thấy trên máy này.",
        "en": "{label}: not found on this machine.",
    },
    "withdrawal_pending": {
        "vi": "{label}: đang chờ gửi yêu cầu rút hồ sơ, nên không bổ sung được nữa.",
        "en": "{label}: a withdrawal is waiting to be sent, so it can no longer be supplemented.",
    },
    "not_allowed_now": {
        "vi": "{label}: không thể “{action}” khi hồ sơ đang ở trạng thái “{status}”.",
        "en": "{label}: “{action}” is not possible while the dossier is “{status}”.",
    },
    "action_conflict": {
        "vi": "{label}: {detail} Thao tác cũ không được gửi lại; hãy xem tình trạng mới rồi "
              "quyết định lại.",
        "en": "{label}: {detail} The old action is not sent again; look at the new state and "
              "decide again.",
    },
    "not_component": {
        "vi": "{label}: “{value}” không phải thành phần hồ sơ của thủ tục này. Các thành phần: "
              "{choices}.",
        "en": "{label}: “{value}” is not a component of this procedure. Components: {choices}.",
    },
    "duplicate": {
        "vi": "{label}: “{value}” được nêu hai lần.",
        "en": "{label}: “{value}” is given twice.",
    },
    "result_file_required": {
        "vi": "{label}: trả kết quả trực tuyến cần tệp kết quả điện tử (PDF, JPEG hoặc PNG).",
        "en": "{label}: returning the result online needs the electronic result file "
              "(PDF, JPEG or PNG).",
    },
    "not_withdrawable": {
        "vi": "{label}: hồ sơ đã xử lý xong hoặc đã đóng, không rút được nữa.",
        "en": "{label}: the dossier is finished or closed and can no longer be withdrawn.",
    },
    "unknown_field": {
        "vi": "{label}: trường này không có trong tờ khai của thủ tục.",
        "en": "{label}: this field is not part of the procedure's form.",
    },
    "address": {
        "vi": "{label}: chọn tỉnh/thành phố, xã/phường và ghi số nhà, thôn, xóm.",
        "en": "{label}: choose the province, the commune and write the house number or hamlet.",
    },
    "address_province": {
        "vi": "{label}: mã tỉnh/thành phố “{province}” không có trong danh mục đơn vị hành chính.",
        "en": "{label}: province code “{province}” is not in the list of divisions.",
    },
    "address_province_missing": {
        "vi": "{label}: chưa chọn tỉnh/thành phố.",
        "en": "{label}: the province or city is not chosen.",
    },
    "address_commune_missing": {
        "vi": "{label}: chưa chọn xã/phường thuộc {province}. Gõ vài chữ của tên xã/phường "
              "(có dấu hay không dấu đều được) rồi chọn trong danh sách.",
        "en": "{label}: the commune or ward in {province} is not chosen. Type part of its name "
              "(with or without diacritics) and choose it in the list.",
    },
    "address_commune_unknown": {
        "vi": "{label}: {province} không có xã/phường nào tên “{typed}”. Hãy kiểm tra tên "
              "xã/phường, hoặc tỉnh/thành phố đã chọn.",
        "en": "{label}: {province} has no commune or ward called “{typed}”. Check the "
              "commune's name, or the province chosen.",
    },
    "address_commune_unchosen": {
        "vi": "{label}: “{typed}” khớp với {count} xã/phường thuộc {province}. Hãy chọn một "
              "xã/phường trong danh sách.",
        "en": "{label}: “{typed}” matches {count} communes or wards in {province}. Choose one "
              "in the list.",
    },
    "address_commune": {
        "vi": "{label}: xã/phường đã chọn không thuộc {province}. Hãy chọn lại xã/phường.",
        "en": "{label}: the commune chosen is not in {province}. Choose the commune again.",
    },
    "address_detail": {
        "vi": "{label}: ghi số nhà, đường phố hoặc thôn, xóm (phần trước tên xã/phường).",
        "en": "{label}: write the house number, street or hamlet (before the commune's name).",
    },
    "date_order": {
        "vi": "{label}: phải sau {other}. Hãy kiểm tra lại hai ngày này.",
        "en": "{label}: must be after {other}. Check both dates.",
    },
    "group_count": {
        "vi": "{label}: cần từ {min} đến {max} mục.",
        "en": "{label}: needs {min} to {max} entries.",
    },
    "group_items": {
        "vi": "{label}: dữ liệu phải là một danh sách các mục.",
        "en": "{label}: must be a list of entries.",
    },
    "id_mismatch_year": {
        "vi": "{label}: chữ số thứ 4–6 của số định danh không khớp với năm sinh đã khai. Hãy kiểm tra lại.",
        "en": "{label}: digits 4–6 of the ID number do not match the birth year given. Check them.",
    },
    "too_young": {
        "vi": "{label}: người này phải đủ {years} tuổi.",
        "en": "{label}: this person must be at least {years} years old.",
    },
    "not_object": {
        "vi": "{label}: dữ liệu phải là một đối tượng JSON (dạng {{\"tên\": \"giá trị\"}}).",
        "en": "{label}: must be a JSON object (like {{\"name\": \"value\"}}).",
    },
    "password_policy": {
        "vi": "{label}: cần ít nhất 8 ký tự, gồm chữ thường, chữ hoa, chữ số và ký tự đặc biệt "
              "(ví dụ: Hoa@2026x).",
        "en": "{label}: at least 8 characters with lower case, upper case, a digit and a special "
              "character (e.g. Hoa@2026x).",
    },
    "password_common": {
        "vi": "{label}: mật khẩu này quá phổ biến (có trong danh sách mật khẩu hay bị đoán hoặc "
              "đã bị lộ), kể cả khi thêm chữ số hay ký hiệu ở đầu hoặc cuối. Hãy chọn mật khẩu "
              "khác, khó đoán hơn.",
        "en": "{label}: this password is too common (it is on a list of often-guessed or leaked "
              "passwords), even with digits or symbols added at its start or end. Choose "
              "another, harder to guess.",
    },
    "password_mismatch": {
        "vi": "{label}: hai lần nhập mật khẩu chưa giống nhau.",
        "en": "{label}: the two passwords are not the same.",
    },
}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field.

    Attributes:
        field: dotted id of the field (``child.birth_date``, ``applicant.phone``).
        label: the field's Vietnamese label, as the form shows it.
        code: machine-readable reason (a key of the message table).
        params: values substituted in the message.
    """

    field: str
    label: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        key = "required_choice" if self.code == "required" and self.params.get("choice") \
            else self.code
        params = {k: v for k, v in self.params.items() if k != "choice"}
        template = _MESSAGES[key].get(lang) or _MESSAGES[key]["vi"]
        return template.format(label=self.label, **params)

    def to_json(self, lang: str = "vi") -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message(lang)}


class ValidationFailed(ValueError):
    """Raised when a document does not pass the rules; carries every error, not just the first."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.message() for e in errors))
        self.errors = errors
