"""Broker (Redis) down during submit: the application is saved and numbered, the applicant sees
the number, the mails wait in the outbox and go out exactly once when the sweeper runs."""

import logging

from django.core import mail
from django.urls import reverse

from lk_plugin.applications.models import Application
from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.notifications.tasks import sweep_outbox
from tests.helpers import fill_tp_draft

SUBMIT = {"step": "6", "action": "submit", "pd_consent": "on", "captcha_0": "x", "captcha_1": "PASSED"}


def test_submit_with_broker_down_saves_numbers_and_mails_later(
    client, tp_page, applicant, broker_down, django_capture_on_commit_callbacks, caplog
):
    application = fill_tp_draft(tp_page, applicant)
    client.force_login(applicant)
    url = reverse("lk_applications:form", args=[application.pk])
    with (
        caplog.at_level(logging.WARNING, logger="lk_plugin.outbox"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client.post(url, SUBMIT)
    assert callbacks, "the send was scheduled after commit"
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.number
    html = client.get(response["Location"]).content.decode()
    assert application.number in html
    # The enqueue failure is logged, not raised; the rows wait unsent.
    assert "could not queue message" in caplog.text
    rows = OutboxMessage.objects.filter(to=applicant.email, event="application_submitted")
    assert rows.count() == 1 and rows.get().sent_at is None
    assert mail.outbox == []

    # The broker is back: the periodic sweeper sends each row once.
    assert sweep_outbox(min_age_seconds=0) >= 1
    assert sweep_outbox(min_age_seconds=0) == 0
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    confirmations = [m for m in mail.outbox if application.number in m.subject]
    assert len(confirmations) == 1 and confirmations[0].to == [applicant.email]
    assert Application.objects.filter(number=application.number).count() == 1


def test_appeal_with_broker_down_is_registered(
    client, applicant, broker_down, django_capture_on_commit_callbacks
):
    from lk_plugin.appeals.models import Appeal, AppealTopic

    topic = AppealTopic.objects.filter(is_active=True).first()
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("lk_appeals:new"), {"topic": topic.pk, "text": "Нет света третий день"}
        )
    assert response.status_code == 302
    appeal = Appeal.objects.get(owner=applicant)
    assert appeal.number
    assert OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    sweep_outbox(min_age_seconds=0)
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert sum(appeal.number in m.subject for m in mail.outbox) == 1


def test_publishing_is_bounded_when_the_broker_hangs():
    """A broker that accepts TCP but never answers would block the request forever without these."""
    from lk_site.celery import app

    assert 0 < app.conf.broker_connection_timeout <= 5
    options = app.conf.broker_transport_options
    assert 0 < options["socket_connect_timeout"] <= 5 and 0 < options["socket_timeout"] <= 5
    assert app.conf.task_publish_retry_policy["max_retries"] <= 2
