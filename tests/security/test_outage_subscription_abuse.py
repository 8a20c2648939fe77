"""The outage subscription form is no open mail relay: guests answer a captcha, requests are limited
per client IP and per email address, one email holds a bounded number of subscriptions, and the
confirmation mail's Subject carries nothing the visitor typed."""

import pytest
from django.core.cache import cache

from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.outages.models import OutageSubscription
from tests.outages.helpers import schedule_page

pytestmark = pytest.mark.django_db

CAPTCHA = {"captcha_0": "x", "captcha_1": "PASSED"}
SPAM = "КУПИТЕ ДЁШЕВО http://spam.example ул. Ленина 15"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(db):
    return schedule_page()


def _subscribe(client, page, email, address="ул. Ленина 15", ip="10.0.0.1", **extra):
    return client.post(page.url, {"email": email, "address": address, **extra}, REMOTE_ADDR=ip)


def test_guests_must_answer_the_captcha(client, page):
    response = _subscribe(client, page, "victim@example.ru")
    assert response.status_code == 200
    assert "Введите символы с картинки." in response.content.decode()
    response = _subscribe(client, page, "victim@example.ru", captcha_0="x", captcha_1="WRONG")
    assert "Символы с картинки введены неверно." in response.content.decode()
    assert "victim@example.ru" in response.content.decode()  # what was typed is kept
    assert not OutageSubscription.objects.exists() and not OutboxMessage.objects.exists()
    assert _subscribe(client, page, "victim@example.ru", **CAPTCHA).status_code == 302


def test_confirmation_subject_carries_no_typed_text(client, page):
    assert _subscribe(client, page, "victim@example.ru", address=SPAM, **CAPTCHA).status_code == 302
    message = OutboxMessage.objects.get(event="outage_subscription_confirm")
    assert message.subject == "Подтвердите подписку на отключения электроэнергии"
    assert "spam" not in message.subject.lower() and "Ленина" not in message.subject


def test_requests_are_limited_per_ip(client, page, settings):
    settings.LK_OUTAGE_SUBSCRIBE_RATE_LIMIT = "3/h/ip,3/d/key"
    for n in range(3):
        assert _subscribe(client, page, f"v{n}@example.ru", **CAPTCHA).status_code == 302
    response = _subscribe(client, page, "v9@example.ru", **CAPTCHA)
    assert response.status_code == 200 and "Слишком много запросов на подписку" in response.content.decode()
    assert OutboxMessage.objects.count() == 3
    assert (
        _subscribe(client, page, "v9@example.ru", ip="10.0.0.2", **CAPTCHA).status_code == 302
    )  # another client


def test_requests_are_limited_per_email_address_across_ips(client, page, settings):
    settings.LK_OUTAGE_SUBSCRIBE_RATE_LIMIT = "100/h/ip,2/d/key"
    houses = ["ул. Ленина 1", "ул. Ленина 2", "ул. Ленина 3"]
    statuses = [
        _subscribe(client, page, "victim@example.ru", a, ip=f"10.0.1.{n}", **CAPTCHA).status_code
        for n, a in enumerate(houses)
    ]
    assert statuses == [302, 302, 200]
    assert OutboxMessage.objects.filter(to="victim@example.ru").count() == 2


def test_one_email_holds_a_bounded_number_of_subscriptions(client, page, settings):
    settings.LK_OUTAGE_SUBSCRIPTIONS_PER_EMAIL = 2
    settings.LK_OUTAGE_SUBSCRIBE_RATE_LIMIT = "100/h/ip,100/d/key"
    assert _subscribe(client, page, "victim@example.ru", "ул. Ленина 1", **CAPTCHA).status_code == 302
    assert _subscribe(client, page, "victim@example.ru", "ул. Ленина 2", **CAPTCHA).status_code == 302
    response = _subscribe(client, page, "victim@example.ru", "ул. Ленина 3", **CAPTCHA)
    assert response.status_code == 200 and "больше нельзя" in response.content.decode()
    assert OutageSubscription.objects.filter(email="victim@example.ru").count() == 2
    # Subscribing an address it already has is not a new one.
    assert _subscribe(client, page, "victim@example.ru", "ул. Ленина 2", **CAPTCHA).status_code == 302


def test_a_cache_outage_refuses_guest_subscriptions(client, page, monkeypatch):
    from allauth.core.internal import ratelimit

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(ratelimit, "consume", down)
    response = _subscribe(client, page, "victim@example.ru", **CAPTCHA)
    assert response.status_code == 200 and not OutboxMessage.objects.exists()
