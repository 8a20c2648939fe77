"""CORS for the pages listed in LK_API_ALLOWED_ORIGINS, on the plugin's API only.

django-cors-headers asks its ``check_request_enabled`` signal; answering here reads the setting on
every request (tests and hosts can change it) and keeps the host's own CORS_ALLOWED_ORIGINS apart.
The same origins must be in CSRF_TRUSTED_ORIGINS (Django's CSRF check of the Origin header): the
system check below says so at startup.
"""

from django.conf import settings
from django.core import checks

from lk_plugin.app_settings import app_settings

API_PATH_PREFIX = "/api/lk/"


def allow_listed_origins(sender, request, **kwargs) -> bool:
    origin = request.headers.get("origin")
    return (
        bool(origin)
        and request.path_info.startswith(API_PATH_PREFIX)
        and origin in app_settings.API_ALLOWED_ORIGINS
    )


def connect():
    try:
        from corsheaders.signals import check_request_enabled
    except ImportError:  # the host does not use django-cors-headers: same-origin only
        return
    check_request_enabled.connect(allow_listed_origins, dispatch_uid="lk_plugin.api.cors")


@checks.register(checks.Tags.security)
def check_allowed_origins(app_configs, **kwargs):
    origins = app_settings.API_ALLOWED_ORIGINS
    if not origins:
        return []
    errors = []
    middleware = getattr(settings, "MIDDLEWARE", [])
    if "corsheaders.middleware.CorsMiddleware" not in middleware:
        errors.append(
            checks.Warning(
                "LK_API_ALLOWED_ORIGINS is set but corsheaders.middleware.CorsMiddleware is not in MIDDLEWARE.",
                id="lk_plugin.W101",
            )
        )
    elif not getattr(settings, "CORS_ALLOW_CREDENTIALS", False):
        errors.append(
            checks.Warning(
                "The login widget needs CORS_ALLOW_CREDENTIALS = True (session cookie).", id="lk_plugin.W102"
            )
        )
    missing = [origin for origin in origins if origin not in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])]
    if missing:
        errors.append(
            checks.Warning(
                f"Add {', '.join(missing)} to CSRF_TRUSTED_ORIGINS: unsafe API requests from there are refused.",
                id="lk_plugin.W103",
            )
        )
    bad = [
        origin
        for origin in origins
        if origin.count("/") != 2 or not origin.startswith(("http://", "https://"))
    ]
    if bad:
        errors.append(
            checks.Error(
                f"LK_API_ALLOWED_ORIGINS entries must look like https://www.example.ru (no path): {', '.join(bad)}",
                id="lk_plugin.E101",
            )
        )
    return errors
