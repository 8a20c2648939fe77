from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lk_plugin.adapter import get_adapter
from lk_plugin.notifications.selectors import notifications_for, unread_count


@login_required
def overview(request):
    """What needs the applicant now: drafts, requests for documents, unread news, start buttons."""
    user = request.user
    adapter = get_adapter()
    applications = _applications(user)
    return render(
        request,
        "lk_plugin/cabinet/overview.html",
        {
            "lk_active": "overview",
            "display_name": adapter.get_display_name(user),
            **applications,
            "has_messaging": apps.is_installed("lk_plugin.messaging"),
            "has_appeals": apps.is_installed("lk_plugin.appeals"),
            "unread_messages": _unread_messages(user),
            "unread_notifications": unread_count(user),
            "latest_notifications": list(notifications_for(user).filter(read_at__isnull=True)[:5]),
            "form_pages": list(adapter.application_form_pages(user)),
            "connection_stages": _connection_stages(user),
            "today": timezone.localdate(),
        },
    )


def _applications(user) -> dict:
    """Drafts and applications awaiting the applicant, when the optional applications app is installed."""
    if not apps.is_installed("lk_plugin.applications"):
        return {"has_applications": False, "drafts": [], "draft_count": 0, "needing_action": []}
    from lk_plugin.applications import selectors

    adapter = get_adapter()
    drafts = list(selectors.drafts(user).select_related("form_page")[:5])
    for draft in drafts:
        draft.continue_url = adapter.application_draft_url(draft)
    return {
        "has_applications": True,
        "drafts": drafts,
        # The card counts every draft (the list below shows the latest five).
        "draft_count": len(drafts) if len(drafts) < 5 else selectors.drafts(user).count(),
        "needing_action": list(selectors.needing_action(user)[:10]),
    }


def _unread_messages(user) -> int:
    """Unread staff messages when the optional messaging app is installed."""
    if not apps.is_installed("lk_plugin.messaging"):
        return 0
    from lk_plugin.messaging.selectors import unread_messages_count

    return unread_messages_count(user)


def _connection_stages(user) -> list:
    """Current connection stages when the optional connection app is installed."""
    if not apps.is_installed("lk_plugin.connection"):
        return []
    from lk_plugin.connection.selectors import current_stages_for

    return list(current_stages_for(user)[:10])
