import pytest

from tests.factories import MeterFactory, UserFactory


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
