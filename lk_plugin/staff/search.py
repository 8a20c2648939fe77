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


#: Up to this many matching people the queue filters by a literal id list (the planner then uses the
#: owner index); beyond it, by the subquery.
PEOPLE_ID_LIMIT = 2000


def matching_people_q(query: str, field: str = "owner_id"):
    """Q on *field* for the people matching *query*. Their ids are fetched first: with a literal list
    PostgreSQL walks the owner index instead of guessing the subquery's size and scanning the whole
    applications table (100,000 rows: ~10× slower for a name search)."""
    from django.db.models import Q

    people = matching_people(query)
    ids = [next(iter(row.values())) for row in people[: PEOPLE_ID_LIMIT + 1]]
    if len(ids) > PEOPLE_ID_LIMIT:
        return Q(**{f"{field}__in": people})
    return Q(**{f"{field}__in": ids})
