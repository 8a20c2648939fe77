"""Failed logins: a captcha after a few, never a lock that a stranger can put on someone else.

Two counters (the shared cache; docs/security.md for an outage):
- per account, from any IP (``LK_LOGIN_CAPTCHA_AFTER`` failures within ``LK_LOGIN_FAILURE_WINDOW``
  seconds): the login form of that account then also asks for the captcha — the owner answers it
  and signs in, a password-guessing script has to solve one per try;
- per (account, IP): allauth's ``login_failed`` ``…/key`` limit, keyed by the account *and* the
  client IP (``LKAccountAdapter._get_login_attempts_cache_key``), so the hard stop applies to the
  IP that keeps failing, not to the owner elsewhere. allauth's per-IP limit stays as it is.
"""

import hashlib
import logging

from django.core.cache import cache

from lk_plugin.app_settings import app_settings

logger = logging.getLogger("lk_plugin.accounts")


def _cache_key(account_key: str) -> str:
    return "lk:login-failures:" + hashlib.sha256(account_key.encode()).hexdigest()


def failures(account_key: str) -> int:
    try:
        return int(cache.get(_cache_key(account_key)) or 0)
    except Exception as exc:  # an outage must not stop logins (policy: docs/security.md)
        logger.warning("login failure counter unavailable: %s", exc)
        return 0


def record_failure(account_key: str) -> None:
    key = _cache_key(account_key)
    try:
        if not cache.add(key, 1, app_settings.LOGIN_FAILURE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, app_settings.LOGIN_FAILURE_WINDOW)
    except Exception as exc:
        logger.warning("login failure counter unavailable: %s", exc)


def captcha_required(account_key: str) -> bool:
    threshold = app_settings.LOGIN_CAPTCHA_AFTER
    return bool(app_settings.CAPTCHA_ENABLED and threshold and failures(account_key) >= threshold)
