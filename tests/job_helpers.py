"""Run a background job the way the site does, inside a test: start it, run its after-commit hook."""

from django.http import HttpResponse
from django.test import TestCase
from django.urls import reverse

from lk_plugin.core.models import Job


def export_my_data(client, fmt):
    """POST «Скачать …» on the settings page, let the job run, download its file (the response)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(f"/lk/settings/my-data.{fmt}")
    assert started.status_code == 302, started
    job = Job.objects.filter(kind="personal_data_export", params__fmt=fmt).latest("created_at")
    assert job.status == Job.Status.DONE, (job.status, job.error)
    response = client.get(reverse("lk_jobs:download", args=[job.pk]))
    # A FileResponse streams; the tests read the whole file like a plain response.
    body = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    for header, value in response.items():
        body[header] = value
    return body


def staff_export(client, url, params):
    """«Скачать XLSX/CSV» in a staff list: the request opens the job's admin page; the job runs
    after commit; the file comes from the job's download link."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.get(url, params)
    assert started.status_code == 302 and "/admin/lk-jobs/" in started["Location"], started
    job = Job.objects.filter(kind="staff_list_export").latest("created_at")
    assert job.status == Job.Status.DONE, (job.status, job.error)
    page = client.get(started["Location"])
    assert page.status_code == 200
    assert reverse("lk_jobs:download", args=[job.pk]) in page.content.decode()
    return client.get(reverse("lk_jobs:download", args=[job.pk]))
