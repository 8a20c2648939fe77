from django import template
from django.urls import NoReverseMatch, reverse

from lk_plugin.adapter import get_adapter
from lk_plugin.cabinet.menu import menu_items

register = template.Library()


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.inclusion_tag("lk_plugin/widget/login_widget.html", takes_context=True)
def lk_login_widget(context, inline=False):
    """The header widget: a login form for guests, the person's name and sections when signed in.

    ``inline=True`` renders the panel open (the page block), not as a header drop-down.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    account_paths = {_url(name) for name in ("account_login", "account_signup", "account_reset_password")}
    return {
        # On the login/signup/reset pages the page itself is the form: the widget only links there,
        # so a page never has two login forms (duplicate ids, ambiguous labels).
        "on_account_page": request is not None and request.path in account_paths,
        "request": request,
        "signed_in": signed_in,
        "display_name": get_adapter().get_display_name(user) if signed_in else "",
        "menu": menu_items(request) if signed_in else [],
        "login_url": _url("account_login"),
        "signup_url": _url("account_signup"),
        "reset_url": _url("account_reset_password"),
        "logout_url": _url("account_logout"),
        "cabinet_url": _url("lk_cabinet:overview") or "/lk/",
        "is_staff": signed_in and user.is_staff,
        "csrf_token": context.get("csrf_token"),
        "inline": inline,
        # allauth's pages (login, signup, reset, email confirmation, MFA) extend the host's base
        # template, whose head the plugin cannot reach: their styles and script come with the widget.
        "auth_page_assets": not inline and _is_auth_page(request),
    }


AUTH_URL_PREFIXES = ("account_", "mfa_")


def _is_auth_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.startswith(AUTH_URL_PREFIXES))


@register.inclusion_tag("lk_plugin/cabinet/menu.html", takes_context=True)
def lk_cabinet_menu(context, active=None):
    return {"items": menu_items(context.get("request"), active)}
