"""Bounded retry of a unit of work that lost a database race (deadlock, serialization failure).

PostgreSQL resolves a deadlock by failing one of the transactions (SQLSTATE 40P01) and, under
REPEATABLE READ / SERIALIZABLE, a concurrent update by failing the later one (40001). Both mean
"nothing happened, run it again". ``retry_on_conflict`` runs the function in its own atomic block —
the transaction when called outside one, a savepoint inside a caller's transaction — and repeats it
a few times after such an error. Callbacks registered with ``on_commit`` inside a failed attempt are
discarded with it, so an outbox row or a mail is never produced twice.
"""

import functools
import logging
import random
import time

from django.db import OperationalError, transaction

logger = logging.getLogger("lk_plugin.db")

#: deadlock_detected, serialization_failure
TRANSIENT_SQLSTATES = frozenset({"40P01", "40001"})
DEFAULT_ATTEMPTS = 4


def sqlstate_of(exc: BaseException) -> str:
    """The SQLSTATE of a database error (Django wraps the driver's exception as __cause__)."""
    for candidate in (exc, exc.__cause__, exc.__context__):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if code:
            return str(code)
    return ""


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and sqlstate_of(exc) in TRANSIENT_SQLSTATES


def retry_on_conflict(func=None, *, attempts: int = DEFAULT_ATTEMPTS, using=None):
    """Decorator: re-run *func* in a fresh atomic block after a deadlock/serialization failure."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    with transaction.atomic(using=using):
                        return fn(*args, **kwargs)
                except OperationalError as exc:
                    if attempt == attempts or not is_transient(exc):
                        raise
                    logger.warning(
                        "%s: %s (SQLSTATE %s), attempt %s of %s; retrying",
                        fn.__qualname__,
                        type(exc.__cause__ or exc).__name__,
                        sqlstate_of(exc),
                        attempt,
                        attempts,
                    )
                    # Short, jittered pause so the two losers of a deadlock do not collide again.
                    time.sleep(random.uniform(0, 0.02 * attempt))  # noqa: S311 - not cryptographic
            raise AssertionError("unreachable")  # pragma: no cover

        return wrapper

    return decorate(func) if func is not None else decorate
