"""Gap-tolerant, never-duplicated sequences: a locked counter row (the UNIQUE number column on the
numbered model is the second guard).

A deadlock or serialization failure while taking a value fails the caller's whole transaction;
the flows that number things (``application_submit``, ``appeal_submit``) are wrapped in
``lk_plugin.core.retry.retry_on_conflict``, which runs them again.
"""

from django.db import IntegrityError, transaction

from lk_plugin.app_settings import app_settings

from .models import NumberSequence


def next_value(key: str) -> int:
    """Take the next value of sequence *key* inside the caller's transaction."""
    with transaction.atomic():
        return _increment(key)


def _increment(key: str) -> int:
    """Lock the counter row (creating it at the configured start) and advance it."""
    start = int(app_settings.NUMBER_START.get(key, 1))
    row = NumberSequence.objects.select_for_update().filter(key=key).first()
    if row is None:
        try:
            with transaction.atomic():
                NumberSequence.objects.create(key=key, value=start - 1)
        except IntegrityError:
            pass  # created concurrently: lock it below
        row = NumberSequence.objects.select_for_update().get(key=key)
    row.value += 1
    row.save(update_fields=["value"])
    return row.value
