from .models import Notification


def unread_count(user) -> int:
    """Unread in-cabinet notifications of *user* (0 for a guest).

    Counted once per request: the widget badge, the cabinet menu and the overview all ask, and
    views mark things read before the page renders.
    """
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(user, "_lk_unread_notifications", None)
    if cached is None:
        cached = Notification.objects.filter(user=user, read_at__isnull=True).count()
        user._lk_unread_notifications = cached
    return cached


def notifications_for(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")
