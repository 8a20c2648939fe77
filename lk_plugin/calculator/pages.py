"""The abstract calculator page; the host subclasses it (lk_plugin.contrib.pages.CalculatorPage or a page type of its own)."""

from urllib.parse import urlencode

from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .fees import NoRatesError, fee_for_region
from .forms import FeeForm


class AbstractCalculatorPage(Page):
    intro = models.TextField(gettext_lazy("вводный текст"), blank=True)
    region = models.CharField(
        gettext_lazy("регион"),
        max_length=200,
        help_text=gettext_lazy("Таблицы ставок какого региона применять"),
    )
    application_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("страница заявки на ТП"),
        help_text=gettext_lazy("Куда ведёт «Подать заявку». Пусто — в личный кабинет."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("region"),
        FieldPanel("application_page"),
    ]
    # Wagtail names a default template per concrete class (lk_contrib_pages/…html for the contrib pages); a host may create it to
    # override ours, otherwise the plugin's template is used.
    lk_template = "lk_plugin/calculator/calculator_page.html"

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return [super().get_template(request, *args, **kwargs), self.lk_template]

    def application_url(self, data) -> str:
        """The ТП form with the answers prefilled (the form reads these parameter names)."""
        target = self.application_page.specific if self.application_page_id else None
        base = target.url if target is not None and target.live else reverse("lk_cabinet:overview")
        query = {
            "max_power_kw": format(data["power_kw"].normalize(), "f"),
            "voltage_level": data["voltage"],
            "reliability_category": data["reliability"],
            "legal_form": data["legal_form"],
        }
        return f"{base}?{urlencode(query)}"

    def serve(self, request, *args, **kwargs):
        form = FeeForm(request.GET if "power_kw" in request.GET else None)
        result = error = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                result = fee_for_region(
                    region=self.region,
                    year=data["year"],
                    legal_form=data["legal_form"],
                    power_kw=data["power_kw"],
                    voltage=data["voltage"],
                    reliability=data["reliability"],
                    distance_m=data.get("distance_m"),
                )
            except NoRatesError as exc:
                error = str(exc)
        context = self.get_context(request, *args, **kwargs)
        context.update(
            {
                "form": form,
                "result": result,
                "error": error,
                "application_url": self.application_url(form.cleaned_data) if result else "",
            }
        )
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context)
