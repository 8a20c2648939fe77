"""Sending outbox rows: at-least-once delivery, one send per row under concurrency.

What is guaranteed, and why (docs/security.md repeats it for operators):

* The row is locked (``SELECT … FOR UPDATE SKIP LOCKED``) for the whole send and marked sent in the
  same transaction. Two workers (the after-commit task and the sweeper, or a task delivered twice)
  never send one row twice: the second one skips the locked row and then finds it sent.
* Each attempt is counted and its retry time pushed back (exponential backoff: ``retry_delay``)
  and COMMITTED before the message is handed to the mail server. A message that kills its worker
  (SIGKILL, OOM, a hard time limit) is therefore counted like any failure: it is retried after its
  backoff, not ahead of everything else, and it ends in the dead letters like the rest.
* The row lock is held only while claiming; ``next_attempt_at`` (at least ``LK_OUTBOX_RETRY_BASE``
  ahead) keeps every other sender off the row while it is being sent.
* "Sent" means the mail backend accepted the message (``send_messages`` returned 1). An error while
  closing the connection afterwards is logged and does not make the row unsent, so it is not sent
  again. An error from the backend itself counts as "not delivered": the error is recorded and the
  sweeper retries after the backoff.
* A message is retried for ``LK_OUTBOX_RETRY_HORIZON`` (48 h) after its first attempt and at most
  ``LK_OUTBOX_MAX_ATTEMPTS`` times; then ``failed_at`` is set: it is a dead letter, listed in the admin
  («Исходящие письма и SMS» → «Отправить повторно») and reported by the dashboard and by
  ``manage.py check --database default`` (lk_plugin.W101).
* A worker killed after the SMTP server accepted the message and before ``sent_at`` was saved
  produces a second copy on the retry; every copy carries the same ``Message-ID`` (derived from the
  row), so mail servers and clients see one message. We chose at-least-once over at-most-once: a lost
  confirmation is worse than a duplicate that receivers can recognise.
"""

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings

from . import attachments
from .models import OutboxMessage

logger = logging.getLogger("lk_plugin.outbox")


def message_id_for(message: OutboxMessage) -> str:
    """One Message-ID per outbox row, the same for every (re)send of it."""
    domain = (settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost").lower()
    return f"<lk-outbox-{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def build_email(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": message_id_for(message)},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for spec in message.attachments:
        email.attach(*attachments.render(spec))
    return email


def open_mailer():
    """The host's default mail backend, not yet opened.

    Django 6.1 configures mail by ``MAILERS`` and deprecates ``get_connection()`` (removed in 7.0):
    there ``mail.mailers.default`` is the backend — the ``MAILERS["default"]`` of a migrated host, or
    the ``EMAIL_*`` settings of one that is not yet. Older Django has only ``get_connection()``.
    Both raise instead of failing silently: an unsent message must stay in the outbox."""
    mailers = getattr(mail, "mailers", None)
    if mailers is not None:
        return mailers.default
    return mail.get_connection(fail_silently=False)


def _deliver(message: OutboxMessage) -> None:
    """Hand the message over; returns once it was accepted, raises when it was not."""
    if message.channel == OutboxMessage.Channel.SMS:
        get_adapter().send_sms(message.to, message.body_text)
        return
    email = build_email(message)
    connection = open_mailer()
    connection.open()
    try:
        accepted = connection.send_messages([email])
    except Exception:
        _close_quietly(connection, message)
        raise
    if not accepted:
        _close_quietly(connection, message)
        raise RuntimeError("the mail backend did not accept the message")
    # Accepted: whatever happens while closing, the row must not be sent again.
    _close_quietly(connection, message)


def _close_quietly(connection, message) -> None:
    try:
        connection.close()
    except Exception:
        logger.warning(
            "outbox: closing the mail connection after message %s failed", message.pk, exc_info=True
        )


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the *attempts*-th attempt: base, 2×base, 4×base … capped at the maximum delay."""
    base = app_settings.OUTBOX_RETRY_BASE
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), app_settings.OUTBOX_RETRY_MAX_DELAY))


def _due(now):
    return Q(sent_at__isnull=True, failed_at__isnull=True) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim(message_id: int):
    """Count the attempt and push the next one back, committed before anything is sent. Returns the
    row to send, or None (sent, given up, not due, or another sender holds it)."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True).filter(_due(now), pk=message_id).first()
        )
        if message is None:
            return None
        if message.retry_until is None:
            message.retry_until = now + dt.timedelta(seconds=app_settings.OUTBOX_RETRY_HORIZON)
        if message.attempts >= app_settings.OUTBOX_MAX_ATTEMPTS or now >= message.retry_until:
            message.failed_at = now
            message.last_error = message.last_error or "attempts ran out (the sender died while sending)"
            message.save(update_fields=["failed_at", "last_error", "retry_until"])
            logger.error("outbox: message %s given up after %s attempts", message_id, message.attempts)
            return None
        message.attempts += 1
        message.next_attempt_at = now + retry_delay(message.attempts)
        message.save(update_fields=["attempts", "next_attempt_at", "retry_until"])
    return message


@shared_task(name="lk_plugin.notifications.tasks.send_outbox_message")
def send_outbox_message(message_id: int) -> bool:
    """Send one row once: claimed and counted first (committed), then handed over, then marked."""
    message = _claim(message_id)
    if message is None:
        return False
    try:
        _deliver(message)
    except Exception as exc:
        logger.warning("outbox: sending %s failed: %s", message_id, exc)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        # The last allowed attempt failed: a dead letter now, not after one more backoff.
        last = (
            message.attempts >= app_settings.OUTBOX_MAX_ATTEMPTS
            or message.next_attempt_at >= message.retry_until
        )
        OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(
            last_error=error, failed_at=timezone.now() if last else None
        )
        if last:
            logger.error("outbox: message %s given up after %s attempts", message_id, message.attempts)
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return True


@shared_task(name="lk_plugin.notifications.tasks.send_outbox_messages")
def send_outbox_messages(message_ids: list[int]) -> int:
    """The rows one transaction wrote (queued once after its commit), each sent once like
    ``send_outbox_message``: a failed row does not stop the others; the sweeper retries it."""
    return sum(1 for pk in message_ids if send_outbox_message(pk))


@shared_task(name="lk_plugin.notifications.tasks.sweep_outbox")
def sweep_outbox(min_age_seconds: int = 30) -> int:
    """Send what stayed unsent (broker was down, a worker died, the gateway failed) once its retry is
    due; rows younger than *min_age_seconds* are left to their own after-commit send."""
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=min_age_seconds)
    ids = list(
        OutboxMessage.objects.filter(_due(now), created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    return sum(1 for pk in ids if send_outbox_message(pk))


@shared_task(name="lk_plugin.notifications.tasks.purge_outbox")
def purge_outbox() -> int:
    """Daily: sent and given-up rows older than LK_OUTBOX_RETENTION_DAYS are deleted (they hold
    addresses and message bodies); unsent rows still being retried are kept."""
    cutoff = timezone.now() - dt.timedelta(days=app_settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = OutboxMessage.objects.filter(Q(sent_at__lt=cutoff) | Q(failed_at__lt=cutoff)).delete()
    return deleted
