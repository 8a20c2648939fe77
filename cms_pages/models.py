from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from lk_plugin.appeals.pages import AbstractAppealFormPage
from lk_plugin.formbuilder.pages import AbstractApplicationFormPage

from .blocks import BODY_BLOCKS


class HomePage(Page):
    lead = models.TextField("Вводный текст", blank=True)
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name="Содержимое")

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "Главная страница"


class ContentPage(Page):
    lead = models.TextField("Вводный текст", blank=True)
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name="Содержимое")

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields

    class Meta:
        verbose_name = "Страница с содержимым"


# --- Outage schedule and connection-fee calculator (issue 8) ---
from lk_plugin.calculator.pages import AbstractCalculatorPage  # noqa: E402
from lk_plugin.outages.pages import AbstractOutageSchedulePage  # noqa: E402


class OutageSchedulePage(AbstractOutageSchedulePage):
    class Meta:
        verbose_name = "График отключений"


class CalculatorPage(AbstractCalculatorPage):
    class Meta:
        verbose_name = "Калькулятор стоимости присоединения"


class ApplicationFormPage(AbstractApplicationFormPage):
    """An application form (steps, fields, documents) editors build in the admin."""

    class Meta:
        verbose_name = "Форма заявки"
        verbose_name_plural = "Формы заявок"


class AppealFormPage(AbstractAppealFormPage):
    """The appeal form on the public site (issue 6)."""

    class Meta:
        verbose_name = "Форма обращения"
