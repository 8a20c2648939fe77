from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.files import RandomUploadTo, get_private_storage


class ConnectionProcessQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(application__owner=user)

    def overdue(self, today):
        return self.filter(current_stage__isnull=False, stage_due_date__lt=today)


class ConnectionProcess(models.Model):
    """Where an application is on its scheme. Changed only by flows (under the application's version lock)."""

    application = models.OneToOneField(
        "lk_applications.Application", on_delete=models.CASCADE, related_name="connection"
    )
    scheme = models.ForeignKey(
        "ConnectionScheme", on_delete=models.PROTECT, related_name="processes", verbose_name=_("схема")
    )
    current_stage = models.ForeignKey(
        "StageDefinition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("текущий этап"),
    )
    stage_started_on = models.DateField(_("этап начат"), null=True, blank=True)
    stage_due_date = models.DateField(_("срок этапа"), null=True, blank=True, db_index=True)
    contract_concluded_on = models.DateField(_("договор заключён"), null=True, blank=True)
    completed_on = models.DateField(_("присоединение завершено"), null=True, blank=True)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    objects = ConnectionProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("ход присоединения")
        verbose_name_plural = _("ход присоединения")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.application}: {self.current_stage or _('завершено')}"


class StagePassage(models.Model):
    """One stage an application went through: when it started, its due date, when it was done and by whom."""

    process = models.ForeignKey(ConnectionProcess, on_delete=models.CASCADE, related_name="passages")
    stage = models.ForeignKey("StageDefinition", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("начат"))
    due_date = models.DateField(_("срок"), null=True, blank=True)
    completed_on = models.DateField(_("завершён"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("комментарий"), blank=True)

    class Meta:
        verbose_name = _("прохождение этапа")
        verbose_name_plural = _("прохождение этапов")
        ordering = ["started_on", "pk"]

    def __str__(self):
        return f"{self.stage}: {self.started_on:%d.%m.%Y}"


class TuNotice(models.Model):
    """The applicant's notice that their part of the technical conditions is fulfilled (with documents)."""

    application = models.ForeignKey(
        "lk_applications.Application", on_delete=models.CASCADE, related_name="tu_notices"
    )
    text = models.TextField(_("сообщение"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("направлено"), auto_now_add=True)

    class Meta:
        verbose_name = _("уведомление о выполнении ТУ")
        verbose_name_plural = _("уведомления о выполнении ТУ")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.application} — {self.created_at:%d.%m.%Y}"


class TuNoticeFile(models.Model):
    notice = models.ForeignKey(TuNotice, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("файл"), storage=get_private_storage, upload_to=RandomUploadTo("tu_notices"))
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveIntegerField(_("размер"), default=0)

    class Meta:
        verbose_name = _("файл уведомления")
        verbose_name_plural = _("файлы уведомлений")

    def __str__(self):
        return self.original_name
