"""allauth's own mails go through the outbox (SMTP down ⇒ the signup still succeeds and the mail is
retried); production mail uses TLS by default; the HTTP SMS gateway (it carries temporary passwords)
needs https and a token unless DEBUG."""

import importlib
import sys
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from lk_plugin.notifications import sms
from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.notifications.tasks import sweep_outbox
from tests.helpers import INDIVIDUAL
from tests.reliability.test_outbox_delivery import BACKENDS


@pytest.mark.django_db
def test_signup_with_smtp_down_succeeds_and_the_confirmation_is_retried(client, settings):
    settings.EMAIL_BACKEND = BACKENDS + "RefusedBackend"
    response = client.post("/accounts/signup/", INDIVIDUAL)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email=INDIVIDUAL["email"]).exists()
    row = OutboxMessage.objects.get(to=INDIVIDUAL["email"])
    assert row.event.startswith("allauth:") and row.sent_at is None and "SMTP server down" in row.last_error
    assert "confirm-email" in row.body_text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=None)
    assert sweep_outbox(min_age_seconds=0) == 1
    assert [m.to for m in mail.outbox] == [[INDIVIDUAL["email"]]]


@pytest.mark.django_db
def test_password_reset_with_smtp_down_answers_normally(client, settings, make_applicant):  # noqa: F811
    make_applicant("reset@example.ru")
    settings.EMAIL_BACKEND = BACKENDS + "RefusedBackend"
    response = client.post("/accounts/password/reset/", {"email": "reset@example.ru"})
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(to="reset@example.ru", sent_at__isnull=True).count() == 1


def test_production_mail_uses_tls_by_default(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:5432/x")
    for name in ("EMAIL_USE_TLS", "EMAIL_USE_SSL"):
        monkeypatch.delenv(name, raising=False)
    sys.modules.pop("lk_site.settings.production", None)
    production = importlib.import_module("lk_site.settings.production")
    try:
        assert production.EMAIL_USE_TLS is True
    finally:
        sys.modules.pop("lk_site.settings.production", None)


@pytest.fixture
def gateway(monkeypatch):
    sent = []

    class Answer:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def urlopen(request, timeout):
        sent.append(request)
        return Answer()

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return sent


@pytest.mark.parametrize(
    ("url", "token"),
    [
        ("http://sms.example/send", "secret"),
        ("https://sms.example/send", ""),
        ("http://sms.example/send", ""),
    ],
)
def test_sms_gateway_refuses_plain_http_or_no_token_in_production(settings, gateway, url, token):
    settings.DEBUG = False
    settings.LK_SMS_GATEWAY_URL = url
    settings.LK_SMS_GATEWAY_TOKEN = token
    with pytest.raises(RuntimeError, match="https"):
        sms.HTTPSMSBackend().send("+79160000000", "Временный пароль: Qw3rty")
    assert gateway == []


def test_sms_gateway_sends_with_https_and_a_bearer_token(settings, gateway):
    settings.DEBUG = False
    settings.LK_SMS_GATEWAY_URL = "https://sms.example/send"
    settings.LK_SMS_GATEWAY_TOKEN = "secret"
    sms.HTTPSMSBackend().send("+79160000000", "Временный пароль: Qw3rty")
    (request,) = gateway
    assert (
        request.full_url == "https://sms.example/send"
        and request.get_header("Authorization") == "Bearer secret"
    )
