import pytest
from django.core import mail

from lk_plugin.notifications import sms
from lk_plugin.notifications.flows import notify
from lk_plugin.notifications.models import Notification, NotificationPreferences, OutboxMessage
from lk_plugin.notifications.tasks import send_outbox_message, sweep_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    from lk_plugin.accounts.models import ApplicantProfile

    user = django_user_model.objects.create_user(username="p", email="p@example.ru", password="x" * 10)
    ApplicantProfile.objects.create(
        user=user, legal_form="individual", last_name="Иванов", first_name="Иван", phone="+79160000000"
    )
    return user


def test_notify_writes_rows_in_transaction_and_sends_after_commit(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            user=person,
            event="test",
            context={"title": "Статус изменён", "text": "Заявка в работе"},
            url="/lk/",
        )
    assert Notification.objects.filter(user=person, title="Статус изменён").exists()
    row = OutboxMessage.objects.get(user=person, channel="email")
    assert row.sent_at is None and mail.outbox == []
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Статус изменён"
    assert "Иванов Иван" in mail.outbox[0].body


def test_sending_twice_sends_once(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=person, event="test", context={"title": "Т", "text": "x"})
    row = OutboxMessage.objects.get()
    assert send_outbox_message(row.pk) is False
    assert len(mail.outbox) == 1


def test_sms_channel_follows_preferences(person, django_capture_on_commit_callbacks):
    sms.outbox.clear()
    NotificationPreferences.objects.create(user=person, email=False, sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=person, event="test", context={"title": "Новый комментарий", "text": "x"})
    assert mail.outbox == []
    assert sms.outbox[-1]["phone"] == "+79160000000"
    assert "Новый комментарий" in sms.outbox[-1]["text"]


def test_broker_down_keeps_rows_and_sweeper_sends_later(
    person, monkeypatch, celery_broker, django_capture_on_commit_callbacks
):
    from lk_plugin.notifications import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.send_outbox_messages, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=person, event="test", context={"title": "Т", "text": "x"})
    assert OutboxMessage.objects.get().sent_at is None
    assert mail.outbox == []
    assert sweep_outbox(min_age_seconds=0) == 1
    assert len(mail.outbox) == 1
    assert sweep_outbox(min_age_seconds=0) == 0


def test_one_transaction_publishes_its_rows_once(
    person, monkeypatch, celery_broker, django_capture_on_commit_callbacks
):
    """A submit writes the applicant's mail and the staff mails: one broker publish carries them all."""
    from django.db import transaction

    from lk_plugin.notifications import outbox, tasks

    published = []
    monkeypatch.setattr(tasks.send_outbox_messages, "delay", lambda ids: published.append(ids))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(user=person, event="test", context={"title": "Т", "text": "x"})
        outbox.enqueue_emails(to=["a@example.ru", "b@example.ru"], event="test", context={"title": "Т"})
    rows = list(OutboxMessage.objects.order_by("pk").values_list("pk", flat=True))
    assert len(rows) == 3
    assert published == [rows]


def test_rows_of_a_rolled_back_savepoint_are_not_published(
    person, monkeypatch, celery_broker, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from lk_plugin.notifications import outbox, tasks

    published = []
    monkeypatch.setattr(tasks.send_outbox_messages, "delay", lambda ids: published.append(ids))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept = outbox.enqueue_email(to="a@example.ru", event="test", context={"title": "Т"})
        try:
            with transaction.atomic():
                outbox.enqueue_email(to="b@example.ru", event="test", context={"title": "Т"})
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["a@example.ru"]
    assert published == [[kept.pk]]
