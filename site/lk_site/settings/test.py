"""pytest: PostgreSQL when DATABASE_URL is set (CI), SQLite otherwise; eager Celery."""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "test.sqlite3"}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Background jobs run in the after-commit hook (tests execute the hooks they mean to run).
LK_JOBS_BACKEND = "inline"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LK_SMS_BACKEND = "lk_plugin.notifications.sms.MemorySMSBackend"

CAPTCHA_TEST_MODE = True  # the answer is "PASSED"; simple-captcha reads it at import

MEDIA_ROOT = VAR_DIR / "test-media"
LK_PRIVATE_STORAGE_ROOT = VAR_DIR / "test-private"
WAGTAILADMIN_BASE_URL = "http://testserver"
LK_STAFF_MFA_REQUIRED = (
    False  # the admin suites use force_login; tests/security/test_staff_mfa.py turns it on
)
