from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.files import RandomUploadTo, get_private_storage
from lk_plugin.core.links import GenericLink


class AppealTopic(models.Model):
    """Editor-managed topics; the code goes into the appeal number (13620/01/ЛК)."""

    code = models.CharField(_("код"), max_length=8, unique=True)
    title = models.CharField(_("тема"), max_length=255)
    is_active = models.BooleanField(_("доступна"), default=True)
    ordering = models.PositiveSmallIntegerField(_("порядок"), default=100)

    class Meta:
        verbose_name = _("тема обращения")
        verbose_name_plural = _("темы обращений")
        ordering = ["ordering", "code"]

    def __str__(self):
        return f"{self.code} — {self.title}"


class AppealStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Направлено")
    IN_PROGRESS = "in_progress", _("В работе")
    ANSWERED = "answered", _("Дан ответ")
    CLOSED = "closed", _("Закрыто")


APPEAL_TRANSITIONS = {
    (AppealStatus.SUBMITTED, AppealStatus.IN_PROGRESS),
    (AppealStatus.SUBMITTED, AppealStatus.ANSWERED),
    (AppealStatus.SUBMITTED, AppealStatus.CLOSED),
    (AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED),
    (AppealStatus.IN_PROGRESS, AppealStatus.CLOSED),
    (AppealStatus.ANSWERED, AppealStatus.CLOSED),
}


class AppealQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class Appeal(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lk_appeals",
        verbose_name=_("заявитель"),
        help_text=_("Пусто для обращения гостя с сайта"),
    )
    guest_name = models.CharField(_("имя (гость)"), max_length=255, blank=True)
    guest_email = models.EmailField(_("email (гость)"), blank=True)
    guest_phone = models.CharField(_("телефон (гость)"), max_length=16, blank=True)
    topic = models.ForeignKey(
        AppealTopic, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("тема")
    )
    #: What the appeal is about: the applicant's application (``lk_plugin.applications``), or nothing. A
    #: generic link, so appeals work without applications; cleared when the application is deleted
    #: (``receivers.py``). Read it as ``appeal.application``.
    about_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("о чём"),
    )
    about_id = models.PositiveBigIntegerField(_("id объекта"), null=True, blank=True)
    about = GenericLink("about_type", "about_id")
    text = models.TextField(_("текст обращения"))
    number = models.CharField(_("номер"), max_length=100, unique=True)
    status = models.CharField(
        _("статус"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("направлено"), auto_now_add=True)
    due_date = models.DateField(_("срок ответа"))
    answer_text = models.TextField(_("ответ"), blank=True)
    answered_at = models.DateTimeField(_("дан ответ"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lk_assigned_appeals",
        verbose_name=_("исполнитель"),
    )
    version = models.PositiveIntegerField(_("версия"), default=1)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    if apps.is_installed("lk_plugin.messaging"):
        #: The chat of the appeal (messaging's Thread.about); deleted with the appeal.
        threads = GenericRelation(
            "lk_messaging.Thread",
            content_type_field="about_type",
            object_id_field="about_id",
            related_query_name="appeal",
        )

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("обращение")
        verbose_name_plural = _("обращения")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "status", "-submitted_at"], name="lk_appeal_owner_status"),
            models.Index(fields=["status", "due_date"], name="lk_appeal_status_due"),
            models.Index(fields=["about_type", "about_id"], name="lk_appeal_about"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("lk_appeals:detail", args=[self.pk])

    @property
    def application(self):
        """The application the appeal is about; None without one, or without ``lk_plugin.applications``."""
        if not self.about_type_id:
            return None
        if ContentType.objects.get_for_id(self.about_type_id).natural_key() != (
            "lk_applications",
            "application",
        ):
            return None
        return self.about


class AppealAttachment(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("файл"), storage=get_private_storage, upload_to=RandomUploadTo("appeals"))
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveIntegerField(_("размер"), default=0)
    from_staff = models.BooleanField(_("от организации"), default=False)
    uploaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)

    class Meta:
        verbose_name = _("вложение обращения")
        verbose_name_plural = _("вложения обращений")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
