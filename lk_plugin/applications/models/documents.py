from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.files import RandomUploadTo, get_private_storage


class ApplicationDocument(models.Model):
    """A file the applicant attached to a document slot of the form."""

    application = models.ForeignKey("Application", on_delete=models.CASCADE, related_name="documents")
    slot = models.CharField(_("слот"), max_length=100, help_text=_("Имя поля-документа в форме"))
    file = models.FileField(_("файл"), storage=get_private_storage, upload_to=RandomUploadTo("applications"))
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveIntegerField(_("размер"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)

    class Meta:
        verbose_name = _("документ заявки")
        verbose_name_plural = _("документы заявки")
        ordering = ["slot", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class StageDocument(models.Model):
    """A document the utility publishes to the applicant at a stage of the work."""

    class Stage(models.TextChoices):
        CONTRACT_TERMS = "contract_terms", _("Условия договора")
        TECHNICAL_CONDITIONS = "technical_conditions", _("Технические условия")
        INSTRUCTIONS = "instructions", _("Инструкции")
        ACT = "act", _("Акт")
        INVOICE = "invoice", _("Счёт")
        OTHER = "other", _("Прочее")

    application = models.ForeignKey("Application", on_delete=models.CASCADE, related_name="stage_documents")
    stage = models.CharField(_("этап"), max_length=32, choices=Stage.choices)
    title = models.CharField(_("название"), max_length=255)
    file = models.FileField(_("файл"), storage=get_private_storage, upload_to=RandomUploadTo("stage"))
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveIntegerField(_("размер"), default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("опубликован"), auto_now_add=True)

    class Meta:
        verbose_name = _("документ этапа")
        verbose_name_plural = _("документы этапов")
        ordering = ["published_at", "pk"]

    def __str__(self):
        return self.title
