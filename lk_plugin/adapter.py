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
        from django.apps import apps

        # Looked up in the app registry: the adapter is core and imports no feature app.
        prefs = apps.get_model("lk_notifications", "NotificationPreferences").for_user(user)
        channels = {"inapp"}
        if prefs.email and getattr(user, "email", ""):
            channels.add("email")
        if prefs.sms and self.get_phone(user):
            channels.add("sms")
        return channels

    def get_phone(self, user) -> str:
        profile = self.get_profile(user)
        return getattr(profile, "phone", "") or ""

    def get_staff_notification_emails(self, *, model, event: str) -> list[str]:
        """Addresses of the people told about *event* on a *model* object (LK_STAFF_NOTIFICATION_EMAILS
        or everyone active who may change such objects in the admin)."""
        if app_settings.STAFF_NOTIFICATION_EMAILS is not None:
            return list(app_settings.STAFF_NOTIFICATION_EMAILS)
        from lk_plugin.core.permissions import staff_notification_emails

        return staff_notification_emails(model)

    def send_sms(self, phone: str, text: str) -> None:
        # LK_SMS_BACKEND: a dotted path (default: the notifications app's console backend).
        import_string(app_settings.SMS_BACKEND)().send(phone, text)

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

    # --- application forms (issue 5: formbuilder, numbering, review term, signature) ---
    def profile_value(self, user, key: str):
        """The profile value a form field with «Подставлять из профиля» = *key* starts with."""
        if key == "email":
            return getattr(user, "email", "") or ""
        profile = self.get_profile(user)
        if profile is None:
            return ""
        if key == "full_name":
            return profile.person_name or profile.display_name
        return getattr(profile, key, "") or ""

    def can_use_form(self, user, page) -> bool:
        """May *user* fill *page* (legal form allowed)? Messages are the page's."""
        profile = self.get_profile(user)
        return profile is not None and profile.legal_form in page.allowed_legal_forms()

    def is_email_verified(self, user) -> bool:
        """A confirmed address found once is remembered on this *user* object (one request): the
        submit asks twice (no captcha, then the submit check) and needs one query."""
        from allauth.account.models import EmailAddress

        if getattr(user, "_lk_email_verified", False):
            return True
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        if verified and getattr(user, "pk", None):
            user._lk_email_verified = True
        return verified

    #: max power (kW) → band for the number; upper bounds inclusive.
    POWER_BANDS = ((15, "До 15"), (150, "15-150"), (670, "150-670"))
    #: value of the «reason» field → code in the number.
    CONNECTION_CODES = {
        "new": "НП",
        "increase": "УМ",
        "category_change": "ИК",
        "temporary": "ВП",
        "point_change": "ИТ",
        "activity_change": "ИД",
        "redistribution": "ПМ",
        "other": "ПР",
    }

    def number_context(self, application) -> dict:
        """Placeholders of the number template except {seq}: legal_form, connection, power_band, kind_code."""
        from decimal import Decimal, InvalidOperation

        from lk_plugin.core.choices import LEGAL_FORM_SHORT

        data = application.data or {}
        band = ""
        try:
            power = Decimal(str(data.get("max_power_kw")))
        except (InvalidOperation, ValueError, TypeError):
            power = None
        if power is not None and power.is_finite():
            band = next((label for limit, label in self.POWER_BANDS if power <= limit), "Св. 670")
        return {
            "legal_form": LEGAL_FORM_SHORT.get(application.legal_form, ""),
            "connection": self.CONNECTION_CODES.get(str(data.get("reason") or ""), ""),
            "power_band": band,
            "kind_code": application.kind.number_code or application.kind.code,
        }

    def review_days(self, application) -> int:
        page = application.form_page.specific if application.form_page_id else None
        return int(getattr(page, "review_days", 0) or 0)

    def review_due_date(self, application):
        """The date the utility answers by: the form page's own review term (working days) when an
        editor set one, else the most specific row of the admin's «Сроки рассмотрения» table."""
        from django.utils import timezone

        from lk_plugin.core.calendar import add_working_days
        from lk_plugin.core.deadlines import review_due_date

        start = (
            timezone.localdate(application.submitted_at) if application.submitted_at else timezone.localdate()
        )
        days = self.review_days(application)
        if days:
            return add_working_days(start, days)
        return review_due_date(application, start=start)

    def verify_signature(self, *, application, user, signature_file) -> dict:
        """Check a detached signature (.sig/.p7s) of the application. Returns facts to record.

        The default accepts any non-empty detached signature file and records its SHA-256; a crypto
        provider (КриптоПро etc.) overrides this and raises ValidationError when it does not verify.
        """
        import hashlib

        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        content = signature_file.read() if signature_file else b""
        if not content:
            raise ValidationError(_("Приложите файл открепленной подписи (.sig или .p7s)."), code="signature")
        return {
            "verified": False,
            "provider": "default",
            "filename": getattr(signature_file, "name", ""),
            "sha256": hashlib.sha256(content).hexdigest(),
        }

    # --- applicant's cabinet (issue 6) ---
    def application_form_pages(self, user):
        """Live public pages where an application can be started (page classes with
        ``lk_application_form = True``), for the «start an application» buttons."""
        from wagtail.models import Page, get_page_models

        models = [m for m in get_page_models() if getattr(m, "lk_application_form", False)]
        if not models:
            return Page.objects.none()
        return Page.objects.live().public().type(*models).specific().order_by("path")

    def quality_survey_url(self, application=None) -> str:
        """The live quality survey (page classes with ``lk_survey_page = True``), linked to
        *application* when given; "" when the site has none. Used in the «completed» notification."""
        from wagtail.models import Page, get_page_models

        models = [m for m in get_page_models() if getattr(m, "lk_survey_page", False)]
        if not models:
            return ""
        page = Page.objects.live().public().type(*models).order_by("path").first()
        if page is None:
            return ""
        url = page.url or ""
        return f"{url}?application={application.pk}" if url and application is not None else url

    def application_draft_url(self, application) -> str:
        """Where the applicant continues a draft: the wizard, reachable even after the form page
        was unpublished (the draft is kept and can still be saved)."""
        from django.urls import reverse

        return reverse("lk_applications:form", args=[application.pk])

    # --- PDF of an application ---
    def render_application_pdf(self, *, application, context: dict) -> bytes:
        """The application as PDF bytes from the prepared *context* (applications/pdf.py builds it).
        Override for another template or another renderer (a document service)."""
        from django.template.loader import render_to_string

        from lk_plugin.core import pdf

        return pdf.render_html_pdf(render_to_string("lk_plugin/applications/pdf.html", context))

    def application_pdf_filename(self, application) -> str:
        """«Заявка 4894ТП-ФЛ-НП-До 15-ЛК.pdf» (the number's slashes cannot be in a file name)."""
        from django.utils.translation import gettext as _

        if application.number:
            number = application.number.replace("/", "-").replace("\\", "-")
            return _("Заявка %(number)s.pdf") % {"number": number}
        return _("Черновик заявки %(pk)s.pdf") % {"pk": application.pk}

    # --- the applicant's cabinet menu ---
    def cabinet_menu(self, request, items: list[dict]) -> list[dict]:
        """The cabinet menu entries (``key``, ``label``, ``url``, ``active``, ``badge``) after the
        installed sections were collected: reorder, drop or add entries here."""
        return items

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
