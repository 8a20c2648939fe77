"""System checks for the settings the plugin relies on (``manage.py check``); docs/checks.md lists them.

``lk_plugin.settings.configure(globals())`` satisfies every one; a host that configures by hand (or
changes a value afterwards) is told what is wrong and how to fix it.
"""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from lk_plugin import settings as lk_settings

AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
COMMON_MIDDLEWARE = "django.middleware.common.CommonMiddleware"
CONFIGURE_HINT = (
    "Call `from lk_plugin.settings import configure; configure(globals())` at the end of settings."
)


def _subclass(path, base_path) -> bool:
    try:
        return issubclass(import_string(path), import_string(base_path))
    except (ImportError, TypeError):
        return False


@checks.register(checks.Tags.security)
def check_authentication(app_configs, **kwargs):
    errors = []
    backends = getattr(settings, "AUTHENTICATION_BACKENDS", [])
    if lk_settings.ALLAUTH_BACKEND not in backends:
        errors.append(
            checks.Error(
                "AUTHENTICATION_BACKENDS lacks allauth's AuthenticationBackend: applicants cannot sign in "
                "by email, СНИЛС, ОГРН or ОГРНИП.",
                hint=f'Add "{lk_settings.ALLAUTH_BACKEND}" to AUTHENTICATION_BACKENDS. {CONFIGURE_HINT}',
                id="lk_plugin.E001",
            )
        )
    methods = set(getattr(settings, "ACCOUNT_LOGIN_METHODS", set()) or ())
    if methods != {"email"}:
        errors.append(
            checks.Error(
                f"ACCOUNT_LOGIN_METHODS is {sorted(methods)}: the plugin's login form takes an email, СНИЛС, "
                "ОГРН or ОГРНИП and resolves it to the account's email; a username is never shown.",
                hint='Set ACCOUNT_LOGIN_METHODS = {"email"} and ACCOUNT_SIGNUP_FIELDS = '
                '["email*", "password1*", "password2*"]. ' + CONFIGURE_HINT,
                id="lk_plugin.E002",
            )
        )
    fields = list(getattr(settings, "ACCOUNT_SIGNUP_FIELDS", []) or [])
    if any(f.rstrip("*") == "username" for f in fields):
        errors.append(
            checks.Error(
                "ACCOUNT_SIGNUP_FIELDS asks for a username the plugin's signup form never renders: every "
                "signup fails with nothing marked.",
                hint='Set ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]. ' + CONFIGURE_HINT,
                id="lk_plugin.E003",
            )
        )
    if getattr(settings, "ACCOUNT_EMAIL_VERIFICATION", "optional") != "mandatory":
        errors.append(
            checks.Error(
                'ACCOUNT_EMAIL_VERIFICATION is not "mandatory": anyone could register with another '
                "person's email and receive their notifications.",
                hint='Set ACCOUNT_EMAIL_VERIFICATION = "mandatory". ' + CONFIGURE_HINT,
                id="lk_plugin.E004",
            )
        )
    adapter = getattr(settings, "ACCOUNT_ADAPTER", "")
    forms = getattr(settings, "ACCOUNT_FORMS", {}) or {}
    wanted = lk_settings.FORCED["ACCOUNT_FORMS"]
    if not _subclass(adapter, lk_settings.FORCED["ACCOUNT_ADAPTER"]) or any(
        not _subclass(forms.get(name, ""), path) for name, path in wanted.items()
    ):
        errors.append(
            checks.Error(
                "ACCOUNT_ADAPTER / ACCOUNT_FORMS are not the plugin's (or subclasses): signup by legal form, "
                "consent and login by СНИЛС/ОГРН/ОГРНИП do not work.",
                hint=f'Set ACCOUNT_ADAPTER = "{lk_settings.FORCED["ACCOUNT_ADAPTER"]}" and ACCOUNT_FORMS = '
                f"{wanted!r}. " + CONFIGURE_HINT,
                id="lk_plugin.E005",
            )
        )
    return errors


@checks.register(checks.Tags.security)
def check_middleware(app_configs, **kwargs):
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    required = [
        SESSION_MIDDLEWARE,
        AUTH_MIDDLEWARE,
        lk_settings.ACCOUNT_MIDDLEWARE,
        lk_settings.PASSWORD_CHANGE_MIDDLEWARE,
    ]
    missing = [m for m in required if m not in middleware]
    if missing:
        return [
            checks.Error(
                f"MIDDLEWARE lacks {', '.join(missing)}: without them a password reset by staff is not "
                "enforced and allauth's login flow breaks.",
                hint="Add them after AuthenticationMiddleware. " + CONFIGURE_HINT,
                id="lk_plugin.E006",
            )
        ]
    errors = []
    pos = middleware.index
    if not (
        pos(SESSION_MIDDLEWARE) < pos(AUTH_MIDDLEWARE) < pos(lk_settings.PASSWORD_CHANGE_MIDDLEWARE)
    ) or pos(lk_settings.PASSWORD_CHANGE_MIDDLEWARE) < pos(lk_settings.ACCOUNT_MIDDLEWARE):
        errors.append(
            checks.Error(
                "ForcePasswordChangeMiddleware must come after SessionMiddleware, AuthenticationMiddleware "
                "and allauth's AccountMiddleware: before them it never sees the signed-in person.",
                hint="Move lk_plugin.accounts.middleware.ForcePasswordChangeMiddleware right after "
                "allauth.account.middleware.AccountMiddleware.",
                id="lk_plugin.E007",
            )
        )
    cors = lk_settings.CORS_MIDDLEWARE
    if cors in middleware and COMMON_MIDDLEWARE in middleware and pos(cors) > pos(COMMON_MIDDLEWARE):
        errors.append(
            checks.Error(
                "corsheaders' CorsMiddleware comes after CommonMiddleware: redirects answer without CORS "
                "headers and the embedded login widget fails.",
                hint="Place corsheaders.middleware.CorsMiddleware as high as possible, before CommonMiddleware.",
                id="lk_plugin.E008",
            )
        )
    return errors


@checks.register()
def check_templates(app_configs, **kwargs):
    for engine in getattr(settings, "TEMPLATES", []):
        if engine.get("BACKEND") == "django.template.backends.django.DjangoTemplates":
            processors = engine.get("OPTIONS", {}).get("context_processors", [])
            missing = [
                p
                for p in ("django.template.context_processors.request", lk_settings.CONTEXT_PROCESSOR)
                if p not in processors
            ]
            if missing:
                return [
                    checks.Error(
                        f"The template context processors lack {', '.join(missing)}: the plugin's pages "
                        "cannot find the site's base template.",
                        hint=f"Add them to TEMPLATES[0]['OPTIONS']['context_processors']. {CONFIGURE_HINT}",
                        id="lk_plugin.E009",
                    )
                ]
            return []
    return []


def _resolved(path) -> Path | None:
    if not path:
        return None
    try:
        return Path(path).expanduser().resolve()
    except (TypeError, OSError):
        return None


@checks.register(checks.Tags.security)
def check_private_storage(app_configs, **kwargs):
    errors = []
    storages = getattr(settings, "STORAGES", {}) or {}
    if "lk_private" not in storages:
        errors.append(
            checks.Error(
                'STORAGES has no "lk_private" entry: applicants\' documents have nowhere to go.',
                hint='Add "lk_private": {"BACKEND": "lk_plugin.core.files.PrivateFileSystemStorage"} to '
                "STORAGES. " + CONFIGURE_HINT,
                id="lk_plugin.E010",
            )
        )
    backend = (storages.get("lk_private") or {}).get("BACKEND", "")
    if backend == "lk_plugin.core.files.PrivateFileSystemStorage":
        private = _resolved(getattr(settings, "LK_PRIVATE_STORAGE_ROOT", "private"))
        media = _resolved(getattr(settings, "MEDIA_ROOT", ""))
        static = _resolved(getattr(settings, "STATIC_ROOT", ""))
        for name, public in (("MEDIA_ROOT", media), ("STATIC_ROOT", static)):
            if private and public and (private == public or private.is_relative_to(public)):
                errors.append(
                    checks.Error(
                        f"LK_PRIVATE_STORAGE_ROOT ({private}) is inside {name} ({public}): the web server "
                        "would hand applicants' passports and plans to anyone with the link.",
                        hint="Point LK_PRIVATE_STORAGE_ROOT at a directory outside MEDIA_ROOT and STATIC_ROOT "
                        "(e.g. BASE_DIR / 'private').",
                        id="lk_plugin.E011",
                    )
                )
    return errors


DEMO_BACKENDS = {
    "LK_SMS_BACKEND": (
        "lk_plugin.notifications.sms.ConsoleSMSBackend",
        "lk_plugin.notifications.sms.MemorySMSBackend",
        "lk_plugin.notifications.sms.FileSMSBackend",
    ),
    "LK_ASKUE_BACKEND": ("lk_plugin.metering.askue.DemoAskueBackend",),
}


@checks.register(checks.Tags.security, deploy=True)
def check_demo_backends(app_configs, **kwargs):
    """``check --deploy`` with DEBUG off: SMS and АСКУЭ must reach real services."""
    from lk_plugin.app_settings import app_settings

    if settings.DEBUG:
        return []
    errors = []
    for name, value, hint, id_ in (
        (
            "LK_SMS_BACKEND",
            app_settings.SMS_BACKEND,
            'Set LK_SMS_BACKEND = "lk_plugin.notifications.sms.HTTPSMSBackend" and LK_SMS_GATEWAY_URL.',
            "lk_plugin.W001",
        ),
        (
            "LK_ASKUE_BACKEND",
            app_settings.ASKUE_BACKEND,
            'Set LK_ASKUE_BACKEND = "lk_plugin.metering.askue.HttpJsonAskueBackend" and LK_ASKUE_URL.',
            "lk_plugin.W002",
        ),
    ):
        if value in DEMO_BACKENDS[name]:
            errors.append(
                checks.Warning(
                    f"{name} is the demo {value.rsplit('.', 1)[-1]} with DEBUG off: nothing reaches a real "
                    "service (SMS are printed or kept in memory, АСКУЭ readings are invented).",
                    hint=hint,
                    id=id_,
                )
            )
    return errors


@checks.register()
def check_beat_schedule(app_configs, **kwargs):
    """A broker means a worker sends mail; without the beat schedule nothing retries or destroys data."""
    if not getattr(settings, "CELERY_BROKER_URL", None):
        return []
    from lk_plugin.celery import BEAT_SCHEDULE

    schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None) or {}
    have = {entry.get("task") for entry in schedule.values() if isinstance(entry, dict)}
    missing = sorted({entry["task"] for entry in BEAT_SCHEDULE.values()} - have)
    if not missing:
        return []
    return [
        checks.Warning(
            f"CELERY_BROKER_URL is set but CELERY_BEAT_SCHEDULE lacks {', '.join(missing)}: unsent mail is "
            "never retried and withdrawn personal data is never destroyed (152-ФЗ).",
            hint="CELERY_BEAT_SCHEDULE = {**lk_plugin.celery.BEAT_SCHEDULE, ...} (or the same in your "
            "Celery app's beat_schedule); see docs/celery.md.",
            id="lk_plugin.W003",
        )
    ]


@checks.register(checks.Tags.security, checks.Tags.urls)
def check_admin_doors(app_configs, **kwargs):
    """Wagtail's own login and password reset must lead to allauth (lk_urlpatterns does it)."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    problems = []
    for name in ("wagtailadmin_login", "wagtailadmin_password_reset"):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        try:
            match = resolve(url)
        except Resolver404:
            continue
        if (match.url_name or "") == name:
            problems.append(url)
    if not problems:
        return []
    return [
        checks.Warning(
            f"{', '.join(problems)} still take a password in Wagtail's own form: no rate limits, no "
            "two-factor authentication, a second door past allauth.",
            hint="At the end of urls.py: `from lk_plugin.urls import lk_urlpatterns; "
            "urlpatterns = lk_urlpatterns(urlpatterns)`.",
            id="lk_plugin.W004",
        )
    ]


#: Optional apps that only exist on top of another (docs/architecture.md «À la carte»): a connection
#: process, an invoice, a ТУ notice belong to an application; a survey answer is linked to the rated
#: application; the contrib pages include the application form page (a key to ApplicationKind).
REQUIRES = {
    "lk_plugin.connection": ["lk_plugin.applications"],
    "lk_plugin.surveys": ["lk_plugin.applications"],
    "lk_plugin.contrib.pages": ["lk_plugin.applications"],
}


def missing_requirements() -> list[tuple[str, str]]:
    """(installed app, the app it needs but is missing) pairs."""
    from django.apps import apps

    return [
        (app, needed)
        for app, needs in REQUIRES.items()
        if apps.is_installed(app)
        for needed in needs
        if not apps.is_installed(needed)
    ]


@checks.register()
def check_app_requirements(app_configs, **kwargs):
    return [
        checks.Error(
            f"{app} requires {needed}.",
            hint=f"Add {needed} to INSTALLED_APPS, or leave {app} out too.",
            id="lk_plugin.E012",
        )
        for app, needed in missing_requirements()
    ]
