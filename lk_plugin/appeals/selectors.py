"""Reads for the applicant's appeals (the cabinet page and the API)."""

from django.utils.translation import gettext_lazy

from .models import Appeal, AppealAttachment, AppealStatus

TABS = {
    "all": (gettext_lazy("Все"), None),
    "submitted": (AppealStatus.SUBMITTED.label, [AppealStatus.SUBMITTED]),
    "in_progress": (AppealStatus.IN_PROGRESS.label, [AppealStatus.IN_PROGRESS]),
    "answered": (AppealStatus.ANSWERED.label, [AppealStatus.ANSWERED]),
    "closed": (AppealStatus.CLOSED.label, [AppealStatus.CLOSED]),
}


def appeal_files_of(user, appeal_id):
    """Files of one of *user*'s appeals, theirs and the answer's (page and API downloads)."""
    return AppealAttachment.objects.filter(appeal__owner=user, appeal_id=appeal_id)


def appeals_for_list(user, *, tab: str = "all"):
    qs = Appeal.objects.owned_by(user).select_related("topic").prefetch_related("about")
    statuses = TABS.get(tab, TABS["all"])[1]
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.order_by("-submitted_at", "-pk")


def appeals_about(obj):
    """The appeals about *obj* (an application), newest first: the staff page of the application."""
    from django.contrib.contenttypes.models import ContentType

    return Appeal.objects.filter(
        about_type=ContentType.objects.get_for_model(obj), about_id=obj.pk
    ).select_related("topic")
