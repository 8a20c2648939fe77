from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.choices import LegalForm


class ReviewTerm(models.Model):
    """How long staff have to react to an application of a kind (and optionally legal form / power band).

    The most specific row wins: kind + legal form + power band, then kind + legal form, then kind + power
    band, then kind alone.
    """

    kind = models.ForeignKey(
        "ApplicationKind", on_delete=models.CASCADE, related_name="review_terms", verbose_name=_("вид заявки")
    )
    legal_form = models.CharField(_("правовая форма"), max_length=16, choices=LegalForm.choices, blank=True)
    # Empty string = "any" (not NULL) so the unique constraint holds on every database.
    power_band = models.CharField(
        _("диапазон мощности"),
        max_length=32,
        blank=True,
        help_text=_("Значение поля формы «power_band», например «До 15». Пусто — для любой мощности."),
    )
    days = models.PositiveSmallIntegerField(_("срок, дней"), validators=[MinValueValidator(1)])
    working_days = models.BooleanField(_("в рабочих днях"), default=True)
    title = models.CharField(_("что за срок"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("срок рассмотрения")
        verbose_name_plural = _("сроки рассмотрения")
        ordering = ["kind__ordering", "kind__title", "legal_form", "power_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "legal_form", "power_band"],
                name="lk_reviewterm_unique",
            ),
            models.CheckConstraint(condition=models.Q(days__gte=1), name="lk_reviewterm_days_positive"),
        ]

    def __str__(self):
        unit = _("раб. дн.") if self.working_days else _("календ. дн.")
        return f"{self.kind}: {self.days} {unit}"
