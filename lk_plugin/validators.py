"""Russian identifiers: СНИЛС, ИНН, КПП, ОГРН, ОГРНИП, cadastral number, phone.

Each ``normalize_*`` accepts what people type (spaces, dashes, brackets) and returns the stored
form; each ``validate_*`` raises a ValidationError with a Russian message. Our own control-sum code:
python-stdnum rejects valid ОГРНИП whose remainder is ≥ 10 (DESIGN.md §5).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—.()]+")


def digits_only(value) -> str:
    """Remove spaces, dashes, dots and brackets; keep everything else (so letters still fail)."""
    return _SEPARATORS.sub("", str(value or ""))


# --- control sums (pure functions on digit strings) ---


def snils_checksum(first9: str) -> int:
    total = sum(int(d) * w for d, w in zip(first9, range(9, 0, -1), strict=True))
    if total < 100:
        return total
    if total in (100, 101):
        return 0
    total %= 101
    return 0 if total == 100 else total


def is_valid_snils(value: str) -> bool:
    if not re.fullmatch(r"\d{11}", value or ""):
        return False
    # Numbers up to 001-001-998 were issued before control sums existed.
    if int(value[:9]) <= 1001998:
        return True
    return snils_checksum(value[:9]) == int(value[9:])


def _inn_control(digits: str, weights) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def is_valid_inn10(value: str) -> bool:
    return bool(re.fullmatch(r"\d{10}", value or "")) and _inn_control(value[:9], _INN10) == int(value[9])


def is_valid_inn12(value: str) -> bool:
    if not re.fullmatch(r"\d{12}", value or ""):
        return False
    return _inn_control(value[:10], _INN12_1) == int(value[10]) and _inn_control(value[:11], _INN12_2) == int(
        value[11]
    )


def is_valid_inn(value: str) -> bool:
    return is_valid_inn10(value) or is_valid_inn12(value)


KPP_RE = re.compile(r"^([0-9][1-9]|[1-9][0-9])[0-9]{2}[0-9A-Z]{2}[0-9]{3}$")


def is_valid_kpp(value: str) -> bool:
    return bool(KPP_RE.fullmatch(value or ""))


def is_valid_ogrn(value: str) -> bool:
    if not re.fullmatch(r"[15]\d{12}", value or ""):
        return False
    return int(value[:12]) % 11 % 10 == int(value[12])


def is_valid_ogrnip(value: str) -> bool:
    if not re.fullmatch(r"3\d{14}", value or ""):
        return False
    return int(value[:14]) % 13 % 10 == int(value[14])


CADASTRAL_RE = re.compile(r"^\d{2}:\d{2}:\d{6,7}:\d+$")


def is_valid_cadastral(value: str) -> bool:
    return bool(CADASTRAL_RE.fullmatch(value or ""))


# --- normalizers ---


def normalize_snils(value) -> str:
    return digits_only(value)


def normalize_inn(value) -> str:
    return digits_only(value)


def normalize_kpp(value) -> str:
    return digits_only(value).upper()


def normalize_ogrn(value) -> str:
    return digits_only(value)


def normalize_ogrnip(value) -> str:
    return digits_only(value)


def normalize_cadastral(value) -> str:
    return re.sub(r"\s+", "", str(value or ""))


def normalize_phone(value) -> str:
    """+7XXXXXXXXXX from "8 (916) 123-45-67", "+7 916 123 45 67", "9161234567"; "" if not a RU number."""
    digits = re.sub(r"\D", "", str(value or ""))
    if len(digits) == 10 and digits[0] == "9":
        digits = "7" + digits
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    return ""


# --- Django validators (run on normalized values) ---


def validate_snils(value):
    value = normalize_snils(value)
    if not re.fullmatch(r"\d{11}", value):
        raise ValidationError(_("СНИЛС состоит из 11 цифр, например 112-233-445 95."), code="snils_format")
    if not is_valid_snils(value):
        raise ValidationError(
            _("СНИЛС указан с ошибкой: не сходится контрольное число. Проверьте номер."),
            code="snils_checksum",
        )


def validate_inn10(value):
    value = normalize_inn(value)
    if not re.fullmatch(r"\d{10}", value):
        raise ValidationError(_("ИНН организации состоит из 10 цифр."), code="inn_format")
    if not is_valid_inn10(value):
        raise ValidationError(
            _("ИНН указан с ошибкой: не сходится контрольная цифра. Проверьте номер."),
            code="inn_checksum",
        )


def validate_inn12(value):
    value = normalize_inn(value)
    if not re.fullmatch(r"\d{12}", value):
        raise ValidationError(_("ИНН индивидуального предпринимателя состоит из 12 цифр."), code="inn_format")
    if not is_valid_inn12(value):
        raise ValidationError(
            _("ИНН указан с ошибкой: не сходятся контрольные цифры. Проверьте номер."),
            code="inn_checksum",
        )


def validate_inn(value):
    value = normalize_inn(value)
    if len(value) == 12:
        return validate_inn12(value)
    if len(value) == 10:
        return validate_inn10(value)
    raise ValidationError(_("ИНН состоит из 10 (организация) или 12 (физлицо, ИП) цифр."), code="inn_format")


def validate_kpp(value):
    if not is_valid_kpp(normalize_kpp(value)):
        raise ValidationError(
            _("КПП состоит из 9 знаков, например 773601001. Проверьте номер."), code="kpp_format"
        )


def validate_ogrn(value):
    value = normalize_ogrn(value)
    if not re.fullmatch(r"\d{13}", value) or value[0] not in "15":
        raise ValidationError(_("ОГРН состоит из 13 цифр и начинается с 1 или 5."), code="ogrn_format")
    if not is_valid_ogrn(value):
        raise ValidationError(
            _("ОГРН указан с ошибкой: не сходится контрольная цифра. Проверьте номер."),
            code="ogrn_checksum",
        )


def validate_ogrnip(value):
    value = normalize_ogrnip(value)
    if not re.fullmatch(r"\d{15}", value) or value[0] != "3":
        raise ValidationError(_("ОГРНИП состоит из 15 цифр и начинается с 3."), code="ogrnip_format")
    if not is_valid_ogrnip(value):
        raise ValidationError(
            _("ОГРНИП указан с ошибкой: не сходится контрольная цифра. Проверьте номер."),
            code="ogrnip_checksum",
        )


def validate_cadastral(value):
    if not is_valid_cadastral(normalize_cadastral(value)):
        raise ValidationError(
            _("Кадастровый номер записывается как 77:01:0001013:4915."), code="cadastral_format"
        )


def validate_phone(value):
    if not normalize_phone(value):
        raise ValidationError(
            _("Укажите российский номер телефона, например +7 916 123-45-67."), code="phone_format"
        )
