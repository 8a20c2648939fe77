"""``manage.py check --database default`` warns while outbox messages are failing (lk_plugin.W101)."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database)
def outbox_failing_check(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from .selectors import outbox_trouble

    try:
        trouble = outbox_trouble()
    except DatabaseError:  # not migrated yet: nothing to say
        return []
    if not (trouble["failed"] or trouble["retrying"]):
        return []
    return [
        Warning(
            f"Outbox: {trouble['failed']} message(s) given up (dead letters), "
            f"{trouble['retrying']} failed and waiting for a retry.",
            hint="See last_error in the admin («Исходящие письма и SMS»), fix the mail/SMS settings, "
            "then use «Отправить повторно».",
            id="lk_plugin.W101",
        )
    ]
