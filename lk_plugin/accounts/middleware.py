"""Gates a signed-in person passes before anything else (``LKAccountGateMiddleware``):

1. whoever can open the Wagtail admin and has no TOTP authenticator enrols one (``mfa.py``);
2. a person registered in the office chooses a new password instead of the temporary one.

The answers are read from the session (set at login), so ordinary requests cost no query.
``ForcePasswordChangeMiddleware`` is the name hosts already list in ``MIDDLEWARE``: it is the same
class, so upgrading adds the MFA gate without a settings change.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings

from . import mfa
from .receivers import FORCED_CHANGE_SESSION_KEY

FORCED_CHANGE_ERROR_CODE = "password_change_required"


def password_change_required_message() -> str:
    return _("Сначала смените временный пароль в личном кабинете, затем повторите запрос.")


def _api_prefix() -> str | None:
    try:
        return reverse("lk_api:openapi-json").rpartition("/")[0] + "/"
    except NoReverseMatch:  # the host did not mount the API
        return None


#: What a person held at a gate may still do in the auth API (allauth headless, under ``auth/``):
#: read or end the session, fetch the CSRF token/captcha, and what the gate asks for.
_API_ALWAYS = ("/auth/session", "auth/csrf/", "auth/captcha/")
API_PASSWORD_GATE = (*_API_ALWAYS, "/account/password/change")
API_MFA_GATE = (*_API_ALWAYS, "/account/authenticators/", "/auth/reauthenticate", "/auth/2fa/reauthenticate")


class LKAccountGateMiddleware:
    allowed_prefixes = ("/static/", "/media/", "/captcha/", "/favicon")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._app_token_gate(request)
        if refused is not None:
            return refused
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.allowed_prefixes):
            return self.get_response(request)
        if mfa.session_requires_enrolment(request):
            target = mfa.enrolment_url()
            if target:
                response = self._gate(
                    request,
                    target,
                    mfa.enrolment_paths(),
                    mfa.mfa_enrolment_message(),
                    mfa.MFA_ERROR_CODE,
                    api_allowed=API_MFA_GATE,
                )
                if response is not None:
                    return response
        if request.session.get(FORCED_CHANGE_SESSION_KEY):
            try:
                target = reverse("lk_accounts:password_required")
                allowed = {target, reverse("account_logout")}
            except NoReverseMatch:
                return self.get_response(request)
            response = self._gate(
                request,
                target,
                allowed,
                password_change_required_message(),
                FORCED_CHANGE_ERROR_CODE,
                api_allowed=API_PASSWORD_GATE,
            )
            if response is not None:
                return response
        return self.get_response(request)

    def _app_token_gate(self, request):
        """The auth API's app client (``X-Session-Token``, no cookie) meets the same gates."""
        token = request.headers.get("X-Session-Token")
        api = _api_prefix() if token else None
        if not api or not request.path.startswith(api + "auth/"):
            return None
        from .tokens import user_and_session_for_token

        _user, session = user_and_session_for_token(token)
        if session is None:
            return None
        if session.get(mfa.MFA_SESSION_KEY) == "required" and app_settings.STAFF_MFA_REQUIRED:
            return self._gate(
                request,
                None,
                set(),
                mfa.mfa_enrolment_message(),
                mfa.MFA_ERROR_CODE,
                api_allowed=API_MFA_GATE,
            )
        if session.get(FORCED_CHANGE_SESSION_KEY):
            return self._gate(
                request,
                None,
                set(),
                password_change_required_message(),
                FORCED_CHANGE_ERROR_CODE,
                api_allowed=API_PASSWORD_GATE,
            )
        return None

    @staticmethod
    def _gate(request, target, allowed, message, code, *, api_allowed=()):
        """None when *request* may pass, else the redirect (pages) or the JSON refusal (API)."""
        path = request.path
        if path == target or path in allowed:
            return None
        api = _api_prefix()
        if api and path.startswith(api):
            # In the auth API (allauth headless) only what the gate asks for passes (an app sets the
            # new password or adds the authenticator there; receivers clear the gate when it does),
            # plus the session itself — not email changes or anything else.
            rest = path[len(api) - 1 :].rstrip("/")
            if path.startswith(api + "auth/") and any(
                fragment.rstrip("/") in rest for fragment in api_allowed
            ):
                return None
            # The resource API answers in its own error shape: a program cannot follow a redirect.
            return JsonResponse({"detail": message, "code": code, "errors": {}}, status=403)
        return redirect(target)


ForcePasswordChangeMiddleware = LKAccountGateMiddleware
