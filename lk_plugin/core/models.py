import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .files import RandomUploadTo, get_private_storage


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


class PersonalDataAccessLog(models.Model):
    """Who of the staff looked at whose personal data, when and what (152-ФЗ audit trail, append-only)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Просмотр")
        EXPORT = "export", _("Выгрузка")
        DOWNLOAD = "download", _("Скачивание файла")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("сотрудник"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("чьи данные"),
    )
    object_type = models.CharField(_("тип объекта"), max_length=100)
    object_id = models.CharField(_("идентификатор объекта"), max_length=64, blank=True)
    object_repr = models.CharField(_("объект"), max_length=255, blank=True)
    action = models.CharField(_("действие"), max_length=16, choices=Action.choices, default=Action.VIEW)
    at = models.DateTimeField(_("когда"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("доступ к персональным данным")
        verbose_name_plural = _("журнал доступа к персональным данным")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="lk_pdlog_subject")]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.user} → {self.object_repr}"


class Job(models.Model):
    """Long work done in the background (an export, an import, a batch of PDFs) with its progress.

    The id is a random UUID (it appears in URLs); only the owner sees the status and the result,
    a file in private storage served by an authenticated view.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("В очереди")
        RUNNING = "running", _("Выполняется")
        DONE = "done", _("Готово")
        FAILED = "failed", _("Ошибка")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("вид"), max_length=100)
    title = models.CharField(_("название"), max_length=255, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lk_jobs", verbose_name=_("владелец")
    )
    params = models.JSONField(_("параметры"), default=dict, blank=True)
    status = models.CharField(_("состояние"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("выполнено, %"), default=0)
    message = models.CharField(_("сообщение"), max_length=255, blank=True)
    result = models.FileField(
        _("результат"),
        storage=get_private_storage,
        upload_to=RandomUploadTo("jobs"),
        blank=True,
        max_length=255,
    )
    result_name = models.CharField(_("имя файла"), max_length=255, blank=True)
    result_url = models.CharField(_("ссылка на результат"), max_length=500, blank=True)
    error = models.TextField(_("ошибка"), blank=True)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("обновлено"), auto_now=True)
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)

    class Meta:
        verbose_name = _("фоновая задача")
        verbose_name_plural = _("фоновые задачи")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "kind", "-created_at"], name="lk_job_owner_kind"),
            # The one still to finish (a second click reuses it): found without reading the history.
            models.Index(
                fields=["owner", "kind"],
                condition=models.Q(status__in=["queued", "running"]),
                name="lk_job_owner_unfinished",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="lk_job_progress_le_100")
        ]

    def __str__(self):
        return self.title or self.kind

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
