from .models import Notification


def unread_count(user) -> int:
    """Unread in-cabinet notifications of *user* (0 for a guest)."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")
