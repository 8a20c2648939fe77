"""«PDF заявок (ZIP)» in the staff queue: a background job with the export's progress page and download."""

import io
import zipfile

import pytest
from django.test import TestCase
from django.urls import reverse

from lk_plugin.core.models import Job, PersonalDataAccessLog
from lk_plugin.notifications.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db

QUEUE = "/admin/lk_application/"
START = "/admin/lk_application/pdf-zip/"


def start_bulk_pdf(client, data):
    """Post the queue's form; the job runs after commit, like on the site without a broker."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(START, data)


def download(client, job):
    response = client.get(reverse("lk_jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_queue_offers_a_checkbox_per_application_and_the_zip_form(staff_client):
    application = f.application(number="7001ТП/ФЛ/НП/До 15/ЛК")
    page = staff_client.get(QUEUE).content.decode()
    assert 'id="lk-bulk-pdf"' in page and 'action="/admin/lk_application/pdf-zip/"' in page
    assert f'name="ids" value="{application.pk}" form="lk-bulk-pdf"' in page
    assert "Отметить заявку 7001ТП/ФЛ/НП/До 15/ЛК" in page


def test_ticked_applications_come_as_one_zip_of_pdfs(staff_client, staff):
    first = f.application(number="7101ТП/ФЛ/НП/До 15/ЛК")
    second = f.application(number="7102ТП/ФЛ/НП/До 15/ЛК")
    f.application(number="7103ТП/ФЛ/НП/До 15/ЛК")  # not ticked
    started = start_bulk_pdf(staff_client, {"scope": "selected", "ids": [first.pk, second.pk]})
    job = Job.objects.get(kind="staff_application_pdfs")
    assert started.status_code == 302 and started["Location"] == f"/admin/lk-jobs/{job.pk}/"
    assert job.status == Job.Status.DONE, job.error
    page = staff_client.get(started["Location"]).content.decode()
    assert 'role="progressbar"' in page and reverse("lk_jobs:download", args=[job.pk]) in page
    archive = download(staff_client, job)
    assert sorted(archive.namelist()) == [
        "Заявка 7101ТП-ФЛ-НП-До 15-ЛК.pdf",
        "Заявка 7102ТП-ФЛ-НП-До 15-ЛК.pdf",
    ]
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())
    assert Notification.objects.filter(user=staff, event="job_finished").exists()
    logged = PersonalDataAccessLog.objects.filter(
        user=staff, action="export", object_type="lk_applications.application"
    )
    assert sorted(logged.values_list("object_id", flat=True)) == sorted([str(first.pk), str(second.pk)])


def test_all_by_filter_takes_what_the_list_shows(staff_client):
    f.application(number="7201ТП/ФЛ/НП/До 15/ЛК", status="submitted")
    f.application(number="7202ТП/ФЛ/НП/До 15/ЛК", status="in_progress")
    f.application(number="7203ТП/ФЛ/НП/До 15/ЛК", status="draft")
    start_bulk_pdf(staff_client, {"scope": "filter", "query": "status=in_progress"})
    job = Job.objects.get(kind="staff_application_pdfs")
    assert download(staff_client, job).namelist() == ["Заявка 7202ТП-ФЛ-НП-До 15-ЛК.pdf"]


def test_more_than_the_cap_is_refused_with_a_russian_message(staff_client, settings):
    settings.LK_BULK_PDF_MAX = 2
    ids = [f.application().pk for _ in range(3)]
    response = staff_client.post(START, {"scope": "selected", "ids": ids}, follow=True)
    assert "За один раз можно скачать PDF не более 2 заявок" in response.content.decode()
    assert not Job.objects.exists()


def test_nothing_ticked_says_what_to_do(staff_client):
    f.application()
    response = staff_client.post(START, {"scope": "selected"}, follow=True)
    assert "Отметьте заявки, PDF которых нужно скачать" in response.content.decode()
    assert not Job.objects.exists()


def test_drafts_are_never_packed(staff_client):
    draft = f.application(status="draft", number="7301ТП/ФЛ/НП/До 15/ЛК")
    response = staff_client.post(START, {"scope": "selected", "ids": [draft.pk]}, follow=True)
    assert "Отметьте заявки" in response.content.decode()
    assert not Job.objects.exists()


def test_another_staff_member_and_the_applicant_get_404_for_the_zip(staff_client, client):
    application = f.application()
    start_bulk_pdf(staff_client, {"scope": "selected", "ids": [application.pk]})
    job = Job.objects.get(kind="staff_application_pdfs")
    url = reverse("lk_jobs:download", args=[job.pk])
    client.force_login(f.staff_user(email="other-staff@example.ru"))
    assert client.get(url).status_code == 404
    assert client.get(f"/admin/lk-jobs/{job.pk}/").status_code == 404
    client.force_login(application.owner)
    assert client.get(url).status_code == 404


def test_staff_without_the_application_permission_cannot_start_it(client):
    application = f.application()
    client.force_login(f.editor_user("editor-pdf@example.ru"))
    response = client.post(START, {"scope": "selected", "ids": [application.pk]})
    assert response.status_code in (302, 403)
    assert not Job.objects.exists()
    assert not PersonalDataAccessLog.objects.filter(action="export").exists()
