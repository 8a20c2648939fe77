import datetime as dt

import pytest

from lk_plugin.core.calendar import add_working_days, working_days_between
from lk_plugin.core.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_weekends_are_skipped():
    CalendarDay.objects.filter(date__range=(dt.date(2026, 11, 20), dt.date(2026, 11, 30))).delete()
    friday = dt.date(2026, 11, 20)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 23)
    assert add_working_days(friday, 3) == dt.date(2026, 11, 25)


def test_holidays_and_transfer_days():
    CalendarDay.objects.update_or_create(date=dt.date(2026, 11, 4), defaults={"kind": "holiday"})
    CalendarDay.objects.update_or_create(
        date=dt.date(2026, 11, 7), defaults={"kind": "workday"}
    )  # a Saturday worked
    tuesday = dt.date(2026, 11, 3)
    assert add_working_days(tuesday, 1) == dt.date(2026, 11, 5)
    assert add_working_days(tuesday, 3) == dt.date(2026, 11, 7)
    assert working_days_between(tuesday, dt.date(2026, 11, 9)) == 4
    assert working_days_between(dt.date(2026, 11, 9), tuesday) == -4


def test_zero_days_is_the_same_day():
    day = dt.date(2026, 11, 21)
    assert add_working_days(day, 0) == day
