import logging

from celery import shared_task

from .askue import AskueError
from .flows import askue_refresh
from .models import AskueCredentials

logger = logging.getLogger("lk_plugin.metering")


@shared_task(name="lk_plugin.metering.tasks.import_askue")
def import_askue() -> int:
    """Daily: fetch АСКУЭ data for everyone who saved credentials; one failure does not stop the rest."""
    done = 0
    # People who withdrew their 152-ФЗ consent (or whose account is off) are not processed any more.
    active = AskueCredentials.objects.filter(user__is_active=True).exclude(
        user__lk_profile__consent_withdrawn_at__isnull=False
    )
    for credentials in active.select_related("user").order_by("pk").iterator():
        try:
            askue_refresh(user=credentials.user)
        except AskueError as exc:
            logger.warning("askue: import for user %s failed: %s", credentials.user_id, exc)
            continue
        done += 1
    return done
