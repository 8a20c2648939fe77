import datetime as dt

from celery import shared_task


@shared_task(name="lk_plugin.outages.tasks.purge_unconfirmed_subscriptions")
def purge_unconfirmed_subscriptions() -> int:
    """Daily: guest subscriptions whose confirmation link expired are deleted (an address nobody
    confirmed is not kept)."""
    from django.utils import timezone

    from .flows import CONFIRM_MAX_AGE
    from .models import OutageSubscription

    cutoff = timezone.now() - dt.timedelta(seconds=CONFIRM_MAX_AGE)
    deleted, _ = OutageSubscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted
