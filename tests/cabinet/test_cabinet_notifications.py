"""Notifications: a status change → one email row + one in-cabinet notification; list, mark read, badge."""

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from lk_plugin.applications.flows import application_change_status
from lk_plugin.notifications import outbox
from lk_plugin.notifications.models import Notification, OutboxMessage
from lk_plugin.notifications.selectors import unread_count
from lk_plugin.notifications.tasks import send_outbox_message, sweep_outbox
from tests.factories import ApplicantProfileFactory, ApplicationFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

EVENTS = [
    "application_submitted",
    "application_status_changed",
    "application_comment",
    "application_stage_document",
    "application_info_requested",
    "appeal_submitted",
    "appeal_answered",
    "message_received",
]


@pytest.fixture
def application():
    profile = ApplicantProfileFactory(last_name="Петров", first_name="Иван")
    return ApplicationFactory(owner=profile.user, status="submitted", number="4894ТП/ФЛ/НП/До 15/ЛК")


def _to_in_progress(application):
    return application_change_status(
        application=application, to_status="in_progress", actor=UserFactory(is_staff=True)
    )


def test_status_change_writes_one_email_row_and_one_notification(
    application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        _to_in_progress(application)
    rows = OutboxMessage.objects.filter(user=application.owner)
    assert [(r.channel, r.event) for r in rows] == [("email", "application_status_changed")]
    notification = Notification.objects.get(user=application.owner)
    assert notification.event == "application_status_changed"
    assert "4894ТП/ФЛ/НП/До 15/ЛК" in notification.title
    assert notification.body.startswith("Статус заявки 4894ТП/ФЛ/НП/До 15/ЛК: «В работе».")
    row = rows.get()
    assert "Здравствуйте, Петров Иван!" in row.body_text
    assert "Изменился статус вашей заявки." in row.body_html
    assert "&quot;" not in row.subject and "&laquo;" not in row.body_text


def test_status_change_email_sent_once_even_if_sent_twice(application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _to_in_progress(application)
    row = OutboxMessage.objects.get(user=application.owner)
    assert row.sent_at is not None
    assert send_outbox_message(row.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.owner.email]


def test_status_change_with_broker_down_is_sent_by_the_sweeper(
    application, monkeypatch, celery_broker, django_capture_on_commit_callbacks
):
    from lk_plugin.notifications import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.send_outbox_messages, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        _to_in_progress(application)
    assert OutboxMessage.objects.get().sent_at is None and mail.outbox == []
    assert sweep_outbox(min_age_seconds=0) == 1
    assert len(mail.outbox) == 1
    assert sweep_outbox(min_age_seconds=0) == 0


@pytest.mark.parametrize("event", EVENTS)
def test_event_templates_render_in_russian(event):
    context = {
        "title": "Заголовок & «кавычки»",
        "text": "Текст события",
        "url": "/lk/applications/1/",
        "user_name": "Иван Петров",
    }
    subject = outbox.render_event(event, "subject.txt", context)
    text = outbox.render_event(event, "body.txt", context)
    html = outbox.render_event(event, "body.html", context)
    sms = outbox.render_event(event, "sms.txt", context)
    assert subject == "Заголовок & «кавычки»"
    assert "Здравствуйте, Иван Петров!" in text and "Текст события" in text and "/lk/applications/1/" in text
    assert "<html" in html and "Текст события" in html and "Заголовок &amp; «кавычки»" in html
    assert "Заголовок" in sms and len(sms) < 300
    for part in ("subject.txt", "body.txt", "body.html", "sms.txt"):
        assert outbox.render_event(event, part, context) == outbox.render_event(event, part, context)
    from django.template.loader import get_template

    get_template(f"lk_plugin/notifications/{event}/body.html")  # the event has its own templates


def test_list_open_and_mark_read(client):
    user = UserFactory()
    mine = NotificationFactory(user=user, title="Статус изменён", url="/lk/applications/")
    other = NotificationFactory(user=user, title="Новый комментарий")
    NotificationFactory(title="Чужое уведомление")
    client.force_login(user)
    html = client.get(reverse("lk_notifications:list")).content.decode()
    assert "Статус изменён" in html and "Чужое уведомление" not in html
    assert unread_count(user) == 2
    response = client.get(reverse("lk_notifications:open", args=[mine.pk]))
    assert response["Location"] == "/lk/applications/"
    assert unread_count(user) == 1
    client.post(reverse("lk_notifications:mark_read", args=[other.pk]))
    assert unread_count(user) == 0
    NotificationFactory.create_batch(3, user=user)
    client.post(reverse("lk_notifications:mark_all_read"))
    assert unread_count(user) == 0


def test_open_never_redirects_off_site(client):
    user = UserFactory()
    notification = NotificationFactory(user=user, url="https://evil.example/")
    client.force_login(user)
    assert client.get(reverse("lk_notifications:open", args=[notification.pk]))["Location"] == reverse(
        "lk_notifications:list"
    )


def test_unread_badge_tag_and_cabinet_menu_counts(client):
    user = UserFactory()
    NotificationFactory.create_batch(3, user=user)
    request = RequestFactory().get("/")
    request.user = user
    html = Template("{% load lk_notifications %}{% lk_unread_badge %}").render(Context({"request": request}))
    assert ">3</a>" in html and "/lk/notifications/" in html
    client.force_login(user)
    page = client.get("/lk/").content.decode()
    assert 'lk-badge lk-badge--danger" title="Непрочитанные">3<' in page
    assert "<strong>3</strong> непрочитанных уведомления" in page  # the plural form for 3
    Notification.objects.update(read_at="2026-01-01T00:00:00Z")
    request = RequestFactory().get("/")  # the count is taken once per request
    request.user = user
    assert "lk-badge" not in Template("{% load lk_notifications %}{% lk_unread_badge %}").render(
        Context({"request": request})
    )
