"""A person registered in the office must choose a new password before anything else.

The flag is read from the session (set at login), so ordinary requests cost no query.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .receivers import FORCED_CHANGE_SESSION_KEY

FORCED_CHANGE_ERROR_CODE = "password_change_required"


def password_change_required_message() -> str:
    return _("Сначала смените временный пароль в личном кабинете, затем повторите запрос.")


def _api_prefix() -> str | None:
    try:
        return reverse("lk_api:openapi-json").rpartition("/")[0] + "/"
    except NoReverseMatch:  # the host did not mount the API
        return None


class ForcePasswordChangeMiddleware:
    allowed_prefixes = ("/static/", "/media/", "/captcha/", "/favicon")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.get(FORCED_CHANGE_SESSION_KEY):
            try:
                target = reverse("lk_accounts:password_required")
                allowed = {target, reverse("account_logout")}
            except NoReverseMatch:
                return self.get_response(request)
            path = request.path
            if path not in allowed and not path.startswith(self.allowed_prefixes):
                api = _api_prefix()
                if api and path.startswith(api):
                    # The API's auth endpoints answer JSON (session, logout): the embedded widget
                    # then links to the cabinet, where the redirect below asks for the new password.
                    if path.startswith(api + "auth/"):
                        return self.get_response(request)
                    # The resource API answers in its own error shape: a program cannot follow an
                    # HTML redirect.
                    body = {"detail": password_change_required_message(), "code": FORCED_CHANGE_ERROR_CODE}
                    return JsonResponse({**body, "errors": {}}, status=403)
                return redirect(target)
        return self.get_response(request)
