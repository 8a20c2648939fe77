from decimal import Decimal

import pytest

pytestmark = pytest.mark.e2e


def test_applicant_enters_a_reading_and_sees_it_in_history(live_server, demo_site, page, settings):
    from lk_plugin.metering.models import Meter

    settings.LK_METER_READING_WINDOW = None  # the journey must not depend on the day it runs
    meter = Meter.objects.get(serial_number="41234567")
    latest = meter.readings.counted().order_by("-taken_on", "-pk").first()
    new_value = f"{latest.value_t1 + Decimal('12.5'):.1f}".replace(".", ",")

    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", "demo@example.ru")
    page.fill("input[name=password]", demo_site)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator("[type=submit]").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/lk/meters/")
    card = page.locator(".lk-meter").filter(has_text="41234567")
    card.get_by_role("link", name="Передать показания").click()
    page.wait_for_url(f"**/lk/meters/{meter.pk}/reading/")
    page.get_by_label("Показания: Общий (Т1), кВт·ч").fill(new_value)
    page.get_by_role("button", name="Ввести").click()
    page.wait_for_url(f"**/lk/meters/{meter.pk}/")
    assert "Показания переданы" in page.locator(".lk-messages").inner_text()
    first_row = page.locator("table.lk-readings tbody tr").first
    assert new_value in first_row.inner_text().replace(" ", "")
    assert "Заявитель" in first_row.inner_text()
