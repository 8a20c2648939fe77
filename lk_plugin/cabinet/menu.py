"""The cabinet menu: sections in order; a section whose URL is not installed is left out."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MENU = [
    ("overview", _("Главная"), "lk_cabinet:overview"),
    ("profile", _("Профиль"), "lk_accounts:profile"),
    ("applications", _("Заявки"), "lk_applications:list"),
    ("appeals", _("Обращения"), "lk_appeals:list"),
    ("messages", _("Сообщения"), "lk_messaging:list"),
    ("notifications", _("Уведомления"), "lk_notifications:list"),
    ("meters", _("Приборы учёта"), "lk_metering:list"),
    ("settings", _("Настройки"), "lk_accounts:settings"),
]


def _badges(request) -> dict:
    """Unread counts shown beside «Сообщения» and «Уведомления» (two COUNT queries)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from django.apps import apps

    from lk_plugin.notifications.selectors import unread_count_for_request

    counts = {"notifications": unread_count_for_request(request)}
    if apps.is_installed("lk_plugin.messaging"):
        from lk_plugin.messaging.selectors import unread_messages_count

        counts["messages"] = unread_messages_count(user)
    return counts


def menu_items(request, active=None, *, badges=False):
    items = []
    counts = _badges(request) if badges else {}
    for key, label, url_name in MENU:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        is_active = key == active or (active is None and request is not None and request.path == url)
        items.append(
            {"key": key, "label": label, "url": url, "active": is_active, "badge": counts.get(key, 0)}
        )
    from lk_plugin.adapter import get_adapter

    return get_adapter().cabinet_menu(request, items)
