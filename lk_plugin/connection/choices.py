from django.db import models
from django.utils.translation import gettext_lazy as _


class Actor(models.TextChoices):
    UTILITY = "utility", _("Сетевая организация")
    APPLICANT = "applicant", _("Заявитель")


class TermUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("рабочих дней")
    CALENDAR_DAYS = "calendar_days", _("календарных дней")
    MONTHS = "months", _("месяцев")


class TermFrom(models.TextChoices):
    STAGE_START = "stage_start", _("начала этапа")
    SUBMITTED = "submitted", _("подачи заявки")
    CONTRACT = "contract", _("заключения договора")


class ApplicantAction(models.TextChoices):
    PAY = "pay", _("Оплатить счёт")
    NOTIFY_TU = "notify_tu", _("Уведомить о выполнении ТУ")
    SIGN = "sign", _("Подписать акт")


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", _("Выставлен")
    PARTIALLY_PAID = "partially_paid", _("Оплачен частично")
    PAID = "paid", _("Оплачен")
    CANCELLED = "cancelled", _("Аннулирован")


class PaymentSource(models.TextChoices):
    BILLING = "billing", _("Биллинг")
    PROVIDER = "provider", _("Платёжный сервис")
    MANUAL = "manual", _("Отмечен сотрудником")


class SignatureMethod(models.TextChoices):
    SMS = "sms", _("Простая ЭП (код из SMS)")
    UKEP = "ukep", _("УКЭП (открепленная подпись)")
