"""The mail queue never gives up silently: exponential backoff over ≥ 24 h, the attempt is counted
(committed) before sending so a message that kills its worker is counted too, then a dead letter the
admin lists and re-sends, and a warning (dashboard, system check) while messages are failing."""

import contextlib
import datetime as dt

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone

from lk_plugin.notifications import tasks
from lk_plugin.notifications.tasks import retry_delay, send_outbox_message, sweep_outbox
from tests import factories as f
from tests.reliability.test_outbox_delivery import BACKENDS, Killed, make_row

pytestmark = pytest.mark.django_db


class AlwaysKilledBackend:
    """A message that kills the worker every time (a poison message)."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        raise Killed()


@pytest.fixture
def clock(monkeypatch):
    """A controllable now() for the outbox (and the rows it creates)."""
    state = {"now": timezone.now()}
    monkeypatch.setattr(tasks.timezone, "now", lambda: state["now"])
    return state


def test_retry_delays_double_up_to_a_cap():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [300, 600, 1200, 2400]
    assert retry_delay(20) == dt.timedelta(hours=6)


def test_an_smtp_outage_of_a_day_loses_nothing(settings, clock):
    """Refused for 24 h (the old queue gave up after ~10 minutes), then the server is back: sent."""
    settings.EMAIL_BACKEND = BACKENDS + "RefusedBackend"
    start = clock["now"]
    row = make_row()
    attempts_at = []
    while clock["now"] < start + dt.timedelta(hours=24):
        if sweep_outbox(min_age_seconds=0) == 0:
            row.refresh_from_db()
            if row.attempts > len(attempts_at):
                attempts_at.append(clock["now"])
        clock["now"] += dt.timedelta(minutes=5)
    row.refresh_from_db()
    assert row.failed_at is None and row.sent_at is None
    # Backed off: a handful of attempts, not one a minute.
    assert 8 <= row.attempts <= 14
    gaps = [b - a for a, b in zip(attempts_at, attempts_at[1:], strict=False)]
    assert gaps == sorted(gaps) and gaps[-1] <= dt.timedelta(hours=6, minutes=5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock["now"] = row.next_attempt_at
    assert sweep_outbox(min_age_seconds=0) == 1 and len(mail.outbox) == 1


def test_a_message_that_kills_the_worker_is_counted_and_ends_in_the_dead_letters(settings, clock):
    settings.EMAIL_BACKEND = (
        BACKENDS.replace("test_outbox_delivery", "test_outbox_backoff") + "AlwaysKilledBackend"
    )
    poison = make_row(to="poison@example.ru")
    for _ in range(60):
        with contextlib.suppress(Killed):
            send_outbox_message(poison.pk)
        clock["now"] += dt.timedelta(hours=1)
    poison.refresh_from_db()
    assert poison.sent_at is None and poison.failed_at is not None
    assert 2 <= poison.attempts <= 14  # each killed attempt counted; not retried forever
    # Meanwhile it never stood in front of other mail.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    other = make_row(to="other@example.ru")
    assert sweep_outbox(min_age_seconds=0) == 1
    other.refresh_from_db()
    assert other.sent_at is not None


def test_dead_letters_are_listed_resent_and_warned_about(
    settings, client, clock, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BACKENDS + "RefusedBackend"
    settings.LK_OUTBOX_MAX_ATTEMPTS = 1
    row = make_row(to="lost@example.ru")
    sweep_outbox(min_age_seconds=0)
    row.refresh_from_db()
    assert row.failed_at is not None

    # A system check reports it (manage.py check --database default).
    warnings = [m for m in run_checks(databases=["default"]) if m.id == "lk_plugin.W101"]
    assert len(warnings) == 1 and "1" in warnings[0].msg

    admin = f.user("root@example.ru", is_staff=True, is_superuser=True)
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert "не удалось отправить" in dashboard and reverse("lk_outbox:index") in dashboard

    listing = client.get(reverse("lk_outbox:index"), {"state": "failed"})
    assert listing.status_code == 200 and "lost@example.ru" in listing.content.decode()
    page = client.get(reverse("lk_outbox:inspect", args=[row.pk]))
    assert "Отправить повторно" in page.content.decode() and "SMTP server down" in page.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lk_outbox:resend", args=[row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.sent_at is not None and row.failed_at is None
    assert [m.to for m in mail.outbox] == [["lost@example.ru"]]
    assert not [m for m in run_checks(databases=["default"]) if m.id == "lk_plugin.W101"]


def test_only_admins_see_the_outbox(client):
    """Its rows hold addresses and bodies: specialists without the permission get 403."""
    client.force_login(f.staff_user("staff@example.ru"))
    assert client.get(reverse("lk_outbox:index")).status_code in (302, 403)
