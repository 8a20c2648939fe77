"""`make run`: SQLite in var/, eager Celery, mail and SMS to files."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = False

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
LK_SMS_BACKEND = "lk_plugin.notifications.sms.FileSMSBackend"
LK_SMS_FILE_PATH = VAR_DIR / "sms"

HEADLESS_SERVE_SPECIFICATION = True  # allauth's auth API spec: /api/lk/v1/auth/openapi.json (DEBUG only)
