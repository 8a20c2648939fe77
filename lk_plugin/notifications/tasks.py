import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings

from . import attachments
from .models import OutboxMessage

logger = logging.getLogger("lk_plugin.outbox")


def _deliver(message: OutboxMessage) -> None:
    if message.channel == OutboxMessage.Channel.SMS:
        get_adapter().send_sms(message.to, message.body_text)
        return
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for spec in message.attachments:
        email.attach(*attachments.render(spec))
    email.send()


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
