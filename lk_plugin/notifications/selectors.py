from .models import Notification


def unread_count(user) -> int:
    """Unread in-cabinet notifications of *user* (0 for a guest)."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def unread_count_for_request(request) -> int:
    """unread_count of the signed-in person, counted once per request: the widget badge and the
    cabinet menu both show it, and views mark things read before the page renders."""
    if request is None:
        return 0
    if not hasattr(request, "_lk_unread_notifications"):
        request._lk_unread_notifications = unread_count(getattr(request, "user", None))
    return request._lk_unread_notifications


def notifications_for(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def outbox_trouble() -> dict:
    """Dead letters (given up) and messages waiting for a retry after a failed attempt: one query."""
    from django.db.models import Count, Q

    from .models import OutboxMessage

    return OutboxMessage.objects.filter(sent_at__isnull=True).aggregate(
        failed=Count("pk", filter=Q(failed_at__isnull=False)),
        retrying=Count("pk", filter=Q(failed_at__isnull=True, attempts__gt=0)),
    )
