"""A long export's progress as people see it, at 1280 and 390 px: the staff XLSX export's job page in
the admin and «Скачать мои данные» in the cabinet, while the job runs. The bar, its text and the
page fit the narrow screen (nothing wider than the viewport). With LK_SCREENSHOT_DIR set, the test
also saves the screenshots (issue 22: the closing note describes them)."""

import os
import threading
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.test import Client

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": (1280, 800), "mobile": (390, 844)}


def _login(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _look(page, name):
    """At each width: the bar is on screen, says how far the job is, and nothing overflows."""
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        bar = page.get_by_role("progressbar").first
        bar.evaluate("e => e.closest('.lk-job').scrollIntoView({block: 'center'})")
        box = bar.bounding_box()
        assert box is not None and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= width, (
            box
        )
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px wider than the screen"
        folder = os.environ.get("LK_SCREENSHOT_DIR")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}-{label}-{width}.png"), full_page=False)


def _paused(monkeypatch, module, name, before):
    """Replace module.name so that the job stops half-way until the test releases it."""
    release = threading.Event()
    original = getattr(module, name)

    def paused(*args, **kwargs):
        before(*args, **kwargs)
        assert release.wait(60), "the test never released the job"
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, paused)
    return release


def test_staff_export_progress_fits_desktop_and_phone(live_server, page, settings, monkeypatch):
    from lk_plugin.staff import exports
    from tests import factories as f

    settings.LK_JOBS_BACKEND = "thread"
    staff = f.staff_user("staff-shots@example.ru")
    for _ in range(3):
        f.application()

    def halfway(view, queryset, fmt, progress):
        progress(4000, 10000, "Строк записано: 4000 из 10000")

    release = _paused(monkeypatch, exports, "write_spreadsheet", halfway)
    _login(page.context, live_server, staff)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/admin/lk_application/?export=xlsx")
    page.wait_for_url("**/admin/lk-jobs/**")
    page.wait_for_function(
        "() => Number(document.querySelector('[role=progressbar]').getAttribute('aria-valuenow')) >= 40"
    )
    assert "Строк записано" in page.locator("[aria-live=polite]").inner_text()
    _look(page, "staff-export")
    release.set()
    page.get_by_role("link", name="Скачать").wait_for(state="visible")
    _look(page, "staff-export-done")


def test_my_data_progress_fits_desktop_and_phone(live_server, page, settings, monkeypatch):
    from lk_plugin.accounts import export_jobs
    from tests.factories import ApplicantProfileFactory

    settings.LK_JOBS_BACKEND = "thread"
    user = ApplicantProfileFactory(snils="11223344595").user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    release = _paused(monkeypatch, export_jobs, "render_json", lambda data: None)
    _login(page.context, live_server, user)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/lk/settings/")
    page.get_by_role("button", name="Скачать JSON").click()
    page.wait_for_url("**/lk/settings/#my-data")
    page.wait_for_function(
        "() => Number(document.querySelector('[role=progressbar]').getAttribute('aria-valuenow')) >= 90"
    )
    _look(page, "my-data")
    release.set()
    page.get_by_role("link", name="Скачать").wait_for(state="visible")
    _look(page, "my-data-done")
