"""Settings shared by every environment of the demo host site."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import lk_plugin

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = "insecure-dev-key-only-for-local-runs"  # noqa: S105  (overridden in production)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "lk_site",
    "cms_pages",
    *lk_plugin.LK_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "ninja",  # the API docs page serves Swagger UI from static files (CSP: 'self'), not a CDN
    "captcha",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lk_site.middleware.AdminCSPMiddleware",  # after CSPMiddleware: it marks the response first
    "allauth.account.middleware.AccountMiddleware",
    "lk_plugin.core.middleware.RequestOriginMiddleware",  # dev: links follow the serving host
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
                "lk_plugin.core.context_processors.lk",
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

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

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

# Applicants' files never live under MEDIA_ROOT: they are served only by authenticated views.
LK_PRIVATE_STORAGE_ROOT = VAR_DIR / "private"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "lk_private": {"BACKEND": "lk_plugin.core.files.PrivateFileSystemStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Wagtail ---
WAGTAIL_SITE_NAME = "АО «Городская электросетевая компания»"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"  # private pages ask allauth, not Wagtail's bare LoginView
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin (privacy, CSP)

# --- allauth ---
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/lk/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Личный кабинет] "
ACCOUNT_PASSWORD_RESET_TIMEOUT = 3600
PASSWORD_RESET_TIMEOUT = 3600
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# --- captcha (django-simple-captcha, self-hosted images) ---
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10

# --- Celery ---
CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
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
CELERY_BEAT_SCHEDULE = {
    "lk-outbox-sweep": {"task": "lk_plugin.notifications.tasks.sweep_outbox", "schedule": 60.0},
}

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

# --- Accounts (issue 4): login by email/СНИЛС/ОГРН/ОГРНИП, signup by legal form, consent ---
ACCOUNT_ADAPTER = "lk_plugin.accounts.adapter.LKAccountAdapter"
ACCOUNT_FORMS = {
    "login": "lk_plugin.accounts.forms.LoginForm",
    "signup": "lk_plugin.accounts.forms.SignupForm",
}
# Rate limits live in the default cache (Redis in production); "key" is the resolved account.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
ACCOUNT_USER_DISPLAY = "lk_plugin.accounts.adapter.user_display"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
MIDDLEWARE.insert(
    MIDDLEWARE.index("allauth.account.middleware.AccountMiddleware") + 1,
    "lk_plugin.accounts.middleware.ForcePasswordChangeMiddleware",
)
CELERY_BEAT_SCHEDULE["lk-destroy-withdrawn-personal-data"] = {
    "task": "lk_plugin.accounts.tasks.destroy_withdrawn_personal_data",
    "schedule": 24 * 60 * 60.0,
}

# --- Meter readings (issue 9): entry window, plausibility, АСКУЭ ---
from celery.schedules import crontab  # noqa: E402

# Days of the month when applicants may enter readings, e.g. (15, 25); None = any day. The demo takes
# readings every day, so a newcomer can try it whatever the date.
LK_METER_READING_WINDOW = None
LK_METER_MAX_DAILY_KWH = 100  # per tariff per day; above it the applicant confirms the reading
LK_ASKUE_BACKEND = "lk_plugin.metering.askue.DemoAskueBackend"  # or ...askue.HttpJsonAskueBackend
LK_ASKUE_URL = ""  # HttpJsonAskueBackend: POST {"login","password","account"} → {"rows": [...]}
LK_ASKUE_TIMEOUT = 10
CELERY_BEAT_SCHEDULE["lk-askue-import"] = {
    "task": "lk_plugin.metering.tasks.import_askue",
    "schedule": crontab(hour=3, minute=30),  # daily, at night
}
# --- Application forms (issue 5) ---
# Numbers continue the utility's existing series: the first demo ТП application gets 4894ТП/…
LK_NUMBER_START = {"application:technological_connection": 4894}

# --- Cabinet API (issue 10): allauth headless under /api/lk/v1/auth/, CORS/CSRF for listed origins ---
# Origins (scheme://host[:port]) of the utility's other pages that embed the login widget or call the
# API from the browser with the session cookie. Empty: only same-origin pages.
LK_API_ALLOWED_ORIGINS = []
CSRF_TRUSTED_ORIGINS = [*LK_API_ALLOWED_ORIGINS]
# CORS answers only on the plugin's API; lk_plugin allows LK_API_ALLOWED_ORIGINS itself (read on access).
CORS_URLS_REGEX = r"^/api/lk/"
CORS_ALLOWED_ORIGINS = []
CORS_ALLOW_CREDENTIALS = True
from corsheaders.defaults import default_headers  # noqa: E402

CORS_ALLOW_HEADERS = (*default_headers, "x-session-token", "x-email-verification-key", "x-password-reset-key")
HEADLESS_ONLY = False  # the HTML pages under /accounts/ keep working
HEADLESS_CLIENTS = ("browser", "app")
HEADLESS_ADAPTER = "lk_plugin.api.headless.LKHeadlessAdapter"
HEADLESS_SERVE_SPECIFICATION = False  # dev.py serves allauth's spec at /api/lk/v1/auth/openapi.(json|html)
# Links in mails sent through the API lead to the site's own HTML pages (/accounts/confirm-email/<key>/,
# /accounts/password/reset/key/<key>/): with HEADLESS_ONLY off, allauth falls back to them for every
# name missing here. A utility with its own SPA pages maps them, e.g.
# {"account_confirm_email": "https://app.example.ru/confirm/{key}", "account_reset_password_from_key": …}.
HEADLESS_FRONTEND_URLS = {}
