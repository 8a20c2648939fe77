"""Long work in the background (issue 22, defect 7): the personal-data export answers at once, shows
progress without reload, survives a reload, then a notification and an owner-only download; staff
list exports go through the same jobs; jobs never go to a broker the host did not configure."""

import io
import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from lk_plugin.accounts import export_jobs
from lk_plugin.core import broker, jobs
from lk_plugin.core.models import Job
from lk_plugin.notifications.models import Notification
from tests.factories import ApplicantProfileFactory, ApplicationFactory
from tests.helpers import EVENTS
from tests.job_helpers import export_my_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    profile = ApplicantProfileFactory(snils="11223344595")
    user = profile.user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    return user


def _progressbar(html):
    match = re.search(r'<div class="lk-job__bar" role="progressbar"[^>]*aria-valuenow="(\d+)"', html)
    assert match, "no progress bar on the page"
    return int(match.group(1))


def test_the_export_request_answers_at_once_and_the_page_shows_its_progress(client, person):
    response = client.post("/lk/settings/my-data.pdf")  # the after-commit hook is not run: nothing done yet
    assert response.status_code == 302 and response["Location"].endswith("/lk/settings/#my-data")
    job = Job.objects.get(owner=person)
    assert job.status == Job.Status.QUEUED and not job.result
    page = client.get("/lk/settings/").content.decode()
    assert _progressbar(page) == 0
    assert f'data-lk-job="/lk/jobs/{job.pk}/"' in page and 'aria-live="polite"' in page
    assert "Готовим файл" in page  # the message after the click
    status = client.get(f"/lk/jobs/{job.pk}/").json()
    assert status["status"] == "queued" and status["progress"] == 0 and status["download_url"] == ""
    assert client.get(f"/lk/jobs/{job.pk}/download/").status_code == 404


def test_a_second_click_while_it_runs_does_not_start_a_second_job(client, person):
    client.post("/lk/settings/my-data.json")
    client.post("/lk/settings/my-data.json")
    assert Job.objects.filter(owner=person, params__fmt="json").count() == 1
    client.post("/lk/settings/my-data.pdf")
    assert Job.objects.filter(owner=person).count() == 2


def test_a_stale_or_finished_export_does_not_block_a_new_one(client, person, settings):
    """The one-statement start (jobs.start_once) reuses only a job still queued or running: one whose
    process died (no progress for LK_JOB_STALE_SECONDS) or that ended gives way to a new one."""
    import datetime as dt

    client.post("/lk/settings/my-data.json")
    first = Job.objects.get(owner=person)
    Job.objects.filter(pk=first.pk).update(updated_at=first.updated_at - dt.timedelta(hours=1))
    client.post("/lk/settings/my-data.json")
    second = Job.objects.exclude(pk=first.pk).get(owner=person)
    assert second.status == Job.Status.QUEUED and second.params == {"fmt": "json"}
    assert second.title == "Мои данные (JSON)"
    Job.objects.filter(pk=second.pk).update(status=Job.Status.DONE)
    client.post("/lk/settings/my-data.json")
    assert Job.objects.filter(owner=person).count() == 3


def test_the_pdf_quota_is_counted_by_the_job_and_refused_in_russian(client, person, settings):
    """LK_QUOTAS["pdf"] counts the export's PDF where it is rendered: over it, the job ends failed with
    the refusal on the progress card, and no file."""
    from django.core.cache import cache

    cache.clear()
    settings.LK_QUOTAS = {"pdf": (1, 3600)}
    export_my_data(client, "pdf")  # the first one is within the quota
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/lk/settings/my-data.pdf")
    job = Job.objects.filter(owner=person).latest("created_at")
    assert job.status == Job.Status.FAILED and not job.result
    assert "Слишком много действий подряд" in job.message
    status = client.get(f"/lk/jobs/{job.pk}/").json()
    assert status["status"] == "failed" and "Слишком много действий подряд" in status["message"]
    cache.clear()


def test_a_finished_export_is_downloadable_after_a_reload_and_notified(client, person):
    response = export_my_data(client, "json")
    assert (
        response["Content-Disposition"].startswith("attachment")
        and response["X-Content-Type-Options"] == "nosniff"
    )
    assert json.loads(response.content)["profile"]["snils"] == "11223344595"
    job = Job.objects.get(owner=person)
    page = client.get("/lk/settings/").content.decode()
    assert _progressbar(page) == 100 and f"/lk/jobs/{job.pk}/download/" in page
    status = client.get(f"/lk/jobs/{job.pk}/").json()
    assert status == {**status, "status": "done", "progress": 100, "finished": True}
    assert status["download_url"] == f"/lk/jobs/{job.pk}/download/"
    notification = Notification.objects.get(user=person, event="job_finished")
    assert "Выгрузка готова" in notification.title and notification.url == "/lk/settings/#my-data"


def test_only_the_owner_sees_the_job_and_its_file(client, person):
    export_my_data(client, "json")
    job = Job.objects.get(owner=person)
    other = ApplicantProfileFactory().user
    client.force_login(other)
    assert client.get(f"/lk/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/lk/jobs/{job.pk}/download/").status_code == 404
    assert f"/lk/jobs/{job.pk}/" not in client.get("/lk/settings/").content.decode()
    client.logout()
    anonymous = client.get(f"/lk/jobs/{job.pk}/download/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_pdf_shows_dates_as_people_read_them(client, person):
    ApplicationFactory(owner=person, number="77ТП/ФЛ/НП/До 15/ЛК")
    pdf = export_my_data(client, "pdf")
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert re.search(r"Сформировано: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text), "raw ISO timestamps in the PDF"


def test_human_dates_are_moscow_time():
    from lk_plugin.core.personal_data import human_date

    assert human_date("2026-12-06T10:05:00+00:00") == "06.12.2026 13:05"
    assert human_date("2026-12-06T10:05:00.123456+00:00", utc=True) == "06.12.2026 10:05"
    assert human_date("2026-12-31") == "31.12.2026"
    assert human_date("77ТП/ФЛ") is None and human_date("2026-13-40") is None


def test_a_failed_job_says_so_and_offers_no_file(
    client, person, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(user, data):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export_jobs, "render_json", lambda data: broken(None, data))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/lk/settings/my-data.json")
    job = Job.objects.get(owner=person)
    status = client.get(f"/lk/jobs/{job.pk}/").json()
    assert status["status"] == "failed" and status["download_url"] == ""
    assert "Не удалось выполнить задачу" in status["message"] and "disk on fire" not in status["message"]
    assert "disk on fire" in Job.objects.get().error  # for the logs, not for the person


def test_a_job_runs_once_even_if_delivered_twice(person):
    job = jobs.start(kind=export_jobs.KIND, owner=person, params={"fmt": "json"}, title="x")
    assert jobs.run(job.pk).status == Job.Status.DONE
    assert jobs.run(job.pk) is None


def test_progress_is_written_per_whole_percent(person, django_assert_num_queries):
    job = Job.objects.create(kind=export_jobs.KIND, owner=person, status=Job.Status.RUNNING)
    progress = jobs._Progress(job)
    with django_assert_num_queries(2):
        for done in range(1, 201):  # 200 rows → 1 % and 2 %: two UPDATEs, not 200
            progress(done, 10_000)
    job.refresh_from_db()
    assert job.progress == 2


def test_no_broker_configured_means_the_job_runs_in_this_process(person, settings, monkeypatch):
    """The same rule as mail: never publish to a broker the host did not configure (a RabbitMQ on
    localhost would accept the task and nobody would ever run it). Either way the request does not
    wait: without a broker the work happens in a background thread, with one the publish happens
    after the response."""
    from celery import current_app

    from lk_plugin.core import tasks

    settings.LK_JOBS_BACKEND = "auto"
    started, published, ran = [], [], []
    monkeypatch.setattr(jobs.threading, "Thread", lambda **kw: started.append(kw["args"]) or _Noop())
    monkeypatch.setattr(tasks.run_job, "delay", lambda job_id: published.append(job_id))
    monkeypatch.setattr(jobs, "run", lambda job_id: ran.append(job_id))
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setitem(current_app.conf, "broker_url", None)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    assert broker.broker_configured() is False
    jobs.dispatch("job-1")
    assert started == [("job-1",)] and published == [] and ran == []  # nothing in the request

    monkeypatch.setitem(current_app.conf, "broker_url", "redis://127.0.0.1:6379/0")
    assert broker.broker_configured() is True
    jobs.dispatch("job-2")  # no request in progress (a worker, a command): published at once
    assert published == ["job-2"] and started == [("job-1",)]

    def broker_down(job_id):
        raise ConnectionError("refused")

    monkeypatch.setattr(tasks.run_job, "delay", broker_down)
    jobs.dispatch("job-3")  # the broker is down: the work is done here, in a thread
    assert started[-1] == ("job-3",) and ran == []

    # dev: eager tasks would run the job inside the request
    monkeypatch.setitem(current_app.conf, "task_always_eager", True)
    assert broker.broker_configured() is False


@pytest.mark.django_db(transaction=True)  # on_commit runs inside the request, as in production
def test_the_job_is_published_after_the_response_is_sent(person, settings, monkeypatch, client):
    """The broker round trip is not part of the request: the export answers first and the job is
    published when the server closes the response (once per click)."""
    from celery import current_app

    from lk_plugin.core import tasks

    settings.LK_JOBS_BACKEND = "auto"
    settings.MIDDLEWARE = ["tests.helpers.ResponseMarker", *settings.MIDDLEWARE]
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setitem(current_app.conf, "broker_url", "redis://127.0.0.1:6379/0")
    EVENTS.clear()
    monkeypatch.setattr(tasks.run_job, "delay", lambda job_id: EVENTS.append(("published", job_id)))
    client.force_login(person)
    response = client.post(reverse("lk_accounts:data_export", args=["json"]))
    assert response.status_code == 302
    job = Job.objects.get(owner=person)
    assert [("response built", None), ("published", str(job.pk))] == EVENTS


class _Noop:
    def start(self):
        pass


def test_the_export_pdf_gets_the_job_time_limit_not_the_request_one(person, settings, monkeypatch):
    """A request's PDF is cut at LK_PDF_TIME_LIMIT; a 500-application export needs more and runs in a
    job (a Celery prefork worker applies the same SIGALRM limit)."""
    from lk_plugin.core import pdf, personal_data

    settings.LK_PDF_TIME_LIMIT = 1
    settings.LK_JOB_PDF_TIME_LIMIT = 600
    seen = []
    real = pdf.time_limit
    monkeypatch.setattr(pdf, "time_limit", lambda seconds: seen.append(seconds) or real(0))
    export_jobs.render_pdf(person, personal_data.collect(person))
    pdf.render_html_pdf("<p>x</p>")
    assert seen == [600, 1]
