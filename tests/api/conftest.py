import pytest

from tests.factories import ApplicantProfileFactory, UserFactory
from tests.helpers import ApiClient


def applicant_user(**profile):
    user = UserFactory()
    ApplicantProfileFactory(user=user, **profile)
    return user


@pytest.fixture
def person(db):
    return applicant_user()


@pytest.fixture
def api(client, person):
    client.force_login(person)
    return ApiClient(client)


@pytest.fixture
def anon_api(client):
    return ApiClient(client)
