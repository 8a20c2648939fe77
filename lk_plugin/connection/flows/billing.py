"""Invoices and payments: record a payment (billing sync, provider, staff), conclude the contract."""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lk_plugin.core.errors import TransitionError
from lk_plugin.notifications.flows import notify, notify_staff

from ..billing import BillingError, get_billing_backend
from ..choices import ApplicantAction, InvoiceStatus, PaymentSource
from ..models import ConnectionProcess, Invoice, Payment
from .stages import _money, stage_advance

logger = logging.getLogger("lk_plugin.connection")
LOG_PAYMENT = "lk.connection.payment"


def contract_threshold(invoice):
    """How much concludes the contract (ПП 861 п. 103): the first schedule line, or the whole invoice."""
    first = invoice.schedule.order_by("due_date", "pk").first()
    return first.amount if first else invoice.amount


def _conclude_contract(invoice, *, on: dt.date, actor) -> None:
    application = invoice.application
    process = ConnectionProcess.objects.select_for_update().filter(application=application).first()
    if process is None or process.contract_concluded_on:
        return
    process.contract_concluded_on = on
    process.save(update_fields=["contract_concluded_on"])
    if process.current_stage and process.current_stage.allows(ApplicantAction.PAY):
        stage_advance(
            application=application,
            actor=actor,
            by_applicant=actor is None,
            comment=_("Счёт %(number)s оплачен: договор заключён.") % {"number": invoice.number},
        )
    text = _("Договор по заявке %(number)s заключён %(date)s: счёт %(invoice)s оплачен.") % {
        "number": application.number,
        "date": on.strftime("%d.%m.%Y"),
        "invoice": invoice.number,
    }
    notify(
        user=application.owner,
        event="connection_contract_concluded",
        context={
            "title": _("Заявка %(number)s: договор заключён") % {"number": application.number},
            "text": text,
        },
        url=application.get_absolute_url(),
    )
    notify_staff(
        obj=application,
        event="staff_connection_contract_concluded",
        context={
            "title": _("Заявка %(number)s: счёт оплачен") % {"number": application.number},
            "text": text,
        },
    )


@transaction.atomic
def payment_register(
    *,
    invoice: Invoice,
    amount,
    paid_on: dt.date,
    source: str,
    external_id: str = "",
    reason: str = "",
    actor=None,
) -> Payment | None:
    """Record a payment once (an external id already seen returns None), update the invoice, and
    conclude the contract when the paid amount reaches the threshold."""
    invoice = Invoice.objects.select_for_update().select_related("application").get(pk=invoice.pk)
    reason = (reason or "").strip()
    if source == PaymentSource.MANUAL and not reason:
        raise TransitionError(_("Укажите основание: например, номер платёжного поручения."), code="reason")
    if invoice.status == InvoiceStatus.CANCELLED:
        raise TransitionError(_("Счёт аннулирован."), code="cancelled")
    amount = _money(amount)
    if external_id and Payment.objects.filter(invoice=invoice, external_id=external_id).exists():
        return None
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                invoice=invoice,
                amount=amount,
                paid_on=paid_on,
                source=source,
                external_id=external_id,
                reason=reason,
                actor=actor,
            )
    except IntegrityError:  # the same billing payment recorded by a concurrent sync
        return None
    invoice.paid_amount = invoice.payments.aggregate(total=Sum("amount"))["total"] or 0
    if invoice.paid_amount >= invoice.amount:
        invoice.status, invoice.paid_at = InvoiceStatus.PAID, paid_on
    else:
        invoice.status = InvoiceStatus.PARTIALLY_PAID
    invoice.save(update_fields=["paid_amount", "status", "paid_at"])
    log(
        invoice.application,
        LOG_PAYMENT,
        user=actor,
        data={"invoice": invoice.number, "amount": str(amount), "source": source, "reason": reason},
    )
    if invoice.concludes_contract and invoice.paid_amount >= contract_threshold(invoice):
        _conclude_contract(invoice, on=paid_on, actor=actor)
    return payment


def invoice_sync(*, invoice: Invoice, backend=None) -> int:
    """Ask the billing about one invoice; record new payments. Returns how many were new."""
    backend = backend or get_billing_backend()
    new = 0
    for item in backend.fetch_payments(invoice):
        if payment_register(
            invoice=invoice,
            amount=item.amount,
            paid_on=item.paid_on,
            source=PaymentSource.BILLING,
            external_id=item.external_id,
        ):
            new += 1
    Invoice.objects.filter(pk=invoice.pk).update(last_synced_at=timezone.now())
    return new


def invoices_sync_all() -> int:
    """Daily: sync every open invoice; one failure does not stop the rest."""
    backend, new = get_billing_backend(), 0
    open_statuses = [InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID]
    for invoice in Invoice.objects.filter(status__in=open_statuses).select_related("application").iterator():
        try:
            new += invoice_sync(invoice=invoice, backend=backend)
        except BillingError as exc:
            logger.warning("billing: sync of invoice %s failed: %s", invoice.number, exc)
    return new
