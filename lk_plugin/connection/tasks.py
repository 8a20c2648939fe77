from celery import shared_task

from .flows.billing import invoices_sync_all


@shared_task(name="lk_plugin.connection.tasks.sync_payments")
def sync_payments() -> int:
    """Daily (Celery beat): payment status of open invoices from the billing (LK_BILLING_BACKEND)."""
    return invoices_sync_all()
