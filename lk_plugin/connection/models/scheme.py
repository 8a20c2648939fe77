from django.db import models
from django.utils.translation import gettext_lazy as _

from lk_plugin.applications.models import StageDocument

from ..choices import Actor, ApplicantAction, TermFrom, TermUnit


class ConnectionScheme(models.Model):
    """The stages of a connection for one application kind and applicant category (e.g. ФЛ до 15 кВт)."""

    kind = models.ForeignKey(
        "lk_applications.ApplicationKind",
        on_delete=models.CASCADE,
        related_name="connection_schemes",
        verbose_name=_("вид заявки"),
    )
    code = models.SlugField(_("код"), max_length=64, unique=True)
    title = models.CharField(_("категория заявителя"), max_length=200)
    legal_forms = models.JSONField(
        _("правовые формы"), default=list, blank=True, help_text=_("individual, entrepreneur, legal_entity")
    )
    power_bands = models.JSONField(
        _("диапазоны мощности"),
        default=list,
        blank=True,
        help_text=_("Значения поля «power_band», например «До 15». Пусто — любая мощность."),
    )
    allows_instalments = models.BooleanField(_("разрешена рассрочка оплаты"), default=False)
    legal_basis = models.TextField(_("основание"), blank=True)
    ordering = models.PositiveSmallIntegerField(_("порядок"), default=100)

    class Meta:
        verbose_name = _("схема присоединения")
        verbose_name_plural = _("схемы присоединения")
        ordering = ["ordering", "title"]

    def __str__(self):
        return self.title


class StageDefinition(models.Model):
    """One stage: who acts, the term from a named event, the documents it produces, what the applicant can do."""

    scheme = models.ForeignKey(
        ConnectionScheme, on_delete=models.CASCADE, related_name="stages", verbose_name=_("схема")
    )
    order = models.PositiveSmallIntegerField(_("номер"))
    code = models.SlugField(_("код"), max_length=64)
    name = models.CharField(_("название"), max_length=200)
    actor = models.CharField(_("кто действует"), max_length=16, choices=Actor.choices)
    term_days = models.PositiveSmallIntegerField(_("срок"), default=0, help_text=_("0 — без срока"))
    term_unit = models.CharField(
        _("единица срока"), max_length=16, choices=TermUnit.choices, default=TermUnit.WORKING_DAYS
    )
    term_from = models.CharField(
        _("срок считается со дня"), max_length=16, choices=TermFrom.choices, default=TermFrom.STAGE_START
    )
    documents = models.JSONField(
        _("документы этапа"),
        default=list,
        blank=True,
        help_text=_("Коды: %(codes)s") % {"codes": ", ".join(StageDocument.Stage.values)},
    )
    applicant_actions = models.JSONField(
        _("действия заявителя"),
        default=list,
        blank=True,
        help_text=_("Коды: %(codes)s") % {"codes": ", ".join(ApplicantAction.values)},
    )
    description = models.TextField(_("что происходит / что делать заявителю"), blank=True)
    legal_basis = models.TextField(_("основание (пункт ПП РФ №861)"), blank=True)

    class Meta:
        verbose_name = _("этап присоединения")
        verbose_name_plural = _("этапы присоединения")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "order"], name="lk_stage_unique_order"),
            models.UniqueConstraint(fields=["scheme", "code"], name="lk_stage_unique_code"),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"

    def allows(self, action: str) -> bool:
        return action in (self.applicant_actions or [])

    @property
    def term_label(self) -> str:
        if not self.term_days:
            return ""
        return _("%(days)s %(unit)s со дня %(event)s") % {
            "days": self.term_days,
            "unit": TermUnit(self.term_unit).label,
            "event": TermFrom(self.term_from).label,
        }
