"""The one customisation seam: subclass DefaultLKAdapter and point LK_ADAPTER at it."""

from django.utils.module_loading import import_string

from .app_settings import app_settings


class DefaultLKAdapter:
    """Numbering, deadlines, notification channels, SMS, PDF, signatures, permissions, prefill.

    Feature apps add methods here; a utility overrides just the one it needs.
    """

    # --- people ---
    def get_display_name(self, user) -> str:
        """Name shown in the widget, mails and admin; never the СНИЛС."""
        profile = getattr(user, "lk_profile", None)
        if profile is not None and profile.display_name:
            return profile.display_name
        full = user.get_full_name() if hasattr(user, "get_full_name") else ""
        return full or getattr(user, "email", "") or str(user)

    def get_profile(self, user):
        return getattr(user, "lk_profile", None)

    # --- notifications ---
    def get_notification_channels(self, user, event: str) -> set[str]:
        """Channels to use for *event*: "inapp", "email", "sms" (per the person's settings)."""
        from lk_plugin.notifications.models import NotificationPreferences

        prefs = NotificationPreferences.for_user(user)
        channels = {"inapp"}
        if prefs.email and getattr(user, "email", ""):
            channels.add("email")
        if prefs.sms and self.get_phone(user):
            channels.add("sms")
        return channels

    def get_phone(self, user) -> str:
        profile = self.get_profile(user)
        return getattr(profile, "phone", "") or ""

    def send_sms(self, phone: str, text: str) -> None:
        from lk_plugin.notifications.sms import get_sms_backend

        get_sms_backend().send(phone, text)

    # --- accounts (issue 4) ---
    def staff_registration_sms_text(self, *, user, password: str) -> str:
        """SMS to a person registered in the office: where to sign in, login, temporary password."""
        from django.utils.translation import gettext

        from .app_settings import app_settings as lk_settings

        site = lk_settings.SITE_URL or ""
        return gettext(
            "Личный кабинет %(site)s: логин %(login)s, временный пароль %(password)s. "
            "При первом входе задайте свой пароль."
        ) % {"site": site, "login": user.email, "password": password}

    def get_staff_login_redirect_url(self, user) -> str:
        """Where staff land after signing in without a ?next= (applicants go to the cabinet)."""
        return "/admin/"


_adapter_cache: dict[str, DefaultLKAdapter] = {}


def get_adapter() -> DefaultLKAdapter:
    path = app_settings.ADAPTER
    adapter = _adapter_cache.get(path)
    if adapter is None:
        adapter = _adapter_cache[path] = import_string(path)()
    return adapter
