import pytest

from tests.factories import UserFactory


@pytest.fixture
def applicant(client):
    """The cabinet tests' applicant: a signed-in user without a profile (the cabinet pages need none);
    unlike the shared ``applicant`` of tests/conftest.py, signed in and made by the factory."""
    user = UserFactory()
    client.force_login(user)
    return user
