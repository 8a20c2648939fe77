from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from lk_plugin.core.choices import LegalForm

from .choices import PowerBand, RateKind, Reliability, Voltage


class RateTable(ClusterableModel):
    """Connection-fee rates a regulator approved for one region and one year."""

    region = models.CharField(_("регион"), max_length=200, db_index=True)
    year = models.PositiveSmallIntegerField(_("год"), validators=[MinValueValidator(2000)])
    title = models.CharField(
        _("название"), max_length=300, help_text=_("Например: Ставки платы за ТП на 2026 год")
    )
    source = models.CharField(
        _("документ"), max_length=500, blank=True, help_text=_("Реквизиты решения регулятора (номер, дата)")
    )
    source_url = models.URLField(_("ссылка на документ"), blank=True)
    note = models.TextField(_("примечание для заявителя"), blank=True)
    is_published = models.BooleanField(_("опубликована"), default=True)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("region"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
        FieldPanel("note"),
        FieldPanel("is_published"),
        InlinePanel("rows", label=_("Ставки"), heading=_("Ставки")),
    ]

    class Meta:
        verbose_name = _("таблица ставок")
        verbose_name_plural = _("таблицы ставок")
        ordering = ["region", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="lk_rate_table_region_year")]

    def __str__(self):
        return f"{self.title} ({self.region}, {self.year})"


class RateRow(Orderable):
    """One rate; empty legal form / voltage / reliability means «any»."""

    table = ParentalKey(RateTable, on_delete=models.CASCADE, related_name="rows")
    description = models.CharField(_("что оплачивается"), max_length=300)
    legal_form = models.CharField(
        _("категория заявителя"),
        max_length=16,
        choices=LegalForm.choices,
        blank=True,
        help_text=_("Пусто — любая"),
    )
    power_band = models.CharField(_("мощность"), max_length=16, choices=PowerBand.choices)
    voltage = models.CharField(
        _("напряжение"), max_length=8, choices=Voltage.choices, blank=True, help_text=_("Пусто — любое")
    )
    reliability = models.CharField(
        _("категория надёжности"),
        max_length=4,
        choices=Reliability.choices,
        blank=True,
        help_text=_("Пусто — любая"),
    )
    kind = models.CharField(_("вид ставки"), max_length=16, choices=RateKind.choices)
    rate = models.DecimalField(
        _("ставка, ₽"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("legal_form"), FieldPanel("power_band")]),
        FieldRowPanel([FieldPanel("voltage"), FieldPanel("reliability")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("rate")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ставка")
        verbose_name_plural = _("ставки")
        constraints = [models.CheckConstraint(condition=Q(rate__gte=0), name="lk_rate_row_rate_not_negative")]

    def __str__(self):
        return self.description
