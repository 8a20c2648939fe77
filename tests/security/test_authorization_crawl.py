"""Authorization: everything applicant A can reach is refused to applicant B, to an editor and to an
anonymous visitor — found by crawling A's cabinet, not by a hand-written list of URLs.

Rules for a URL A reached (200):
- an *object* URL (a numeric id in the path, e.g. /lk/applications/5/, a file link) answers the
  others 403/404/405 or a redirect to the login page — never 200;
- a URL without an object id (lists, settings, exports of "my data") may answer 200 to another
  signed-in person, but only with their own data: none of A's markers (numbers, file names, email,
  СНИЛС, text) may appear in it;
- anonymous visitors are refused everything except the explicitly public pages below.
Forms found on A's pages that act on an object are replayed as POST by the others (the test client
passes CSRF, so only authorization stands in the way) and A's data must stay unchanged.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile

from lk_plugin.applications.models import Application
from lk_plugin.core.models import Job
from lk_plugin.messaging.models import Message
from lk_plugin.notifications.models import Notification
from tests.factories import (
    AppealAttachmentFactory,
    ApplicantProfileFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    CommentFileFactory,
    MessageAttachmentFactory,
    NotificationFactory,
    StageDocumentFactory,
    ThreadFactory,
)

from .crawler import crawl

pytestmark = pytest.mark.django_db

#: Where the crawl starts: the cabinet pages and the cabinet API's lists (collect_api follows ids).
API = "/api/lk/v1"
SEEDS = [
    "/lk/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    *(
        f"{API}/{path}"
        for path in (
            "profile/",
            "applications/",
            "applications/?tab=drafts",
            "threads/",
            "appeals/",
            "notifications/",
            "meters/",
        )
    ),
]

#: Pages anyone may open (they show nobody's data). Keep this list minimal and explicit.
PUBLIC = [
    r"^/$",
    r"^/accounts/(login|signup|password/reset)/$",
    r"^/lk/consent/[a-z_]+/$",
    r"^/outages/feed\.(ics|rss|json)(\?.*)?$",
    r"^/api/lk/v1/(forms|outages|calculator|appeals/topics)/",
]
#: Kinds of A's objects the crawl must reach, or the test proves nothing.
COVERAGE = [
    r"^/lk/applications/\d+/$",
    r"^/lk/applications/\d+/pdf/$",
    r"^/lk/applications/\d+/stage/\d+/$",
    r"^/lk/applications/\d+/comment-files/\d+/$",
    r"^/lk/applications/\d+/documents/\d+/$",
    r"^/lk/appeals/\d+/$",
    r"^/lk/appeals/\d+/files/\d+/$",
    r"^/lk/messages/\d+/$",
    r"^/lk/messages/\d+/attachments/\d+/$",
    r"^/lk/meters/\d+/$",
    r"^/lk/meters/\d+/export\.",
    r"^/lk/profile/documents/\d+/$",
    r"^/lk/notifications/\d+/$",
    r"^/lk/jobs/[0-9a-f-]{36}/download/$",
    r"^/api/lk/v1/applications/\d+/$",
    r"^/api/lk/v1/applications/\d+/pdf/$",
    r"^/api/lk/v1/applications/\d+/documents/\d+/$",
    r"^/api/lk/v1/applications/\d+/stage-documents/\d+/$",
    r"^/api/lk/v1/applications/\d+/comment-files/\d+/$",
    r"^/api/lk/v1/drafts/\d+/$",
    r"^/api/lk/v1/appeals/\d+/files/\d+/$",
    r"^/api/lk/v1/threads/\d+/files/\d+/$",
    r"^/api/lk/v1/meters/\d+/readings/$",
]
#: Answers that refuse (401: an API without credentials); a redirect to the login page also refuses.
REFUSED = (401, 403, 404, 405)
OBJECT_ID = re.compile(r"/\d+(/|$|\.)")
MARK = "ЗАЯВИТЕЛЬ-А-7731"


def _rich_applicant(demo_user):
    """The demo applicant (applications in several statuses, chat, appeals, meters, profile
    documents, notifications) plus one more of every file-bearing object, named with a marker."""
    a = demo_user
    application = ApplicationFactory(
        owner=a, number="97731ТП/ФЛ/НП/До 15/ЛК", data={"object_address": f"{MARK} ул. Тайная, 7"}
    )
    ApplicationFactory(owner=a, status="draft", number=None)
    ApplicationFactory(owner=a, status="needs_info", number="97732ТП/ФЛ/НП/До 15/ЛК")
    ApplicationDocumentFactory(application=application, original_name=f"{MARK}-egrn.pdf")
    StageDocumentFactory(application=application, original_name=f"{MARK}-tu.pdf")
    CommentFileFactory(
        comment__application=application,
        comment__text=f"{MARK} комментарий",
        original_name=f"{MARK}-comment.pdf",
    )
    AppealAttachmentFactory(
        appeal__owner=a,
        appeal__number="97731/01/ЛК",
        appeal__text=f"{MARK} обращение",
        original_name=f"{MARK}-appeal.pdf",
    )
    thread = ThreadFactory(owner=a, subject=f"{MARK} диалог")
    MessageAttachmentFactory(
        message__thread=thread, message__text=f"{MARK} сообщение", original_name=f"{MARK}-chat.pdf"
    )
    NotificationFactory(user=a, title=f"{MARK} уведомление", url=f"/lk/applications/{application.pk}/")
    export = Job.objects.create(
        kind="personal_data_export", owner=a, title="Мои данные (JSON)", status="done", progress=100
    )
    export.result.save("export.json", ContentFile(f'{{"mark": "{MARK}"}}'.encode()), save=False)
    export.result_name = f"{MARK}.json"
    export.save()
    return a


def _markers(a):
    markers = {MARK, a.email, "11223344595", "112-233-445 95"}
    markers |= {n for n in Application.objects.filter(owner=a).values_list("number", flat=True) if n}
    markers |= {n for n in a.lk_appeals.values_list("number", flat=True) if n}
    return markers


def _snapshot(a):
    return (
        sorted(Application.objects.filter(owner=a).values_list("pk", "status", "version")),
        Message.objects.filter(thread__owner=a).count(),
        sorted(Notification.objects.filter(user=a).values_list("pk", "read_at")),
    )


def _login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)


def _public(url):
    return any(re.match(pattern, url) for pattern in PUBLIC)


@pytest.fixture
def crawled(client, demo_site, monkeypatch):
    from django.contrib.auth import get_user_model

    # Authorization is what is tested here, not PDF layout (tests/security/test_pdf_ssrf.py is).
    monkeypatch.setattr("lk_plugin.core.pdf.render_html_pdf", lambda html, **kwargs: b"%PDF-1.4 stub")

    a = _rich_applicant(get_user_model().objects.get(email="demo@example.ru"))
    client.force_login(a)
    result = crawl(client, SEEDS)
    client.logout()
    reached = sorted(url for url, status in result.urls.items() if status in (200, 302))
    # The crawl really went through A's cabinet: objects and files of every kind were reached.
    for piece in COVERAGE:
        assert any(re.search(piece, url) for url in reached), f"the crawler reached no {piece}: {reached}"
    return a, result, reached


def _actors():
    from django.contrib.auth import get_user_model

    b = ApplicantProfileFactory(user__username="b@example.ru", user__email="b@example.ru").user
    EmailAddress.objects.create(user=b, email=b.email, verified=True, primary=True)
    editor = get_user_model().objects.get(email="editor@example.ru")
    return {"applicant B": b, "editor": editor, "anonymous": None}


def test_nothing_applicant_a_reaches_is_served_to_others(client, crawled):
    """One crawl (the demo data is slow to load), replayed by each of the three other actors."""
    a, result, reached = crawled
    markers = _markers(a)
    before = _snapshot(a)
    leaks = []
    for actor, person in _actors().items():
        client.logout()
        if person is not None:
            client.force_login(person)
        leaks += [f"{actor}: {leak}" for leak in _replay(client, person, result, reached, markers)]
    assert leaks == [], "\n".join(leaks)
    assert _snapshot(a) == before


def _replay(client, person, result, reached, markers):
    leaks = []
    for url in reached:
        response = client.get(url)
        status = response.status_code
        refused = status in REFUSED or _login_redirect(response)
        if refused:
            continue
        if person is None and not _public(url):
            leaks.append(f"GET {url} → {status} (anonymous)")
            continue
        if OBJECT_ID.search(url) and status != 302:
            leaks.append(f"GET {url} → {status} (an object of A)")
            continue
        if status == 302 and OBJECT_ID.search(response["Location"]):
            leaks.append(f"GET {url} → redirect to {response['Location']}")
            continue
        body = response.content.decode("utf-8", "replace") if status == 200 else ""
        shown = sorted(m for m in markers if m in body)
        if shown:
            leaks.append(f"GET {url} shows A's {shown}")
    for form in sorted(result.forms, key=lambda f: f.action):
        if form.method != "post" or not OBJECT_ID.search(form.action):
            continue
        response = client.post(form.action, form.data())
        if not (response.status_code in REFUSED or _login_redirect(response)):
            leaks.append(f"POST {form.action} → {response.status_code}")
    return leaks


def test_crawl_finds_forms_acting_on_objects(crawled):
    _a, result, _reached = crawled
    assert any(form.method == "post" and OBJECT_ID.search(form.action) for form in result.forms)
