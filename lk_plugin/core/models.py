from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week of the production calendar."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Нерабочий (праздничный) день")
        WORKDAY = "workday", _("Рабочий день (перенос)")

    date = models.DateField(_("дата"), unique=True)
    kind = models.CharField(_("тип"), max_length=16, choices=Kind.choices, default=Kind.HOLIDAY)
    note = models.CharField(_("примечание"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("день производственного календаря")
        verbose_name_plural = _("производственный календарь")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} — {self.get_kind_display()}"


class NumberSequence(models.Model):
    """One row per numbering sequence; incremented under a row lock, never reused."""

    key = models.CharField(_("последовательность"), max_length=100, unique=True)
    value = models.PositiveBigIntegerField(_("последнее значение"), default=0)

    class Meta:
        verbose_name = _("последовательность номеров")
        verbose_name_plural = _("последовательности номеров")

    def __str__(self):
        return f"{self.key}: {self.value}"
