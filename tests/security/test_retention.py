"""Retention: the outbox (addresses, bodies) is not kept forever and is erased with the person; guest
subscriptions are erased (expired unconfirmed ones, and the person's own after destruction); the
nightly АСКУЭ import skips people who withdrew their consent."""

import datetime as dt

import pytest
from django.utils import timezone

from lk_plugin.accounts.flows import personal_data_destroy
from lk_plugin.metering import flows as metering_flows
from lk_plugin.metering import tasks as metering_tasks
from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.notifications.tasks import purge_outbox
from lk_plugin.outages.flows import outage_subscribe
from lk_plugin.outages.models import OutageSubscription
from lk_plugin.outages.tasks import purge_unconfirmed_subscriptions
from tests import factories as f

pytestmark = pytest.mark.django_db


def _row(to, **fields):
    values = {"channel": "email", "event": "test", "subject": "Т", "body_text": "x", **fields}
    return OutboxMessage.objects.create(to=to, **values)


def test_destruction_erases_the_persons_mail_and_guest_subscriptions():
    person = f.applicant("gone@example.ru", phone="+79160000000")
    _row("gone@example.ru", user=person, sent_at=timezone.now())
    _row("GONE@example.ru")  # e.g. an allauth mail without the user set
    _row("+79160000000", channel="sms")
    _row("other@example.ru")
    outage_subscribe(email="gone@example.ru", address="ул. Ленина 1")  # as a guest
    outage_subscribe(email="other@example.ru", address="ул. Ленина 1")
    profile = person.lk_profile
    profile.consent_withdrawn_at = timezone.now() - dt.timedelta(days=31)
    profile.save()
    personal_data_destroy(profile=profile)
    assert list(OutboxMessage.objects.values_list("to", flat=True).order_by("to")) == ["other@example.ru"] * 2
    assert list(OutageSubscription.objects.values_list("email", flat=True)) == ["other@example.ru"]


def test_old_outbox_rows_are_purged_but_retries_are_kept(settings):
    settings.LK_OUTBOX_RETENTION_DAYS = 30
    old = timezone.now() - dt.timedelta(days=31)
    _row("a@example.ru", sent_at=old)
    _row("b@example.ru", failed_at=old)
    _row("c@example.ru", sent_at=timezone.now())
    _row("d@example.ru", attempts=3)  # still being retried
    assert purge_outbox() == 2
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == ["c@example.ru", "d@example.ru"]


def test_unconfirmed_guest_subscriptions_expire():
    stale = outage_subscribe(email="a@example.ru", address="ул. Ленина 1")
    OutageSubscription.objects.filter(pk=stale.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    fresh = outage_subscribe(email="b@example.ru", address="ул. Ленина 1")
    confirmed = outage_subscribe(email="c@example.ru", address="ул. Ленина 1")
    OutageSubscription.objects.filter(pk=confirmed.pk).update(
        confirmed_at=timezone.now(), created_at=timezone.now() - dt.timedelta(days=80)
    )
    assert purge_unconfirmed_subscriptions() == 1
    assert set(OutageSubscription.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}


def test_askue_import_skips_people_who_withdrew(monkeypatch):
    staying, leaving = f.applicant("stay@example.ru"), f.applicant("leave@example.ru")
    for person in (staying, leaving):
        metering_flows.askue_save_credentials(user=person, login="770012345678", password="demo")
    leaving.lk_profile.consent_withdrawn_at = timezone.now()
    leaving.lk_profile.save()
    refreshed = []
    monkeypatch.setattr(metering_tasks, "askue_refresh", lambda *, user: refreshed.append(user.email))
    assert metering_tasks.import_askue() == 1
    assert refreshed == ["stay@example.ru"]


def test_consent_records_keep_who_consented_after_the_account_is_deleted():
    from lk_plugin.accounts.flows import record_consent
    from lk_plugin.accounts.models import ConsentRecord

    person = f.applicant("proof@example.ru", snils="11223344595")
    record = record_consent(user=person, purpose="personal_data")
    user_id = person.pk
    person.delete()
    record = ConsentRecord.objects.get(pk=record.pk)
    assert record.user is None
    assert record.subject_user_id == user_id
    assert (
        "Петров Иван" in record.subject
        and "11223344595" in record.subject
        and "proof@example.ru" in record.subject
    )
