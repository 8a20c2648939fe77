"""`make bench`: production settings on loopback HTTP, plus the bench-only baselines app.

Production-like: DEBUG off, cached template loader, Manifest static files, Redis cache and sessions
(cached_db), Celery NOT eager (tasks go to the Redis broker; no worker runs during the bench, the
queue is purged afterwards). Differences from production, all because the bench talks plain HTTP on
127.0.0.1: no HTTPS redirect, HSTS or secure cookies; CAPTCHA_TEST_MODE so scripted submits can pass
the captcha (the captcha field still runs its lookup).
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lk_bench")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("LK_SMS_BACKEND", "lk_plugin.notifications.sms.MemorySMSBackend")

from .production import *  # noqa: E402

_bench_var = VAR_DIR / "bench"
STATIC_ROOT = str(_bench_var / "static")
MEDIA_ROOT = str(_bench_var / "media")
LK_PRIVATE_STORAGE_ROOT = str(_bench_var / "private")

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_PRELOAD = False
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
CAPTCHA_TEST_MODE = True
# The login form's rate limits would throttle nothing here (sessions are made server-side), but the
# bench must never be throttled by leftovers of an earlier run in the shared cache.
CACHES["default"]["KEY_PREFIX"] = "lk_bench"

INSTALLED_APPS = ["lk_site.bench", *INSTALLED_APPS]
ROOT_URLCONF = "lk_site.bench.urls"
# Counts SQL statements per request (X-Bench-Queries) for every response, product and baseline alike.
MIDDLEWARE = ["lk_site.bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
LOGGING["root"]["level"] = "ERROR"
# The per-user PDF quota (30 an hour) would refuse the bench's own PDF and export requests (P5, P8):
# the check still runs on every request, with room for a whole run.
LK_QUOTAS = {**globals().get("LK_QUOTAS", {}), "pdf": (1_000_000, 60 * 60)}
