from django.db import transaction
from django.urls import NoReverseMatch, reverse

from lk_plugin.adapter import get_adapter

from . import outbox
from .models import Notification


@transaction.atomic(savepoint=False)  # part of the caller's transaction: no savepoint round trips
def notify(
    *, user, event: str, context: dict, url: str = "", channels=None, attachments=None
) -> Notification:
    """Tell *user* about *event*: an in-cabinet notification plus email/SMS rows per their settings.

    Templates: lk_plugin/notifications/<event>/{subject.txt, body.txt, body.html, sms.txt, inapp.txt}; missing
    ones fall back to generic/, which print ``title`` and ``text`` from *context*.
    """
    adapter = get_adapter()
    context = {**context, "url": url, "user_name": adapter.get_display_name(user)}
    if channels is None:
        channels = adapter.get_notification_channels(user, event)
    title = " ".join(outbox.render_event(event, "subject.txt", context).split())[:255]
    notification = Notification.objects.create(
        user=user,
        event=event,
        title=title,
        body=outbox.render_event(event, "inapp.txt", context),  # the text alone: no greeting/signature
        url=url,
    )
    if "email" in channels and user.email:
        outbox.enqueue_email(to=user.email, event=event, context=context, user=user, attachments=attachments)
    if "sms" in channels:
        phone = adapter.get_phone(user)
        if phone:
            outbox.enqueue_sms(to=phone, event=event, context=context, user=user)
    return notification


def notify_staff(*, obj, event: str, context: dict) -> int:
    """Email the people who process objects like *obj* about *event* (outbox rows, same transaction).

    The link points at the object's page in the staff admin (viewset ``lk_<model_name>``); the event's
    templates get ``staff`` set, so it reads «Открыть в панели администрирования». Returns how many
    mails were queued.
    """
    emails = get_adapter().get_staff_notification_emails(model=type(obj), event=event)
    try:
        url = reverse(f"lk_{obj._meta.model_name}:inspect", args=[obj.pk])
    except NoReverseMatch:  # the host did not register the staff admin
        url = ""
    # Every recipient gets the same text: render it once and write all rows in one INSERT.
    outbox.enqueue_emails(to=emails, event=event, context={**context, "url": url, "staff": True})
    return len(emails)


@transaction.atomic
def outbox_resend(*, message, actor=None):
    """«Отправить повторно»: a dead (or retrying) row starts over — attempts, backoff and horizon —
    and is sent after commit like a new one."""
    from .models import OutboxMessage

    updated = OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        failed_at=None, attempts=0, next_attempt_at=None, retry_until=None
    )
    if updated:
        outbox._schedule([message.pk])
    message.refresh_from_db()
    return message


def notifications_mark_read(*, user, pk=None, url_prefix: str | None = None) -> int:
    """Mark the person's unread notifications read: one (*pk*), those pointing under *url_prefix*
    (opening an application or appeal reads its news), or all of them. Returns how many changed."""
    from django.utils import timezone

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    if url_prefix is not None:
        qs = qs.filter(url__startswith=url_prefix)
    return qs.update(read_at=timezone.now())
