"""Mail without a worker (the embedded default): with no Celery broker configured, outbox rows are
sent in-process right after commit and nothing is ever published (these machines run RabbitMQ on
localhost:5672, where Celery's default app would publish without error); with a broker, the worker
sends. The plugin's periodic jobs ship as data (``lk_plugin.celery.BEAT_SCHEDULE``)."""

import pytest
from celery.app.base import Celery
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from kombu import Connection

from lk_plugin.notifications import outbox
from lk_plugin.notifications.models import OutboxMessage
from tests.helpers import fill_tp_draft

SUBMIT = {"step": "6", "action": "submit", "pd_consent": "on", "captcha_0": "x", "captcha_1": "PASSED"}


@pytest.fixture
def no_broker_not_eager(settings):
    """A host as `wagtail start` makes it: no CELERY_BROKER_URL, Celery not eager (its default
    app would publish to amqp://localhost)."""
    if hasattr(django_settings, "CELERY_BROKER_URL"):
        del settings.CELERY_BROKER_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return settings


@pytest.fixture
def publishes(monkeypatch):
    """Every attempt to publish a task or open a broker connection, recorded and refused."""
    seen = []

    def send_task(self, name, *args, **kwargs):
        seen.append(("send_task", name))
        raise AssertionError(f"published {name}")

    def connect(self, *args, **kwargs):
        seen.append(("connect", self.as_uri()))
        raise AssertionError("opened a broker connection")

    monkeypatch.setattr(Celery, "send_task", send_task)
    monkeypatch.setattr(Connection, "connect", connect)
    monkeypatch.setattr(Connection, "_establish_connection", connect)
    return seen


@pytest.mark.django_db
def test_no_broker_submit_mails_in_process_and_publishes_nothing(
    client, tp_page, applicant, no_broker_not_eager, publishes, django_capture_on_commit_callbacks
):
    assert outbox.delivery_mode() == "inline"
    application = fill_tp_draft(tp_page, applicant)
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("lk_applications:form", args=[application.pk]), SUBMIT)
    assert response.status_code == 302 and callbacks
    application.refresh_from_db()
    confirmations = [m for m in mail.outbox if application.number in m.subject]
    assert len(confirmations) == 1 and confirmations[0].to == [applicant.email]
    assert confirmations[0].attachments, "the confirmation carries its PDF"
    row = OutboxMessage.objects.get(to=applicant.email, event="application_submitted")
    assert row.sent_at is not None and row.attempts == 1
    assert publishes == []


@pytest.mark.django_db
def test_no_broker_failed_send_is_kept_and_lk_outbox_send_retries_it(
    no_broker_not_eager, publishes, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.reliability.test_outbox_delivery.RefusedBackend"
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue_email(to="p@example.ru", event="test", context={"title": "Т", "text": "x"})
    row = OutboxMessage.objects.get()
    assert row.sent_at is None and row.attempts == 1 and "SMTP server down" in row.last_error
    assert mail.outbox == []  # the request that committed did not fail either

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("lk_outbox_send", "--min-age=0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []  # the retry waits its backoff
    OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=None)  # the backoff has passed
    call_command("lk_outbox_send", "--min-age=0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    row.refresh_from_db()
    assert row.sent_at is not None and len(mail.outbox) == 1
    assert publishes == []


@pytest.mark.django_db
def test_with_a_broker_the_worker_sends(
    celery_broker, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from lk_plugin.notifications import tasks

    settings.CELERY_TASK_ALWAYS_EAGER = False
    queued = []
    monkeypatch.setattr(tasks.send_outbox_messages, "delay", lambda ids: queued.append(ids))
    assert outbox.delivery_mode() == "worker"
    with django_capture_on_commit_callbacks(execute=True):
        row = outbox.enqueue_email(to="p@example.ru", event="test", context={"title": "Т", "text": "x"})
    assert queued == [[row.pk]]
    assert mail.outbox == []  # this process did not send it


@pytest.mark.django_db
def test_worker_mode_without_a_broker_never_publishes(
    no_broker_not_eager, publishes, settings, django_capture_on_commit_callbacks
):
    settings.LK_OUTBOX_DELIVERY = "worker"
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue_email(to="p@example.ru", event="test", context={"title": "Т", "text": "x"})
    assert publishes == [] and mail.outbox == []
    call_command("lk_outbox_send", "--min-age=0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_inline_mode_sends_in_process_even_with_a_broker(
    celery_broker, settings, publishes, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.LK_OUTBOX_DELIVERY = "inline"
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue_email(to="p@example.ru", event="test", context={"title": "Т", "text": "x"})
    assert len(mail.outbox) == 1 and publishes == []


@pytest.mark.django_db
def test_demo_make_run_writes_mail_to_var_mail_with_no_worker(
    settings, tmp_path, publishes, django_capture_on_commit_callbacks
):
    """`make run` (dev settings) configures no broker; its file backend receives the mail at once."""
    from lk_site.settings import dev

    assert not getattr(dev, "CELERY_BROKER_URL", None)
    assert dev.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert str(dev.EMAIL_FILE_PATH).endswith("var/mail")
    if hasattr(django_settings, "CELERY_BROKER_URL"):
        del settings.CELERY_BROKER_URL
    settings.EMAIL_BACKEND = dev.EMAIL_BACKEND
    settings.EMAIL_FILE_PATH = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue_email(to="p@example.ru", event="test", context={"title": "Проверка", "text": "x"})
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and "p@example.ru" in files[0].read_text()
    assert publishes == []


def test_beat_schedule_ships_with_the_plugin_and_names_real_tasks():
    from lk_plugin.celery import BEAT_SCHEDULE
    from lk_site.celery import app

    tasks = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert tasks == {
        "lk_plugin.notifications.tasks.sweep_outbox",
        "lk_plugin.accounts.tasks.destroy_withdrawn_personal_data",
        "lk_plugin.metering.tasks.import_askue",
        "lk_plugin.notifications.tasks.purge_outbox",
        "lk_plugin.outages.tasks.purge_unconfirmed_subscriptions",
        "lk_plugin.connection.tasks.sync_payments",
        "lk_plugin.core.tasks.delete_old_jobs",
    }
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)
    # The demo host imports it instead of keeping its own copy.
    assert {key: django_settings.CELERY_BEAT_SCHEDULE[key] for key in BEAT_SCHEDULE} == BEAT_SCHEDULE


@pytest.mark.django_db
def test_lk_periodic_runs_the_nightly_jobs_without_beat(monkeypatch):
    from lk_plugin.accounts import flows as account_flows
    from lk_plugin.metering import tasks as metering_tasks

    ran = []
    monkeypatch.setattr(account_flows, "destroy_due_personal_data", lambda: ran.append("destroy") or 0)
    monkeypatch.setattr(metering_tasks, "askue_refresh", lambda **kw: ran.append("askue"))
    call_command("lk_periodic", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ran[0] == "destroy"
