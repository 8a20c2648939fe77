from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-cabinet notification (the bell and /lk/notifications/)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lk_notifications"
    )
    event = models.CharField(_("событие"), max_length=64)
    title = models.CharField(_("заголовок"), max_length=255)
    body = models.TextField(_("текст"), blank=True)
    url = models.CharField(_("ссылка"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("прочитано"), null=True, blank=True)

    class Meta:
        verbose_name = _("уведомление")
        verbose_name_plural = _("уведомления")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="lk_notif_user_unread")]

    def __str__(self):
        return self.title


class NotificationPreferences(models.Model):
    """Channels a person chose (in-cabinet notifications are always on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lk_notification_preferences"
    )
    email = models.BooleanField(_("уведомлять по электронной почте"), default=True)
    sms = models.BooleanField(_("уведомлять по SMS"), default=False)

    class Meta:
        verbose_name = _("настройки уведомлений")
        verbose_name_plural = _("настройки уведомлений")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        try:
            return user.lk_notification_preferences
        except cls.DoesNotExist:
            return cls(user=user)


class OutboxMessage(models.Model):
    """An email or SMS written in the same transaction as the change that caused it.

    A task sends it after commit; a periodic sweeper resends what stayed unsent. A row is sent once.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Электронная почта")
        SMS = "sms", _("SMS")

    channel = models.CharField(_("канал"), max_length=8, choices=Channel.choices)
    event = models.CharField(_("событие"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to = models.CharField(_("адресат"), max_length=320)
    subject = models.CharField(_("тема"), max_length=255, blank=True)
    body_text = models.TextField(_("текст"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("вложения"), default=list, blank=True)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("попыток"), default=0)
    last_error = models.TextField(_("последняя ошибка"), blank=True)
    # Retries back off exponentially (lk_plugin.notifications.tasks.retry_delay); the next one is not
    # taken before next_attempt_at, which also keeps a second sender off a row being sent.
    next_attempt_at = models.DateTimeField(_("следующая попытка"), null=True, blank=True)
    retry_until = models.DateTimeField(_("повторять до"), null=True, blank=True)
    failed_at = models.DateTimeField(_("отправка прекращена"), null=True, blank=True)

    class Meta:
        verbose_name = _("исходящее сообщение")
        verbose_name_plural = _("исходящие сообщения")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="lk_outbox_unsent"
            ),
            models.Index(
                fields=["failed_at"], condition=models.Q(failed_at__isnull=False), name="lk_outbox_failed"
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.to}: {self.subject or self.event}"

    @property
    def state(self) -> str:
        if self.sent_at:
            return "sent"
        if self.failed_at:
            return "failed"
        return "retrying" if self.attempts else "pending"
