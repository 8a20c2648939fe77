"""A person registered in the office must choose a new password before anything else."""

from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse


class ForcePasswordChangeMiddleware:
    allowed_prefixes = ("/static/", "/media/", "/captcha/", "/favicon")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._must_change(user):
            try:
                target = reverse("lk_accounts:password_required")
                allowed = {target, reverse("account_logout")}
            except NoReverseMatch:
                return self.get_response(request)
            if request.path not in allowed and not request.path.startswith(self.allowed_prefixes):
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _must_change(user) -> bool:
        profile = getattr(user, "lk_profile", None)
        return bool(profile and profile.must_change_password)
