from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.files import RandomUploadTo, get_private_storage

from ..statuses import Status


class StatusChange(models.Model):
    """One row per status change: the timeline the applicant and staff see."""

    application = models.ForeignKey("Application", on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("был статус"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("стал статус"), max_length=16, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("причина"), blank=True)
    created_at = models.DateTimeField(_("когда"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("изменение статуса")
        verbose_name_plural = _("история статусов")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Comment(models.Model):
    """A specialist's public comment, or an internal note that never reaches the applicant."""

    application = models.ForeignKey("Application", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("текст"))
    is_internal = models.BooleanField(_("внутренняя заметка"), default=False)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("комментарий")
        verbose_name_plural = _("комментарии")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["application", "is_internal", "-created_at"], name="lk_comment_app")]

    def __str__(self):
        return self.text[:60]


class CommentFile(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("файл"), storage=get_private_storage, upload_to=RandomUploadTo("comments"))
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveIntegerField(_("размер"), default=0)

    class Meta:
        verbose_name = _("файл комментария")
        verbose_name_plural = _("файлы комментариев")

    def __str__(self):
        return self.original_name


class InfoRequest(models.Model):
    """Staff asks for missing documents or information (the application goes to needs_info)."""

    application = models.ForeignKey("Application", on_delete=models.CASCADE, related_name="info_requests")
    message = models.TextField(_("что требуется"))
    items = models.JSONField(_("недостающие документы"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("запрошено"), auto_now_add=True)
    answer = models.TextField(_("ответ заявителя"), blank=True)
    answered_at = models.DateTimeField(_("отвечено"), null=True, blank=True)

    class Meta:
        verbose_name = _("запрос сведений")
        verbose_name_plural = _("запросы сведений")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.message[:60]
