"""Settings shared by every environment of the demo host site."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from lk_plugin import celery as lk_celery

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = "insecure-dev-key-only-for-local-runs"  # noqa: S105  (overridden in production)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "lk_site",
    "cms_pages",
    # lk_plugin's apps, the contrib pages, allauth, captcha, ninja, corsheaders: configure() below.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lk_site.middleware.AdminCSPMiddleware",  # after CSPMiddleware: it marks the response first
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lk_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "lk_site.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский"))]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "lk_plugin" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# Applicants' files never live under MEDIA_ROOT: they are served only by authenticated views
# (configure() adds the "lk_private" storage).
LK_PRIVATE_STORAGE_ROOT = VAR_DIR / "private"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Wagtail ---
WAGTAIL_SITE_NAME = "АО «Городская электросетевая компания»"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin (privacy, CSP)

# --- captcha (django-simple-captcha, self-hosted images) ---
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10

# --- Celery ---
# No broker here: `make run` and the tests send mail in-process after commit (the plugin's embedded
# default); production.py sets CELERY_BROKER_URL, and then the worker sends.
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request queues mail after its commit: with the broker down it must give up quickly (the
# outbox sweeper sends later) instead of hanging. Without these a broker that accepts TCP but does
# not answer blocks the request indefinitely.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# The plugin's periodic jobs (outbox sweeper, 152-ФЗ destruction, АСКУЭ import) ship as data.
CELERY_BEAT_SCHEDULE = {**lk_celery.BEAT_SCHEDULE}

# --- Email ---
DEFAULT_FROM_EMAIL = "Личный кабинет <lk@example.ru>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security headers ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],  # no inline scripts (Wagtail's admin: lk_site.middleware)
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# --- lk_plugin ---
LK_UTILITY_NAME = WAGTAIL_SITE_NAME
LK_UTILITY_PHONE = "8 800 000-00-00"
LK_SMS_BACKEND = "lk_plugin.notifications.sms.ConsoleSMSBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"lk_plugin": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- Meter readings (issue 9): entry window, plausibility, АСКУЭ ---
# Days of the month when applicants may enter readings, e.g. (15, 25); None = any day. The demo takes
# readings every day, so a newcomer can try it whatever the date.
LK_METER_READING_WINDOW = None
LK_METER_MAX_DAILY_KWH = 100  # per tariff per day; above it the applicant confirms the reading
LK_ASKUE_BACKEND = "lk_plugin.metering.askue.DemoAskueBackend"  # or ...askue.HttpJsonAskueBackend
LK_ASKUE_URL = ""  # HttpJsonAskueBackend: POST {"login","password","account"} → {"rows": [...]}
LK_ASKUE_TIMEOUT = 10
# --- Application forms (issue 5) ---
# Numbers continue the utility's existing series: the first demo ТП application gets 4894ТП/…
LK_NUMBER_START = {"application:technological_connection": 4894}

# --- Cabinet API (issue 10): allauth headless under /api/lk/v1/auth/, CORS/CSRF for listed origins ---
# Origins (scheme://host[:port]) of the utility's other pages that embed the login widget or call the
# API from the browser with the session cookie. Empty: only same-origin pages.
LK_API_ALLOWED_ORIGINS = []
CSRF_TRUSTED_ORIGINS = [*LK_API_ALLOWED_ORIGINS]
# Links in mails sent through the API lead to the site's own HTML pages (/accounts/confirm-email/<key>/,
# /accounts/password/reset/key/<key>/): with HEADLESS_ONLY off, allauth falls back to them for every
# name missing here. A utility with its own SPA pages maps them, e.g.
# {"account_confirm_email": "https://app.example.ru/confirm/{key}", "account_reset_password_from_key": …}.
HEADLESS_FRONTEND_URLS = {}

# --- lk_plugin: apps, middleware, allauth, headless, CORS, private storage, login URLs (what the
# README tells a host to add; the demo host uses the same call) ---
from lk_plugin.settings import configure  # noqa: E402

configure(globals())

# --- Technological connection after the application (issue 21) ---
LK_BILLING_BACKEND = "lk_plugin.connection.billing.DemoBillingBackend"  # or ...billing.HttpJsonBillingBackend
LK_PAYMENT_BACKEND = (
    "lk_plugin.connection.payment.DemoPaymentBackend"  # production: BankDetailsPaymentBackend
)
LK_PAYMENT_DETAILS = {
    "name": "АО «Демо-Электросети»",
    "account": "40702810900000000001",
    "bank_name": "ПАО Сбербанк",
    "bic": "044525225",
    "corr_account": "30101810400000000225",
    "inn": "7707083893",
    "kpp": "773601001",
}
