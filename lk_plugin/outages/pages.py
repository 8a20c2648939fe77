"""The abstract schedule page; the host subclasses it (lk_plugin.contrib.pages.OutageSchedulePage or a page type of its own)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from . import flows, limits, selectors
from .forms import OutageFilterForm, OutageSubscriptionForm

PAGE_LIMIT = 300


class AbstractOutageSchedulePage(Page):
    intro = models.TextField(gettext_lazy("вводный текст"), blank=True)
    subscriptions_enabled = models.BooleanField(gettext_lazy("разрешить подписку по адресу"), default=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("subscriptions_enabled")]
    # Wagtail names a default template per concrete class (lk_contrib_pages/…html for the contrib pages); a host may create it to
    # override ours, otherwise the plugin's template is used.
    lk_template = "lk_plugin/outages/schedule_page.html"

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return [super().get_template(request, *args, **kwargs), self.lk_template]

    def serve(self, request, *args, **kwargs):
        filter_form = OutageFilterForm(request.GET or None, districts=selectors.districts())
        flt = filter_form.to_filter()
        subscription_form = None
        if self.subscriptions_enabled:
            user = request.user if request.user.is_authenticated else None
            if request.method == "POST":
                subscription_form = OutageSubscriptionForm(request.POST, guest=user is None)
                subscription = None
                if subscription_form.is_valid():
                    email = subscription_form.cleaned_data["email"]
                    own_email = user is not None and user.email.lower() == email.strip().lower()
                    if not own_email and not limits.subscribe_allowed(request, email=email):
                        subscription_form.add_error(
                            None,
                            _("Слишком много запросов на подписку. Попробуйте позже."),
                        )
                    else:
                        try:
                            subscription = flows.outage_subscribe(
                                email=email, address=subscription_form.cleaned_data["address"], user=user
                            )
                        except ValidationError as error:
                            subscription_form.add_error(None, error)
                if subscription is not None:
                    if subscription.confirmed_at:
                        messages.success(
                            request,
                            _("Подписка оформлена: письмо придёт при публикации или изменении отключения."),
                        )
                    else:
                        messages.success(
                            request,
                            _(
                                "Мы отправили письмо со ссылкой: перейдите по ней, чтобы подтвердить подписку."
                            ),
                        )
                    return redirect(self.url + ("?" + request.GET.urlencode() if request.GET else ""))
            else:
                subscription_form = OutageSubscriptionForm(
                    initial={"email": getattr(user, "email", ""), "address": flt.address}, guest=user is None
                )
        outages = list(selectors.search_outages(flt)[: PAGE_LIMIT + 1])
        query = {k: v for k, v in request.GET.items() if k in filter_form.fields and v}
        context = self.get_context(request, *args, **kwargs)
        context.update(
            {
                "filter_form": filter_form,
                "period": filter_form.period,
                "outages": selectors.for_display(outages[:PAGE_LIMIT]),
                "truncated": len(outages) > PAGE_LIMIT,
                "subscription_form": subscription_form,
                "feed_query": ("?" + urlencode(query)) if query else "",
                "outage_filter": flt,
            }
        )
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context)
