"""The transactional outbox: rows now, sending after commit (and by the sweeper if that fails)."""

import logging
import threading
import time
from contextlib import contextmanager

from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from lk_plugin.app_settings import app_settings
from lk_plugin.core import after_response
from lk_plugin.core.broker import broker_configured

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


#: After the broker refused a message, the next ones are left to the sweeper for this long (seconds),
#: so during an outage each process pays the (bounded) connection timeout once, not on every request.
BROKER_PAUSE_SECONDS = 30.0
_broker_down_until = 0.0


class _AfterCommit:
    """The outbox rows one transaction wrote: after commit, one task publish carries all their ids
    (a submit writes the applicant's mail and the staff mails; each publish is a broker round trip)."""

    def __init__(self, message_ids):
        self.ids = list(message_ids)
        self.done = False

    def __call__(self):
        self.done = True
        _publish(self.ids)


def _schedule(message_ids):
    """After commit, queue the rows for sending: one publish per transaction, joined with the rows
    scheduled earlier at the same savepoint level (rows of a rolled-back savepoint are dropped with
    their hook; the send task skips ids whose rows are gone)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # ``atomic(savepoint=False)`` blocks add None: they share their parent's level.
        level = set(connection.savepoint_ids) - {None}
        for sids, func, _robust in connection.run_on_commit:
            if isinstance(func, _AfterCommit) and not func.done and sids - {None} == level:
                func.ids.extend(message_ids)
                return
    transaction.on_commit(_AfterCommit(message_ids))


def delivery_mode() -> str:
    """``"worker"`` when a Celery worker sends the mail (a broker is configured:
    ``core.broker.broker_configured``, the same rule as background jobs), else ``"inline"``:
    this process sends it right after commit. ``LK_OUTBOX_DELIVERY`` forces either; "worker"
    without a broker never publishes (the rows wait for ``manage.py lk_outbox_send``)."""
    mode = app_settings.OUTBOX_DELIVERY
    if mode == "inline":
        return "inline"
    if mode == "worker" or broker_configured():
        return "worker"
    return "inline"


def _publish(message_ids):
    """After commit: send in-process (no broker) or queue one task for the worker. Neither may fail
    the request that already committed: unsent rows stay for the sweeper / ``lk_outbox_send``.
    Every publish is bounded by CELERY_BROKER_TRANSPORT_OPTIONS / CELERY_TASK_PUBLISH_RETRY_POLICY."""
    if not message_ids:
        return
    if delivery_mode() == "inline":
        # The SMTP conversation (or the broker publish below) changes nothing the response says:
        # it happens after the response has been sent (``core.after_response``).
        after_response.defer(lambda: _send_inline(message_ids))
        return
    if not broker_configured():
        logger.error(
            "outbox: LK_OUTBOX_DELIVERY is 'worker' but no Celery broker is configured; messages %s "
            "wait for `manage.py lk_outbox_send`",
            message_ids,
        )
        return
    after_response.defer(lambda: _queue(list(message_ids)))


def _queue(message_ids):
    from .tasks import send_outbox_messages

    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        logger.warning("outbox: broker unavailable; messages %s are left for the sweeper", message_ids)
        return
    try:
        send_outbox_messages.delay(message_ids)
    except Exception:  # broker down: the sweeper sends them later
        _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning(
            "outbox: could not queue messages %s; the sweeper will retry", message_ids, exc_info=True
        )


def _send_inline(message_ids):
    """The embedded default: this process sends the rows (the task's function, called directly:
    nothing is published). Failures are recorded on the rows and retried by ``lk_outbox_send``."""
    from .tasks import send_outbox_messages

    try:
        send_outbox_messages.run(list(message_ids))
    except Exception:
        logger.exception("outbox: sending messages %s in-process failed; lk_outbox_send retries", message_ids)


_batch = threading.local()


@contextmanager
def one_insert():
    """Inside this block the mails queued by ``enqueue_email``/``enqueue_emails`` are written in one
    INSERT when it ends (a submit's confirmation and staff mails: one round trip, not two). Their
    rows have no id before the block ends."""
    if getattr(_batch, "rows", None) is not None:  # nested: the outer block writes them
        yield
        return
    _batch.rows = []
    try:
        yield
        rows, _batch.rows = _batch.rows, None
        if rows:
            _schedule([m.pk for m in OutboxMessage.objects.bulk_create(rows)])
    finally:
        _batch.rows = None


def _write(rows: list) -> list:
    pending = getattr(_batch, "rows", None)
    if pending is not None:
        pending.extend(rows)
        return rows
    rows = OutboxMessage.objects.bulk_create(rows) if len(rows) > 1 else [_save(rows[0])]
    _schedule([m.pk for m in rows])
    return rows


def _save(message):
    message.save(force_insert=True)
    return message


def enqueue_email(*, to: str, event: str, context: dict, user=None, attachments=None) -> OutboxMessage:
    message = OutboxMessage(
        channel=OutboxMessage.Channel.EMAIL,
        event=event,
        user=user,
        to=to,
        subject=" ".join(render_event(event, "subject.txt", context).split())[:255],
        body_text=render_event(event, "body.txt", context),
        body_html=render_event(event, "body.html", context, required=False),
        attachments=attachments or [],
    )
    return _write([message])[0]


def enqueue_rendered_email(*, message, event: str, user=None, send_now=False) -> list[OutboxMessage]:
    """Queue a ready ``EmailMessage`` (e.g. one allauth rendered): one row per recipient.

    *send_now*: this process tries at once (allauth sends synchronously and its callers expect the mail
    to be gone when it returns); a failure is recorded on the row and retried like any other, it never
    reaches the caller."""
    from django.utils.html import strip_tags

    html = next(
        (content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"), ""
    )
    text = message.body
    if message.content_subtype == "html":
        html, text = message.body, strip_tags(message.body)
    rows = OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                channel=OutboxMessage.Channel.EMAIL,
                event=event[:64],
                user=user,
                to=address,
                subject=" ".join(str(message.subject).split())[:255],
                body_text=text,
                body_html=html,
            )
            for address in message.to
        ]
    )
    if send_now:
        _send_inline([row.pk for row in rows])
    else:
        _schedule([row.pk for row in rows])
    return rows


def enqueue_emails(*, to, event: str, context: dict, attachments=None) -> list[OutboxMessage]:
    """One mail with the same text to every address in *to* (rendered once, one INSERT, one
    after-commit hook); for mails not tied to a person's account (``user`` is empty)."""
    to = list(to)
    if not to:
        return []
    subject = " ".join(render_event(event, "subject.txt", context).split())[:255]
    body_text = render_event(event, "body.txt", context)
    body_html = render_event(event, "body.html", context, required=False)
    return _write(
        [
            OutboxMessage(
                channel=OutboxMessage.Channel.EMAIL,
                event=event,
                to=address,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                attachments=attachments or [],
            )
            for address in to
        ]
    )


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
