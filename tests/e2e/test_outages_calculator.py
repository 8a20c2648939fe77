import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_search_an_address_on_the_schedule(live_server, demo_site, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Плановые отключения").first.click()
    page.wait_for_url("**/otklyucheniya/")
    page.get_by_label("Адрес").first.fill("улица лёнина 15")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_url(re.compile(r"q="))
    expect(page.get_by_role("status").first).to_contain_text("По адресу «улица лёнина 15» найдено")
    rows = page.locator("tbody tr")
    expect(rows.filter(has_text="ул. Ленина, 1-15")).to_have_count(1)  # the demo's outage for tomorrow
    assert rows.count() == rows.filter(has_text="ул. Ленина").count()
    expect(page.get_by_role("link", name="Календарь (.ics)")).to_have_attribute(
        "href", re.compile(r"feed\.ics\?q=")
    )


def test_compute_a_fee_and_start_an_application(live_server, demo_site, page):
    page.goto(live_server.url + "/kalkulyator/")
    page.get_by_label("Физическое лицо").check()
    page.get_by_label("Максимальная мощность, кВт").fill("15")
    page.get_by_label("Уровень напряжения").select_option("0.4")
    page.get_by_label("Категория надёжности").select_option("III")
    page.get_by_label("Год подачи заявки").fill("2026")
    page.get_by_role("button", name="Рассчитать").click()
    expect(page.locator(".calc__total")).to_contain_text("5 000,00 ₽")
    expect(page.locator(".calc__breakdown")).to_contain_text("Плата для физических лиц до 15 кВт")
    page.get_by_label("Год подачи заявки").fill("2027")
    page.get_by_role("button", name="Рассчитать").click()
    expect(page.get_by_role("alert")).to_contain_text("на 2027 год ещё не опубликованы")
    page.get_by_label("Год подачи заявки").fill("2026")
    page.get_by_role("button", name="Рассчитать").click()
    page.get_by_role("link", name="Подать заявку").click()
    # The demo's ТП form page, carrying the calculated values (the form prefills a new draft with them;
    # tests/calculator/test_calculator.py follows the draft).
    page.wait_for_url(re.compile(r"/zayavka-tp/\?.*max_power_kw=15"))
    assert "voltage_level=0.4" in page.url and "reliability_category=III" in page.url
