"""Production calendar seeds, working-day arithmetic across holidays/transfers, review terms."""

import datetime as dt

import pytest
from django.utils import timezone

from lk_plugin.applications.models import ApplicationKind, ReviewTerm
from lk_plugin.core.calendar import add_working_days, is_working_day, working_days_between
from lk_plugin.core.deadlines import find_review_term, review_due_date
from lk_plugin.core.models import CalendarDay
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_2026_calendar_is_seeded():
    holidays = set(CalendarDay.objects.filter(kind="holiday", date__year=2026).values_list("date", flat=True))
    for day in [
        (1, 1),
        (1, 2),
        (1, 5),
        (1, 8),
        (1, 9),
        (2, 23),
        (3, 9),
        (5, 1),
        (5, 11),
        (6, 12),
        (11, 4),
        (12, 31),
    ]:
        assert dt.date(2026, *day) in holidays
    assert not is_working_day(dt.date(2026, 12, 31))
    assert is_working_day(dt.date(2026, 1, 12))


def test_new_year_holidays_are_skipped():
    # Tue 30 Dec 2025 + 1 → Wed 31 Dec 2025 (not seeded: 2025 is outside the seed); from Wed 31 Dec 2025
    # the next working day is Mon 12 Jan 2026 (1–9 Jan are days off, 10–11 a weekend).
    assert add_working_days(dt.date(2025, 12, 31), 1) == dt.date(2026, 1, 12)
    assert working_days_between(dt.date(2025, 12, 31), dt.date(2026, 1, 12)) == 1


def test_may_transfer_and_workday_transfer():
    # Thu 30 Apr 2026 + 1 → Mon 4 May (1 May holiday, weekend); 9 May moved to Mon 11 May.
    assert add_working_days(dt.date(2026, 4, 30), 1) == dt.date(2026, 5, 4)
    assert add_working_days(dt.date(2026, 5, 8), 1) == dt.date(2026, 5, 12)
    # A worked Saturday (transfer day) counts; editors can add one in the admin.
    CalendarDay.objects.create(date=dt.date(2026, 11, 7), kind="workday", note="Перенос")
    assert add_working_days(dt.date(2026, 11, 3), 2) == dt.date(2026, 11, 6)
    assert add_working_days(dt.date(2026, 11, 3), 3) == dt.date(2026, 11, 7)


def test_technological_connection_term_is_seeded_three_working_days():
    term = ReviewTerm.objects.get(kind__code="technological_connection", legal_form="", power_band="")
    assert term.days == 3 and term.working_days


def test_review_due_date_counts_working_days_across_holidays():
    application = f.application(
        submitted_at=timezone.make_aware(dt.datetime(2026, 6, 10, 12, 0)), due_date=dt.date(2026, 6, 1)
    )
    # Wed 10 Jun + 3 wd: Thu 11, (Fri 12 holiday, weekend), Mon 15, Tue 16.
    assert review_due_date(application) == dt.date(2026, 6, 16)


def test_most_specific_term_wins_and_calendar_days_are_supported():
    kind = ApplicationKind.objects.get(code="technological_connection")
    ReviewTerm.objects.create(kind=kind, legal_form="individual", days=5)
    specific = ReviewTerm.objects.create(
        kind=kind, legal_form="individual", power_band="До 15", days=10, working_days=False
    )
    application = f.application(submitted_at=timezone.make_aware(dt.datetime(2026, 6, 10, 12, 0)))
    assert find_review_term(application) == specific
    assert review_due_date(application) == dt.date(2026, 6, 20)


def test_no_term_no_due_date():
    application = f.application(kind="grid_theft")
    assert review_due_date(application) is None
