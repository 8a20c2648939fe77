import pytest

from tests import factories as f


@pytest.fixture(autouse=True)
def _staff_urls(settings):
    settings.ROOT_URLCONF = "tests.staff.urls"


@pytest.fixture
def staff(db):
    return f.staff_user("staff@example.ru")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def editor_client(client, db):
    client.force_login(f.editor_user("editor@example.ru"))
    return client
