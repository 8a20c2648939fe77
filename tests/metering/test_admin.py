import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lk_plugin.metering.models import Meter, Reading
from lk_plugin.notifications.models import Notification
from tests.factories import MeterFactory, ReadingFactory, UserFactory

D = Decimal


@pytest.fixture
def specialist(db):
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name="Специалисты")
    codenames = ["access_admin"] + [
        f"{a}_{m}" for a in ("add", "change", "view") for m in ("meter", "reading")
    ]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


@pytest.fixture
def readings(meter):
    return [
        ReadingFactory(meter=meter, taken_on=dt.date(2026, 9, 20), value_t1=D("100")),
        ReadingFactory(meter=meter, taken_on=dt.date(2026, 10, 20), value_t1=D("180"), status="received"),
        ReadingFactory(
            meter=MeterFactory(serial_number="222"),
            taken_on=dt.date(2026, 10, 21),
            value_t1=D("5"),
            source=Reading.Source.STAFF,
        ),
    ]


def test_listing_filters_by_period_meter_and_source(
    client, specialist, readings, meter, django_assert_max_num_queries
):
    client.force_login(specialist)
    url = reverse("lk_readings:index")
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 3
    response = client.get(url, {"taken_on_from": "2026-10-01", "taken_on_to": "2026-10-31"})
    assert {r.taken_on for r in response.context["object_list"]} == {
        dt.date(2026, 10, 20),
        dt.date(2026, 10, 21),
    }
    response = client.get(url, {"meter": meter.pk})
    assert {r.meter_id for r in response.context["object_list"]} == {meter.pk}
    response = client.get(url, {"source": "staff"})
    assert [r.value_t1 for r in response.context["object_list"]] == [D("5")]


def test_listing_export_matches(client, specialist, readings, meter):
    client.force_login(specialist)
    response = client.get(reverse("lk_readings:index"), {"export": "csv", "meter": meter.pk})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert rows[0][:4] == ["Дата", "Тип прибора", "Заводской номер", "Email заявителя"]
    assert [(r[0], r[2], r[4], r[8]) for r in rows[1:]] == [
        ("2026-10-20", meter.serial_number, "180.00", "Получено"),
        ("2026-09-20", meter.serial_number, "100.00", "Принято"),
    ]
    response = client.get(reverse("lk_readings:index"), {"export": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="pokazaniya.xlsx"')


def test_reject_with_reason_notifies_owner(client, specialist, readings, owner):
    reading = readings[1]
    client.force_login(specialist)
    url = reverse("lk_readings:edit", args=[reading.pk])
    response = client.post(url, {"status": "rejected", "review_reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["review_reason"] == [
        "Укажите причину отклонения: её увидит заявитель."
    ]
    response = client.post(url, {"status": "rejected", "review_reason": "Показания завышены"})
    assert response.status_code == 302
    reading.refresh_from_db()
    assert (reading.status, reading.review_reason, reading.reviewed_by) == (
        "rejected",
        "Показания завышены",
        specialist,
    )
    assert (
        Notification.objects.get(user=owner, event="meter_reading_reviewed").body.count("Показания завышены")
        == 1
    )


def test_staff_enter_reading_with_rollover(client, specialist, meter):
    ReadingFactory(meter=meter, value_t1=D("999990"))
    client.force_login(specialist)
    assert f"{meter} — {meter.owner.email}" in client.get(reverse("lk_readings:add")).content.decode()
    data = {
        "meter": meter.pk,
        "taken_on": "2026-11-05",
        "value_t1": "15",
        "value_t2": "",
        "value_t3": "",
        "reset": "",
    }
    response = client.post(reverse("lk_readings:add"), data)
    assert response.status_code == 200
    assert "меньше предыдущих" in response.context["form"].errors["value_t1"][0]
    response = client.post(reverse("lk_readings:add"), {**data, "value_t2": "3"})
    assert "этот тариф не заполняется" in response.context["form"].errors["value_t2"][0]
    response = client.post(reverse("lk_readings:add"), {**data, "reset": "rollover"})
    assert response.status_code == 302
    reading = meter.readings.get(taken_on=dt.date(2026, 11, 5))
    response = client.post(reverse("lk_readings:add"), {**data, "value_t1": "20", "reset": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["taken_on"] == [
        "Показания этого прибора на 05.11.2026 уже внесены."
    ]
    assert (reading.source, reading.status, reading.reset, reading.entered_by) == (
        "staff",
        "accepted",
        "rollover",
        specialist,
    )


def test_confirming_a_meter_notifies_the_owner(client, specialist, owner):
    meter = MeterFactory(owner=owner, status=Meter.Status.PENDING)
    client.force_login(specialist)
    data = {
        "owner": owner.pk,
        "meter_type": meter.meter_type,
        "serial_number": meter.serial_number,
        "tariff_count": 1,
        "digits": 6,
        "address": meter.address,
        "account_number": "",
        "verification_due": "",
        "status": "active",
    }
    response = client.post(reverse("lk_meters:edit", args=[meter.pk]), data)
    assert response.status_code == 302
    meter.refresh_from_db()
    assert meter.status == "active"
    assert Notification.objects.filter(user=owner, event="meter_confirmed").count() == 1


def test_applicants_have_no_admin_access(client, owner):
    client.force_login(owner)
    response = client.get(reverse("lk_readings:index"))
    assert response.status_code in (302, 403)


def test_staff_attach_meter_and_duplicates_are_form_errors(client, specialist, owner):
    MeterFactory(meter_type="Нева МТ 124", serial_number="00918273")
    client.force_login(specialist)
    data = {
        "owner": owner.pk,
        "meter_type": "НЕВА мт 124",
        "serial_number": "00918273",
        "tariff_count": 2,
        "digits": 6,
        "address": "СНТ «Рассвет», уч. 42",
        "account_number": "770012345678",
        "verification_due": "",
    }
    response = client.post(reverse("lk_meters:add"), data)
    assert response.status_code == 200
    assert "уже зарегистрирован" in response.context["form"].errors["serial_number"][0]
    response = client.post(reverse("lk_meters:add"), {**data, "serial_number": "00918274"})
    assert response.status_code == 302
    meter = Meter.objects.get(serial_number="00918274")
    assert (meter.owner, meter.status, meter.source) == (owner, "active", "staff")
