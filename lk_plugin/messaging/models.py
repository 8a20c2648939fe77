from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.files import RandomUploadTo, get_private_storage
from lk_plugin.core.links import GenericLink


class ThreadQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def about(self, obj):
        """The chat of *obj* (an application, an appeal …): at most one thread."""
        return self.filter(about_type=ContentType.objects.get_for_model(obj), about_id=obj.pk)


class Thread(models.Model):
    """A conversation between an applicant and the utility: a free dialog, or the chat *about* an object.

    ``about`` is a generic link (content type + id), so messaging knows nothing of the apps above it: an
    application or an appeal has a chat when messaging is installed (they declare ``threads``, a
    ``GenericRelation``, which also deletes the chat with them), and either side can be left out.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lk_threads",
        verbose_name=_("заявитель"),
    )
    subject = models.CharField(_("тема"), max_length=255)
    about_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("о чём"),
    )
    about_id = models.PositiveBigIntegerField(_("id объекта"), null=True, blank=True)
    about = GenericLink("about_type", "about_id")
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("последнее сообщение"), null=True, blank=True, db_index=True)
    is_closed = models.BooleanField(_("закрыт"), default=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("диалог")
        verbose_name_plural = _("диалоги")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["about_type", "about_id"],
                condition=Q(about_type__isnull=False),
                name="lk_thread_one_per_object",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("lk_messaging:thread", args=[self.pk])

    @property
    def about_label(self) -> str:
        """«Заявка 25-0001», «Обращение О-12» or "" for a free dialog (or an object whose app is gone)."""
        obj = self.about if self.about_type_id else None
        if obj is None:
            return ""
        return f"{capfirst(obj._meta.verbose_name)} {getattr(obj, 'number', '') or obj.pk}"

    def about_is(self, label: str) -> bool:
        """Whether the chat is about a model ``"app_label.model"`` (``"lk_applications.application"``)."""
        return bool(self.about_type_id) and ContentType.objects.get_for_id(
            self.about_type_id
        ).natural_key() == tuple(label.lower().split("."))


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_staff = models.BooleanField(_("от организации"), default=False)
    text = models.TextField(_("текст"))
    created_at = models.DateTimeField(_("отправлено"), auto_now_add=True)
    read_by_owner_at = models.DateTimeField(_("прочитано заявителем"), null=True, blank=True)
    read_by_staff_at = models.DateTimeField(_("прочитано организацией"), null=True, blank=True)

    class Meta:
        verbose_name = _("сообщение")
        verbose_name_plural = _("сообщения")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "from_staff", "read_by_owner_at"], name="lk_msg_unread")]

    def __str__(self):
        return self.text[:60]


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("файл"), storage=get_private_storage, upload_to=RandomUploadTo("messages"))
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveIntegerField(_("размер"), default=0)

    class Meta:
        verbose_name = _("вложение")
        verbose_name_plural = _("вложения")

    def __str__(self):
        return self.original_name
