import datetime as dt
from decimal import Decimal

import factory
import pytest
from django.contrib.auth import get_user_model

from lk_plugin.metering.models import Meter, Reading


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.ru")
    password = factory.django.Password("pass-12345-x")


class MeterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meter

    owner = factory.SubFactory(UserFactory)
    meter_type = "Меркурий 201.8"
    serial_number = factory.Sequence(lambda n: f"{41000000 + n}")
    tariff_count = 1
    digits = 6
    address = "г. Москва, ул. Ленина, д. 15"
    status = Meter.Status.ACTIVE


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reading

    meter = factory.SubFactory(MeterFactory)
    taken_on = dt.date(2026, 10, 20)
    value_t1 = Decimal("1000.00")
    source = Reading.Source.APPLICANT
    status = Reading.Status.ACCEPTED


@pytest.fixture
def owner(db):
    return UserFactory()


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def meter(owner):
    return MeterFactory(owner=owner)


@pytest.fixture
def meter2(owner):
    return MeterFactory(owner=owner, tariff_count=2, meter_type="Нева МТ 124")


@pytest.fixture
def always_open(settings):
    settings.LK_METER_READING_WINDOW = None
