"""Documents a person keeps in the profile and reuses in application forms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.files import RandomUploadTo, get_private_storage


class ProfileDocumentQuerySet(models.QuerySet):
    def owned_by(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class ProfileDocument(models.Model):
    class Kind(models.TextChoices):
        PASSPORT = "passport", _("Паспорт")
        EGRUL_EXTRACT = "egrul_extract", _("Выписка из ЕГРЮЛ")
        EGRIP_EXTRACT = "egrip_extract", _("Выписка из ЕГРИП")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Доверенность")
        OTHER = "other", _("Другой документ")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lk_profile_documents",
        verbose_name=_("пользователь"),
    )
    kind = models.CharField(_("вид документа"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("название"), max_length=255, blank=True)
    file = models.FileField(
        _("файл"), storage=get_private_storage, upload_to=RandomUploadTo("profile"), max_length=255
    )
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveBigIntegerField(_("размер, байт"), default=0)
    uploaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)

    objects = ProfileDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("документ профиля")
        verbose_name_plural = _("документы профиля")
        ordering = ["kind", "-uploaded_at", "-pk"]

    def __str__(self):
        return self.title or self.original_name

    @property
    def display_title(self) -> str:
        return self.title or self.get_kind_display()
