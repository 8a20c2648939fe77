from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

FORCED_CHANGE_SESSION_KEY = "lk_forced_change"


@receiver(user_logged_in, dispatch_uid="lk_accounts_must_change_password")
def remember_forced_password_change(sender, request, user, **kwargs):
    """Look at the profile once per login; the middleware then reads only the session."""
    if request is None or not hasattr(request, "session"):
        return
    from .models import ApplicantProfile

    if ApplicantProfile.objects.filter(user=user, must_change_password=True).exists():
        request.session[FORCED_CHANGE_SESSION_KEY] = True
    else:
        request.session.pop(FORCED_CHANGE_SESSION_KEY, None)
