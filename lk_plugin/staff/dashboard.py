"""The «Личный кабинет» panel on the Wagtail dashboard: today's queue at a glance."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy

from lk_plugin.app_settings import app_settings
from lk_plugin.applications.models import Application, ApplicationKind
from lk_plugin.applications.statuses import Status
from lk_plugin.core.calendar import add_working_days

from .applications import OPEN_STATUSES


def queue_counts(today: dt.date | None = None) -> dict:
    """Counts for the panel (one aggregate query + one per-kind query + the calendar lookup)."""
    today = today or timezone.localdate()
    soon = add_working_days(today, app_settings.DUE_SOON_WORKING_DAYS)
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    open_q = Q(status__in=OPEN_STATUSES)
    counts = Application.objects.submitted().aggregate(
        new_today=Count("pk", filter=Q(submitted_at__gte=start)),
        in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
        needs_info=Count("pk", filter=Q(status=Status.NEEDS_INFO)),
        overdue=Count("pk", filter=open_q & Q(due_date__lt=today)),
        due_soon=Count("pk", filter=open_q & Q(due_date__gte=today, due_date__lte=soon)),
    )
    counts["per_kind"] = list(
        ApplicationKind.objects.annotate(
            open_count=Count("applications", filter=Q(applications__status__in=OPEN_STATUSES))
        )
        .filter(open_count__gt=0)
        .values("pk", "title", "open_count")
    )
    counts["soon"] = soon
    return counts


class QueuePanel(Component):
    name = "lk_queue"
    order = 50
    template_name = "lk_plugin/staff/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        counts = queue_counts()
        index = reverse("lk_application:index")
        today = timezone.localdate()
        return {
            **counts,
            "index_url": index,
            "links": {
                "new_today": f"{index}?submitted_at_from={today:%Y-%m-%d}",
                "in_progress": f"{index}?status={Status.IN_PROGRESS}",
                "needs_info": f"{index}?status={Status.NEEDS_INFO}",
                "overdue": f"{index}?overdue=true",
                "due_soon": f"{index}?due_soon=true&ordering=due_date",
            },
        }


def add_queue_panel(request, panels):
    if ModelPermissionPolicy(Application).user_has_any_permission(request.user, ["view", "change"]):
        panels.append(QueuePanel())
