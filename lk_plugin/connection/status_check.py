"""The public status check (no login): number + last four digits of the applicant's phone.

The same neutral answer for a wrong number and a wrong phone; only the status and the current stage
are shown (no name, address or documents); limited per client IP (LK_STATUS_CHECK_LIMIT per hour).
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.applications.models import Application

from .selectors import process_of

WINDOW = 3600


@dataclass(frozen=True)
class PublicStatus:
    number: str
    status: str
    stage: str
    stage_number: int
    stage_total: int
    due_date: object


def _key(ip: str) -> str:
    window = int(time.time() // WINDOW)
    return "lk_status_check:" + hashlib.sha256(f"{ip}:{window}".encode()).hexdigest()[:32]


def hit_limit(ip: str | None) -> bool:
    """Count one check for *ip*; True when it is over the limit (the check must not run)."""
    key = _key(ip or "unknown")
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count > app_settings.STATUS_CHECK_LIMIT


def find_status(number: str, phone_last4: str) -> PublicStatus | None:
    number = " ".join(str(number or "").split())
    digits = "".join(ch for ch in str(phone_last4 or "") if ch.isdigit())
    if not number or len(digits) != 4:
        return None
    application = (
        Application.objects.submitted().select_related("owner").filter(number__iexact=number).first()
    )
    if application is None:
        return None
    phone = "".join(ch for ch in get_adapter().get_phone(application.owner) if ch.isdigit())
    if len(phone) < 4 or phone[-4:] != digits:
        return None
    process = process_of(application)
    stage, stage_number, total, due = "", 0, 0, None
    if process is not None:
        stages = list(process.scheme.stages.values_list("pk", flat=True))
        total = len(stages)
        if process.current_stage_id:
            stage = process.current_stage.name
            stage_number = stages.index(process.current_stage_id) + 1
            due = process.stage_due_date
    return PublicStatus(
        number=application.number,
        status=application.get_status_display(),
        stage=stage,
        stage_number=stage_number,
        stage_total=total,
        due_date=due,
    )
