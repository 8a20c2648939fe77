"""Search helpers: identifiers are stored as digits only, so the query is normalised the same way."""

import re

_SEPARATORS = re.compile(r"[\s\-‐–—_.]+")


def identifier_digits(query: str) -> str:
    """Digits of a СНИЛС/ИНН/ОГРН/ОГРНИП typed in any spelling ("112-233-445 95"), else ""."""
    compact = _SEPARATORS.sub("", query or "")
    if compact.isdigit() and 10 <= len(compact) <= 15:
        return compact
    return ""
