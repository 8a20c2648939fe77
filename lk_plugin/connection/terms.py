"""Stage due dates: working days on the production calendar, calendar days or months from a named event."""

import calendar
import datetime as dt

from lk_plugin.core.calendar import add_working_days

from .choices import TermFrom, TermUnit


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day *months* later (the last day of a shorter month: 31.10 + 4 months = 28/29.02)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_term(start: dt.date, days: int, unit: str) -> dt.date:
    if unit == TermUnit.WORKING_DAYS:
        return add_working_days(start, days)
    if unit == TermUnit.MONTHS:
        return add_months(start, days)
    return start + dt.timedelta(days=days)


def stage_due_date(
    stage, *, stage_start: dt.date, submitted_on: dt.date | None = None, contract_on: dt.date | None = None
) -> dt.date | None:
    """When *stage* must be done: its term counted from its named event (None when the stage has no term).

    An event that has not happened yet (no contract) counts from the stage start instead.
    """
    if not stage.term_days:
        return None
    base = {TermFrom.SUBMITTED: submitted_on, TermFrom.CONTRACT: contract_on}.get(
        stage.term_from
    ) or stage_start
    return add_term(base, stage.term_days, stage.term_unit)
