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
