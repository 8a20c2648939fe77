"""Staff MFA: whoever can open the Wagtail admin signs in with a TOTP code, or enrols first.

The answer is kept in the session (computed at login, refreshed when an authenticator is added or
removed), so ordinary requests cost no query. ``LKAccountGateMiddleware`` sends a person whose session
says "required" to allauth's TOTP activation page before anything else; allauth then issues the
recovery codes (``MFA_SUPPORTED_TYPES`` includes ``recovery_codes``).
"""

import contextlib

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings

MFA_SESSION_KEY = "lk_mfa_gate"  # "required" | "ok"
MFA_ERROR_CODE = "mfa_enrolment_required"


def mfa_enrolment_message() -> str:
    return _(
        "Сотрудникам нужен вход с одноразовым кодом: подключите приложение-аутентификатор (TOTP) "
        "на странице «Двухфакторная аутентификация», затем повторите запрос."
    )


def can_access_admin(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin")))


def has_totp(user) -> bool:
    try:
        from allauth.mfa.models import Authenticator
    except ImportError:  # allauth.mfa not installed: nothing to enrol with
        return True
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def enrolment_required(user) -> bool:
    return bool(app_settings.STAFF_MFA_REQUIRED and can_access_admin(user) and not has_totp(user))


def remember(session, user) -> bool:
    required = enrolment_required(user)
    session[MFA_SESSION_KEY] = "required" if required else "ok"
    return required


def session_requires_enrolment(request) -> bool:
    """Read the session's answer. "ok" costs no query; "required" (and a session from before this
    gate existed) is checked again, so the enrolment takes effect on the next request whatever
    the order of allauth's signals and the session save."""
    if not app_settings.STAFF_MFA_REQUIRED:
        return False
    if request.session.get(MFA_SESSION_KEY) == "ok":
        return False
    return remember(request.session, request.user)


def enrolment_url() -> str | None:
    try:
        return reverse("mfa_activate_totp")
    except NoReverseMatch:
        return None


def enrolment_paths() -> set[str]:
    """Pages a person who must enrol may still open: the enrolment itself and the way out."""
    names = (
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "mfa_reauthenticate",
        "account_logout",
    )
    paths = set()
    for name in names:
        with contextlib.suppress(NoReverseMatch):
            paths.add(reverse(name))
    return paths
