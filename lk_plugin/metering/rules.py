"""Pure rules of readings: entry window, consumption, plausibility (no database access)."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings


def next_window_start(today: dt.date, first_day: int) -> dt.date:
    if today.day < first_day:
        return today.replace(day=first_day)
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return dt.date(year, month, first_day)


def window_closed_message(today: dt.date) -> str | None:
    """None while the monthly entry window is open, otherwise the message saying when it opens."""
    window = app_settings.METER_READING_WINDOW
    if not window:
        return None
    first, last = window
    if first <= today.day <= last:
        return None
    return _("Показания принимаются с %(first)s по %(last)s число месяца. Следующий приём — с %(next)s.") % {
        "first": first,
        "last": last,
        "next": next_window_start(today, first).strftime("%d.%m.%Y"),
    }


def consumption(previous: Decimal, current: Decimal, *, reset: str, max_value: Decimal) -> Decimal:
    """kWh between two readings of one tariff; a rollover wraps at the meter's capacity."""
    if reset == "rollover":
        return max_value - previous + current
    if reset == "replacement":
        return current
    return current - previous


def high_consumption_limit(days: int) -> Decimal:
    return Decimal(app_settings.METER_MAX_DAILY_KWH) * max(days, 1)
