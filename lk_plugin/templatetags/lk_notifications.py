"""``{% lk_unread_badge %}``: the unread-notifications badge for the header widget."""

from django import template
from django.urls import NoReverseMatch, reverse

from lk_plugin.notifications.selectors import unread_count_for_request

register = template.Library()


@register.inclusion_tag("lk_plugin/notifications/badge.html", takes_context=True)
def lk_unread_badge(context):
    request = context.get("request")
    try:
        url = reverse("lk_notifications:list")
    except NoReverseMatch:
        url = ""
    return {"count": unread_count_for_request(request), "url": url}
