"""Numbers and identifiers the way a Russian reader expects them: «15,5 кВт», «5,0 МБ», «123-456-789 64».

Use these (or the ``lk_format`` template filters) wherever a number reaches a person: Python string
interpolation does not localise, so ``"%s" % 15.5`` would print a decimal point.
"""

from decimal import Decimal, InvalidOperation

from django.utils import formats


def format_number(value, places=None) -> str:
    """*value* with a decimal comma (and thin grouping per the active locale); *places* fixes decimals."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return str(value)
    if places is None:
        number = number.normalize()
        places = max(0, -number.as_tuple().exponent)
    return formats.number_format(number, decimal_pos=places, use_l10n=True)


def format_megabytes(size_bytes, places=1) -> str:
    """Bytes as megabytes with one decimal: 5 242 880 → «5,0»."""
    return format_number(Decimal(size_bytes) / (1024 * 1024), places)


def format_snils(value) -> str:
    """11 digits as «123-456-789 64»; anything else unchanged."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) != 11:
        return str(value or "")
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:]}"
