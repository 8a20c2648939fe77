import datetime as dt
import json
import re
from xml.etree import ElementTree as ET

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.outages.flows import outage_notify_subscribers, outage_save, outage_subscribe
from lk_plugin.outages.models import Outage, OutageSubscription
from tests.outages.helpers import make_outage, schedule_page

pytestmark = pytest.mark.django_db


def test_ics_feed_for_an_address_parses_with_icalendar(client):
    make_outage(external_key="a", street="ул. Ленина", houses="1-15", reason="Ремонт ТП")
    make_outage(external_key="b", street="ул. Ленина", houses="20-30")
    response = client.get("/outages/feed.ics", {"q": "Ленина 15"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert "ул. Ленина, 1-15" in str(event["summary"])
    assert "Ремонт ТП" in str(event["description"])
    assert str(event["uid"]).startswith("outage-a@")
    assert event.decoded("dtend") > event.decoded("dtstart")


def test_rss_and_json_list_the_same_outages(client):
    make_outage(external_key="a", district="Северный район")
    make_outage(external_key="b", district="Центральный район")
    rss = client.get("/outages/feed.rss", {"district": "Северный район"})
    root = ET.fromstring(rss.content)
    assert root.tag == "rss"
    items = root.findall("./channel/item")
    assert len(items) == 1 and items[0].findtext("guid").startswith("outage-a@")
    data = json.loads(client.get("/outages/feed.json", {"district": "Северный район"}).content)
    assert [item["id"] for item in data["items"]] == ["a"]


def _emails(event="outage_changed"):
    return list(OutboxMessage.objects.filter(event=event).order_by("pk"))


def test_anonymous_subscription_needs_the_emailed_link(client):
    page = schedule_page()
    response = client.post(
        page.url,
        {
            "email": "Resident@Example.ru",
            "address": "ул. Лёнина, д. 15",
            "captcha_0": "x",
            "captcha_1": "PASSED",
        },
    )
    assert response.status_code == 302
    subscription = OutageSubscription.objects.get()
    assert subscription.email == "resident@example.ru" and subscription.confirmed_at is None
    (confirm_mail,) = _emails("outage_subscription_confirm")
    make_outage(houses="1-15")
    assert _emails() == []  # not confirmed yet
    link = re.search(r"/outages/subscriptions/confirm/[^/\s]+/", confirm_mail.body_text)[0]
    assert client.get(link).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert client.get("/outages/subscriptions/confirm/broken/").status_code == 400


def test_subscription_form_errors_keep_what_was_typed(client):
    page = schedule_page()
    response = client.post(page.url, {"email": "not-an-email", "address": "ул. Ленина 15"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ул. Ленина 15" in html and "Введите правильный адрес электронной почты." in html
    assert OutageSubscription.objects.count() == 0


def test_mail_sent_once_per_change_with_an_unsubscribe_link(client, django_user_model):
    user = django_user_model.objects.create_user(username="u", email="u@example.ru", password="x" * 12)
    subscription = outage_subscribe(email="u@example.ru", address="Ленина 7", user=user)
    assert subscription.confirmed_at is not None  # a signed-in person's own email
    outage_subscribe(email="other@example.ru", address="Ленина 8", user=None)  # unconfirmed
    make_outage(houses="20-30")  # another part of the street
    outage = make_outage(houses="1-15 нечётные")
    assert len(_emails()) == 1
    outage_save(outage=Outage.objects.get(pk=outage.pk))  # saved again without changes
    outage_notify_subscribers(outage=outage)  # or notified twice for the same version
    assert len(_emails()) == 1
    outage = Outage.objects.get(pk=outage.pk)
    outage.status = Outage.Status.CANCELLED
    outage_save(outage=outage)
    emails = _emails()
    assert len(emails) == 2 and "отменено" in emails[1].subject.lower()
    assert all(e.to == "u@example.ru" for e in emails)
    link = re.search(r"/outages/subscriptions/unsubscribe/[^/\s]+/", emails[1].body_text)[0]
    assert link in emails[1].body_html
    assert client.get(link).status_code == 200  # a button, mail scanners do not unsubscribe
    assert OutageSubscription.objects.filter(email="u@example.ru").exists()
    assert "Вы отписались" in client.post(link).content.decode()
    assert not OutageSubscription.objects.filter(email="u@example.ru").exists()
    outage.reason = "Новая причина"
    outage_save(outage=outage)
    assert len(_emails()) == 2


def test_outbox_rows_become_mail_after_commit(django_capture_on_commit_callbacks, django_user_model):
    user = django_user_model.objects.create_user(username="u", email="u@example.ru", password="x" * 12)
    outage_subscribe(email="u@example.ru", address="Ленина 3", user=user)
    with django_capture_on_commit_callbacks(execute=True):
        make_outage(houses="1-15")
    assert len(mail.outbox) == 1
    assert "Плановое отключение" in mail.outbox[0].subject
    assert "Отписаться" in mail.outbox[0].body


def test_emergency_or_unpublished_outages_mail_nobody(django_user_model):
    user = django_user_model.objects.create_user(username="u", email="u@example.ru", password="x" * 12)
    outage_subscribe(email="u@example.ru", address="Ленина 3", user=user)
    make_outage(kind=Outage.Kind.EMERGENCY)
    make_outage(is_published=False)
    assert _emails() == []


def test_confirmation_mail_is_not_resent_within_an_hour(client):
    for _ in range(3):
        outage_subscribe(email="x@example.ru", address="Ленина 1", user=None)
    assert len(_emails("outage_subscription_confirm")) == 1
    OutageSubscription.objects.update(confirmation_sent_at=timezone.now() - dt.timedelta(hours=2))
    outage_subscribe(email="x@example.ru", address="Ленина 1", user=None)
    assert len(_emails("outage_subscription_confirm")) == 2


def test_cabinet_settings_list_own_subscriptions_with_unsubscribe(client):
    from tests import factories as make

    person = make.applicant("u@example.ru")
    mine = outage_subscribe(email="u@example.ru", address="Ленина 7", user=person)
    outage_subscribe(email="u@example.ru", address="Мира 2", user=None)  # same email as a guest: unconfirmed
    outage_subscribe(email="other@example.ru", address="Садовая 1", user=None)
    client.force_login(person)

    page = client.get("/lk/settings/").content.decode()
    assert "Подписки на плановые отключения" in page
    assert "Ленина 7" in page and "Мира 2" in page and "ожидает подтверждения" in page
    assert "Садовая 1" not in page  # somebody else's

    link = re.search(r'action="(/outages/subscriptions/unsubscribe/[^"]+/)"', page)[1]  # rows by address
    assert client.post(link).status_code == 200
    assert not OutageSubscription.objects.filter(pk=mine.pk).exists()
    assert "Ленина 7" not in client.get("/lk/settings/").content.decode()
