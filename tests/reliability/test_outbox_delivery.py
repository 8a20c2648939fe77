"""A sender killed or failing mid-send does not send twice (documented at-least-once semantics in
lk_plugin/notifications/tasks.py): one send per row under concurrency, "accepted" is final, a killed
worker's row is re-sent by the sweeper with the same Message-ID."""

import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection

from lk_plugin.notifications import outbox
from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.notifications.tasks import message_id_for, send_outbox_message, sweep_outbox

BACKENDS = "tests.reliability.test_outbox_delivery."


class Killed(BaseException):  # noqa: N818 - what a worker sees when it is terminated
    """Like SystemExit / a hard time limit: not an Exception, nothing catches it on the way out."""


class CloseFailsBackend(LocmemBackend):
    """The server accepted the message, then the connection broke while saying goodbye."""

    def close(self):
        raise ConnectionResetError("connection reset while closing")


class KilledAfterAcceptBackend(LocmemBackend):
    """The worker dies right after the SMTP server accepted the message (before our COMMIT)."""

    armed = True

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if KilledAfterAcceptBackend.armed:
            KilledAfterAcceptBackend.armed = False
            raise Killed()
        return sent


class KilledBeforeAcceptBackend(LocmemBackend):
    armed = True

    def send_messages(self, messages):
        if KilledBeforeAcceptBackend.armed:
            KilledBeforeAcceptBackend.armed = False
            raise Killed()
        return super().send_messages(messages)


class RefusedBackend(LocmemBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def make_row(**kwargs):
    fields = {"channel": "email", "event": "test", "to": "p@example.ru", "subject": "Заявка принята"}
    return OutboxMessage.objects.create(**{**fields, "body_text": "Текст", **kwargs})


def make_due(row):
    """Its backoff has passed (instead of waiting minutes for it)."""
    OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=None)


def ids_sent():
    return [m.extra_headers.get("Message-ID") for m in mail.outbox]


@pytest.mark.django_db
def test_every_send_of_a_row_carries_the_same_message_id():
    row = make_row()
    assert send_outbox_message(row.pk) is True
    assert ids_sent() == [message_id_for(row)]
    assert message_id_for(row).startswith(f"<lk-outbox-{row.pk}.") and message_id_for(row).endswith(
        "@example.ru>"
    )


@pytest.mark.django_db
def test_error_after_acceptance_does_not_resend(settings):
    settings.EMAIL_BACKEND = BACKENDS + "CloseFailsBackend"
    row = make_row()
    assert send_outbox_message(row.pk) is True
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1
    assert sweep_outbox(min_age_seconds=0) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_killed_before_acceptance_is_sent_once_by_the_sweeper(settings):
    settings.EMAIL_BACKEND = BACKENDS + "KilledBeforeAcceptBackend"
    KilledBeforeAcceptBackend.armed = True
    row = make_row()
    with pytest.raises(Killed):
        send_outbox_message(row.pk)
    row.refresh_from_db()
    assert row.sent_at is None  # the row is not lost
    assert row.attempts == 1  # and the attempt that killed the worker was counted (committed first)
    assert mail.outbox == []
    assert sweep_outbox(min_age_seconds=0) == 0  # not retried ahead of the rest: it waits its backoff
    make_due(row)
    assert sweep_outbox(min_age_seconds=0) == 1
    assert sweep_outbox(min_age_seconds=0) == 0
    assert ids_sent() == [message_id_for(row)]


@pytest.mark.django_db
def test_killed_after_acceptance_resends_the_same_message(settings):
    """The one window no sender can close (accepted, not yet committed): at-least-once, and the
    copy is the same message (same Message-ID), so receivers show one."""
    settings.EMAIL_BACKEND = BACKENDS + "KilledAfterAcceptBackend"
    KilledAfterAcceptBackend.armed = True
    row = make_row()
    with pytest.raises(Killed):
        send_outbox_message(row.pk)
    assert OutboxMessage.objects.get(pk=row.pk).sent_at is None
    make_due(row)
    assert sweep_outbox(min_age_seconds=0) == 1
    assert sweep_outbox(min_age_seconds=0) == 0
    assert len(mail.outbox) == 2 and set(ids_sent()) == {message_id_for(row)}


@pytest.mark.django_db
def test_refused_mail_is_retried_then_given_up(settings):
    settings.EMAIL_BACKEND = BACKENDS + "RefusedBackend"
    settings.LK_OUTBOX_MAX_ATTEMPTS = 3
    row = make_row()
    for _ in range(5):
        make_due(row)
        sweep_outbox(min_age_seconds=0)
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 3 and row.failed_at is not None
    assert "SMTP server down" in row.last_error


@pytest.mark.django_db
def test_broker_pause_leaves_rows_to_the_sweeper(
    monkeypatch, broker_down, django_capture_on_commit_callbacks
):
    """After one refused publish the process does not wait on the broker for every request."""
    from lk_plugin.notifications import tasks

    calls = []

    def refused(pk):
        calls.append(pk)
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.send_outbox_messages, "delay", refused)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            outbox.enqueue_email(to="p@example.ru", event="test", context={"title": "Т", "text": "x"})
    assert len(calls) == 1
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 3
    assert sweep_outbox(min_age_seconds=0) == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_row_send_once(settings):
    """The after-commit task and the sweeper (or a redelivered task) race for the same row."""
    settings.EMAIL_BACKEND = BACKENDS + "SlowBackend"
    SlowBackend.entered = threading.Event()
    SlowBackend.release = threading.Event()
    row = make_row()
    results = {}

    def worker(name):
        try:
            results[name] = send_outbox_message(row.pk)
        finally:
            connection.close()

    first = threading.Thread(target=worker, args=("first",))
    first.start()
    assert SlowBackend.entered.wait(10)
    second = threading.Thread(target=worker, args=("second",))
    second.start()
    second.join(10)  # skips the locked row at once
    SlowBackend.release.set()
    first.join(10)
    assert results == {"first": True, "second": False}
    assert len(mail.outbox) == 1
    assert send_outbox_message(row.pk) is False  # and afterwards the row is final


class SlowBackend(LocmemBackend):
    entered = threading.Event()
    release = threading.Event()

    def send_messages(self, messages):
        SlowBackend.entered.set()
        SlowBackend.release.wait(10)
        return super().send_messages(messages)
