import threading

import pytest
from django.db import connection

from lk_plugin.applications.statuses import Status, allowed_targets, is_allowed
from lk_plugin.core.numbering import next_value


@pytest.mark.django_db
def test_sequences_are_separate_and_start_where_configured(settings):
    settings.LK_NUMBER_START = {"appeal": 13620}
    assert next_value("appeal") == 13620
    assert next_value("appeal") == 13621
    assert next_value("technological_connection") == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_takers_never_share_a_value():
    values, errors = [], []

    def take():
        try:
            values.append(next_value("parallel"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(values) == list(range(1, 21))


def test_transition_table():
    assert is_allowed(Status.SUBMITTED, Status.WITHDRAWN, "applicant")
    assert not is_allowed(Status.IN_PROGRESS, Status.WITHDRAWN, "applicant")
    assert not is_allowed(Status.COMPLETED, Status.IN_PROGRESS, "staff")
    assert set(allowed_targets(Status.IN_PROGRESS, "staff")) == {
        Status.NEEDS_INFO,
        Status.COMPLETED,
        Status.REJECTED,
    }
