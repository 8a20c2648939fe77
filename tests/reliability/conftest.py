"""Fixtures of the reliability suite: a broker that is down (the ТП form and the applicant come from
tests/conftest.py)."""

import pytest


@pytest.fixture
def broker_down():
    """The real Celery app, not eager, pointed at a port where nothing listens."""
    from lk_plugin.notifications import outbox
    from lk_site.celery import app

    keys = ("task_always_eager", "broker_url")
    # Restore the override layer itself: writing the old values back would pin them over settings.
    saved = {key: app.conf.changes[key] for key in keys if key in app.conf.changes}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")
    app._pool = None
    app.amqp._producer_pool = None
    outbox._broker_down_until = 0.0
    yield app
    for key in keys:
        app.conf.changes.pop(key, None)
    app.conf.update(**saved)
    app._pool = None
    app.amqp._producer_pool = None
    outbox._broker_down_until = 0.0


@pytest.fixture(autouse=True)
def _seeds(request):
    """Seed rows (application kinds, appeal topics) even after a transactional test flushed them."""
    if {"db", "transactional_db"} & set(request.fixturenames) or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("seeded")
