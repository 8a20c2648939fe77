"""Everything the plugin serves; a host adds ``path("", include("lk_plugin.urls"))`` before Wagtail's."""

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
    path("lk/jobs/", include("lk_plugin.core.urls")),
]
