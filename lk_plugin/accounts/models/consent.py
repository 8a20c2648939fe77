"""152-ФЗ: editor-managed, versioned consent documents and the append-only record of each consent."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField


class ConsentPurpose(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Обработка персональных данных (152-ФЗ)")
    EMAIL_NOTIFICATIONS = "email_notifications", _("Уведомления по электронной почте")


class ConsentDocumentQuerySet(models.QuerySet):
    def current(self, purpose):
        return self.filter(purpose=purpose, is_current=True).order_by("-published_at", "-pk").first()


class ConsentDocument(models.Model):
    """The text a person agrees to; editors publish a new version instead of rewriting an old one."""

    title = models.CharField(_("название"), max_length=255)
    purpose = models.CharField(
        _("цель"), max_length=32, choices=ConsentPurpose.choices, default=ConsentPurpose.PERSONAL_DATA
    )
    version = models.CharField(_("версия"), max_length=32, help_text=_("Например: 2026-01"))
    text = RichTextField(_("текст согласия"))
    published_at = models.DateTimeField(_("опубликован"), default=timezone.now)
    is_current = models.BooleanField(
        _("действующая редакция"),
        default=True,
        help_text=_("Новые согласия даются на действующую редакцию; прежняя перестаёт быть действующей."),
    )

    objects = ConsentDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("документ о согласии")
        verbose_name_plural = _("документы о согласии")
        ordering = ["purpose", "-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="lk_consentdoc_unique_version"),
            models.UniqueConstraint(
                fields=["purpose"], condition=Q(is_current=True), name="lk_consentdoc_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.version})"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_current:
                ConsentDocument.objects.filter(purpose=self.purpose, is_current=True).exclude(
                    pk=self.pk
                ).update(is_current=False)
            super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.pk and self.records.exists():
            stored = (
                ConsentDocument.objects.filter(pk=self.pk).values_list("text", "version", "purpose").first()
            )
            if stored and stored != (self.text, self.version, self.purpose):
                raise ValidationError(
                    _(
                        "На эту редакцию уже даны согласия, её текст и версию менять нельзя. "
                        "Создайте новую редакцию и сделайте её действующей."
                    )
                )

    def get_constraints(self):
        # Form validation skips "one current per purpose": save() makes the new edition the only current one.
        return [
            (cls, [c for c in constraints if c.name != "lk_consentdoc_one_current"])
            for cls, constraints in super().get_constraints()
        ]

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def plain_text(self) -> str:
        return strip_tags(self.text)


class ConsentRecord(models.Model):
    """One consent given or withdrawn. Append-only: never updated, never deleted by the application."""

    class Action(models.TextChoices):
        GIVEN = "given", _("дано")
        WITHDRAWN = "withdrawn", _("отозвано")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lk_consents",
        verbose_name=_("пользователь"),
    )
    # Who consented, as at the time of the record: the proof survives the account's deletion
    # (``user`` then becomes empty).
    subject_user_id = models.BigIntegerField(_("id пользователя"), null=True, blank=True)
    subject = models.CharField(_("кто дал согласие"), max_length=500, blank=True)
    purpose = models.CharField(_("цель"), max_length=32, choices=ConsentPurpose.choices)
    action = models.CharField(_("действие"), max_length=16, choices=Action.choices, default=Action.GIVEN)
    document = models.ForeignKey(
        ConsentDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("документ"),
    )
    version = models.CharField(_("версия документа"), max_length=32, blank=True)
    text_sha256 = models.CharField(_("SHA-256 текста"), max_length=64, blank=True)
    # Stored in UTC (USE_TZ); shown in local time.
    created_at = models.DateTimeField(_("время"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("IP-адрес"), null=True, blank=True)
    user_agent = models.CharField(_("браузер"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("запись о согласии")
        verbose_name_plural = _("журнал согласий")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.get_action_display()} {self.created_at:%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("ConsentRecord is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("ConsentRecord is append-only")
