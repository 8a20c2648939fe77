"""A person registered in the office must choose a new password before anything else.

The flag is read from the session (set at login), so ordinary requests cost no query.
"""

from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from .receivers import FORCED_CHANGE_SESSION_KEY


class ForcePasswordChangeMiddleware:
    # The API's auth endpoints answer JSON (session, logout): the embedded widget then links to the cabinet,
    # where this redirect asks for the new password.
    allowed_prefixes = ("/static/", "/media/", "/captcha/", "/favicon", "/api/lk/v1/auth/")

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
            if request.path not in allowed and not request.path.startswith(self.allowed_prefixes):
                return redirect(target)
        return self.get_response(request)
