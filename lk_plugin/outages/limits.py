"""Rate limits of the public subscription form (it sends mail to any address typed into it).

Counted in the shared cache with allauth's rate-limit engine (client IP as allauth determines it,
``ALLAUTH_TRUSTED_PROXY_COUNT``), per IP and per email address. When the cache cannot be reached the
request is refused: an anonymous form that sends mail fails closed."""

import logging

from allauth.core.internal import ratelimit

from lk_plugin.app_settings import app_settings

logger = logging.getLogger("lk_plugin.outages")

ACTION = "outage_subscribe"


def subscribe_allowed(request, *, email: str) -> bool:
    config = {ACTION: app_settings.OUTAGE_SUBSCRIBE_RATE_LIMIT}
    try:
        usage = ratelimit.consume(
            request, app="lk_plugin.outages", action=ACTION, config=config, key=email.strip().lower()
        )
    except Exception:  # the cache is down: refuse rather than mail without limits
        logger.warning("outages: rate-limit cache unavailable; subscription refused", exc_info=True)
        return False
    return usage is not None
