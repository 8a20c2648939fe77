import datetime as dt

import pytest

from tests.factories import ApplicantProfileFactory, ApplicationFactory, UserFactory
from tests.helpers import pdf


@pytest.fixture
def applicant(seeded):
    """Kept apart from the shared ``applicant`` (Петров, tests/conftest.py): this one is the factory's
    «Иванов» with a phone and a unique email, and test_views checks that «Иванов» stays hidden from
    strangers; it also restores the seeds (``seeded``) the connection stages need."""
    return ApplicantProfileFactory(phone="+79161234567").user


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff-conn@example.ru", is_staff=True, is_superuser=True)


@pytest.fixture
def make_application(applicant):
    def make(owner=None, **kwargs):
        kwargs.setdefault("data", {"max_power_kw": "15", "reason": "new"})
        kwargs.setdefault("submitted_at", dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC))
        return ApplicationFactory(owner=owner or applicant, **kwargs)

    return make


@pytest.fixture
def process(make_application):
    from lk_plugin.connection.flows.stages import connection_start

    application = make_application()
    return connection_start(application=application)


@pytest.fixture
def offered(process, staff_user):
    """An application with the contract, ТУ and an invoice placed (stage «Оплата»)."""
    from lk_plugin.connection.flows.stages import offer_place

    application = process.application
    invoice = offer_place(
        application=application,
        actor=staff_user,
        contract_file=pdf("c.pdf"),
        tu_file=pdf("tu.pdf"),
        amount="550",
    )
    return application, invoice
