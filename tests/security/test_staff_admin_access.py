"""Every admin URL of the «Личный кабинет» group — enumerated from the URL resolver, not by hand —
is refused to applicants, to Wagtail editors and to anonymous visitors (GET, export and POST)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver

from lk_plugin.staff.viewsets import LKStaffViewSetGroup

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix="", chain=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = (pattern.namespace,) if pattern.namespace else ()
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), chain + namespace)
        else:
            yield prefix + str(pattern.pattern), chain


def staff_admin_urls():
    """(route, model) of every admin URL that belongs to a viewset of the «Личный кабинет» group."""
    models = {vs.url_namespace: getattr(vs, "model", None) for vs in LKStaffViewSetGroup().registerables}
    return [
        (route, models[chain[-1]])
        for route, chain in _walk(get_resolver().url_patterns)
        if route.startswith("admin/") and chain and chain[-1] in models
    ]


def _real_files():
    """{model: (parent pk, kind, file pk)} of a file that exists, one per viewset with downloads."""
    from lk_plugin.appeals.models import Appeal
    from lk_plugin.applications.models import Application
    from lk_plugin.messaging.models import Thread
    from tests.factories import (
        AppealAttachmentFactory,
        ApplicationDocumentFactory,
        MessageAttachmentFactory,
        MessageFactory,
    )

    application = Application.objects.submitted().order_by("pk").first()
    appeal = Appeal.objects.order_by("pk").first()
    thread = Thread.objects.order_by("pk").first()
    document = ApplicationDocumentFactory(application=application)
    attachment = AppealAttachmentFactory(appeal=appeal)
    message_file = MessageAttachmentFactory(message=MessageFactory(thread=thread, author=thread.owner))
    return {
        Application: (application.pk, "document", document.pk),
        Appeal: (appeal.pk, "attachment", attachment.pk),
        Thread: (thread.pk, "message", message_file.pk),
    }


def _concrete(route, model, files=None):
    """A real URL for *route*: ids of existing rows, a real file for downloads; list views also as
    exports."""
    if "download/" in route:
        parent, kind, file_pk = (files or {})[model]
        url = "/" + route.replace("<int:pk>", str(parent)).replace("<str:kind>", kind)
        return [re.sub(r"<int:file_pk>", str(file_pk), url)]
    obj = model.objects.order_by("pk").first() if model else None
    pk = obj.pk if obj else 1
    url = "/" + re.sub(r"<(?:int|str):pk>", str(pk), route)  # Wagtail 7.0 viewsets use <str:pk>
    url = re.sub(r"<str:kind>", "document", url)
    url = re.sub(r"<int:\w+>", "1", url)
    assert "<" not in url, f"unknown converter in {route}"
    urls = [url]
    if route.endswith(("/", "results/")) and "<" not in route:
        urls += [url + "?export=csv", url + "?export=xlsx"]
    return urls


@pytest.fixture
def admin_urls(demo_site):
    files = _real_files()
    urls = [url for route, model in staff_admin_urls() for url in _concrete(route, model, files)]
    assert len(urls) > 50  # the group's index, inspect, history, edit, delete, export and download views
    return urls


def _refused(response):
    if response.status_code in (403, 404, 405):
        return True
    location = response.get("Location", "") if response.status_code == 302 else ""
    # Wagtail sends people without admin access to the login page, editors to the dashboard.
    return location.startswith(settings.LOGIN_URL) or location == "/admin/"


def test_the_urls_are_real_for_a_superuser(client, admin_urls):
    client.force_login(get_user_model().objects.get(email="admin@example.ru"))
    missing = [url for url in admin_urls if client.get(url).status_code == 404]
    assert missing == []
    downloads = [url for url in admin_urls if "/download/" in url]
    assert len(downloads) == 3
    for url in downloads:  # the allowed case really serves the file
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("who", ["demo@example.ru", "editor@example.ru", None])
def test_applicants_editors_and_anonymous_are_refused(client, admin_urls, who):
    if who:
        client.force_login(get_user_model().objects.get(email=who))
    served = []
    for url in admin_urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            # A download refused as 404 would prove nothing: the file exists.
            if not _refused(response) or ("/download/" in url and response.status_code == 404):
                served.append(
                    f"{method.upper()} {url} → {response.status_code} {response.get('Location', '')}"
                )
    assert served == []
