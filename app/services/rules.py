"""Form rules shared by the wizard, the `dvc` command line and the portal.

One Qt-free module: the app validates a dossier before it is queued and the portal validates
it again on arrival with the very same code, so the two can never disagree.

Every problem is a `FieldError` naming the field (its dotted id and its human label) with a
message in Vietnamese (default) and English that says how to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------------------------
# Messages

_MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "vi": "{label}: chưa nhập. Vui lòng nhập thông tin này.",
        "en": "{label}: missing. Please fill this in.",
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
        template = _MESSAGES[self.code].get(lang) or _MESSAGES[self.code]["vi"]
        return template.format(label=self.label, **self.params)

    def to_json(self, lang: str = "vi") -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message(lang)}


class ValidationFailed(ValueError):
    """Raised when a document does not pass the rules; carries every error, not just the first."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.message() for e in errors))
        self.errors = errors


# --------------------------------------------------------------------------------------------
# Normalisation


_BLANKS = re.compile(r"[ \t\u00a0]+")


def nfc(value: str) -> str:
    """Unicode NFC with surrounding blanks removed and inner runs of spaces folded."""
    # Fast path for text that is already clean (catalog data, most answers): no copy made.
    if (unicodedata.is_normalized("NFC", value) and "  " not in value and "\t" not in value
            and "\u00a0" not in value and value == value.strip()):
        return value
    return _BLANKS.sub(" ", unicodedata.normalize("NFC", value)).strip()


def normalize_tree(value: Any) -> Any:
    """NFC-normalise every string in a JSON-like tree (dict keys too)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, Mapping):
        return {nfc(str(k)): normalize_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize_tree(v) for v in value]
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# --------------------------------------------------------------------------------------------
# Single-value validators. Each returns (normalised value, error code, params) — error None if ok.

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),  # ISO, as stored
)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def parse_date(text: str) -> dt.date | None:
    """Parse ``dd/mm/yyyy`` (as people type it) or ``yyyy-mm-dd`` (as stored). None if invalid."""
    text = nfc(text)
    m = _DMY.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        for pattern in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def format_date_vi(value: dt.date | str) -> str:
    """``2024-03-05`` → ``05/03/2024``."""
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is None:
            return value
        value = parsed
    return value.strftime("%d/%m/%Y")


# Province codes of the 63 pre-2025 provinces as used in CCCD numbers (digits 1–3).
PROVINCE_CODES = frozenset(
    {
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019",
        "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036",
        "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054",
        "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    }
)  # fmt: skip

MOBILE_PREFIXES = frozenset(
    {
        # Viettel
        "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
        # VinaPhone
        "088", "091", "094", "081", "082", "083", "084", "085",
        # MobiFone
        "089", "090", "093", "070", "076", "077", "078", "079",
        # Vietnamobile, Gmobile, Itelecom (092, 052 and 099 are older Vietnamobile/Gmobile
        # prefixes still in use; 055 and 087 were opened later)
        "056", "058", "059", "092", "052", "099", "055", "087",
    }
)  # fmt: skip


def normalize_phone(text: str) -> str:
    """Strip spaces, dots and dashes; turn +84 / 84 into a leading 0."""
    digits = re.sub(r"[\s.\-()]", "", nfc(text))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def check_phone(text: str) -> tuple[str, str | None, dict[str, Any]]:
    phone = normalize_phone(text)
    if not re.fullmatch(r"0\d{9}", phone):
        return phone, "phone", {}
    if phone[:3] not in MOBILE_PREFIXES:
        return phone, "phone_prefix", {"prefix": phone[:3]}
    return phone, None, {}


def check_id_number(
    text: str, birth_date: dt.date | int | None = None, sex: str | None = None
) -> tuple[str, str | None, dict[str, Any]]:
    """A 12-digit CCCD (checked against birth year and sex when given) or a 9-digit CMND.

    ``birth_date`` may be a date or just a year; with a year and no sex only the century and
    year digits are compared (``id_mismatch_year``).
    """
    value = re.sub(r"\s", "", nfc(text))
    if re.fullmatch(r"\d{9}", value):
        return value, None, {}
    if not re.fullmatch(r"\d{12}", value):
        return value, "id_number", {}
    if value[:3] not in PROVINCE_CODES:
        return value, "id_province", {"prefix": value[:3]}
    if birth_date is not None:
        birth_year = birth_date if isinstance(birth_date, int) else birth_date.year
        century_digit = int(value[3])
        century = 1900 + 100 * (century_digit // 2)
        is_female = century_digit % 2 == 1
        year = century + int(value[4:6])
        if sex in ("nam", "nu"):
            if century_digit > 5 or year != birth_year or is_female != (sex == "nu"):
                return value, "id_mismatch", {}
        elif century_digit > 5 or year != birth_year:
            return value, "id_mismatch_year", {}
    return value, None, {}


_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")


# --------------------------------------------------------------------------------------------
# Schema-driven validation

FIELD_KINDS = frozenset({
    "text", "person_name", "date", "year", "id_number", "phone", "email", "choice", "yes_no",
    "number", "address", "group",
})


@dataclass(frozen=True)
class FieldSpec:
    """One field of a declaration form, as the catalog describes it."""

    id: str
    label: str
    kind: str = "text"  # one of FIELD_KINDS
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    min: int | None = None
    max: int | None = None
    max_length: int = 200
    default: Any = None
    when: Mapping[str, Any] | None = None  # shown and checked only when other fields hold values
    state_held: bool = False  # the state already holds this (prefilled from identity data)
    help: str = ""
    in_words: bool = False  # a date the Tờ khai also writes in words
    min_age: int | None = None  # a birth date: the person must be at least this old
    items: tuple[FieldSpec, ...] = ()  # a repeatable group: the fields of one entry
    min_items: int = 0
    max_items: int = 20
    item_label: str = ""  # "Giấy tờ" → "Giấy tờ 1", "Giấy tờ 2"
    after: str | None = None  # a date that must be later than this other field's date or year

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldSpec:
        return cls(
            id=data["id"],
            label=data["label"],
            kind=data.get("kind", "text"),
            required=bool(data.get("required", False)),
            choices=tuple((c["value"], c["label"]) for c in data.get("choices", ())),
            min=data.get("min"),
            max=data.get("max"),
            max_length=int(data.get("max_length", 200)),
            default=data.get("default"),
            when=data.get("when"),
            state_held=bool(data.get("state_held", False)),
            help=data.get("help", ""),
            in_words=bool(data.get("in_words", False)),
            min_age=data.get("min_age"),
            items=tuple(cls.from_json(item) for item in data.get("items", ())),
            min_items=int(data.get("min_items", 1 if data.get("required") else 0)),
            max_items=int(data.get("max_items", 20)),
            item_label=data.get("item_label", ""),
            after=data.get("after"),
        )

    def active(self, values: Mapping[str, Any]) -> bool:
        """Whether the field applies, given the other answers (e.g. father's details when known)."""
        if not self.when:
            return True
        return all(values.get(k) == v for k, v in self.when.items())


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not nfc(value))


def check_value(spec: FieldSpec, value: Any, today: dt.date | None = None) -> tuple[Any, FieldError | None]:
    """Validate and normalise one answer. Blank optional answers come back as None."""
    today = today or dt.date.today()

    def err(code: str, **params: Any) -> tuple[Any, FieldError]:
        return value, FieldError(spec.id, spec.label, code, params)

    if _is_blank(value):
        return (None, err("required")[1]) if spec.required else (None, None)

    kind = spec.kind
    if kind == "address":
        return _check_address(spec, value)
    if kind == "group":
        items, errors = check_group_items(spec, value, today)
        return (items, errors[0]) if errors else (items, None)
    if kind == "yes_no":
        if isinstance(value, bool):
            return value, None
        text = nfc(str(value)).lower()
        if text in ("true", "1", "co", "có", "yes"):
            return True, None
        if text in ("false", "0", "khong", "không", "no"):
            return False, None
        return err("choice", choices="có, không")
    if kind in ("number", "year"):
        lo = spec.min if spec.min is not None else (1900 if kind == "year" else 0)
        hi = spec.max if spec.max is not None else (today.year if kind == "year" else 10**9)
        try:
            number = int(nfc(str(value))) if not isinstance(value, bool) else None
        except ValueError:
            number = None
        if number is None or not lo <= number <= hi:
            return err("year_range" if kind == "year" else "number", min=lo, max=hi)
        return number, None

    if not isinstance(value, str):
        value = str(value)
    text = nfc(value)
    if _CONTROL.search(text):
        return err("text_chars")
    if len(text) > spec.max_length:
        return err("too_long", max=spec.max_length)

    if kind == "date":
        date = parse_date(text)
        if date is None:
            return err("date_format")
        if date > today:
            return err("date_future")
        if date.year < 1900:
            return err("date_too_old")
        if spec.min_age is not None and _age(date, today) < spec.min_age:
            return err("too_young", years=spec.min_age)
        return date.isoformat(), None
    if kind == "person_name":
        # Ê Đê and Jrai names use an apostrophe, often typed as ’ (U+2019) or ʼ (U+02BC).
        if not _NAME.match(text.replace("\u2019", "'").replace("\u02bc", "'")):
            return err("person_name")
        return text, None
    if kind == "id_number":
        number, code, params = check_id_number(text)
        return (number, None) if code is None else err(code, **params)
    if kind == "phone":
        phone, code, params = check_phone(text)
        return (phone, None) if code is None else err(code, **params)
    if kind == "email":
        if not _EMAIL.match(text):
            return err("email")
        return text, None
    if kind == "choice":
        allowed = [c[0] for c in spec.choices]
        if text not in allowed:
            return err("choice", choices=", ".join(c[1] for c in spec.choices))
        return text, None
    return text, None


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_address(spec: FieldSpec, value: Any) -> tuple[Any, FieldError | None]:
    """``{"province": "38", "commune": "15772", "detail": "Thôn Đông"}`` → the same with ``text``.

    The names and the one-line ``text`` are recomputed from the codes, so whatever a client
    sends beside the codes never disagrees with them.
    """
    from app.services import divisions

    def err(code: str, **params: Any) -> tuple[Any, FieldError]:
        return value, FieldError(spec.id, spec.label, code, params)

    if not isinstance(value, Mapping):
        return err("address")
    province_code = nfc(str(value.get("province") or ""))
    commune_code = nfc(str(value.get("commune") or ""))
    detail = nfc(str(value.get("detail") or ""))
    if not province_code or not commune_code:
        return err("address")
    province = divisions.province(province_code)
    if province is None:
        return err("address_province", province=province_code)
    if province.commune(commune_code) is None:
        return err("address_commune", province=province.full_name)
    if _CONTROL.search(detail) or len(detail) > spec.max_length:
        return err("too_long", max=spec.max_length)
    if not detail:
        return err("address_detail")
    return {"province": province.code, "commune": commune_code, "detail": detail,
            "text": divisions.format_address(province.code, commune_code, detail)}, None


def check_group_items(
    spec: FieldSpec, value: Any, today: dt.date | None = None
) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Check every entry of a repeatable group; errors name the entry (``documents[2].pages``)."""
    today = today or dt.date.today()
    if not isinstance(value, list | tuple):
        return [], [FieldError(spec.id, spec.label, "group_items")]
    errors: list[FieldError] = []
    if not spec.min_items <= len(value) <= spec.max_items:
        errors.append(FieldError(spec.id, spec.label, "group_count",
                                 {"min": spec.min_items, "max": spec.max_items}))
    items: list[dict[str, Any]] = []
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, Mapping):
            errors.append(FieldError(f"{spec.id}[{number}]", f"{spec.item_label or spec.label} "
                                     f"{number}", "not_object"))
            continue
        entry = normalize_tree(dict(entry))
        clean: dict[str, Any] = {}
        for sub in spec.items:
            if not sub.active({**entry, **clean}):
                continue
            labelled = FieldSpec(
                f"{spec.id}[{number}].{sub.id}",
                f"{sub.label} ({(spec.item_label or spec.label).lower()} {number})", sub.kind,
                sub.required, sub.choices, sub.min, sub.max, sub.max_length, sub.default)
            checked, error = check_value(labelled, entry.get(sub.id), today)
            if error:
                errors.append(error)
            elif checked is not None:
                clean[sub.id] = checked
        for key in entry:
            if key not in {sub.id for sub in spec.items}:
                errors.append(FieldError(f"{spec.id}[{number}].{key}", key, "unknown_field"))
        items.append(clean)
    return items, errors


# --------------------------------------------------------------------------------------------
# Dates in words (the Tờ khai writes the date of birth in words too)

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def number_in_words(n: int) -> str:
    """Vietnamese words for 0–9999: ``21`` → ``hai mươi mốt``, ``2005`` → ``hai nghìn không
    trăm linh năm``."""
    if not 0 <= n <= 9999:
        raise ValueError("only 0–9999")
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
        if unit == 0:
            return head
        if unit == 1 and tens > 1:
            return f"{head} mốt"
        if unit == 4 and tens > 1:
            return f"{head} tư"
        if unit == 5:
            return f"{head} lăm"
        return f"{head} {_DIGITS[unit]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_DIGITS[hundreds]} trăm"
        if rest == 0:
            return head
        return f"{head} linh {_DIGITS[rest]}" if rest < 10 else f"{head} {number_in_words(rest)}"
    thousands, rest = divmod(n, 1000)
    head = f"{_DIGITS[thousands]} nghìn"
    if rest == 0:
        return head
    if rest < 100:
        tail = f"linh {_DIGITS[rest]}" if rest < 10 else number_in_words(rest)
        return f"{head} không trăm {tail}"
    return f"{head} {number_in_words(rest)}"


_MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
           "mười một", "mười hai")


def date_in_words(value: dt.date | str) -> str:
    """``2026-11-02`` → ``Ngày hai, tháng mười một, năm hai nghìn không trăm hai mươi sáu``.

    The Tờ khai đăng ký khai sinh asks for the date of birth in figures and in words; April is
    "tháng tư" as people write it.
    """
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is None:
            raise ValueError(f"not a date: {value!r}")
        value = parsed
    return (f"Ngày {number_in_words(value.day)}, tháng {_MONTHS[value.month]}, "
            f"năm {number_in_words(value.year)}")


# The person who files the dossier (người yêu cầu / người nộp hồ sơ). Same for every procedure.
APPLICANT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("applicant.full_name", "Họ, chữ đệm, tên người yêu cầu", "person_name", True,
              max_length=100, state_held=True),
    FieldSpec("applicant.id_number", "Số CCCD/định danh cá nhân của người yêu cầu", "id_number",
              True, state_held=True),
    FieldSpec("applicant.birth_date", "Ngày sinh của người yêu cầu", "date", True, state_held=True),
    FieldSpec("applicant.sex", "Giới tính của người yêu cầu", "choice", True,
              choices=(("nam", "Nam"), ("nu", "Nữ")), state_held=True),
    FieldSpec("applicant.address", "Nơi cư trú của người yêu cầu", "text", True, max_length=300,
              state_held=True),
    FieldSpec("applicant.phone", "Số điện thoại của người yêu cầu", "phone", True),
    FieldSpec("applicant.email", "Thư điện tử của người yêu cầu", "email", False),
)  # fmt: skip


@dataclass
class CheckedDossier:
    applicant: dict[str, Any]
    fields: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _check_group(
    specs: Iterable[FieldSpec],
    values: Mapping[str, Any],
    prefix: str,
    today: dt.date,
    errors: list[FieldError],
    strict: bool,
) -> dict[str, Any]:
    specs = list(specs)
    known = {s.id.removeprefix(prefix) for s in specs}
    out: dict[str, Any] = {}
    for spec in specs:
        key = spec.id.removeprefix(prefix)
        # Conditions read the answers already normalised (so "true" and True agree).
        if not spec.active({**values, **out}):
            continue
        if spec.kind == "group" and not _is_blank(values.get(key)):
            items, item_errors = check_group_items(spec, values.get(key), today)
            errors += item_errors
            if not item_errors:
                out[key] = items
            continue
        value, error = check_value(spec, values.get(key), today)
        if error:
            errors.append(error)
        elif value is not None:
            out[key] = value
    if strict:
        for key in values:
            if key not in known:
                errors.append(FieldError(prefix + key, prefix + key, "unknown_field"))
    return out


def validate_dossier(
    field_specs: Iterable[FieldSpec],
    applicant: Any,
    fields: Any,
    *,
    today: dt.date | None = None,
    strict: bool = True,
) -> CheckedDossier:
    """Validate a whole dossier document and return its normalised form with every error.

    Args:
        field_specs: the procedure's declaration fields (ids without a prefix, e.g. ``child.sex``).
        applicant: answers about the person filing, keyed without the ``applicant.`` prefix.
        fields: declaration answers keyed by field id.
        today: the date "the future" starts after (tests pin it).
        strict: refuse keys the schema does not know (the portal and the CLI are strict).
    """
    today = today or dt.date.today()
    errors: list[FieldError] = []
    if not isinstance(applicant, Mapping):
        errors.append(FieldError("applicant", "Người yêu cầu", "not_object"))
        applicant = {}
    if not isinstance(fields, Mapping):
        errors.append(FieldError("fields", "Tờ khai", "not_object"))
        fields = {}
    applicant = normalize_tree(dict(applicant))
    fields = normalize_tree(dict(fields))
    specs = list(field_specs)

    checked_applicant = _check_group(APPLICANT_FIELDS, applicant, "applicant.", today, errors, strict)
    checked_fields = _check_group(specs, fields, "", today, errors, strict)

    # Cross-field rules: the ID number must agree with the birth date and sex.
    if "id_number" in checked_applicant and "birth_date" in checked_applicant:
        _, code, params = check_id_number(
            checked_applicant["id_number"],
            dt.date.fromisoformat(checked_applicant["birth_date"]),
            checked_applicant.get("sex"),
        )
        if code:
            errors.append(FieldError("applicant.id_number", APPLICANT_FIELDS[1].label, code, params))
    by_id = {s.id: s for s in specs}
    errors += _person_id_rules(by_id, checked_fields)
    errors += _order_rules(by_id, checked_fields)
    child_birth = checked_fields.get("child.birth_date")
    if child_birth:
        child_year = dt.date.fromisoformat(child_birth).year
        for parent, code in (("mother", "child_before_mother"), ("father", "child_before_father")):
            key = f"{parent}.birth_year"
            year = checked_fields.get(key)
            if isinstance(year, int) and key in by_id and year > child_year - 10:
                errors.append(FieldError(key, by_id[key].label, code))
    return CheckedDossier(checked_applicant, checked_fields, errors)


def _person_id_rules(by_id: Mapping[str, FieldSpec], values: Mapping[str, Any]) -> list[FieldError]:
    """Each person in the form (``mother.``, ``party_a.``, …): the CCCD agrees with the birth
    date (or year) and sex given for the same person."""
    errors = []
    for key, spec in by_id.items():
        if spec.kind != "id_number" or not key.endswith(".id_number") or key not in values:
            continue
        person = key.removesuffix("id_number")
        born: dt.date | int | None = None
        if isinstance(values.get(person + "birth_date"), str):
            born = dt.date.fromisoformat(values[person + "birth_date"])
        elif isinstance(values.get(person + "birth_year"), int):
            born = values[person + "birth_year"]
        if born is None:
            continue
        _, code, params = check_id_number(values[key], born, values.get(person + "sex"))
        if code:
            errors.append(FieldError(key, spec.label, code, params))
    return errors


def _order_rules(by_id: Mapping[str, FieldSpec], values: Mapping[str, Any]) -> list[FieldError]:
    """``"after": "deceased.birth_date"``: a date that must come after another date or year."""
    errors = []
    for key, spec in by_id.items():
        other = spec.after
        if not other or not isinstance(values.get(key), str) or other not in values:
            continue
        mine = dt.date.fromisoformat(values[key])
        theirs = values[other]
        later = (mine > dt.date.fromisoformat(theirs) if isinstance(theirs, str)
                 else mine.year >= int(theirs))
        if not later:
            label = by_id[other].label if other in by_id else other
            errors.append(FieldError(key, spec.label, "date_order", {"other": label.lower()}))
    return errors


def check_attachments(
    components: Iterable[tuple[str, str, bool]], attached: Iterable[str]
) -> list[FieldError]:
    """Every required component has a file and every file belongs to a known component.

    Args:
        components: ``(id, name, required)`` for each component the procedure names.
        attached: the component id of each attached file.
    """
    components = list(components)
    attached = list(attached)
    known = {c[0] for c in components}
    errors = [
        FieldError(f"attachments.{cid}", name, "attachment_required")
        for cid, name, required in components
        if required and cid not in attached
    ]
    errors += [
        FieldError(f"attachments.{cid}", cid, "unknown_component")
        for cid in dict.fromkeys(attached)
        if cid not in known
    ]
    return errors


# --------------------------------------------------------------------------------------------
# Account passwords (the guide's policy; the portal enforces the same in portal.security)

PASSWORD_MIN_LENGTH = 8

_MESSAGES.update({
    "password_policy": {
        "vi": "{label}: cần ít nhất 8 ký tự, gồm chữ thường, chữ hoa, chữ số và ký tự đặc biệt "
              "(ví dụ: Hoa@2026x).",
        "en": "{label}: at least 8 characters with lower case, upper case, a digit and a special "
              "character (e.g. Hoa@2026x).",
    },
    "password_mismatch": {
        "vi": "{label}: hai lần nhập mật khẩu chưa giống nhau.",
        "en": "{label}: the two passwords are not the same.",
    },
})


def password_checks(password: str) -> dict[str, bool]:
    """Each part of the password policy, in the order a checklist shows them.

    Keys: ``length`` (≥ 8 characters), ``lower``, ``upper``, ``digit``, ``special``.
    Vietnamese letters count as letters (``đ`` is lower case, ``Ư`` upper case).
    """
    return {
        "length": len(password) >= PASSWORD_MIN_LENGTH,
        "lower": any(c.islower() for c in password),
        "upper": any(c.isupper() for c in password),
        "digit": any(c.isdigit() for c in password),
        "special": any(not c.isalnum() and not c.isspace() for c in password),
    }


def check_password(password: str, confirmation: str | None = None) -> str | None:
    """``None`` when the password meets the policy (and matches ``confirmation`` if given);
    else the error code: ``required``, ``password_policy`` or ``password_mismatch``."""
    if not password:
        return "required"
    if not all(password_checks(password).values()):
        return "password_policy"
    if confirmation is not None and confirmation != password:
        return "password_mismatch"
    return None
