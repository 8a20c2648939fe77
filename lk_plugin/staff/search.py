"""Search helpers: identifiers are stored as digits only, so the query is normalised the same way."""

import re

_SEPARATORS = re.compile(r"[\s\-‐–—_.]+")


def identifier_digits(query: str) -> str:
    """Digits of a СНИЛС/ИНН/ОГРН/ОГРНИП typed in any spelling ("112-233-445 95"), else ""."""
    compact = _SEPARATORS.sub("", query or "")
    if compact.isdigit() and 10 <= len(compact) <= 15:
        return compact
    return ""


def matching_people(query: str):
    """User ids whose profile or email matches *query*: identifiers exactly (unique indexes), names
    and email by substring. A subquery on the (much smaller) people tables keeps big listings fast."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from lk_plugin.accounts.models import ApplicantProfile

    digits = identifier_digits(query)
    if digits:
        return ApplicantProfile.objects.filter(
            Q(snils=digits) | Q(inn=digits) | Q(ogrn=digits) | Q(ogrnip=digits)
        ).values("user_id")
    by_profile = ApplicantProfile.objects.filter(
        Q(last_name__icontains=query) | Q(first_name__icontains=query) | Q(organization_name__icontains=query)
    ).values("user_id")
    return get_user_model().objects.filter(Q(email__icontains=query) | Q(pk__in=by_profile)).values("pk")
