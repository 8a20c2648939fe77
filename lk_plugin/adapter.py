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

    # --- applicant's cabinet (issue 6) ---
    def application_form_pages(self, user):
        """Live public pages where an application can be started (page classes with
        ``lk_application_form = True``), for the «start an application» buttons."""
        from wagtail.models import Page, get_page_models

        models = [m for m in get_page_models() if getattr(m, "lk_application_form", False)]
        if not models:
            return Page.objects.none()
        return Page.objects.live().public().type(*models).specific().order_by("path")

    def application_draft_url(self, application) -> str:
        """Where the applicant continues a draft: its form page with ``?draft=<pk>``."""
        page = application.form_page
        if page is None or not page.live:
            return ""
        url = page.get_url()
        return f"{url}?draft={application.pk}" if url else ""

    def get_appeal_due_date(self, submitted_on):
        """Answer deadline of an appeal: calendar days per Приказ Минэнерго №186."""
        import datetime as dt

        return submitted_on + dt.timedelta(days=app_settings.APPEAL_ANSWER_DAYS)

    def get_appeal_number(self, *, seq: int, topic) -> str:
        return app_settings.NUMBER_TEMPLATES["appeal"].format(seq=seq, topic_code=topic.code)


_adapter_cache: dict[str, DefaultLKAdapter] = {}


def get_adapter() -> DefaultLKAdapter:
    path = app_settings.ADAPTER
    adapter = _adapter_cache.get(path)
    if adapter is None:
        adapter = _adapter_cache[path] = import_string(path)()
    return adapter
