"""Working-day arithmetic on the production calendar (weekends + CalendarDay exceptions)."""

import datetime as dt


def _exceptions(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    from .models import CalendarDay

    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"))


def is_working_day(day: dt.date, exceptions: dict | None = None) -> bool:
    if exceptions is None:
        exceptions = _exceptions(day, day)
    kind = exceptions.get(day)
    if kind == "holiday":
        return False
    if kind == "workday":
        return True
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date *days* working days after *start* (start itself is not counted)."""
    if days <= 0:
        return start
    # Generous window: one query, then walk in memory.
    exceptions = _exceptions(start, start + dt.timedelta(days=days * 3 + 30))
    current, left = start, days
    while left:
        current += dt.timedelta(days=1)
        if is_working_day(current, exceptions):
            left -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after *start* up to and including *end* (negative when end < start)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    lo, hi = (start, end) if sign > 0 else (end, start)
    exceptions = _exceptions(lo, hi)
    count, current = 0, lo
    while current < hi:
        current += dt.timedelta(days=1)
        if is_working_day(current, exceptions):
            count += 1
    return sign * count
