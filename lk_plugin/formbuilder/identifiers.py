"""Checks of Russian identifiers used by form fields (DESIGN.md §5). Digits-only values in, bool out."""

import re


def digits(value) -> str:
    return re.sub(r"\D", "", str(value or ""))


def snils_ok(value: str) -> bool:
    if not re.fullmatch(r"\d{11}", value):
        return False
    if int(value[:9]) <= 1001998:
        return True
    total = sum(int(d) * w for d, w in zip(value[:9], range(9, 0, -1), strict=True))
    if total < 100:
        control = total
    elif total in (100, 101):
        control = 0
    else:
        control = total % 101
        control = 0 if control == 100 else control
    return control == int(value[9:])


def _inn_control(value: str, weights) -> int:
    return sum(int(d) * w for d, w in zip(value, weights, strict=False)) % 11 % 10


def inn_ok(value: str) -> bool:
    if re.fullmatch(r"\d{10}", value):
        return _inn_control(value, (2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(value[9])
    if re.fullmatch(r"\d{12}", value):
        first = _inn_control(value, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8))
        second = _inn_control(value, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8))
        return first == int(value[10]) and second == int(value[11])
    return False


def kpp_ok(value: str) -> bool:
    return bool(re.fullmatch(r"([0-9][1-9]|[1-9][0-9])[0-9]{2}[0-9A-Z]{2}[0-9]{3}", value))


def ogrn_ok(value: str) -> bool:
    return bool(re.fullmatch(r"[15]\d{12}", value)) and int(value[:12]) % 11 % 10 == int(value[12])


def ogrnip_ok(value: str) -> bool:
    return bool(re.fullmatch(r"3\d{14}", value)) and int(value[:14]) % 13 % 10 == int(value[14])


def cadastral_ok(value: str) -> bool:
    return bool(re.fullmatch(r"\d{2}:\d{2}:\d{6,7}:\d+", value))


def phone_normalize(value: str) -> str:
    """+7XXXXXXXXXX or '' when it is not a Russian phone number."""
    d = digits(value)
    if len(d) == 11 and d[0] in "78":
        d = d[1:]
    return "+7" + d if len(d) == 10 else ""
