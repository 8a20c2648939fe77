"""lk_urlpatterns: the plugin before Wagtail's catch-all, the admin doors redirected, under any prefix."""

from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from lk_plugin.urls import lk_urlpatterns


def routes(patterns):
    return [str(p.pattern) for p in patterns]


def test_mounts_before_the_catch_all_and_redirects_the_doors_of_both_admins():
    stock = [
        # The shape of admin.site.urls (django.contrib.admin is not installed here).
        path("django-admin/", include(([path("login/", lambda r: None)], "admin"), namespace="admin")),
        path("cms/", include(wagtailadmin_urls)),
        path("search/", lambda r: None),
        path("", include(wagtail_urls)),
    ]
    patterns = lk_urlpatterns(stock)
    names = routes(patterns)
    assert names[-1] == "" and patterns[-1].urlconf_name is wagtail_urls
    assert getattr(patterns[-2], "lk_mounted", False)
    assert names.index(r"^cms/login/$") < names.index("cms/")
    assert names.index(r"^cms/password_reset/") < names.index("cms/")
    assert names.index(r"^django\-admin/login/$") < names.index("django-admin/")
    assert lk_urlpatterns(patterns) == patterns  # idempotent


def test_regex_admin_prefix_and_no_catch_all():
    patterns = lk_urlpatterns([re_path(r"^admin/", include(wagtailadmin_urls))])
    assert routes(patterns)[:2] == [r"^admin/login/$", r"^admin/password_reset/"]
    assert getattr(patterns[-1], "lk_mounted", False)


def test_doors_redirect_on_the_demo_host(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/admin/pages/"
    response = client.get("/admin/password_reset/confirm/abc/def/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/reset/")
