"""In a real browser: «Скачать мои данные» answers at once, the progress bar moves without a reload,
survives a reload, and ends with a download link (issue 22, defect 7)."""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.test import Client

pytestmark = pytest.mark.e2e


def _login(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}],
    )


def test_applicant_watches_the_export_progress_and_downloads_the_file(
    live_server, page, settings, monkeypatch
):
    from lk_plugin.accounts import export_jobs
    from tests.factories import ApplicantProfileFactory

    settings.LK_JOBS_BACKEND = "thread"  # as on a site without a Celery broker
    user = ApplicantProfileFactory(snils="11223344595").user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    # The job pauses after collecting the data until the test has seen the bar move: progress is
    # observed, not timed.
    release = threading.Event()
    render_json = export_jobs.render_json

    def paused_render(data):
        assert release.wait(60), "the test never saw the progress"
        return render_json(data)

    monkeypatch.setattr(export_jobs, "render_json", paused_render)

    _login(page.context, live_server, user)
    page.goto(live_server.url + "/lk/settings/")
    page.get_by_role("button", name="Скачать JSON").click()
    page.wait_for_url("**/lk/settings/#my-data")
    bar = page.get_by_role("progressbar", name="Мои данные (JSON)")
    assert bar.is_visible()

    # Collecting the sections moves the bar to 90 % without a reload; the message is a live region.
    page.wait_for_function(
        "() => Number(document.querySelector('[role=progressbar]').getAttribute('aria-valuenow')) >= 90"
    )
    assert "Собираем сведения" in page.locator("[aria-live=polite]").inner_text()
    download = page.get_by_role("link", name="Скачать")
    assert download.is_hidden()

    # A reload keeps the job and its progress.
    page.reload()
    assert int(page.get_by_role("progressbar").get_attribute("aria-valuenow")) >= 90

    release.set()
    download.wait_for(state="visible")
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "100"
    assert "Файл готов" in page.locator("[aria-live=polite]").inner_text()
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.startswith("my-data-") and info.value.suggested_filename.endswith(
        ".json"
    )
