from django.db.models import Count, Q

from .models import Message, MessageAttachment, Thread


def message_files_of(user, thread_id):
    """Attachments of the messages in one of *user*'s threads (page and API downloads)."""
    return MessageAttachment.objects.filter(message__thread__owner=user, message__thread_id=thread_id)


def threads_for_user(user):
    """All my threads (dialogs, application and appeal chats) with unread counts, newest first."""
    return (
        Thread.objects.owned_by(user)
        .prefetch_related("about")
        .annotate(
            unread=Count(
                "messages", filter=Q(messages__from_staff=True, messages__read_by_owner_at__isnull=True)
            )
        )
        .order_by("-last_message_at", "-pk")
    )


def unread_messages_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Message.objects.filter(thread__owner=user, from_staff=True, read_by_owner_at__isnull=True).count()


def thread_messages(thread):
    return thread.messages.select_related("author").prefetch_related("attachments")
