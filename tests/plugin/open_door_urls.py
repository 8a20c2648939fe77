"""A host that mounted the plugin by hand after the Wagtail admin (its login door stays open)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("lk_plugin.urls")),
    path("", include(wagtail_urls)),
]
