"""The transactional outbox: rows now, sending after commit (and by the sweeper if that fails)."""

import logging

from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from lk_plugin.app_settings import app_settings

from .models import OutboxMessage

logger = logging.getLogger("lk_plugin.outbox")


def render_event(event: str, part: str, context: dict, *, required=True) -> str:
    """Render lk_plugin/notifications/<event>/<part>, falling back to the generic templates."""
    names = [f"lk_plugin/notifications/{event}/{part}", f"lk_plugin/notifications/generic/{part}"]
    context = {"lk_utility_name": app_settings.UTILITY_NAME, "site_url": app_settings.SITE_URL, **context}
    try:
        return render_to_string(names, context).strip()
    except TemplateDoesNotExist:
        if required:
            raise
        return ""


def _schedule(message_ids):
    from .tasks import send_outbox_message

    def send():
        for pk in message_ids:
            try:
                send_outbox_message.delay(pk)
            except Exception:  # broker down: the sweeper sends it later
                logger.warning(
                    "outbox: could not queue message %s; the sweeper will retry", pk, exc_info=True
                )

    transaction.on_commit(send)


def enqueue_email(*, to: str, event: str, context: dict, user=None, attachments=None) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        event=event,
        user=user,
        to=to,
        subject=" ".join(render_event(event, "subject.txt", context).split())[:255],
        body_text=render_event(event, "body.txt", context),
        body_html=render_event(event, "body.html", context, required=False),
        attachments=attachments or [],
    )
    _schedule([message.pk])
    return message


def enqueue_sms(*, to: str, event: str, context: dict, user=None) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.SMS,
        event=event,
        user=user,
        to=to,
        body_text=render_event(event, "sms.txt", context),
    )
    _schedule([message.pk])
    return message
