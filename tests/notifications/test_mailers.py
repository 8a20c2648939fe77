"""The outbox sends through the host's mail configuration, whichever Django configures it by:
``EMAIL_BACKEND`` (Django ≤ 6.0, and 6.1 hosts not yet migrated) or ``MAILERS`` (Django 6.1+,
where ``get_connection()`` is deprecated and removed in 7.0)."""

import warnings

import django
import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.notifications.tasks import send_outbox_message

pytestmark = pytest.mark.django_db

has_mailers = django.VERSION >= (6, 1)


class HostMailer(LocmemBackend):
    """The host's own backend: remembers what it was given."""

    sent: list = []

    def send_messages(self, messages):
        HostMailer.sent.extend(messages)
        return super().send_messages(messages)


def make_row():
    return OutboxMessage.objects.create(
        channel="email", event="test", to="p@example.ru", subject="Заявка принята", body_text="Текст"
    )


def removed_in_django(seen):
    return [str(w.message) for w in seen if w.category.__name__.startswith("RemovedInDjango")]


def test_sending_uses_no_deprecated_mail_api(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_mailers.HostMailer"
    HostMailer.sent = []
    row = make_row()
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert send_outbox_message(row.pk) is True
    assert [m.to for m in HostMailer.sent] == [["p@example.ru"]]
    assert [w for w in removed_in_django(seen) if "get_connection" in w] == []


@pytest.mark.skipif(not has_mailers, reason="MAILERS exists from Django 6.1")
def test_a_host_configured_by_mailers_gets_the_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.notifications.test_mailers.HostMailer"}}
    HostMailer.sent = []
    row = make_row()
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert send_outbox_message(row.pk) is True
    assert [m.subject for m in HostMailer.sent] == ["Заявка принята"]
    assert removed_in_django(seen) == []
    row.refresh_from_db()
    assert row.sent_at is not None
    assert len(mail.outbox) == 1
