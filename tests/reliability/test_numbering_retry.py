"""Numbering survives lost races: a deadlock/serialization failure re-runs the submit (bounded), a
number taken concurrently is replaced by the next one; nothing is numbered, notified or logged twice."""

import pytest
from django.db import OperationalError
from psycopg import errors as pg_errors

from lk_plugin.applications.flows import application_submit
from lk_plugin.applications.models import Application, StatusChange
from lk_plugin.core import numbering as core_numbering
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.core.retry import is_transient, retry_on_conflict
from lk_plugin.notifications.models import OutboxMessage
from tests.factories import make_applicant
from tests.helpers import fill_tp_draft


def db_error(driver_exc_class, message):
    """What Django raises for a driver error: OperationalError with the psycopg error as __cause__."""
    try:
        try:
            raise driver_exc_class(message)
        except pg_errors.Error as driver_exc:
            raise OperationalError(message) from driver_exc
    except OperationalError as exc:
        return exc


def submit(application, user):
    return application_submit(application=application, user=user, request_meta=RequestMeta(ip="127.0.0.1"))


def fail_first(monkeypatch, driver_exc_class, times=1):
    real = core_numbering._advance
    calls = {"n": 0}

    def flaky(key):
        calls["n"] += 1
        if calls["n"] <= times:
            raise db_error(driver_exc_class, "simulated")
        return real(key)

    monkeypatch.setattr(core_numbering, "_advance", flaky)
    return calls


def test_transient_errors_are_recognised_by_sqlstate():
    assert is_transient(db_error(pg_errors.DeadlockDetected, "deadlock detected"))
    assert is_transient(db_error(pg_errors.SerializationFailure, "could not serialize"))
    assert not is_transient(db_error(pg_errors.QueryCanceled, "timeout"))
    assert not is_transient(OperationalError("no cause"))


@pytest.mark.parametrize("driver_exc", [pg_errors.DeadlockDetected, pg_errors.SerializationFailure])
def test_submit_is_retried_after_a_lost_race(tp_page, applicant, monkeypatch, driver_exc, settings):
    settings.LK_NUMBER_START = {"application:technological_connection": 100}
    calls = fail_first(monkeypatch, driver_exc)
    application = submit(fill_tp_draft(tp_page, applicant), applicant)
    assert calls["n"] > 1  # taken again after the simulated failure (twice when the counter row is new)
    assert application.number.startswith("100ТП/")  # the failed attempt left no gap
    assert Application.objects.get(pk=application.pk).status == "submitted"
    assert StatusChange.objects.filter(application=application, to_status="submitted").count() == 1
    assert OutboxMessage.objects.filter(event="application_submitted").count() == 1


def test_retries_are_bounded(tp_page, applicant, monkeypatch):
    fail_first(monkeypatch, pg_errors.DeadlockDetected, times=100)
    draft = fill_tp_draft(tp_page, applicant)
    with pytest.raises(OperationalError):
        submit(draft, applicant)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number is None


def test_other_database_errors_are_not_retried(monkeypatch, db):
    calls = {"n": 0}

    @retry_on_conflict
    def work():
        calls["n"] += 1
        raise db_error(pg_errors.QueryCanceled, "statement timeout")

    with pytest.raises(OperationalError):
        work()
    assert calls["n"] == 1


def test_a_number_taken_concurrently_is_replaced_by_the_next(tp_page, applicant, settings, caplog):
    """Two kinds sharing a template, or an imported number: the first attempt does not look the
    number up (the usual case never collides), the UNIQUE column catches the clash and the next
    free value is taken."""
    import logging

    settings.LK_NUMBER_START = {"application:technological_connection": 7}
    other = make_applicant("other@example.ru", snils="00100100100")
    for number in ("7ТП/ФЛ/НП/До 15/ЛК", "8ТП/ФЛ/НП/До 15/ЛК"):
        taken = fill_tp_draft(tp_page, other)
        Application.objects.filter(pk=taken.pk).update(status="submitted", number=number)
    with caplog.at_level(logging.WARNING, logger="lk_plugin.numbering"):
        application = submit(fill_tp_draft(tp_page, applicant), applicant)
    assert "7ТП/ФЛ/НП/До 15/ЛК is taken" in caplog.text
    assert application.number == "9ТП/ФЛ/НП/До 15/ЛК"  # 8 was skipped by the lookup after the clash
    assert Application.objects.filter(number=application.number).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_deadlock_on_the_counters_is_retried(caplog):
    """Two transactions take two sequences in opposite order: PostgreSQL kills one (40P01), the
    retry runs it again, both finish and every value is handed out once."""
    import logging
    import threading

    from django.db import connection

    from lk_plugin.core.numbering import next_value

    next_value("deadlock:a"), next_value("deadlock:b")  # both counter rows exist (value 1)
    both_hold_first = threading.Barrier(2)
    results = {}

    def take(name, first, second):
        attempts = []

        @retry_on_conflict
        def work():
            attempts.append(1)
            one = next_value(first)
            if len(attempts) == 1:
                both_hold_first.wait(10)  # each holds its first counter, then wants the other's
            return one, next_value(second)

        try:
            results[name] = (work(), len(attempts))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[name] = exc
        finally:
            connection.close()

    with caplog.at_level(logging.WARNING, logger="lk_plugin.db"):
        threads = [
            threading.Thread(target=take, args=("ab", "deadlock:a", "deadlock:b")),
            threading.Thread(target=take, args=("ba", "deadlock:b", "deadlock:a")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert all(isinstance(value, tuple) for value in results.values()), results
    (ab, ab_attempts), (ba, ba_attempts) = results["ab"], results["ba"]
    assert sorted([ab_attempts, ba_attempts]) == [1, 2]  # exactly one was the deadlock victim
    assert "40P01" in caplog.text
    a_values, b_values = sorted([ab[0], ba[1]]), sorted([ab[1], ba[0]])
    assert a_values == [2, 3] and b_values == [2, 3]  # handed out once each, no gap left
