from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

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
