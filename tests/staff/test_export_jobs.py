"""Staff list exports (applications, appeals) run as background jobs with a progress page."""

import io

import openpyxl
import pytest
from django.urls import reverse

from lk_plugin.core.models import Job, PersonalDataAccessLog
from lk_plugin.notifications.models import Notification
from tests import factories as f
from tests.job_helpers import staff_export

pytestmark = pytest.mark.django_db


def test_staff_export_is_a_job_with_its_own_page(staff_client, staff):
    application = f.application(f.applicant(email="p@example.ru"), status="submitted")
    response = staff_export(staff_client, "/admin/lk_application/", {"export": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert [r[0] for r in rows[1:]] == [application.number]
    job = Job.objects.get(kind="staff_list_export")
    page = staff_client.get(f"/admin/lk-jobs/{job.pk}/").content.decode()
    assert 'role="progressbar"' in page and "lk_plugin/js/jobs.js" in page
    assert Notification.objects.filter(user=staff, event="job_finished").exists()


def test_another_staff_member_cannot_open_the_job(staff_client, staff):
    job = Job.objects.create(kind="staff_list_export", owner=staff, title="Заявки (XLSX)")
    other = f.staff_user(email="other-staff@example.ru")
    staff_client.force_login(other)
    assert staff_client.get(f"/admin/lk-jobs/{job.pk}/").status_code == 404
    assert staff_client.get(reverse("lk_jobs:status", args=[job.pk])).status_code == 404


def test_appeals_export_is_a_job_too_and_is_logged(staff_client, staff):
    appeal = f.appeal()
    response = staff_export(staff_client, "/admin/lk_appeal/", {"export": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert [r[0] for r in rows[1:]] == [appeal.number]
    assert PersonalDataAccessLog.objects.filter(action="export", object_type="lk_appeals.appeal").exists()
