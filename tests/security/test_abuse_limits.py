"""Limits on actions that cost the utility: АСКУЭ logins through the cabinet, PDF rendering, chat
posts (each mails every specialist), drafts and uploads per person (LK_ASKUE_LIMITS, LK_QUOTAS)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lk_plugin.core.models import Job
from lk_plugin.metering.askue import DemoAskueBackend
from lk_plugin.metering.models import AskueCredentials
from tests.factories import applicant

pytestmark = pytest.mark.django_db
LIMITED = "Слишком много попыток подключения к АСКУЭ"
QUOTA = "Слишком много действий подряд"


class CountingAskue(DemoAskueBackend):
    """The demo АСКУЭ (login 770012345678, any password; other logins are refused), counting calls."""

    calls = 0

    def fetch_latest(self, account):
        type(self).calls += 1
        return super().fetch_latest(account)


@pytest.fixture
def askue(settings):
    settings.LK_ASKUE_BACKEND = f"{__name__}.CountingAskue"
    CountingAskue.calls = 0
    return CountingAskue


def _connect(client, login, ip="198.51.100.20"):
    data = {"action": "save", "login": login, "password": "secret"}
    return client.post(reverse("lk_metering:askue"), data, REMOTE_ADDR=ip).content.decode()


def test_askue_locks_after_repeated_failures_without_calling_it(client, askue):
    person = applicant("guesser@example.ru")
    client.force_login(person)
    for n in range(5):
        assert "не приняла идентификатор или пароль" in _connect(client, f"guess-{n}")
    assert askue.calls == 5
    # Locked: even the right login is not tried; the message does not say which part was wrong.
    html = _connect(client, "770012345678")
    assert LIMITED in html and askue.calls == 5
    # Another person is not affected.
    client.force_login(applicant("owner@example.ru"))
    assert LIMITED not in _connect(client, "770012345678", ip="192.0.2.5")
    assert askue.calls == 6


def test_askue_attempts_are_limited_per_ip_across_people(client, askue, settings):
    settings.LK_ASKUE_LIMITS = {"per_ip": 3}
    for n in range(3):
        client.force_login(applicant(f"p{n}@example.ru"))
        assert LIMITED not in _connect(client, f"guess-{n}", ip="203.0.113.50")
    client.force_login(applicant("p9@example.ru"))
    assert LIMITED in _connect(client, "770012345678", ip="203.0.113.50")
    assert askue.calls == 3
    assert LIMITED not in _connect(client, "770012345678", ip="203.0.113.51")


def test_askue_attempts_are_limited_per_person(client, askue, settings):
    settings.LK_ASKUE_LIMITS = {"per_user": 2}
    client.force_login(applicant())
    for ip in ("192.0.2.1", "192.0.2.2"):
        assert LIMITED not in _connect(client, "770012345678", ip=ip)
    assert LIMITED in _connect(client, "770012345678", ip="192.0.2.3")
    assert askue.calls == 2
    assert AskueCredentials.objects.count() == 1


# --- quotas ---


def test_chat_posts_are_limited_per_person_with_a_russian_message(client, settings):
    settings.LK_QUOTAS = {"chat_message": (2, 3600)}
    client.force_login(applicant())
    url = reverse("lk_messaging:new")
    for n in range(2):
        assert client.post(url, {"subject": f"Вопрос {n}", "text": "Текст"}).status_code == 302
    response = client.post(url, {"subject": "Вопрос 3", "text": "Текст, который не теряется"})
    html = response.content.decode()
    assert QUOTA in html and "Текст, который не теряется" in html
    from lk_plugin.messaging.models import Message

    assert Message.objects.count() == 2


def test_chat_quota_answers_429_in_the_api(client, settings):
    settings.LK_QUOTAS = {"chat_message": (1, 3600)}
    client.force_login(applicant())
    url = "/api/lk/v1/threads/"
    first = client.post(url, {"subject": "Вопрос", "text": "Текст"})
    assert first.status_code == 201, first.content
    response = client.post(url, {"subject": "Вопрос", "text": "Ещё"})
    assert response.status_code == 429
    assert response.json()["code"] == "quota_exceeded" and QUOTA in response.json()["detail"]


def test_profile_uploads_are_limited_per_person(client, settings):
    settings.LK_QUOTAS = {"upload": (1, 86400)}
    client.force_login(applicant())
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    url = reverse("lk_accounts:document_upload")
    for n, expected in ((1, 302), (2, 400)):
        upload = SimpleUploadedFile(f"doc{n}.pdf", pdf, content_type="application/pdf")
        response = client.post(url, {"kind": "passport", "title": "", "file": upload})
        assert response.status_code == expected
    assert QUOTA in response.content.decode()


def test_drafts_are_limited_per_person(client, tp_page, settings):  # noqa: F811
    from tests.factories import make_applicant

    settings.LK_QUOTAS = {"draft": (2, 86400)}
    person = make_applicant()
    client.force_login(person)
    for _ in range(2):
        assert "/lk/applications/" in client.post(tp_page.url)["Location"]
    response = client.post(tp_page.url, follow=True)
    assert QUOTA in response.content.decode()
    from lk_plugin.applications.models import Application

    assert Application.objects.filter(owner=person).count() == 2


def test_defaults_are_set():
    from lk_plugin.app_settings import app_settings

    assert set(app_settings.QUOTAS) >= {"pdf", "chat_message", "draft", "upload"}
    assert all(limit > 0 and seconds > 0 for limit, seconds in app_settings.QUOTAS.values())


def test_pdf_rendering_is_limited_per_person(client, settings, django_capture_on_commit_callbacks):
    """The export's PDF is counted where it is rendered, in its job: with none left the job ends with
    the refusal before any rendering, and there is no file."""
    from lk_plugin.core import pdf

    settings.LK_QUOTAS = {"pdf": (0, 3600)}  # none left
    client.force_login(applicant())
    rendered = []
    original = pdf.render_html_pdf
    pdf.render_html_pdf = lambda *args, **kwargs: rendered.append(1) or original(*args, **kwargs)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("lk_accounts:data_export", args=["pdf"]))
    finally:
        pdf.render_html_pdf = original
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and not job.result and rendered == []
    assert QUOTA in job.message
    assert QUOTA in client.get(reverse("lk_jobs:status", args=[job.pk])).json()["message"]
