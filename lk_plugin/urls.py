"""Everything the plugin serves. A host mounts it with ``urlpatterns = lk_urlpatterns(urlpatterns)``
(below): before Wagtail's catch-all, with the Wagtail admin's password doors sent to allauth."""

from django.urls import include, path
from django.views.generic import RedirectView

from lk_plugin.api import widget
from lk_plugin.api.main import api

urlpatterns = [
    path("api/lk/v1/auth/", include("lk_plugin.api.headless_urls")),  # allauth headless (before ninja)
    path("api/lk/v1/", api.urls),
    path("lk/widget.js", widget.widget_js, name="lk_widget_js"),
    path("accounts/", include("allauth.urls")),
    # Wagtail's login for private pages is Django's bare LoginView (no rate limits, no MFA): send it to
    # allauth. Works because the host includes these URLs before Wagtail's.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("captcha/", include("captcha.urls")),
    path("lk/meters/", include("lk_plugin.metering.urls")),
    path("lk/", include("lk_plugin.cabinet.urls")),
    path("lk/", include("lk_plugin.accounts.urls")),
    path("outages/", include("lk_plugin.outages.urls")),
    path("lk/applications/", include("lk_plugin.applications.urls")),
    path("lk/appeals/", include("lk_plugin.appeals.urls")),
    path("lk/messages/", include("lk_plugin.messaging.urls")),
    path("lk/notifications/", include("lk_plugin.notifications.urls")),
]


#: Wagtail admin doors that take a password without allauth's rate limits and MFA → allauth's pages
#: (regex under the admin prefix: the whole password-reset subtree, confirm links included).
ADMIN_DOORS = [(r"login/$", "account_login"), (r"password_reset/", "account_reset_password")]
#: Django's own admin (``wagtail start`` mounts it at django-admin/): its login is a door too.
DJANGO_ADMIN_DOORS = [(r"login/$", "account_login")]


def _urlconf_name(pattern):
    name = getattr(pattern, "urlconf_name", None)
    return getattr(name, "__name__", name)


def _door_patterns(resolver, doors=ADMIN_DOORS):
    """Redirects in front of the Wagtail admin include, under its own prefix (admin/, cms/, …)."""
    import re

    from django.urls import re_path
    from django.urls.resolvers import RoutePattern

    raw = str(resolver.pattern)
    prefix = "^" + re.escape(raw) if isinstance(resolver.pattern, RoutePattern) else raw
    return [
        re_path(prefix + route, RedirectView.as_view(pattern_name=target, query_string=True))
        for route, target in doors
    ]


def lk_urlpatterns(urlpatterns):
    """The host's *urlpatterns* with the plugin mounted: its URLs right before Wagtail's catch-all
    (``include(wagtail.urls)``; at the end when there is none) and the Wagtail admin's login and
    password-reset doors (and Django admin's login, when mounted) redirected to allauth. Idempotent;
    returns a new list.

        urlpatterns = lk_urlpatterns(urlpatterns)
    """
    patterns = list(urlpatterns)
    if any(getattr(p, "lk_mounted", False) for p in patterns):
        return patterns
    mount = path("", include("lk_plugin.urls"))
    mount.lk_mounted = True
    catch_all = next((i for i, p in enumerate(patterns) if _urlconf_name(p) == "wagtail.urls"), len(patterns))
    patterns.insert(catch_all, mount)
    for i, p in enumerate(patterns):
        if _urlconf_name(p) == "wagtail.admin.urls":
            patterns[i:i] = _door_patterns(p)
            break
    for i, p in enumerate(patterns):
        if getattr(p, "app_name", None) == "admin" and getattr(p, "namespace", None) == "admin":
            patterns[i:i] = _door_patterns(p, DJANGO_ADMIN_DOORS)
            break
    return patterns
