"""Counters in the shared cache for limits and quotas (per user, per IP, per anything).

A cache outage never fails the action that asks: with ``ResilientRedisCache`` the counters live in
the worker process until Redis is back, with another backend an error counts as "not limited"
(docs/security.md, «Redis outage»).
"""

import contextlib
import hashlib
import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError

logger = logging.getLogger("lk_plugin.limits")


def _key(name: str, ident) -> str:
    return f"lk:limit:{name}:" + hashlib.sha256(str(ident).encode()).hexdigest()[:32]


def count(name: str, ident) -> int:
    try:
        return int(cache.get(_key(name, ident)) or 0)
    except Exception as exc:
        logger.warning("limit counter %s unavailable: %s", name, exc)
        return 0


def add(name: str, ident, seconds: int, amount: int = 1) -> int:
    """Count *amount* more within a window of *seconds* (starting at the first); the new count."""
    key = _key(name, ident)
    try:
        incr_window = getattr(cache, "incr_window", None)
        if incr_window is not None:  # ResilientRedisCache: one round trip
            return int(incr_window(key, amount, seconds))
        if cache.add(key, amount, seconds):
            return amount
        try:
            return int(cache.incr(key, amount))
        except ValueError:  # expired between add and incr
            cache.set(key, amount, seconds)
            return amount
    except Exception as exc:
        logger.warning("limit counter %s unavailable: %s", name, exc)
        return 0


def hit(name: str, ident, limit: int, seconds: int) -> bool:
    """Count an attempt; False when it is over *limit* within the window (it is still counted)."""
    return add(name, ident, seconds) <= limit


def clear(name: str, ident) -> None:
    try:
        cache.delete(_key(name, ident))
    except Exception as exc:
        logger.warning("limit counter %s unavailable: %s", name, exc)


class QuotaExceeded(ValidationError):
    """A person did an expensive action more often than ``LK_QUOTAS`` allows.

    A ``ValidationError`` (code ``quota``): forms show it like any refusal; the API answers 429."""

    def __init__(self, action: str, limit: int, seconds: int):
        from django.utils.translation import gettext as _

        self.action, self.limit, self.seconds = action, limit, seconds
        message = _(
            "Слишком много действий подряд (не больше %(limit)s за %(period)s). Попробуйте позже."
        ) % {
            "limit": limit,
            "period": _period(seconds),
        }
        super().__init__(message, code="quota")


def _period(seconds: int) -> str:
    from django.utils.translation import gettext as _

    if seconds % 86400 == 0:
        return _("%(n)s сут.") % {"n": seconds // 86400}
    if seconds % 3600 == 0:
        return _("%(n)s ч") % {"n": seconds // 3600}
    return _("%(n)s мин") % {"n": max(1, seconds // 60)}


def consume_quota(user, action: str, amount: int = 1) -> None:
    """Count *amount* of *action* for *user* against ``LK_QUOTAS``; raise ``QuotaExceeded`` when over.

    A refused action is not counted; the window starts at the first counted action."""
    from lk_plugin.app_settings import app_settings

    quota = app_settings.QUOTAS.get(action)
    if not quota or user is None or not getattr(user, "pk", None):
        return
    limit, seconds = quota
    name = f"quota:{action}"
    # Count first, then look (one round trip to the shared cache); a refused action is given back.
    if add(name, user.pk, seconds, amount) > limit:
        with contextlib.suppress(Exception):
            cache.decr(_key(name, user.pk), amount)
        raise QuotaExceeded(action, limit, seconds)
