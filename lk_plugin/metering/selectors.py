"""Reads for the cabinet and exports: history with consumption, monthly totals for the chart."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import rules
from .models import Meter, Reading


@dataclass
class HistoryRow:
    reading: Reading
    consumption: list  # per tariff, None when there is nothing to compare with

    @property
    def tariff_values(self):
        return list(zip(self.reading.meter.tariff_names, self.reading.values, strict=False))

    @property
    def total(self):
        if not self.consumption or None in self.consumption:
            return None
        return sum(self.consumption, Decimal(0))


def meter_history(meter: Meter, readings=None) -> list[HistoryRow]:
    """All readings of the meter, newest first, each with consumption since the previous counted one."""
    if readings is None:
        readings = list(meter.readings.order_by("taken_on", "pk"))
    else:
        readings = sorted(readings, key=lambda r: (r.taken_on, r.pk))
    rows = []
    previous = None
    for reading in readings:
        consumption = [None] * meter.tariff_count
        if reading.status != Reading.Status.REJECTED:
            if previous is not None:
                consumption = [
                    rules.consumption(before, value, reset=reading.reset, max_value=meter.max_value)
                    for before, value in zip(previous.values, reading.values, strict=False)
                ]
            previous = reading
        rows.append(HistoryRow(reading=reading, consumption=consumption))
    rows.reverse()
    return rows


def monthly_consumption(history: list[HistoryRow], tariff_count: int, months: int = 12) -> list[dict]:
    """[{"month": date(first day), "values": [kWh per tariff]}] for the last *months* that have data."""
    totals = defaultdict(lambda: [Decimal(0)] * tariff_count)
    for row in history:
        if row.reading.status == Reading.Status.REJECTED or None in row.consumption:
            continue
        month = row.reading.taken_on.replace(day=1)
        for i, value in enumerate(row.consumption):
            totals[month][i] += value
    keys = sorted(totals)[-months:]
    return [{"month": month, "values": totals[month]} for month in keys]


def last_readings(meters) -> dict:
    """{meter pk: latest counted reading} in one query."""
    latest = {}
    for reading in (
        Reading.objects.filter(meter__in=meters).counted().order_by("meter_id", "-taken_on", "-pk")
    ):
        latest.setdefault(reading.meter_id, reading)
    return latest


def month_label(month: dt.date) -> str:
    return f"{month:%m.%Y}"
