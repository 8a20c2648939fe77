from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.files import RandomUploadTo, get_private_storage

from .addresses import HouseRange


class OutageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Outage(models.Model):
    """One outage of one street (or part of it) for one period."""

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Плановое")
        EMERGENCY = "emergency", _("Аварийное")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Запланировано")
        IN_PROGRESS = "in_progress", _("Выполняется")
        DONE = "done", _("Завершено")
        CANCELLED = "cancelled", _("Отменено")

    external_key = models.CharField(
        _("код"),
        max_length=64,
        unique=True,
        blank=True,
        help_text=_(
            "Постоянный код записи: повторный импорт с тем же кодом обновляет её. Пусто — создаётся сам."
        ),
    )
    kind = models.CharField(_("вид"), max_length=16, choices=Kind.choices, default=Kind.PLANNED)
    district = models.CharField(_("район / населённый пункт"), max_length=200, db_index=True)
    street = models.CharField(_("улица"), max_length=200)
    street_key = models.CharField(_("ключ улицы"), max_length=200, db_index=True, editable=False)
    houses = models.CharField(
        _("дома"),
        max_length=500,
        blank=True,
        help_text=_("Например: «1-15», «2, 4, 6а», «1-15 нечётные». Пусто — вся улица."),
    )
    feeder = models.CharField(_("фидер / подстанция"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("начало"), db_index=True)
    ends_at = models.DateTimeField(_("окончание"), db_index=True)
    reason = models.CharField(_("причина"), max_length=500, blank=True)
    status = models.CharField(_("статус"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    is_published = models.BooleanField(_("опубликовано"), default=True)
    version = models.PositiveIntegerField(_("версия"), default=1, editable=False)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    objects = OutageQuerySet.as_manager()

    class Meta:
        verbose_name = _("отключение")
        verbose_name_plural = _("отключения")
        ordering = ["starts_at", "district", "street"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="lk_outage_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["street_key", "ends_at"], name="lk_outage_street_ends")]

    def __str__(self):
        houses = f", {self.houses}" if self.houses else ""
        return f"{self.street}{houses} ({self.district})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .addresses import HouseParseError, parse_houses, street_key

        errors = {}
        try:
            parse_houses(self.houses)
        except HouseParseError as exc:
            errors["houses"] = str(exc)
        if self.street and not street_key(self.street):
            errors["street"] = _("Укажите название улицы, а не только её тип.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Окончание должно быть позже начала.")
        if errors:
            raise ValidationError(errors)

    @property
    def address(self):
        return f"{self.street}, {self.houses}" if self.houses else str(self.street)

    address.fget.short_description = _("адрес")


class OutageHouseRange(models.Model):
    """Parsed house list of an outage, matched in SQL by the address search. No rows = the whole street."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="house_ranges")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    parity = models.CharField(max_length=4, default="all")
    letter = models.CharField(max_length=4, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="lk_outage_range_ordered")
        ]

    def __str__(self):
        return f"{self.start}-{self.end} {self.parity}{self.letter}"

    def as_range(self) -> HouseRange:
        return HouseRange(self.start, self.end, self.parity, self.letter)


class OutageImport(models.Model):
    """Log of imports: who, when, the file, what it did (or the errors that stopped it)."""

    class Status(models.TextChoices):
        VALIDATED = "validated", _("Проверен, ждёт подтверждения")
        FAILED = "failed", _("Ошибки, не загружен")
        COMMITTED = "committed", _("Загружен")

    file = models.FileField(
        _("файл"), storage=get_private_storage, upload_to=RandomUploadTo("outage-imports")
    )
    file_name = models.CharField(_("имя файла"), max_length=255)
    status = models.CharField(_("статус"), max_length=16, choices=Status.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("загрузил"),
    )
    created_at = models.DateTimeField(_("загружен"), auto_now_add=True)
    committed_at = models.DateTimeField(_("применён"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("строк"), default=0)
    created_count = models.PositiveIntegerField(_("добавлено"), default=0)
    updated_count = models.PositiveIntegerField(_("обновлено"), default=0)
    unchanged_count = models.PositiveIntegerField(_("без изменений"), default=0)
    errors = models.JSONField(_("ошибки"), default=list, blank=True)

    class Meta:
        verbose_name = _("импорт отключений")
        verbose_name_plural = _("журнал импорта отключений")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%d.%m.%Y %H:%M})"


class OutageSubscription(models.Model):
    """An address someone wants mail about. Anonymous ones count after the email link is followed."""

    email = models.EmailField(_("электронная почта"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lk_outage_subscriptions",
    )
    address = models.CharField(_("адрес"), max_length=300)
    street_key = models.CharField(max_length=200, db_index=True)
    house_number = models.PositiveIntegerField(default=0, help_text="0 — вся улица")
    house_letter = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("подтверждена"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("письмо подтверждения отправлено"), null=True, blank=True)

    class Meta:
        verbose_name = _("подписка на отключения")
        verbose_name_plural = _("подписки на отключения")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "street_key", "house_number", "house_letter"],
                name="lk_outage_subscription_unique",
            )
        ]

    def __str__(self):
        return f"{self.email}: {self.address}"


class OutageDelivery(models.Model):
    """One mail per (subscription, outage version): the constraint makes «sent once per change» hold."""

    subscription = models.ForeignKey(OutageSubscription, on_delete=models.CASCADE, related_name="deliveries")
    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="+")
    outage_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "outage", "outage_version"], name="lk_outage_delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.subscription_id} ← {self.outage_id} v{self.outage_version}"
