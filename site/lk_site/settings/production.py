"""Production: everything comes from the environment; passes `manage.py check --deploy`."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"Environment variable {name} is required in production")
    return value


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
LK_API_ALLOWED_ORIGINS = env_list("LK_API_ALLOWED_ORIGINS")  # pages that embed the login widget
CSRF_TRUSTED_ORIGINS = list(dict.fromkeys(env_list("CSRF_TRUSTED_ORIGINS") + LK_API_ALLOWED_ORIGINS))

DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", required=True), conn_max_age=60)}
if "postgresql" in DATABASES["default"]["ENGINE"] and "django.contrib.postgres" not in INSTALLED_APPS:
    # Wagtail's database search backend uses PostgreSQL fields; Django ≥ 6.1 checks for the app.
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
# A Redis outage must not fail requests: bounded connect/read timeouts, then a per-process fallback
# for RETRY_AFTER seconds (lk_plugin.core.cache); sessions fall back to the database
# (lk_plugin.core.sessions). docs/security.md, «Redis outage».
CACHES = {
    "default": {
        "BACKEND": "lk_plugin.core.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            "socket_connect_timeout": float(env("REDIS_CONNECT_TIMEOUT", "0.5")),
            "socket_timeout": float(env("REDIS_TIMEOUT", "0.5")),
            "RETRY_AFTER": float(env("REDIS_RETRY_AFTER", "10")),
        },
    }
}
SESSION_ENGINE = "lk_plugin.core.sessions"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = False

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env("EMAIL_USE_SSL", "false").lower() == "true"
# STARTTLS unless the host chose implicit TLS (port 465) instead; turning both off is an explicit choice.
EMAIL_USE_TLS = not EMAIL_USE_SSL and env("EMAIL_USE_TLS", "true").lower() == "true"
# The outbox holds a row lock while the SMTP server answers: never wait for it forever.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

MEDIA_ROOT = env("MEDIA_ROOT", str(MEDIA_ROOT))
STATIC_ROOT = env("STATIC_ROOT", str(STATIC_ROOT))
LK_PRIVATE_STORAGE_ROOT = env("LK_PRIVATE_STORAGE_ROOT", str(LK_PRIVATE_STORAGE_ROOT))
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "https://example.ru")
LK_SMS_BACKEND = env("LK_SMS_BACKEND", "lk_plugin.notifications.sms.HTTPSMSBackend")
LK_SMS_GATEWAY_URL = env("LK_SMS_GATEWAY_URL", "")
LK_SMS_GATEWAY_TOKEN = env("LK_SMS_GATEWAY_TOKEN", "")
LK_ASKUE_BACKEND = env("LK_ASKUE_BACKEND", "lk_plugin.metering.askue.HttpJsonAskueBackend")
LK_ASKUE_URL = env("LK_ASKUE_URL", "")

# Only trust X-Forwarded-Proto when a proxy in front of us is configured to set it.
if env("TRUST_PROXY_HEADERS", "false").lower() == "true":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    # allauth's rate limits take the client IP from X-Forwarded-For, counting this many proxies from
    # the right; without it every client would share the proxy's IP (and one limit).
    ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))

SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
TEMPLATES[0]["APP_DIRS"] = False
TEMPLATES[0]["OPTIONS"]["loaders"] = [
    (
        "django.template.loaders.cached.Loader",
        ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
    )
]

# Technological connection (issue 21): payment by bank details + QR unless a provider is configured.
LK_PAYMENT_BACKEND = env("LK_PAYMENT_BACKEND", "lk_plugin.connection.payment.BankDetailsPaymentBackend")
LK_PAYMENT_PROVIDER_URL = env("LK_PAYMENT_PROVIDER_URL", "")
LK_BILLING_BACKEND = env("LK_BILLING_BACKEND", "lk_plugin.connection.billing.HttpJsonBillingBackend")
LK_BILLING_URL = env("LK_BILLING_URL", "")
LK_BILLING_LOGIN = env("LK_BILLING_LOGIN", "")
LK_BILLING_PASSWORD_ENCRYPTED = env("LK_BILLING_PASSWORD_ENCRYPTED", "")
