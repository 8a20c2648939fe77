"""Review due dates from the editable ReviewTerm table and the production calendar.

In core because the adapter's ``review_due_date`` needs it; the table itself belongs to the
applications app and is looked up through the app registry, not imported."""

import datetime as dt

from django.apps import apps
from django.utils import timezone

from lk_plugin.core.calendar import add_working_days

#: Name of the form field that holds the power band (e.g. "До 15"), when the form has one.
POWER_BAND_FIELD = "power_band"


def find_review_term(application):
    """The most specific term for the application's kind, legal form and power band."""
    data = application.data or {}
    power_band = str(data.get(POWER_BAND_FIELD) or "")
    if not power_band:
        from lk_plugin.adapter import get_adapter

        power_band = get_adapter().number_context(application).get("power_band", "")
    ReviewTerm = apps.get_model("lk_applications", "ReviewTerm")
    terms = ReviewTerm.objects.filter(
        kind_id=application.kind_id,
        legal_form__in=["", application.legal_form or ""],
        power_band__in=["", power_band],
    )
    # Specificity: legal form and power band both set (3), power band only (2), legal form only (1), none (0).
    return max(terms, key=lambda t: bool(t.power_band) * 2 + bool(t.legal_form), default=None)


def review_due_date(application, start: dt.date | None = None) -> dt.date | None:
    """Due date counted from *start* (default: the submission date); None when no term applies."""
    term = find_review_term(application)
    if term is None:
        return None
    if start is None:
        submitted = application.submitted_at or timezone.now()
        start = timezone.localdate(submitted)
    if term.working_days:
        return add_working_days(start, term.days)
    return start + dt.timedelta(days=term.days)
