"""One call configures a host for the plugin: ``configure(globals())`` at the end of its settings.

It adds what is missing and leaves the host's own choices alone, except the few settings the plugin's
security relies on (``FORCED``): login by email/СНИЛС/ОГРН/ОГРНИП through the plugin's adapter and
forms, mandatory email verification, allauth's backend. A host that changes one of those afterwards
gets a system check error (``manage.py check``). Nothing here imports Django's settings: it only edits
the dict it is given, so it runs inside a settings module.
"""

from pathlib import Path

from lk_plugin import LK_APPS as PLUGIN_APPS

CONTRIB_PAGES_APP = "lk_plugin.contrib.pages"
#: Third-party apps the plugin needs; appended after the host's apps when missing.
REQUIRED_APPS = [
    "wagtail.contrib.settings",
    "ninja",
    "captcha",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "corsheaders",
    "django.contrib.humanize",
]

CORS_MIDDLEWARE = "corsheaders.middleware.CorsMiddleware"
ACCOUNT_MIDDLEWARE = "allauth.account.middleware.AccountMiddleware"
PASSWORD_CHANGE_MIDDLEWARE = "lk_plugin.accounts.middleware.ForcePasswordChangeMiddleware"  # noqa: S105
#: Links in mails follow the host that served the request (only with LK_SITE_URL_FROM_REQUEST, default DEBUG).
REQUEST_ORIGIN_MIDDLEWARE = "lk_plugin.core.middleware.RequestOriginMiddleware"
CONTEXT_PROCESSOR = "lk_plugin.core.context_processors.lk"
ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

#: Set whatever the host had: the plugin's login, signup and verification depend on them.
FORCED = {
    "ACCOUNT_ADAPTER": "lk_plugin.accounts.adapter.LKAccountAdapter",
    "ACCOUNT_FORMS": {
        "login": "lk_plugin.accounts.forms.LoginForm",
        "signup": "lk_plugin.accounts.forms.SignupForm",
    },
    "ACCOUNT_LOGIN_METHODS": {"email"},
    "ACCOUNT_SIGNUP_FIELDS": ["email*", "password1*", "password2*"],
    "ACCOUNT_EMAIL_VERIFICATION": "mandatory",
    "ACCOUNT_UNIQUE_EMAIL": True,
    "HEADLESS_ADAPTER": "lk_plugin.api.headless.LKHeadlessAdapter",
}

#: Defaults: kept when the host has set them already.
DEFAULTS = {
    "LOGIN_URL": "/accounts/login/",
    "LOGIN_REDIRECT_URL": "/lk/",
    "ACCOUNT_LOGOUT_REDIRECT_URL": "/",
    "ACCOUNT_PREVENT_ENUMERATION": True,
    "ACCOUNT_EMAIL_SUBJECT_PREFIX": "[Личный кабинет] ",
    "ACCOUNT_PASSWORD_RESET_TIMEOUT": 3600,
    "PASSWORD_RESET_TIMEOUT": 3600,
    "ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE": False,
    "ACCOUNT_SESSION_REMEMBER": None,
    "ACCOUNT_USER_DISPLAY": "lk_plugin.accounts.adapter.user_display",
    "ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS": 3,
    "ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION": False,
    "ACCOUNT_CONFIRM_EMAIL_ON_GET": False,
    "ACCOUNT_RATE_LIMITS": {
        "login": "30/m/ip",
        "login_failed": "10/m/ip,5/5m/key",
        "signup": "20/m/ip",
        "reset_password": "20/m/ip,5/m/key",
        "reset_password_from_key": "20/m/ip",
        "confirm_email": "1/3m/key",
        "change_password": "5/m/user",
    },
    "MFA_SUPPORTED_TYPES": ["totp", "recovery_codes"],
    "HEADLESS_ONLY": False,
    "HEADLESS_CLIENTS": ("browser", "app"),
    "HEADLESS_SERVE_SPECIFICATION": False,
    "HEADLESS_FRONTEND_URLS": {},
    # Staff sign in through allauth too (rate limits, MFA); lk_plugin.urls also redirects the doors.
    "WAGTAILADMIN_LOGIN_URL": "/accounts/login/",
    "WAGTAIL_PASSWORD_RESET_ENABLED": False,
    "WAGTAIL_FRONTEND_LOGIN_URL": "/accounts/login/",
    # CORS answers only on the plugin's API; lk_plugin allows LK_API_ALLOWED_ORIGINS itself.
    "CORS_URLS_REGEX": r"^/api/lk/",
    "CORS_ALLOW_CREDENTIALS": True,
    "LK_API_ALLOWED_ORIGINS": [],
    "CAPTCHA_LENGTH": 5,
    "CAPTCHA_TIMEOUT": 10,
}
#: Headers the cabinet API's clients send (allauth headless): added to CORS_ALLOW_HEADERS.
API_HEADERS = ("x-session-token", "x-email-verification-key", "x-password-reset-key")


def _insert_after(items, anchor, value):
    if value in items:
        return
    if anchor in items:
        items.insert(items.index(anchor) + 1, value)
    else:
        items.append(value)


def configure(settings: dict, *, contrib_pages: bool = True) -> dict:
    """Edit a settings module's namespace (``globals()``) in place for the plugin; returns it."""
    s = settings

    # --- apps: the plugin's before Wagtail's (its templates win), required ones after the host's ---
    apps = list(s.get("INSTALLED_APPS", []))
    plugin = [a for a in PLUGIN_APPS + ([CONTRIB_PAGES_APP] if contrib_pages else []) if a not in apps]
    at = next((i for i, a in enumerate(apps) if a == "wagtail" or a.startswith("wagtail.")), len(apps))
    apps[at:at] = plugin
    apps += [a for a in REQUIRED_APPS if a not in apps]
    s["INSTALLED_APPS"] = apps

    # --- middleware: CORS high up, allauth's at the end, forced password change right after allauth ---
    middleware = list(s.get("MIDDLEWARE", []))
    if CORS_MIDDLEWARE not in middleware:
        anchor = "django.middleware.security.SecurityMiddleware"
        middleware.insert(middleware.index(anchor) + 1 if anchor in middleware else 0, CORS_MIDDLEWARE)
    if ACCOUNT_MIDDLEWARE not in middleware:
        middleware.append(ACCOUNT_MIDDLEWARE)
    if PASSWORD_CHANGE_MIDDLEWARE not in middleware:
        _insert_after(middleware, ACCOUNT_MIDDLEWARE, PASSWORD_CHANGE_MIDDLEWARE)
    if REQUEST_ORIGIN_MIDDLEWARE not in middleware:
        middleware.append(REQUEST_ORIGIN_MIDDLEWARE)
    s["MIDDLEWARE"] = middleware

    # --- templates: request and the plugin's context (utility name, base template) ---
    for engine in s.get("TEMPLATES", []):
        if engine.get("BACKEND") != "django.template.backends.django.DjangoTemplates":
            continue
        processors = engine.setdefault("OPTIONS", {}).setdefault("context_processors", [])
        for name in ("django.template.context_processors.request", CONTEXT_PROCESSOR):
            if name not in processors:
                processors.append(name)
        break

    # --- auth ---
    backends = list(s.get("AUTHENTICATION_BACKENDS", [MODEL_BACKEND]))
    if ALLAUTH_BACKEND not in backends:
        backends.append(ALLAUTH_BACKEND)
    s["AUTHENTICATION_BACKENDS"] = backends
    for key, value in FORCED.items():
        s[key] = value
    for key, value in DEFAULTS.items():
        s.setdefault(key, value)
    headers = list(s.get("CORS_ALLOW_HEADERS") or _default_cors_headers())
    s["CORS_ALLOW_HEADERS"] = (*headers, *[h for h in API_HEADERS if h not in headers])
    s.setdefault("CORS_ALLOWED_ORIGINS", [])

    # --- applicants' files: a private storage outside MEDIA_ROOT, served only by the plugin's views ---
    base_dir = s.get("BASE_DIR")
    if "LK_PRIVATE_STORAGE_ROOT" not in s and base_dir is not None:
        s["LK_PRIVATE_STORAGE_ROOT"] = Path(base_dir) / "private"
    storages = dict(s.get("STORAGES") or {})
    storages.setdefault("default", {"BACKEND": "django.core.files.storage.FileSystemStorage"})
    storages.setdefault("staticfiles", {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"})
    storages.setdefault("lk_private", {"BACKEND": "lk_plugin.core.files.PrivateFileSystemStorage"})
    s["STORAGES"] = storages

    # --- names in mails and on pages ---
    if "LK_UTILITY_NAME" not in s and s.get("WAGTAIL_SITE_NAME"):
        s["LK_UTILITY_NAME"] = s["WAGTAIL_SITE_NAME"]
    return s


def _default_cors_headers():
    try:
        from corsheaders.defaults import default_headers
    except ImportError:  # pragma: no cover - corsheaders is a dependency
        return ()
    return default_headers
