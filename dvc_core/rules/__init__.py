"""Form rules shared by the wizard, the `dvc` command line and the portal — one copy of each.

The app validates a dossier before it is queued and the portal validates it again on arrival
with the very same code, so the two can never disagree. Split by topic: ``messages``,
``text``, ``identity``, ``fields``, ``dossier``, ``passwords``, ``registration``; this package
hands their public names on.
"""

from dvc_core.rules.dossier import CheckedDossier, check_attachments, validate_dossier
from dvc_core.rules.fields import (
    APPLICANT_FIELDS,
    FIELD_KINDS,
    FieldSpec,
    check_fields,
    check_group_items,
    check_value,
    is_blank,
)
from dvc_core.rules.identity import (
    MOBILE_PREFIXES,
    PROVINCE_CODES,
    ascii_digits,
    check_id_number,
    check_phone,
    normalize_id_number,
    normalize_phone,
)
from dvc_core.rules.messages import FieldError, ValidationFailed
from dvc_core.rules.passwords import (
    CONFIRM_LABEL,
    PASSWORD_LABEL,
    PASSWORD_MIN_LENGTH,
    check_password,
    password_checks,
    password_error,
)
from dvc_core.rules.registration import (
    ACCOUNT_TYPES,
    METHOD_NAMES,
    OFFERED_METHODS,
    OTP_MAX_ATTEMPTS,
    OTP_TTL,
    REGISTRATION_FIELDS,
    RESEND_GAP,
    RESEND_PER_HOUR,
    check_registration,
)
from dvc_core.rules.text import (
    CONTROL_CHARS,
    INVISIBLE_CHARS,
    MAX_DEPTH,
    date_in_words,
    format_date_vi,
    nfc,
    normalize_tree,
    number_in_words,
    parse_date,
    plain_text,
    text_problem,
    tree_problem,
)

__all__ = [
    "ACCOUNT_TYPES", "APPLICANT_FIELDS", "CONFIRM_LABEL", "CONTROL_CHARS", "FIELD_KINDS",
    "INVISIBLE_CHARS", "MAX_DEPTH", "METHOD_NAMES", "MOBILE_PREFIXES", "OFFERED_METHODS",
    "OTP_MAX_ATTEMPTS", "OTP_TTL", "PASSWORD_LABEL", "PASSWORD_MIN_LENGTH", "PROVINCE_CODES",
    "REGISTRATION_FIELDS", "RESEND_GAP", "RESEND_PER_HOUR", "CheckedDossier", "FieldError", "FieldSpec", "ValidationFailed",
    "ascii_digits", "check_attachments", "check_fields", "check_group_items", "check_id_number",
    "check_password", "check_phone", "check_registration", "check_value", "date_in_words",
    "format_date_vi", "is_blank", "nfc", "normalize_id_number", "normalize_phone",
    "normalize_tree", "number_in_words", "parse_date", "password_checks", "password_error",
    "plain_text", "text_problem", "tree_problem", "validate_dossier",
]
