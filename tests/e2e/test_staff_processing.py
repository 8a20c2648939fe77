"""Journey: a specialist logs in, filters overdue applications, opens one and requests documents."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lk_plugin.applications.models import InfoRequest
from lk_plugin.notifications.models import Notification
from tests import factories as f

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _staff_urls(settings):
    settings.ROOT_URLCONF = "tests.staff.urls"


def test_staff_requests_documents_for_an_overdue_application(live_server, demo_site, page, browser):
    applicant = get_user_model().objects.get(email="demo@example.ru")
    today = timezone.localdate()
    late = f.application(applicant, status="in_progress", due_date=today - dt.timedelta(days=3))
    on_time = f.application(applicant, status="in_progress", due_date=today + dt.timedelta(days=10))

    page.goto(live_server.url + "/accounts/login/?next=/admin/")
    page.fill("input[name=login]", "staff@example.ru")
    page.fill("input[name=password]", demo_site)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/admin/")

    page.goto(live_server.url + "/admin/lk_application/")
    page.locator("button:has(svg.icon-sliders)").first.click()
    page.locator("button[aria-controls=drilldown-id_overdue]").click()
    page.locator("label[for=id_overdue_1]").click()  # «Да»
    page.wait_for_url("**/admin/lk_application/?overdue=true")
    page.get_by_text(on_time.number).wait_for(state="detached")
    page.get_by_role("link", name=late.number).click()
    page.wait_for_url(f"**/admin/lk_application/inspect/{late.pk}/")

    page.fill("textarea[name=request_info-message]", "Приложите недостающие документы")
    page.fill("textarea[name=request_info-items]", "План расположения\nДоверенность")
    page.locator("button[data-lk-action=request_info]").click()
    page.get_by_text("Запрос отправлен заявителю").wait_for()
    assert page.locator("[data-lk-status]").first.inner_text().strip().lower() == "требуются сведения"

    # The applicant side: the request is stored and the applicant has it in the cabinet notifications.
    request = InfoRequest.objects.get(application=late)
    assert request.items == ["План расположения", "Доверенность"]
    notification = Notification.objects.filter(user=applicant, event="application_info_requested").latest(
        "pk"
    )
    assert late.number in notification.title and "Доверенность" in notification.body

    # …and sees it in the cabinet: a separate browser session signed in as the applicant.
    context = browser.new_context(locale="ru-RU")
    applicant_page = context.new_page()
    applicant_page.goto(live_server.url + "/accounts/login/")
    applicant_page.fill("main input[name=login]", "demo@example.ru")
    applicant_page.fill("main input[name=password]", demo_site)
    applicant_page.locator("main form button[type=submit]").last.click()
    applicant_page.wait_for_url("**/lk/")
    applicant_page.goto(live_server.url + late.get_absolute_url())
    body = applicant_page.locator("main")
    assert "Требуются сведения" in body.inner_text()
    assert "Доверенность" in body.inner_text()
    context.close()
