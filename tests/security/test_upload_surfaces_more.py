"""The hostile uploads of test_uploads.py on the surfaces it did not reach: the ТП wizard's draft
documents, the API's draft documents and the guest appeal page — each refused with a Russian message
and nothing stored (no rows, no files in private storage)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Site

from lk_plugin.appeals.models import Appeal, AppealAttachment, AppealTopic
from lk_plugin.applications.models import ApplicationDocument
from tests.helpers import ApiClient, fill_tp_draft
from tests.security.test_uploads import BAD

pytestmark = pytest.mark.django_db


def _files_on_disk(settings):
    root = Path(settings.LK_PRIVATE_STORAGE_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def guest_appeal_page(db):
    from lk_plugin.contrib.pages.models import AppealFormPage

    root = Site.objects.get(is_default_site=True).root_page
    page = AppealFormPage(title="Обращение", slug="obrashchenie-upl")
    root.add_child(instance=page)
    return page


@pytest.mark.parametrize("case", BAD)
def test_wizard_draft_documents_refuse_hostile_files(client, tp_page, applicant, settings, case):  # noqa: F811
    application = fill_tp_draft(tp_page, applicant, with_documents=False)
    before = set(_files_on_disk(settings))
    client.force_login(applicant)
    name, content = BAD[case]
    from django.urls import reverse

    url = reverse("lk_applications:form", args=[application.pk])
    response = client.post(
        url, {"step": "5", "action": "upload", "doc_passport": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert "Файл" in response.content.decode() or "файл" in response.content.decode()
    assert not ApplicationDocument.objects.filter(application=application).exists()
    assert set(_files_on_disk(settings)) == before


@pytest.mark.parametrize("case", BAD)
def test_api_draft_documents_refuse_hostile_files(client, tp_page, applicant, settings, case):  # noqa: F811
    client.force_login(applicant)
    api = ApiClient(client)
    draft_id = api.post("/drafts/", {"form_id": tp_page.pk}).json()["id"]
    name, content = BAD[case]
    response = api.post(
        f"/drafts/{draft_id}/documents/",
        {"slot": "passport", "file": SimpleUploadedFile(name, content)},
        multipart=True,
    )
    assert response.status_code == 400 and response.json()["errors"]["file"]
    assert not ApplicationDocument.objects.exists() and _files_on_disk(settings) == []


@pytest.mark.parametrize("case", BAD)
def test_guest_appeal_page_refuses_hostile_files(client, guest_appeal_page, settings, case):
    name, content = BAD[case]
    data = {
        "name": "Гость",
        "email": "guest@example.ru",
        "topic": AppealTopic.objects.filter(is_active=True).first().pk,
        "text": "Прошу проверить",
        "captcha_0": "x",
        "captcha_1": "PASSED",
        "files": [SimpleUploadedFile(name, content)],
    }
    response = client.post(guest_appeal_page.url, data)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "Файл" in html or "файл" in html
    assert "Прошу проверить" in html  # what was typed is kept
    assert not Appeal.objects.exists() and not AppealAttachment.objects.exists()
    assert _files_on_disk(settings) == []
