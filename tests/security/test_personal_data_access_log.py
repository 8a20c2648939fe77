"""Personal-data access log: crawling the admin as staff, every page of the plugin that shows
someone's personal data (lists, searches, exports, inspect/edit/review pages of applications, appeals,
applicants, dialogs, meters, readings, the consent journal, outage subscriptions) wrote a row."""

from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from lk_plugin.core.models import PersonalDataAccessLog
from lk_plugin.notifications import outbox
from tests import factories as f
from tests.security.crawler import _HTMLCollector
from tests.security.staff_data import populate

#: Admin sections of the plugin that hold people's data (URL namespaces).
PERSONAL_DATA_SECTIONS = {
    "lk_application",
    "lk_appeal",
    "lk_applicant",
    "lk_thread",
    "lk_meters",
    "lk_readings",
    "lk_consent_records",
    "lk_outage_subscriptions",
    "lk_outbox",
}
#: Views of those sections that show the data (history/usage/delete confirmations do not).
READ_VIEWS = {"index", "index_results", "inspect", "edit"}


def _links(html):
    collector = _HTMLCollector()
    collector.feed(html)
    return collector.links


def _section_view(url):
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None, None
    return match.namespace, match.url_name


@pytest.mark.django_db
def test_every_personal_data_page_of_the_admin_writes_a_log_row(client):
    data = populate("Петров")
    outbox.enqueue_email(to="victim@example.ru", event="test", context={"title": "Т", "text": "x"})
    staff = f.user("root@example.ru", is_staff=True, is_superuser=True)
    client.force_login(staff)
    queue = [reverse(f"{section}:index") for section in sorted(PERSONAL_DATA_SECTIONS)]
    # The applicant list links no inspect page (specialists reach it from an application).
    queue.append(reverse("lk_applicant:inspect", args=[data["person"].lk_profile.pk]))
    seen, checked, missing = set(queue), [], []
    while queue:
        url = queue.pop(0)
        section, view = _section_view(url)
        before = PersonalDataAccessLog.objects.count()
        response = client.get(url)
        if response.status_code != 200:
            continue
        if section in PERSONAL_DATA_SECTIONS and view in READ_VIEWS:
            checked.append(url)
            if not PersonalDataAccessLog.objects.filter(user=staff).count() > before:
                missing.append(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for link in _links(html):
            link = urldefrag(link)[0]
            if not link.startswith("/admin/") or link in seen:
                continue
            section, view = _section_view(link)
            if section in PERSONAL_DATA_SECTIONS:
                seen.add(link)
                queue.append(link)
    # Exports and searches are reads too.
    for section in (
        "lk_application",
        "lk_appeal",
        "lk_applicant",
        "lk_meters",
        "lk_readings",
        "lk_consent_records",
    ):
        for params in ({"export": "csv"}, {"export": "xlsx"}, {"q": "112-233-445 95"}):
            before = PersonalDataAccessLog.objects.count()
            response = client.get(reverse(f"{section}:index"), params)
            # Large lists export through a background job: the request opens the job's page.
            assert response.status_code == 200 or (
                "export" in params and "/admin/lk-jobs/" in response.get("Location", "")
            ), (section, params, response.status_code)
            checked.append(f"{section} {params}")
            if PersonalDataAccessLog.objects.count() == before:
                missing.append(f"{section} {params}")
    assert missing == []
    # The crawl reached each kind of page: lists and object pages of every section.
    views = {_section_view(u) for u in checked if u.startswith("/")}
    for section in PERSONAL_DATA_SECTIONS:
        assert (section, "index") in views
    for section in (
        "lk_application",
        "lk_appeal",
        "lk_applicant",
        "lk_thread",
        "lk_consent_records",
        "lk_outbox",
    ):
        assert (section, "inspect") in views, section
    for section in ("lk_meters", "lk_readings"):
        assert (section, "edit") in views, section


@pytest.mark.django_db
def test_object_pages_name_the_person_and_exports_say_export(client):
    data = populate("Петров")
    staff = f.user("root@example.ru", is_staff=True, is_superuser=True)
    client.force_login(staff)
    client.get(reverse("lk_readings:edit", args=[data["reading"].pk]))
    row = PersonalDataAccessLog.objects.get()
    assert row.subject == data["person"] and row.object_type == "lk_metering.reading"
    client.get(reverse("lk_appeal:index"), {"export": "xlsx"})
    row = PersonalDataAccessLog.objects.latest("pk")
    assert row.action == PersonalDataAccessLog.Action.EXPORT and "export=xlsx" in row.object_repr
