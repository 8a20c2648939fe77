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


@receiver(user_logged_in, dispatch_uid="lk_accounts_staff_mfa")
def remember_staff_mfa(sender, request, user, **kwargs):
    """Whether this person must enrol a TOTP authenticator before using the site (``mfa.py``)."""
    if request is None or not hasattr(request, "session"):
        return
    from . import mfa

    mfa.remember(request.session, user)


def _password_replaced(sender, request=None, user=None, **kwargs):
    """A new password chosen anywhere (the cabinet, the auth API, a reset link) replaces the
    temporary one of a person registered in the office."""
    if user is None or not user.pk:
        return
    from .models import ApplicantProfile

    ApplicantProfile.objects.filter(user=user, must_change_password=True).update(must_change_password=False)
    if request is not None and hasattr(request, "session"):
        request.session.pop(FORCED_CHANGE_SESSION_KEY, None)


def _authenticators_changed(sender, request=None, user=None, **kwargs):
    if request is not None and hasattr(request, "session") and user is not None:
        from . import mfa

        mfa.remember(request.session, user)


from allauth.account import signals as account_signals  # noqa: E402

for _signal, _uid in (
    (account_signals.password_changed, "lk_password_changed"),
    (account_signals.password_set, "lk_password_set"),
    (account_signals.password_reset, "lk_password_reset"),
):
    _signal.connect(_password_replaced, dispatch_uid=_uid)

try:
    from allauth.mfa import signals as mfa_signals
except ImportError:  # allauth.mfa not installed
    pass
else:
    mfa_signals.authenticator_added.connect(_authenticators_changed, dispatch_uid="lk_mfa_added")
    mfa_signals.authenticator_removed.connect(_authenticators_changed, dispatch_uid="lk_mfa_removed")
    mfa_signals.authenticator_reset.connect(_authenticators_changed, dispatch_uid="lk_mfa_reset")
