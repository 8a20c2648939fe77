"""Gap-tolerant, never-duplicated sequences: a locked counter row (the UNIQUE number column on the
numbered model is the second guard).

A deadlock or serialization failure while taking a value fails the caller's whole transaction;
the flows that number things (``application_submit``, ``appeal_submit``) are wrapped in
``lk_plugin.core.retry.retry_on_conflict``, which runs them again.
"""

from django.db import IntegrityError, connection, transaction

from lk_plugin.app_settings import app_settings

from .models import NumberSequence


def next_value(key: str) -> int:
    """Take the next value of sequence *key* inside the caller's transaction (the counter row stays
    locked until the caller commits)."""
    with transaction.atomic(savepoint=False):
        value = _advance(key)
        if value is None:
            _create(key)
            value = _advance(key)
        if value is None:  # created by a transaction our snapshot cannot see (REPEATABLE READ)
            raise IntegrityError(f"counter {key!r} is not visible to this transaction; retry")
        return value


def _advance(key: str) -> int | None:
    """One statement: lock the counter row, add one, return the new value (None: no row yet)."""
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET value = value + 1 WHERE key = %s RETURNING value",  # noqa: S608 - our table
            [key],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _create(key: str) -> None:
    """The counter row at the configured start (a concurrent creator wins: then just use its row)."""
    start = int(app_settings.NUMBER_START.get(key, 1))
    try:
        with transaction.atomic():
            NumberSequence.objects.create(key=key, value=start - 1)
    except IntegrityError:
        pass
