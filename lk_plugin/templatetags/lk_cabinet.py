from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def lk_query(context, **changes):
    """The current query string with *changes* applied (pagination keeps the tab and search)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.inclusion_tag("lk_plugin/cabinet/menu.html", takes_context=True)
def lk_cabinet_menu_with_counts(context, active=None):
    """The cabinet menu with unread counts beside «Сообщения» and «Уведомления»."""
    from lk_plugin.cabinet.menu import menu_items

    return {"items": menu_items(context.get("request"), active, badges=True)}
