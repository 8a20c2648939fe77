"""AbstractApplicationFormPage: an application form editors build from steps and fields.

The host subclasses it (lk_plugin.contrib.pages.ApplicationFormPage or a page type of its own). The page shows the intro, the person's drafts
of this form and «Заполнить заявку»; the wizard itself runs at /lk/applications/<pk>/form/ so a
draft stays reachable (and nothing typed is lost) even after the page is unpublished.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from lk_plugin.core.choices import LegalForm

from .blocks import build_schema, check_schema, steps_block


class AbstractApplicationFormPage(Page):
    #: Marks form pages for the cabinet's «start an application» buttons (adapter.application_form_pages).
    lk_application_form = True

    intro = RichTextField(_("вводный текст"), blank=True)
    kind = models.ForeignKey(
        "lk_applications.ApplicationKind",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("вид заявки"),
    )
    allow_individual = models.BooleanField(_("физические лица"), default=True)
    allow_entrepreneur = models.BooleanField(_("индивидуальные предприниматели"), default=True)
    allow_legal_entity = models.BooleanField(_("юридические лица"), default=True)
    number_template = models.CharField(
        _("шаблон номера"),
        max_length=100,
        blank=True,
        help_text=_(
            "Пусто — по настройке LK_NUMBER_TEMPLATES. Подстановки: {seq}, {legal_form}, {connection}, "
            "{power_band}, {kind_code}. Пример: {seq}ТП/{legal_form}/{connection}/{power_band}/ЛК"
        ),
    )
    review_days = models.PositiveSmallIntegerField(
        _("срок рассмотрения, рабочих дней"), default=3, help_text=_("0 — срок не показывать")
    )
    signature_enabled = models.BooleanField(_("подача с электронной подписью"), default=False)
    confirmation_text = RichTextField(
        _("текст после подачи"), blank=True, help_text=_("Что будет дальше: показывается и уходит в письме.")
    )
    steps = StreamField(steps_block(), blank=True, verbose_name=_("шаги"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("allow_individual"),
                        FieldPanel("allow_entrepreneur"),
                        FieldPanel("allow_legal_entity"),
                    ]
                )
            ],
            heading=_("Кто может подать"),
        ),
        FieldPanel("steps"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("number_template"),
                FieldPanel("review_days"),
                FieldPanel("signature_enabled"),
                FieldPanel("confirmation_text"),
            ],
            heading=_("Подача и рассмотрение"),
        ),
        *Page.settings_panels,
    ]

    #: Used unless the host provides <app>/<model>.html for its concrete page.
    default_template = "lk_plugin/formbuilder/form_page.html"

    class Meta:
        abstract = True

    def allowed_legal_forms(self) -> list[str]:
        return [
            form
            for form, flag in (
                (LegalForm.INDIVIDUAL, self.allow_individual),
                (LegalForm.ENTREPRENEUR, self.allow_entrepreneur),
                (LegalForm.LEGAL_ENTITY, self.allow_legal_entity),
            )
            if flag
        ]

    def form_schema(self) -> dict:
        return build_schema(self.steps)

    def clean(self):
        super().clean()
        check_schema(self.form_schema())
        if not self.allowed_legal_forms():
            raise ValidationError({"allow_individual": _("Выберите хотя бы одну правовую форму.")})

    def get_template(self, request, *args, **kwargs):
        from django.template import TemplateDoesNotExist
        from django.template.loader import get_template

        name = super().get_template(request, *args, **kwargs)
        try:
            get_template(name)
        except TemplateDoesNotExist:
            return self.default_template
        return name

    def serve(self, request, *args, **kwargs):
        from .views import form_page_start

        response = form_page_start(request, self)
        if response is not None:
            return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import form_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(form_page_context(request, self))
        return context

    def serve_preview(self, request, mode_name):
        return TemplateResponse(request, self.get_template(request), self.get_context(request))
