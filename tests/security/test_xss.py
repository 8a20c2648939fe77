"""Free text with HTML/script payloads renders escaped everywhere people read it: the cabinet, the
staff admin, emails (HTML part) and PDFs (literal text)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from pypdf import PdfReader

from lk_plugin.notifications.flows import notify
from tests.factories import (
    AppealFactory,
    ApplicantProfileFactory,
    ApplicationFactory,
    CommentFactory,
    MessageFactory,
    NotificationFactory,
    ThreadFactory,
)
from tests.job_helpers import export_my_data

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
RAW = ("<script>alert(", "<img src=x onerror")


def _assert_escaped(html, where):
    for raw in RAW:
        assert raw not in html, f"{where}: {raw!r} rendered as markup"
    assert "&lt;script&gt;" in html, f"{where}: the payload is not shown at all"


def _assert_pages_escape(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_escaped(response.content.decode(), url)


@pytest.fixture
def victim(seeded):
    profile = ApplicantProfileFactory(last_name=PAYLOAD, first_name="Иван")
    user = profile.user
    application = ApplicationFactory(owner=user, data={"object_address": PAYLOAD, "power_kw": "15"})
    CommentFactory(application=application, text=PAYLOAD)
    appeal = AppealFactory(owner=user, text=PAYLOAD)
    thread = ThreadFactory(owner=user, subject=PAYLOAD)
    MessageFactory(thread=thread, text=PAYLOAD)
    NotificationFactory(user=user, title=PAYLOAD, body=PAYLOAD)
    return {"user": user, "profile": profile, "application": application, "appeal": appeal, "thread": thread}


def test_cabinet_pages_escape_applicant_and_staff_text(client, victim):
    client.force_login(victim["user"])
    pages = [
        f"/lk/applications/{victim['application'].pk}/",
        f"/lk/appeals/{victim['appeal'].pk}/",
        f"/lk/messages/{victim['thread'].pk}/",
        "/lk/messages/",
        "/lk/notifications/",
        "/lk/profile/",
    ]
    _assert_pages_escape(client, pages)


def test_staff_admin_escapes_applicant_text(client, victim):
    admin = get_user_model().objects.create_superuser("root@example.ru", "root@example.ru", "x")
    client.force_login(admin)
    pages = [
        f"/admin/lk_application/inspect/{victim['application'].pk}/",
        f"/admin/lk_appeal/inspect/{victim['appeal'].pk}/",
        f"/admin/lk_thread/inspect/{victim['thread'].pk}/",
        f"/admin/lk_applicant/inspect/{victim['profile'].pk}/",
        "/admin/lk_applicant/",
        "/admin/lk_thread/",
    ]
    _assert_pages_escape(client, pages)


def test_email_html_escapes_the_payload(victim, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=victim["user"],
            event="generic",
            context={"title": PAYLOAD, "text": PAYLOAD},
            channels=["email"],
        )
    assert mail.outbox, "no email was sent"
    message = mail.outbox[-1]
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    _assert_escaped(html, "email HTML")
    assert "\n" not in message.subject


def test_personal_data_pdf_shows_the_payload_as_text(client, victim):
    client.force_login(victim["user"])
    response = export_my_data(client, "pdf")
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "<script>alert('xss')</script>" in "".join(text.split("\n"))


def test_imported_outage_text_is_escaped_on_the_public_page_and_feeds(client, seeded):
    """Outage rows come from staff imports (CSV/XLSX): their text reaches anonymous visitors."""
    from tests.outages.helpers import make_outage, schedule_page

    page = schedule_page()
    make_outage(street=f"ул. Ленина {PAYLOAD}", reason=PAYLOAD)
    html = client.get(page.url).content.decode()
    _assert_escaped(html, "outage schedule page")
    rss = client.get("/outages/feed.rss").content.decode()
    for raw in RAW:
        assert raw not in rss
