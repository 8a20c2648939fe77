from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.formatting import format_number

from ..choices import InvoiceStatus, PaymentSource


class Invoice(models.Model):
    """An invoice for the connection fee; paying it (the first schedule line) concludes the contract."""

    application = models.ForeignKey(
        "lk_applications.Application", on_delete=models.CASCADE, related_name="invoices"
    )
    number = models.CharField(_("номер счёта"), max_length=64, unique=True)
    amount = models.DecimalField(_("сумма, ₽"), max_digits=12, decimal_places=2)
    due_date = models.DateField(_("оплатить до"))
    status = models.CharField(
        _("статус"), max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED
    )
    paid_amount = models.DecimalField(_("оплачено, ₽"), max_digits=12, decimal_places=2, default=Decimal("0"))
    paid_at = models.DateField(_("оплачен полностью"), null=True, blank=True)
    purpose = models.CharField(_("назначение платежа"), max_length=210)
    concludes_contract = models.BooleanField(_("оплата заключает договор"), default=True)
    external_id = models.CharField(_("id в биллинге"), max_length=100, blank=True)
    last_synced_at = models.DateTimeField(_("сверено с биллингом"), null=True, blank=True)
    created_at = models.DateTimeField(_("выставлен"), auto_now_add=True)

    class Meta:
        verbose_name = _("счёт")
        verbose_name_plural = _("счета")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="lk_invoice_amount_positive"),
            models.CheckConstraint(condition=Q(paid_amount__gte=0), name="lk_invoice_paid_nonnegative"),
        ]

    def __str__(self):
        return self.number

    @property
    def left_to_pay(self) -> Decimal:
        return max(self.amount - self.paid_amount, Decimal("0"))

    @property
    def is_open(self) -> bool:
        return self.status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID)


class InvoiceScheduleLine(models.Model):
    """A line of the instalment schedule (where the rules allow paying by instalments)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="schedule")
    due_date = models.DateField(_("оплатить до"))
    amount = models.DecimalField(_("сумма, ₽"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("платёж по графику")
        verbose_name_plural = _("график платежей")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.due_date:%d.%m.%Y}: {format_number(self.amount, 2)} ₽"


class Payment(models.Model):
    """A payment received against an invoice (from the billing, a payment provider, or marked by staff)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(_("сумма, ₽"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("дата оплаты"))
    source = models.CharField(_("источник"), max_length=16, choices=PaymentSource.choices)
    external_id = models.CharField(_("id платежа"), max_length=100, blank=True)
    reason = models.TextField(_("основание"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("записан"), auto_now_add=True)

    class Meta:
        verbose_name = _("платёж")
        verbose_name_plural = _("платежи")
        ordering = ["paid_on", "pk"]
        constraints = [
            # A billing payment is recorded once however often the sync runs.
            models.UniqueConstraint(
                fields=["invoice", "external_id"],
                condition=~Q(external_id=""),
                name="lk_payment_unique_external",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="lk_payment_amount_positive"),
        ]

    def __str__(self):
        return f"{self.invoice}: {format_number(self.amount, 2)} ₽ ({self.paid_on:%d.%m.%Y})"
