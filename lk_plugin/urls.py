"""Everything the plugin serves; a host adds ``path("", include("lk_plugin.urls"))`` before Wagtail's."""

from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("captcha/", include("captcha.urls")),
    path("lk/meters/", include("lk_plugin.metering.urls")),
    path("lk/", include("lk_plugin.cabinet.urls")),
    path("lk/", include("lk_plugin.accounts.urls")),
    path("outages/", include("lk_plugin.outages.urls")),
    path("lk/applications/", include("lk_plugin.applications.urls")),
]
