"""AbstractAppealFormPage: editors place the appeal form anywhere on the public site."""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .flows import GuestContact


class AbstractAppealFormPage(Page):
    """The appeal form as a page: signed-in applicants write from their account; guests (when
    allowed) leave contacts and pass a captcha. Subclass it in the host's page models."""

    intro = RichTextField(_("вступительный текст"), blank=True)
    thank_you_text = RichTextField(_("текст после отправки"), blank=True)
    allow_guests = models.BooleanField(
        _("принимать обращения без входа"),
        default=True,
        help_text=_("Гость указывает имя, email и телефон и вводит символы с картинки."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("allow_guests"),
        FieldPanel("thank_you_text"),
    ]

    plugin_template = "lk_plugin/appeals/appeal_form_page.html"

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # The host's own template (Wagtail's default name) when it has one, else the plugin's.
        return [super().get_template(request, *args, **kwargs), self.plugin_template]

    def get_form(self, request):
        from .forms import AppealForm, GuestAppealForm

        data = request.POST if request.method == "POST" else None
        files = request.FILES if request.method == "POST" else None
        if request.user.is_authenticated:
            return AppealForm(data, files, user=request.user)
        if self.allow_guests:
            return GuestAppealForm(data, files)
        return None

    def serve(self, request, *args, **kwargs):
        from .views import submit_appeal_form

        form = self.get_form(request)
        appeal = None
        if request.method == "POST" and form is not None and form.is_valid():
            guest = None
            if not request.user.is_authenticated:
                guest = GuestContact(
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data.get("phone", ""),
                )
            appeal = submit_appeal_form(request, form, guest=guest)
            if appeal is not None and appeal.owner_id:
                return redirect(appeal.get_absolute_url())
        try:
            login_url = reverse("account_login") + "?next=" + self.url
        except Exception:  # noqa: BLE001  (allauth not installed by the host)
            login_url = ""
        context = self.get_context(request, *args, **kwargs)
        context.update(
            {"form": form, "appeal": appeal, "guests_allowed": self.allow_guests, "login_url": login_url}
        )
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context)
