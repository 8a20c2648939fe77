import datetime as dt
from decimal import Decimal

import pytest

from lk_plugin.metering import rules


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 26), dt.date(2026, 12, 15)),
        (dt.date(2026, 12, 28), dt.date(2027, 1, 15)),
        (dt.date(2026, 11, 3), dt.date(2026, 11, 15)),
    ],
)
def test_next_window_start(today, expected):
    assert rules.next_window_start(today, 15) == expected


def test_window_message_names_the_next_opening(settings):
    settings.LK_METER_READING_WINDOW = (15, 25)
    assert rules.window_closed_message(dt.date(2026, 11, 20)) is None
    assert rules.window_closed_message(dt.date(2026, 11, 26)) == (
        "Показания принимаются с 15 по 25 число месяца. Следующий приём — с 15.12.2026."
    )


def test_window_can_be_switched_off(settings):
    settings.LK_METER_READING_WINDOW = None
    assert rules.window_closed_message(dt.date(2026, 11, 1)) is None


def test_consumption_plain_rollover_and_replacement():
    top = Decimal(10) ** 6
    assert rules.consumption(Decimal("100.5"), Decimal("180"), reset="", max_value=top) == Decimal("79.5")
    assert rules.consumption(Decimal("999950"), Decimal("30"), reset="rollover", max_value=top) == Decimal(
        "80"
    )
    assert rules.consumption(Decimal("5000"), Decimal("12"), reset="replacement", max_value=top) == Decimal(
        "12"
    )


def test_plugin_default_and_the_demo_accept_readings_on_any_day(settings):
    from django.conf import settings as django_settings

    # The demo's settings (which the test settings extend) take readings every day.
    assert django_settings.LK_METER_READING_WINDOW is None
    del settings.LK_METER_READING_WINDOW  # the plugin's own default
    for day in (1, 14, 26, 31):
        assert rules.window_closed_message(dt.date(2026, 12, day)) is None
