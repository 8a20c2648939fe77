"""Sending outbox rows: at-least-once delivery, one send per row under concurrency.

What is guaranteed, and why (docs/security.md repeats it for operators):

* The row is locked (``SELECT … FOR UPDATE SKIP LOCKED``) for the whole send and marked sent in the
  same transaction. Two workers (the after-commit task and the sweeper, or a task delivered twice)
  never send one row twice: the second one skips the locked row and then finds it sent.
* "Sent" means the mail backend accepted the message (``send_messages`` returned 1). An error while
  closing the connection afterwards is logged and does not make the row unsent, so it is not sent
  again. An error from the backend itself counts as "not delivered": the attempt and the error are
  recorded and the sweeper retries, up to ``LK_OUTBOX_MAX_ATTEMPTS``.
* A worker killed mid-send (SIGKILL, OOM, a hard time limit, SystemExit) loses its transaction: the
  row is unlocked and unsent, and the sweeper sends it again — nothing is lost. Only a kill in the
  instant between the SMTP server accepting the message and our COMMIT can produce a second copy;
  every copy carries the same ``Message-ID`` (derived from the row), so mail servers and clients see
  one message. We chose at-least-once over at-most-once: a lost confirmation is worse than a
  duplicate that receivers can recognise.
"""

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
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


def _deliver(message: OutboxMessage) -> None:
    """Hand the message over; returns once it was accepted, raises when it was not."""
    if message.channel == OutboxMessage.Channel.SMS:
        get_adapter().send_sms(message.to, message.body_text)
        return
    email = build_email(message)
    connection = get_connection(fail_silently=False)
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


@shared_task(name="lk_plugin.notifications.tasks.send_outbox_message")
def send_outbox_message(message_id: int) -> bool:
    """Send one row once: the row lock makes concurrent senders skip it, sent_at makes it final."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        message.attempts += 1
        try:
            _deliver(message)
        except Exception as exc:
            logger.warning("outbox: sending %s failed: %s", message_id, exc)
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            message.save(update_fields=["attempts", "last_error"])
            return False
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "last_error", "sent_at"])
        return True


@shared_task(name="lk_plugin.notifications.tasks.send_outbox_messages")
def send_outbox_messages(message_ids: list[int]) -> int:
    """The rows one transaction wrote (queued once after its commit), each sent once like
    ``send_outbox_message``: a failed row does not stop the others; the sweeper retries it."""
    return sum(1 for pk in message_ids if send_outbox_message(pk))


@shared_task(name="lk_plugin.notifications.tasks.sweep_outbox")
def sweep_outbox(min_age_seconds: int = 30) -> int:
    """Send what stayed unsent (broker was down, a worker died, the gateway failed)."""
    cutoff = timezone.now() - dt.timedelta(seconds=min_age_seconds)
    ids = list(
        OutboxMessage.objects.filter(
            sent_at__isnull=True, created_at__lte=cutoff, attempts__lt=app_settings.OUTBOX_MAX_ATTEMPTS
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    return sum(1 for pk in ids if send_outbox_message(pk))
