import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from lk_plugin.metering import flows, selectors
from lk_plugin.metering.models import Meter, Reading
from lk_plugin.notifications.models import Notification, OutboxMessage
from tests.factories import MeterFactory, ReadingFactory

D = Decimal
IN_WINDOW = dt.date(2026, 11, 20)


def _submit(meter, user, values, day=IN_WINDOW, **kwargs):
    with mock.patch("lk_plugin.metering.flows.timezone.localdate", return_value=day):
        return flows.reading_submit(meter=meter, user=user, values=values, **kwargs)


def test_applicant_reading_is_received_for_today(meter, owner):
    ReadingFactory(meter=meter, value_t1=D("1000"))
    reading = _submit(meter, owner, [D("1150.5")])
    assert reading.taken_on == IN_WINDOW
    assert reading.status == Reading.Status.RECEIVED
    assert reading.source == Reading.Source.APPLICANT
    assert reading.entered_by == owner


def test_lower_than_previous_accepted_is_rejected_with_message(meter, owner):
    ReadingFactory(meter=meter, value_t1=D("1000"))
    with pytest.raises(ValidationError) as exc:
        _submit(meter, owner, [D("999.99")])
    message = exc.value.message_dict["value_t1"][0]
    assert "меньше предыдущих (1000,00 на 20.10.2026)" in message
    assert not meter.readings.filter(taken_on=IN_WINDOW).exists()


def test_rejected_previous_reading_does_not_count(meter, owner):
    ReadingFactory(meter=meter, value_t1=D("1000"))
    ReadingFactory(
        meter=meter,
        taken_on=dt.date(2026, 11, 1),
        value_t1=D("9000"),
        status="rejected",
        review_reason="опечатка",
    )
    assert _submit(meter, owner, [D("1100")]).value_t1 == D("1100")


def test_staff_rollover_allows_lower_value_and_wraps_consumption(meter, owner):
    ReadingFactory(meter=meter, value_t1=D("999950"))
    with pytest.raises(ValidationError):
        flows.reading_create(meter=meter, actor=None, values=[D("30")], taken_on=IN_WINDOW)
    reading = flows.reading_create(
        meter=meter, actor=None, values=[D("30")], taken_on=IN_WINDOW, reset="rollover"
    )
    assert reading.status == Reading.Status.ACCEPTED
    history = selectors.meter_history(meter)
    assert history[0].reading == reading
    assert history[0].consumption == [D("80")]


def test_window_closed_message_for_applicant_only(settings, meter, owner):
    settings.LK_METER_READING_WINDOW = (15, 25)
    with pytest.raises(ValidationError) as exc:
        _submit(meter, owner, [D("10")], day=dt.date(2026, 11, 26))
    assert exc.value.messages == [
        "Показания принимаются с 15 по 25 число месяца. Следующий приём — с 15.12.2026."
    ]
    # staff may record readings on any day
    flows.reading_create(meter=meter, actor=None, values=[D("10")], taken_on=dt.date(2026, 11, 26))


@pytest.mark.parametrize("values", [[D("1")], [D("1"), D("2"), D("3")]])
def test_wrong_tariff_count(meter2, owner, values):
    with pytest.raises(ValidationError) as exc:
        _submit(meter2, owner, values)
    assert "2-тарифный" in exc.value.messages[0]


def test_value_must_fit_the_meter_digits(meter, owner):
    with pytest.raises(ValidationError) as exc:
        _submit(meter, owner, [D("1000000")])
    assert "6 знаков до запятой" in exc.value.message_dict["value_t1"][0]


def test_absurd_consumption_needs_confirmation(settings, meter, owner):
    settings.LK_METER_MAX_DAILY_KWH = 100  # 31 days since 20.10 → 3100 kWh allowed
    ReadingFactory(meter=meter, value_t1=D("1000"))
    with pytest.raises(ValidationError) as exc:
        _submit(meter, owner, [D("4200")])
    assert exc.value.message_dict["confirm_high"][0].startswith(
        "Расход по тарифу «Общий (Т1)» — 3200 кВт·ч за 31 дн. — необычно велик."
    )
    reading = _submit(meter, owner, [D("4200")], confirm_high=True)
    assert reading.high_consumption_confirmed
    assert _submit(meter, owner, [D("4000")]).value_t1 == D("4000")  # a correction the same day replaces it
    assert meter.readings.filter(taken_on=IN_WINDOW).count() == 1


def test_pending_meter_takes_no_readings(owner):
    meter = MeterFactory(owner=owner, status=Meter.Status.PENDING)
    with pytest.raises(ValidationError, match="не подтверждён"):
        _submit(meter, owner, [D("1")])


def test_only_the_owner_submits(meter, stranger):
    with pytest.raises(PermissionDenied):
        _submit(meter, stranger, [D("1")])


def test_consumption_is_computed_per_tariff(meter2):
    ReadingFactory(meter=meter2, taken_on=dt.date(2026, 9, 20), value_t1=D("100"), value_t2=D("50"))
    ReadingFactory(meter=meter2, taken_on=dt.date(2026, 10, 20), value_t1=D("180"), value_t2=D("75.5"))
    ReadingFactory(
        meter=meter2,
        taken_on=dt.date(2026, 10, 25),
        value_t1=D("1"),
        value_t2=D("1"),
        status="rejected",
        review_reason="ошибка",
    )
    ReadingFactory(meter=meter2, taken_on=dt.date(2026, 11, 20), value_t1=D("300"), value_t2=D("100"))
    history = selectors.meter_history(meter2)
    assert [row.consumption for row in history] == [
        [D("120"), D("24.5")],
        [None, None],
        [D("80"), D("25.5")],
        [None, None],
    ]
    months = selectors.monthly_consumption(history, 2)
    assert months == [
        {"month": dt.date(2026, 10, 1), "values": [D("80"), D("25.5")]},
        {"month": dt.date(2026, 11, 1), "values": [D("120"), D("24.5")]},
    ]


def test_database_rejects_negative_values_and_reasonless_rejection(meter):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(meter=meter, value_t1=D("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(meter=meter, status="rejected", review_reason="")


def test_review_reject_needs_reason_and_notifies_owner(meter, owner):
    reading = ReadingFactory(meter=meter, status=Reading.Status.RECEIVED)
    with pytest.raises(ValidationError):
        flows.reading_review(reading=reading, actor=None, status="rejected", reason="  ")
    flows.reading_review(reading=reading, actor=None, status="rejected", reason="Фото счётчика не совпадает")
    reading.refresh_from_db()
    assert reading.status == "rejected" and reading.reviewed_at is not None
    note = Notification.objects.get(user=owner, event="meter_reading_reviewed")
    assert "отклонены" in note.title
    assert "Фото счётчика не совпадает" in note.body
    assert OutboxMessage.objects.filter(user=owner, channel="email").exists()


def test_meter_create_from_application_is_confirmed_and_applicant_meter_waits(owner):
    from_application = flows.meter_create(
        owner=owner,
        meter_type="Меркурий 230",
        serial_number="123",
        tariff_count=3,
        address="ул. Мира, 1",
        source=Meter.Source.APPLICATION,
    )
    assert from_application.status == Meter.Status.ACTIVE
    own = flows.meter_create(owner=owner, meter_type="Нева", serial_number="5", tariff_count=1, address="x")
    assert own.status == Meter.Status.PENDING
    with pytest.raises(ValidationError):
        flows.meter_create(owner=owner, meter_type="нева", serial_number="5", tariff_count=1, address="x")
    flows.meter_confirm(meter=own, actor=None)
    assert Notification.objects.filter(user=owner, event="meter_confirmed").count() == 1
