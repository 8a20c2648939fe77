from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TARIFF_NAMES = {
    1: [_("Общий (Т1)")],
    2: [_("День (Т1)"), _("Ночь (Т2)")],
    3: [_("Пик (Т1)"), _("Ночь (Т2)"), _("Полупик (Т3)")],
}
VALUE_FIELDS = ("value_t1", "value_t2", "value_t3")


class MeterQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)


class Meter(models.Model):
    """An electricity meter of an applicant (added by them and confirmed by staff, or attached by staff)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Ожидает подтверждения")
        ACTIVE = "active", _("Подтверждён")
        RETIRED = "retired", _("Снят с учёта")

    class Source(models.TextChoices):
        APPLICANT = "applicant", _("Добавлен заявителем")
        STAFF = "staff", _("Добавлен сотрудником")
        APPLICATION = "application", _("По заявке на допуск прибора учёта")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lk_meters",
        verbose_name=_("владелец"),
    )
    meter_type = models.CharField(_("тип прибора учёта"), max_length=200)
    serial_number = models.CharField(_("заводской номер"), max_length=64)
    tariff_count = models.PositiveSmallIntegerField(
        _("число тарифов"), choices=[(1, _("Однотарифный")), (2, _("Двухтарифный")), (3, _("Трёхтарифный"))]
    )
    digits = models.PositiveSmallIntegerField(
        _("разрядность (целая часть)"),
        default=6,
        validators=[MinValueValidator(4), MaxValueValidator(9)],
        help_text=_("Сколько цифр до запятой на счётном механизме (от 4 до 9)"),
    )
    address = models.CharField(_("адрес установки"), max_length=500)
    account_number = models.CharField(_("лицевой счёт"), max_length=64, blank=True)
    verification_due = models.DateField(_("дата очередной поверки"), null=True, blank=True)
    status = models.CharField(_("статус"), max_length=16, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("источник"), max_length=16, choices=Source.choices, default=Source.APPLICANT)
    created_at = models.DateTimeField(_("добавлен"), auto_now_add=True)

    objects = MeterQuerySet.as_manager()

    class Meta:
        verbose_name = _("прибор учёта")
        verbose_name_plural = _("приборы учёта")
        ordering = ["owner_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tariff_count__gte=1, tariff_count__lte=3), name="lk_meter_tariffs_1_3"
            ),
            models.CheckConstraint(
                condition=Q(digits__gte=4, digits__lte=9),
                name="lk_meter_digits_4_9",
                violation_error_message=_("Разрядность — от 4 до 9 цифр."),
            ),
            models.UniqueConstraint(
                fields=["meter_type", "serial_number"],
                condition=~Q(status="retired"),
                name="lk_meter_unique_serial",
                violation_error_message=_("Прибор учёта этого типа с таким номером уже зарегистрирован."),
            ),
        ]

    def __str__(self):
        return f"{self.meter_type} № {self.serial_number}"

    def owner_name(self) -> str:
        from lk_plugin.adapter import get_adapter

        return get_adapter().get_display_name(self.owner)

    owner_name.short_description = _("заявитель")

    @property
    def tariff_names(self):
        return TARIFF_NAMES[self.tariff_count]

    @property
    def max_value(self) -> Decimal:
        return Decimal(10) ** self.digits

    @property
    def verification_state(self) -> str:
        """ "overdue" after the due date, "soon" within 60 days of it, "" otherwise."""
        if self.verification_due is None:
            return ""
        days = (self.verification_due - timezone.localdate()).days
        if days < 0:
            return "overdue"
        return "soon" if days <= 60 else ""

    @property
    def accepts_readings(self) -> bool:
        return self.status == self.Status.ACTIVE


class ReadingQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(meter__owner=user)

    def counted(self):
        """Readings that take part in consumption (rejected ones do not)."""
        return self.exclude(status=Reading.Status.REJECTED)


class Reading(models.Model):
    """One reading of a meter: a value per tariff on a date."""

    class Source(models.TextChoices):
        APPLICANT = "applicant", _("Заявитель")
        STAFF = "staff", _("Сотрудник")
        ASKUE = "askue", _("АСКУЭ")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Получено")
        ACCEPTED = "accepted", _("Принято")
        REJECTED = "rejected", _("Отклонено")

    class Reset(models.TextChoices):
        NONE = "", _("Нет")
        ROLLOVER = "rollover", _("Переход счётчика через ноль")
        REPLACEMENT = "replacement", _("Замена прибора учёта / счётного механизма")

    meter = models.ForeignKey(
        Meter, on_delete=models.CASCADE, related_name="readings", verbose_name=_("прибор учёта")
    )
    taken_on = models.DateField(_("дата показаний"))
    value_t1 = models.DecimalField(_("Т1"), max_digits=12, decimal_places=2)
    value_t2 = models.DecimalField(_("Т2"), max_digits=12, decimal_places=2, null=True, blank=True)
    value_t3 = models.DecimalField(_("Т3"), max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("источник"), max_length=16, choices=Source.choices)
    status = models.CharField(_("статус"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    reset = models.CharField(
        _("сброс показаний"),
        max_length=16,
        choices=Reset.choices,
        default=Reset.NONE,
        blank=True,
        help_text=_("Отмечает сотрудник, если показания меньше предыдущих по уважительной причине"),
    )
    high_consumption_confirmed = models.BooleanField(_("большой расход подтверждён"), default=False)
    review_reason = models.TextField(_("причина решения"), blank=True)
    reviewed_at = models.DateTimeField(_("рассмотрено"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("рассмотрел"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("внёс"),
    )
    created_at = models.DateTimeField(_("передано"), auto_now_add=True)

    objects = ReadingQuerySet.as_manager()

    class Meta:
        verbose_name = _("показания")
        verbose_name_plural = _("показания")
        ordering = ["-taken_on", "-pk"]
        indexes = [models.Index(fields=["meter", "taken_on"], name="lk_reading_meter_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_t1__gte=0)
                & (Q(value_t2__isnull=True) | Q(value_t2__gte=0))
                & (Q(value_t3__isnull=True) | Q(value_t3__gte=0)),
                name="lk_reading_values_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(value_t3__isnull=True) | Q(value_t2__isnull=False),
                name="lk_reading_tariffs_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(review_reason=""),
                name="lk_reading_rejection_has_reason",
            ),
            # One counted reading per meter, day and source (АСКУЭ imports are idempotent).
            models.UniqueConstraint(
                fields=["meter", "taken_on", "source"],
                condition=~Q(status="rejected"),
                name="lk_reading_one_per_day_and_source",
            ),
        ]

    def __str__(self):
        return f"{self.meter} — {self.taken_on:%d.%m.%Y}"

    @property
    def values(self) -> list[Decimal]:
        return [v for v in (self.value_t1, self.value_t2, self.value_t3) if v is not None]

    def owner_name(self) -> str:
        return self.meter.owner_name()

    owner_name.short_description = _("заявитель")

    def values_display(self) -> str:
        return " / ".join(f"{v:.2f}".replace(".", ",") for v in self.values)

    values_display.short_description = _("показания по тарифам")


class AskueCredentials(models.Model):
    """The applicant's login to the utility's АСКУЭ; the password is stored encrypted (Fernet)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lk_askue_credentials"
    )
    login = models.CharField(_("идентификатор в АСКУЭ"), max_length=100)
    password_encrypted = models.TextField(_("пароль (зашифрован)"))
    last_fetch_at = models.DateTimeField(_("последнее получение данных"), null=True, blank=True)
    last_error = models.CharField(_("последняя ошибка"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    class Meta:
        verbose_name = _("доступ к АСКУЭ")
        verbose_name_plural = _("доступы к АСКУЭ")

    def __str__(self):
        return self.login


class AskueRow(models.Model):
    """The latest АСКУЭ data for one meter of an applicant (replaced on each successful fetch)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lk_askue_rows")
    object_name = models.CharField(_("название объекта"), max_length=300)
    meter_name = models.CharField(_("название прибора учёта"), max_length=300)
    serial_number = models.CharField(_("заводской номер"), max_length=64, blank=True)
    a_plus = models.DecimalField(_("прямая активная энергия, кВт·ч"), max_digits=14, decimal_places=3)
    a_minus = models.DecimalField(_("обратная активная энергия, кВт·ч"), max_digits=14, decimal_places=3)
    r_plus = models.DecimalField(_("прямая реактивная энергия, кВар·ч"), max_digits=14, decimal_places=3)
    r_minus = models.DecimalField(_("обратная реактивная энергия, кВар·ч"), max_digits=14, decimal_places=3)
    data_time = models.DateTimeField(_("дата получения информации"))
    fetched_at = models.DateTimeField(_("загружено"), auto_now_add=True)

    class Meta:
        verbose_name = _("данные АСКУЭ")
        verbose_name_plural = _("данные АСКУЭ")
        ordering = ["object_name", "meter_name"]

    def __str__(self):
        return f"{self.object_name}: {self.meter_name}"
